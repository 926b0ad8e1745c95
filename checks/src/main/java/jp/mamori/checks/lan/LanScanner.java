package jp.mamori.checks.lan;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;

/**
 * One LAN hygiene scan: discovery (TCP connect, UDP nudges, the ARP table, NetBIOS/SSDP/mDNS names),
 * service identification by banner/protocol, then the point 1/3/4/5 checks of every service found.
 * Either a consented scope (a range) or an explicit list of host:port targets (probes exactly those).
 */
public final class LanScanner {

  /** Every check a full scan runs (coverage of a light scan is narrower, see {@link #LIGHT_CHECKS}). */
  public static final List<String> LIGHT_CHECKS = List.of("lan.smb1", "lan.smb-dialect", "lan.smb-version", "lan.windows-eol",
      "lan.eol-software", "lan.possible-cve", "lan.tls-legacy", "lan.snmp-community", "lan.no-auth", "lan.telnet-open",
      "lan.smb-guest-share", "lan.ftp-anonymous", "lan.nfs-everyone", "lan.upnp-mapping", "lan.console-open");

  public record Options(Scope scope, List<Target> targets, List<Integer> tcpPorts, int rate, int inFlight, boolean light,
      Duration timeout, JsonObject previousInventory, Path arpTable) {

    public static Options scope(Scope scope) {
      return new Options(scope, null, null, Pace.DEFAULT_RATE, Pace.DEFAULT_IN_FLIGHT, false, Duration.ofMillis(1500), null,
          Path.of("/proc/net/arp"));
    }

    public static Options targets(List<Target> targets) {
      return new Options(null, List.copyOf(targets), null, Pace.DEFAULT_RATE, Pace.DEFAULT_IN_FLIGHT, false,
          Duration.ofMillis(1500), null, Path.of("/proc/net/arp"));
    }

    public Options withPorts(List<Integer> ports) {
      return new Options(scope, targets, ports, rate, inFlight, light, timeout, previousInventory, arpTable);
    }

    public Options withRate(int r) {
      return new Options(scope, targets, tcpPorts, r, inFlight, light, timeout, previousInventory, arpTable);
    }

    public Options withLight(boolean l) {
      return new Options(scope, targets, tcpPorts, rate, inFlight, l, timeout, previousInventory, arpTable);
    }

    public Options withTimeout(Duration t) {
      return new Options(scope, targets, tcpPorts, rate, inFlight, light, t, previousInventory, arpTable);
    }

    public Options withPrevious(JsonObject previous) {
      return new Options(scope, targets, tcpPorts, rate, inFlight, light, timeout, previous, arpTable);
    }
  }

  public record Result(CheckRun run, Inventory inventory, List<String> errors, long probes) {
    public JsonObject inventoryJson() {
      return inventory.toJson().put("scannedAt", run.finishedAt().toString());
    }
  }

  private static final int DISCOVERY_PORTS_PER_HOST = 6;
  private static final List<Integer> DISCOVERY_PORTS = List.of(80, 443, 445, 22, 139, 9100);
  /** Claimed for a host by port when it is not claimed whole: SNMP and SSDP/UPnP are asked of every live host. */
  private static final List<Integer> UDP_CLAIMED = List.of(161, 1900);

  private final Clock clock;
  private final LanData data;

  public LanScanner(Clock clock) {
    this(clock, LanData.get());
  }

  /** A scanner using the given rule data (a box's verified copy from its console). */
  public LanScanner(Clock clock, LanData data) {
    this.clock = clock;
    this.data = data;
  }

