package jp.mamori.agent.local;

/** The configuration keys of the box's local pages. */
public final class LocalServer {
  /** Port of the local pages (the package sets 80); no key: no local pages. 0 picks a free port (tests). */
  public static final String PORT = "local.port";
  /** Address to listen on (default every interface, 0.0.0.0). */
  public static final String HOST = "local.host";
  /** Announce mamori.local and the page over mDNS on the LAN interface (default false; the package sets true). */
  public static final String MDNS = "local.mdns";
  /** A range to propose instead of the one derived from the box's interfaces (labs and tests; loopback allowed). */
  public static final String SCOPE_PROPOSAL = "local.scope-proposal";
  /** More names a browser may use for the box besides mamori.local, its host name and IP addresses. */
  public static final String HOST_NAMES = "local.host-names";

  private LocalServer() {}
}
