package jp.mamori.checks.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host arithmetic: which URLs belong to the same site, what an origin is, which addresses are private. */
public final class Sites {
  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
  // second-level labels under which registrations happen (example.co.jp, example.com.au)
  private static final Set<String> SECOND_LEVEL = Set.of("co", "or", "ne", "ac", "ad", "ed", "go", "gr", "lg", "com",
      "net", "org", "gov", "edu");

  private Sites() {}

  public static String host(URI uri) {
    String h = uri.getHost();
    return h == null ? "" : h.toLowerCase(Locale.ROOT);
  }

  public static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** scheme://host[:port] with default ports left out. */
  public static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
    int p = port(uri);
    boolean defaultPort = (scheme.equals("https") && p == 443) || (scheme.equals("http") && p == 80);
    String h = host(uri);
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return scheme + "://" + h + (defaultPort ? "" : ":" + p);
  }

  public static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || host.contains(":") || host.startsWith("[");
  }

  /** Names that never exist in public DNS (RFC 6761 and friends): no DNS query is ever sent for them. */
  public static boolean isSpecialUseName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return !h.contains(".") || h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".test")
        || h.endsWith(".invalid") || h.endsWith(".example") || h.endsWith(".local") || h.endsWith(".internal")
        || h.endsWith(".home.arpa");
  }

  /** The registrable part of a name (example.co.jp for www.example.co.jp); IP literals stay as they are. */
  public static String registrableDomain(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (isIpLiteral(h)) {
      return h;
    }
    String[] labels = h.split("\\.");
    if (labels.length <= 2) {
      return h;
    }
    int n = labels.length;
    boolean nested = labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2]);
    int keep = nested ? 3 : 2;
    StringBuilder sb = new StringBuilder();
    for (int i = n - keep; i < n; i++) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(labels[i]);
    }
    return sb.toString();
  }

  /**
   * What counts as "this site": the registrable domain, or host:port for IP literals and localhost (where a
   * different port is a different server).
   */
  public static String siteKey(URI uri) {
    String h = host(uri);
    if (isIpLiteral(h) || !h.contains(".")) {
      return h + ":" + port(uri);
    }
    return registrableDomain(h);
  }

  public static boolean sameSite(URI a, URI b) {
    return siteKey(a).equals(siteKey(b));
  }

  /** Loopback, RFC 1918, ULA, link-local, CGNAT, unspecified and multicast: never a redirect target from a public site. */
  public static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254);
    }
    return (b[0] & 0xfe) == 0xfc;
  }

  /** Parses an IP literal without any DNS query; empty for names. */
  public static InetAddress literal(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!isIpLiteral(h)) {
      return null;
    }
    try {
      return InetAddress.getByName(h);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Resolves href against base; null for anything that is not http(s) or does not parse. */
  public static URI resolve(URI base, String href) {
    if (href == null) {
      return null;
    }
    String h = href.strip();
    if (h.isEmpty() || h.length() > 4096) {
      return null;
    }
    try {
      URI u = base.resolve(asciiHost(h).replace(" ", "%20"));
      String scheme = u.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || u.getHost() == null) {
        return null;
      }
      return u;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final Pattern AUTHORITY = Pattern.compile("^((?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//)([^/?#@]*@)?([^/?#:]+)");

  /**
   * The URL with an internationalised host written in punycode (code.jquеry.com with a Cyrillic е becomes
   * code.xn--jqury-…): java.net.URI gives such a host no name at all, and the resource would go unseen.
   */
  static String asciiHost(String href) {
    Matcher m = AUTHORITY.matcher(href);
    if (!m.find() || m.group(3).chars().allMatch(c -> c < 0x80)) {
      return href;
    }
    try {
      String host = java.net.IDN.toASCII(m.group(3), java.net.IDN.ALLOW_UNASSIGNED);
      return m.group(1) + (m.group(2) == null ? "" : m.group(2)) + host + href.substring(m.end());
    } catch (IllegalArgumentException e) {
      return href;
    }
  }

  /** The URL without fragment, for de-duplicating pages. */
  public static URI withoutFragment(URI u) {
    String s = u.toString();
    int hash = s.indexOf('#');
    return hash < 0 ? u : URI.create(s.substring(0, hash));
  }
}