  public Result scan(Options o) throws InterruptedException {
    if ((o.scope() == null) == (o.targets() == null)) {
      throw new IllegalArgumentException("give either a scope or explicit targets");
    }
    if (o.targets() != null) {
      for (Target t : o.targets()) {
        InetAddress a = t.host();
        if (!a.isLoopbackAddress() && !Scope.isPrivate(a)) {
          throw new IllegalArgumentException("target " + t + " is not a private or loopback address; public addresses are never scanned");
        }
      }
    }
    Instant started = clock.instant();
    Pace pace = new Pace(o.rate(), o.inFlight());
    LanContext ctx = new LanContext(pace, clock, o.timeout(), !o.light(), data);
    ExecutorService checks = Executors.newFixedThreadPool(Math.min(16, o.inFlight()), daemon("mamori-check"));
    List<String> coverage = new ArrayList<>();
    List<Target> open = List.of();
    try {
      Set<InetAddress> live;
      List<InetAddress> udpHosts;
      if (o.targets() != null) {
        open = new ArrayList<>();
        udpHosts = List.of();
        live = new LinkedHashSet<>();
        List<Target> udpOnly = new ArrayList<>();
        // explicit targets close politely (no RST)
        List<Boolean> answers = ConnectSweep.run(o.targets(), pace, o.timeout(), false);
        for (int i = 0; i < o.targets().size(); i++) {
          Target t = o.targets().get(i);
          (Boolean.TRUE.equals(answers.get(i)) ? open : udpOnly).add(t);
          coverage.add(t.text());
        }
        open.forEach(t -> live.add(t.host()));
        runChecks(open, ctx, checks, true);
        List<Future<?>> udp = new ArrayList<>();
        try (Snmp snmp = new Snmp()) {
          for (Target t : udpOnly) {
            udp.add(checks.submit(() -> {
              if (t.port() == 1900) {
                Upnp.check(t.host(), t.port(), ctx);
              } else if (t.port() == 137) {
                Netbios.query(t.host(), t.port(), ctx);
              } else {
                snmp.check(t.host(), t.port(), ctx);
              }
              return null;
            }));
          }
          await(udp);
        } catch (IOException e) {
          ctx.error("snmp: " + e.getMessage());
        }
      } else {
        Scope scope = o.scope();
        List<InetAddress> hosts = scope.hosts();
        Set<InetAddress> alive = ConcurrentHashMap.newKeySet();
        List<Target> found = new ArrayList<>();
        // phase 1: UDP nudges (NetBIOS node status makes the kernel ARP for every address) and a few TCP ports
        Future<?> nudge = checks.submit(() -> alive.addAll(Netbios.sweep(hosts, ctx)));
        List<Integer> ports = o.tcpPorts() != null ? o.tcpPorts()
            : ctx.data().tcpPorts(o.light()).stream().map(LanData.Port::port).toList();
        List<Integer> first = DISCOVERY_PORTS.stream().filter(ports::contains).limit(DISCOVERY_PORTS_PER_HOST).toList();
        sweep(hosts, first, pace, o.timeout(), alive, found);
        await(List.of(nudge));
        if (!scope.isLoopback()) {
          Mdns.browse(scope, ctx, 2000);
          for (String ip : ctx.inventory().devices().keySet()) {
            try {
              alive.add(InetAddress.getByName(ip));
            } catch (IOException ignored) {
              // not an address
            }
          }
        }
        Map<String, String> arp = Arp.read(o.arpTable());
        arp.forEach((ip, mac) -> {
          try {
            InetAddress a = InetAddress.getByName(ip);
            if (scope.contains(a)) {
              alive.add(a);
              ctx.inventory().device(ip).mac(mac, ctx.data().vendor(mac).orElse(null));
            }
          } catch (IOException ignored) {
            // not an address
          }
        });
        // phase 2: the rest of the port list on live hosts only
        List<InetAddress> liveHosts = hosts.stream().filter(alive::contains).toList();
        List<Integer> rest = ports.stream().filter(p -> !first.contains(p)).toList();
        sweep(liveHosts, rest, pace, o.timeout(), alive, found);
        open = new ArrayList<>(found);
        live = new LinkedHashSet<>(hosts.stream().filter(alive::contains).toList());
        udpHosts = new ArrayList<>(live);
        // claim only what was really checked: live hosts (a device that is switched off keeps its alerts)
        for (InetAddress h : live) {
          if (o.light()) {
            for (int p : ports) {
              coverage.add(new Target(h, p).text());
            }
            for (int p : UDP_CLAIMED) {
              coverage.add(new Target(h, p).text());
            }
          } else {
            coverage.add(h.getHostAddress());
          }
        }
        if (coverage.isEmpty()) {
          coverage.add(scope.toString());
        }
        Future<?> snmpSweep = checks.submit(() -> {
          try (Snmp snmp = new Snmp()) {
            snmp.sweep(udpHosts, 161, ctx);
          } catch (IOException e) {
            ctx.error("snmp: " + e.getMessage());
          }
          return null;
        });
        Future<?> ssdp = checks.submit(() -> Upnp.sweep(udpHosts, ctx));
        runChecks(open, ctx, checks, false);
        await(List.of(snmpSweep, ssdp));
      }
      for (InetAddress h : live) {
        ctx.inventory().device(h.getHostAddress());
      }
      inventoryFindings(ctx, o);
    } finally {
      checks.shutdownNow();
      checks.awaitTermination(5, TimeUnit.SECONDS);
    }
    List<String> checkIds = o.light() ? new ArrayList<>(LIGHT_CHECKS) : new ArrayList<>(List.of("lan."));
    if (o.light() && o.scope() != null) {
      checkIds.add("lan.new-device");
    }
    List<String> claimed = claimed(coverage, open, ctx.unfinished());
    if (claimed.isEmpty()) {
      claimed.add(o.scope() != null ? o.scope().toString() : "none");
    }
    CheckRun run = new CheckRun(UUID.randomUUID(), checkIds, claimed, started, clock.instant(), ctx.findings());
    return new Result(run, ctx.inventory(), ctx.errors(), pace.probes());
  }

