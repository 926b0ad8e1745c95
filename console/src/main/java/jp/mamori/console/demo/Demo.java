package jp.mamori.console.demo;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.mamori.common.Args;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ConsoleServer;
import jp.mamori.console.Main;
import jp.mamori.console.Services;
import jp.mamori.console.auth.PasswordHasher;
import jp.mamori.console.auth.Role;
import jp.mamori.console.auth.Tokens;
import jp.mamori.console.auth.Users;

/**
 * {@code demo}: the whole loop on one machine, all on loopback — console with embedded SQLite, a seeded
 * chamber, advisor and company, the real agent enrolled as a child process, a demo website with one
 * planted compromise and simulated office devices it checks by explicit host:port (no range sweep).
 */
public final class Demo {
  private static final String MARKER = ".mamori-demo";
  static final String ADVISOR = "advisor@demo.mamori.jp";
  static final String CHAMBER_ADMIN = "chamber-admin@demo.mamori.jp";
  static final String OWNER = "owner@sakura.demo.mamori.jp";

  private Demo() {}

  public static int run(Args args, PrintStream out, PrintStream err) throws Exception {
    Path data = Path.of(args.option("data").orElse("demo-data")).toAbsolutePath();
    int port = args.intOption("port", 8080, 0, 65535);
    Path agentJar = agentJar(args.option("agent-jar")).orElse(null);
    if (agentJar == null) {
      err.println("mamori-console demo: cannot find mamori-agent.jar; build it (mvn -B package -DskipTests) or pass --agent-jar PATH");
      return 1;
    }
    prepare(data);
    Vertx vertx = Vertx.vertx();
    ConsoleServer console = new ConsoleServer(new ConsoleServer.Options(data.resolve("console"), "127.0.0.1", port, Optional.empty(),
        Optional.empty(), PasswordHasher.DEFAULT_ITERATIONS), Clock.systemUTC());
    try {
      vertx.deployVerticle(console).await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      vertx.close();
      if (e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")) {
        err.println("mamori-console demo: port " + port + " is in use; choose another with --port N (0 = any free port)");
      } else {
        err.println("mamori-console demo: cannot start the console: " + e.getMessage());
      }
      return 1;
    }
    Services s = console.services();
    DemoSite site = new DemoSite();
    SimulatedDevices devices = new SimulatedDevices();
    int sitePort = site.start(vertx).await(30, TimeUnit.SECONDS);
    List<SimulatedDevices.Device> started = devices.start(vertx).await(30, TimeUnit.SECONDS);
    String siteUrl = "http://127.0.0.1:" + sitePort + "/";

    String advisorPassword = password();
    String adminPassword = password();
    String ownerPassword = password();
    String token = seed(s, siteUrl, advisorPassword, adminPassword, ownerPassword);

    out.println("Mamori デモ / demo console: " + console.url());
    out.println("  アドバイザー / advisor        : " + ADVISOR + "  パスワード / password: " + advisorPassword);
    out.println("  会議所管理者 / chamber admin  : " + CHAMBER_ADMIN + "  パスワード / password: " + adminPassword);
    out.println("  企業オーナー / company owner  : " + OWNER + "  パスワード / password: " + ownerPassword);
    out.println("  デモ企業サイト / demo website : " + siteUrl + "  (改ざんを1件仕込んであります / one planted compromise)");
    out.println("  模擬機器 / simulated devices  :");
    for (SimulatedDevices.Device d : started) {
      out.println("    127.0.0.1:" + d.port() + "  " + d.nameJa() + " / " + d.name() + " — " + d.weakness());
    }
    out.println("  データ / data: " + data + "   エージェントのログ / agent log: " + data.resolve("agent.log"));
    out.flush();

    Path config = data.resolve("agent/agent.conf");
    Process agent;
    try {
      agent = startAgent(agentJar, data, config, console.url(), token, siteUrl, started, out);
    } catch (Exception e) {
      err.println("mamori-console demo: the agent did not start: " + e.getMessage() + " (see " + data.resolve("agent.log") + ")");
      vertx.close();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.destroy();
      try {
        agent.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      agent.destroyForcibly();
    }, "mamori-demo-agent-stop"));
    progress(vertx, s, out);
    Main.awaitShutdown(vertx);
    return 0;
  }

  private static String password() {
    return Tokens.random("").replaceAll("[-_]", "").substring(0, 14);
  }

  static Optional<Path> agentJar(Optional<String> explicit) throws URISyntaxException {
    if (explicit.isPresent()) {
      Path p = Path.of(explicit.get());
      return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("agent/target/mamori-agent.jar"));
    Path self = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = Files.isDirectory(self) ? self : self.getParent();
    candidates.add(dir.resolve("../../agent/target/mamori-agent.jar"));
    candidates.add(dir.resolve("mamori-agent.jar"));
    candidates.add(Path.of("/usr/share/mamori/mamori-agent.jar"));
    return candidates.stream().filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).findFirst();
  }

  /** A demo directory is recreated on each start; any other non-empty directory is left alone. */
  static void prepare(Path data) throws IOException {
    if (Files.isDirectory(data)) {
      try (Stream<Path> entries = Files.list(data)) {
        boolean empty = entries.findAny().isEmpty();
        if (!empty && !Files.exists(data.resolve(MARKER))) {
          throw new IllegalArgumentException("--data " + data + " is not empty and not a demo directory; choose another");
        }
      }
      try (Stream<Path> walk = Files.walk(data)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(data);
    Files.writeString(data.resolve(MARKER), "created by mamori-console demo; deleted and recreated on each demo start\n");
  }

  private static String seed(Services s, String siteUrl, String advisorPw, String adminPw, String ownerPw) throws Exception {
    String advisorHash = s.users().hash(advisorPw);
    String adminHash = s.users().hash(adminPw);
    String ownerHash = s.users().hash(ownerPw);
    return s.db().write(c -> {
      long chamber = s.tenants().createChamber(c, "demo-cci", "デモ商工会議所");
      long sme = s.tenants().createSme(c, chamber, new JsonObject().put("name", "さくら製作所").put("industry", "製造業")
          .put("website", siteUrl).put("address", "大阪府大阪市北区梅田1-1-1").put("contactName", "佐倉 一郎")
          .put("contactEmail", OWNER).put("contactPhone", "06-0000-0000"));
      long admin = s.users().create(c, new Users.NewUser(CHAMBER_ADMIN, "会議所 管理者", adminPw, Role.CHAMBER_ADMIN, Set.of(chamber), null), adminHash);
      s.users().create(c, new Users.NewUser(ADVISOR, "相談員 山田", advisorPw, Role.ADVISOR, Set.of(chamber), null), advisorHash);
      s.users().create(c, new Users.NewUser(OWNER, "佐倉 一郎", ownerPw, Role.OWNER, Set.of(), sme), ownerHash);
      s.portal().advisories.publish(c, chamber, new jp.mamori.console.advisories.Advisories.Draft("warning", "取引先を装った請求書メールにご注意ください",
          "取引先を装い、振込先の変更を求めるメールが会員企業に届いています。振込先の変更は、メールではなく電話で取引先に確かめてください。",
          "Beware of invoice e-mails pretending to be business partners",
          "Members are receiving e-mails that pretend to come from partners and ask to change bank details. Confirm by phone."), admin);
      return s.boxes().createToken(c, sme, admin, java.time.Duration.ofDays(1));
    }).await(2, TimeUnit.MINUTES);
  }

  private static Process startAgent(Path jar, Path data, Path config, String consoleUrl, String token, String siteUrl,
      List<SimulatedDevices.Device> devices, PrintStream out) throws Exception {
    File log = data.resolve("agent.log").toFile();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process enroll = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "enroll",
        "--console", consoleUrl, "--token", token, "--config", config.toString(), "--data-dir", data.resolve("agent/data").toString(),
        "--hostname", "mamori-demo-box")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    if (!enroll.waitFor(2, TimeUnit.MINUTES) || enroll.exitValue() != 0) {
      throw new IllegalStateException("enroll exited with " + (enroll.isAlive() ? "timeout" : enroll.exitValue()));
    }
    List<String> targets = devices.stream().map(d -> "127.0.0.1:" + d.port()).toList();
    // one box next to its console: no fleet to spread out after an outage
    String lines = "sites = " + siteUrl + "\nlan.targets = " + String.join(",", targets) + "\nheartbeat.seconds = 15\n"
        + "checks.run-on-start = true\noutbox.replay-delay-seconds = 0\n";
    Files.writeString(config, Files.readString(config) + lines);
    out.println("  エージェントを登録しました / agent enrolled; checking the website and " + targets.size() + " devices now…");
    out.flush();
    return new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx96m", "-jar", jar.toString(), "run", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
  }

  /** Tells the person at the terminal what has happened so far, until the loop has closed once. */
  private static void progress(Vertx vertx, Services s, PrintStream out) {
    long[] last = {-1, -1, -1};
    long[] timer = {0};
    timer[0] = vertx.setPeriodic(2000, id -> s.db().read(c -> new long[] {
        s.boxes().countOnline(c), Jdbc.count(c, "SELECT COUNT(*) FROM findings"), s.tickets().countLive(c)}).onSuccess(n -> {
          if (n[0] != last[0] || n[1] != last[1] || n[2] != last[2]) {
            out.println("  状況 / status: ボックス稼働 boxes online " + n[0] + " · 検出 findings " + n[1] + " · 相談チケット tickets " + n[2]);
            out.flush();
            System.arraycopy(n, 0, last, 0, 3);
          }
          if (n[0] >= 1 && n[2] >= 1 && n[1] > 0) {
            out.println("  準備完了 / ready: ログインしてチケットをご覧ください — log in and open the tickets. Ctrl-C で終了 / to stop.");
            out.flush();
            vertx.cancelTimer(timer[0]);
          }
        }));
  }
}