  /**
   * What the run may claim to have checked: its coverage without the services whose check did not finish. A bare
   * host with such a service is narrowed to its other open ports and its SNMP and UPnP answers, so the host's own
   * alerts (and the unfinished service's) stay open until a run finishes there.
   */
  static List<String> claimed(List<String> coverage, List<Target> open, Set<Target> unfinished) {
    List<String> out = new ArrayList<>();
    for (String c : coverage) {
      if (unfinished.stream().anyMatch(u -> u.text().equals(c))) {
        continue;
      }
      Optional<Target> cut = unfinished.stream().filter(u -> u.hostText().equals(c)).findFirst();
      if (cut.isEmpty()) {
        out.add(c);
        continue;
      }
      Set<String> narrowed = new LinkedHashSet<>();
      for (Target t : open) {
        if (t.hostText().equals(c) && !unfinished.contains(t)) {
          narrowed.add(t.text());
        }
      }
      for (int p : UDP_CLAIMED) {
        narrowed.add(new Target(cut.get().host(), p).text());
      }
      out.addAll(narrowed);
    }
    return out;
  }

  private static void inventoryFindings(LanContext ctx, Options o) {
    Set<String> known = Inventory.knownKeys(o.previousInventory());
    boolean haveBaseline = o.scope() != null && o.previousInventory() != null && !known.isEmpty();
    for (Inventory.Device d : ctx.inventory().devices().values()) {
      Finding.Builder b = ctx.finding("lan.device", d.ip, d.ip).arg("summary", HttpCheck.clip(d.summary(), 120));
      JsonObject j = d.toJson();
      b.evidence("mac", j.getString("mac")).evidence("vendor", j.getString("vendor")).evidence("names", j.getJsonArray("names"))
          .evidence("services", j.getJsonObject("services")).evidence("notes", j.getJsonArray("notes"));
      ctx.add(b);
      if (haveBaseline) {
        String mac = d.mac();
        boolean seen = known.contains("ip:" + d.ip) && (mac == null || known.contains("mac:" + mac) || !hasMacs(known))
            || (mac != null && known.contains("mac:" + mac));
        if (!seen) {
          ctx.add(ctx.finding("lan.new-device", d.ip, d.ip).arg("vendor", d.vendor() == null ? "メーカー不明 / unknown vendor" : d.vendor())
              .identity("mac", mac == null ? d.ip : mac).evidence("mac", mac).evidence("summary", d.summary()));
        }
      }
    }
  }

  private static boolean hasMacs(Set<String> known) {
    return known.stream().anyMatch(k -> k.startsWith("mac:"));
  }

  private void runChecks(List<Target> open, LanContext ctx, ExecutorService pool, boolean explicit) throws InterruptedException {
    List<Future<?>> fs = new ArrayList<>();
    for (Target t : open) {
      fs.add(pool.submit(() -> {
        try {
          checkService(t, ctx, explicit);
        } catch (IOException e) {
          ctx.unfinished(t, t + ": " + e.getMessage());
        } catch (RuntimeException e) {
          ctx.unfinished(t, t + ": " + e);
        }
        return null;
      }));
    }
    await(fs);
  }

  static void checkService(Target t, LanContext ctx, boolean explicit) throws IOException {
    Optional<String> hint = ctx.data().hint(t.port());
    if (t.port() == 111 || hint.filter(h -> h.equals("rpcbind")).isPresent()) {
      Nfs.check(t, ctx);
      return;
    }
    ServiceId.Identified id = ServiceId.identify(t, hint, ctx);
    Inventory.Device dev = ctx.inventory().device(t.hostText());
    switch (id.service()) {
      case "ssh" -> Ssh.check(t, id.bannerText(), ctx);
      case "ftp" -> Ftp.check(t, id.bannerText(), ctx);
      case "telnet" -> Telnet.check(t, id.banner(), ctx);
      case "vnc" -> Vnc.check(t, ctx);
      case "http" -> HttpCheck.check(t, false, ctx);
      case "tls" -> {
        int v = -1;
        try {
          v = Tls.negotiatedVersion(t, ctx);
        } catch (IOException e) {
          // unknown
        }
        dev.service("tcp/" + t.port(), "tls " + Tls.versionName(v));
        if (v > 0 && v < 0x0303) {
          ctx.add(ctx.finding("lan.tls-legacy", t).identity("version", Tls.versionName(v))
              .evidence("negotiated", Tls.versionName(v)).evidence("offered", "TLS 1.0-1.2"));
        } else {
          // TLS 1.2, or no ServerHello to our 1.2 offer (a TLS 1.3-only server): the JDK speaks both
          if (hint.filter(h -> h.startsWith("mqtt")).isPresent()) {
            Mqtt.check(t, true, ctx);
          } else {
            HttpCheck.check(t, true, ctx);
          }
        }
      }
      case "smb" -> Smb.check(t, ctx);
      case "redis" -> Redis.check(t, ctx);
      case "mqtt" -> Mqtt.check(t, false, ctx);
      case "mongodb" -> Mongo.check(t, ctx);
      default -> dev.service("tcp/" + t.port(), id.service() + (id.banner().length > 0 ? " " + HttpCheck.clip(id.bannerText(), 60) : ""));
    }
  }

  /** Connects to every host × port (ports outer, so one host is never hammered), recording open ports and live hosts. */
  private static void sweep(List<InetAddress> hosts, List<Integer> ports, Pace pace, Duration timeout,
      Set<InetAddress> alive, List<Target> open) throws InterruptedException {
    List<Target> targets = new ArrayList<>();
    for (int p : ports) {
      for (InetAddress h : hosts) {
        targets.add(new Target(h, p));
      }
    }
    List<Boolean> answers = ConnectSweep.run(targets, pace, timeout, true);
    for (int i = 0; i < targets.size(); i++) {
      Boolean r = answers.get(i);
      if (r != null) {
        alive.add(targets.get(i).host());
      }
      if (Boolean.TRUE.equals(r)) {
        open.add(targets.get(i));
      }
    }
  }

  private static void await(List<Future<?>> fs) throws InterruptedException {
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // each task reports its own errors
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), 256 * 1024);
      t.setDaemon(true);
      return t;
    };
  }

  /** Probe counts and the like for the CLI's summary line. */
  public static String summary(Result r) {
    return r.inventory().devices().size() + " device(s), " + r.run().findings().size() + " finding(s), " + r.probes() + " probe(s)";
  }
}
