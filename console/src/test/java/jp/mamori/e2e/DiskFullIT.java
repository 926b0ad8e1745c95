package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;
import jp.mamori.console.ApiClient;
import jp.mamori.console.demo.DemoSite;
import jp.mamori.testing.NeedsRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REAL full file system under the box: its data directory is an 8 MiB tmpfs in a private mount namespace
 * (held by a sleeping process, so agent restarts keep it; the test fills and empties it through
 * {@code nsenter}). The console is down while the box queues a backlog, then something else fills the disk,
 * and the box keeps patrolling a website on loopback (the demo site, with a planted compromise). Checked: one
 * journal line per file that could not be written, never a stack trace; the problem in the heartbeat status
 * and as a banner on the local page; every medium+ finding of every patrol reaches the console while low/info
 * ones are given up for them (and the console is told); and when the disk has room again the box recovers by
 * itself: the problem clears, its box.disk-full alert resolves and the outbox drains. Needs root (mount
 * namespaces): skips loudly without it, never with -Pci.
 */
class DiskFullIT {
  static final Pattern RUNNING = Pattern.compile("mamori-agent \\S+ running");
  static final String WIN7 = "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0";

  @TempDir Path tmp;
  Vertx vertx;
  ConsoleWithBox lab;
  Path data;
  Process holder;
  int localPort;
  final List<JarProcess> agents = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void setUp() throws Exception {
    NeedsRoot.require("DiskFullIT", "cannot mount a small file system in a private mount namespace",
        "to test the box on a really full disk");
    vertx = Vertx.vertx();
    lab = new ConsoleWithBox(tmp);
    data = tmp.resolve("box/data");
    Files.createDirectories(data);
    try (ServerSocket s = new ServerSocket(0)) {
      localPort = s.getLocalPort();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (lab != null) {
      lab.keepLogs("DiskFullIT");
    }
    for (JarProcess a : agents) {
      a.close();
    }
    if (holder != null) {
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The private mount namespace with the small tmpfs on the box's data directory, kept by a sleeping process. */
  void mountSmallDisk() throws Exception {
    holder = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o size=8m mamori-diskfull-it \"$1\" && echo mounted && exec sleep 900", "sh", data.toString())
        .redirectErrorStream(true).start();
    String first = new String(holder.getInputStream().readNBytes(8), StandardCharsets.UTF_8).strip();
    assertThat(first).as("tmpfs mounted in the namespace").isEqualTo("mounted");
  }

  List<String> inNamespace() {
    return List.of("nsenter", "--mount=/proc/" + holder.pid() + "/ns/mnt", "--");
  }

  String sh(String script) throws Exception {
    List<String> cmd = new ArrayList<>(inNamespace());
    cmd.addAll(List.of("sh", "-c", script, "sh", data.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** Fills what is left of the small disk, as a runaway log would. */
  void fillDisk(String name) throws Exception {
    String df = sh("cat /dev/zero > \"$1/" + name + "\" 2>/dev/null; df -k \"$1\" | tail -1");
    assertThat(df.strip().split("\\s+")[3]).as("no room left: " + df).isEqualTo("0");
  }

  JarProcess startAgent() throws Exception {
    JarProcess a = lab.startAgent(agents.size(), inNamespace());
    agents.add(a);
    a.await(RUNNING, 90);
    return a;
  }

  static String log(JarProcess p) throws IOException {
    return Files.exists(p.log()) ? Files.readString(p.log()) : "";
  }

  static void await(String what, int seconds, BooleanSupplier ok) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!ok.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      Thread.sleep(250);
    }
  }

  JsonObject status(ApiClient desk) {
    try {
      JsonObject box = desk.get("/api/v1/boxes/" + lab.boxId).bodyAsJsonObject();
      return box.getJsonObject("status") == null ? new JsonObject() : box.getJsonObject("status");
    } catch (Exception e) {
      return new JsonObject();
    }
  }

  static boolean hasProblem(JsonObject status, String code) {
    JsonArray h = status.getJsonArray("health", new JsonArray());
    return h.stream().anyMatch(p -> p instanceof JsonObject o && code.equals(o.getString("code")));
  }

  HttpResponse<String> local(String method, String path, String form, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + path)).timeout(Duration.ofSeconds(30))
        .header("User-Agent", WIN7);
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    } else {
      b.GET();
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A PC's self-check as its browser sends it: the form page first, for its CSRF cookie and token. */
  HttpResponse<String> selfCheck(String answers) throws Exception {
    HttpResponse<String> page = local("GET", "/check", null, null);
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(page.body());
    assertThat(token.find()).as("the self-check form carries a CSRF token").isTrue();
    String cookie = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("mamori_csrf=")).map(c -> c.split(";")[0])
        .findFirst().orElseThrow(() -> new AssertionError("no mamori_csrf cookie on /check"));
    return local("POST", "/check/result", answers + "&csrf=" + token.group(1), cookie);
  }

  long count(String sql, Object... params) throws Exception {
    try (Connection c = Sqlite.openReader(lab.consoleDb())) {
      return Jdbc.count(c, sql, params);
    }
  }

  record Run(long started, long finished) {}

  List<Run> patrols() throws Exception {
    try (Connection c = Sqlite.openReader(lab.consoleDb())) {
      return Jdbc.list(c, "SELECT started_at, finished_at FROM runs WHERE checks LIKE '%\"web.%' ORDER BY finished_at",
          rs -> new Run(rs.getLong(1), rs.getLong(2)));
    }
  }

  long webFindings(Run r, String severities) throws Exception {
    return count("SELECT COUNT(*) FROM findings WHERE check_id LIKE 'web.%' AND observed_at BETWEEN ? AND ? AND severity "
        + severities, r.started(), r.finished());
  }

  static final String ESCALATING = "IN ('high', 'critical')";
  static final String MINOR = "IN ('info', 'low')";

  @Test
  void onAReallyFullDiskTheBoxKeepsMediumPlusSaysSoOnceAndRecoversByItself() throws Exception {
    int site = new DemoSite().start(vertx).await(30, TimeUnit.SECONDS);
    JarProcess console = lab.startConsole(0);
    try {
      ApiClient desk = lab.enroll(vertx, Map.of(AgentConfig.DATA_DIR, data.toString(), AgentConfig.SITES, "http://127.0.0.1:" + site + "/",
          AgentConfig.HEARTBEAT_SECONDS, "2", AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS, "0", AgentConfig.DISK_RESERVE_MB, "1",
          "local.port", Integer.toString(localPort), "local.host", "127.0.0.1"));
      mountSmallDisk();
      JarProcess agent = startAgent();

      // a normal patrol first: what it finds, by severity
      await("the first patrol delivered", 120, () -> {
        try {
          return !patrols().isEmpty() && status(desk).getJsonObject("outbox", new JsonObject()).getLong("items", -1L) == 0;
        } catch (Exception e) {
          return false;
        }
      });
      Run baseline = patrols().get(0);
      // the planted iframe and loader are seen on every patrol (other medium findings only on the first one)
      long planted = webFindings(baseline, ESCALATING);
      assertThat(planted).as("the planted compromise").isEqualTo(2);
      assertThat(webFindings(baseline, MINOR)).as("hygiene and inventory").isPositive();

      // the console goes away; PCs take the self-check, so a backlog builds up on the box
      console.kill();
      for (int i = 1; i <= 12; i++) {
        HttpResponse<String> r = selfCheck("name=PC-" + i + "&av=no&defs=no&updates=no&eicarBlocked=false");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      Thread.sleep(3000);

      // something else fills the disk; the box keeps patrolling (it is restarted, as after a power cut)
      fillDisk("filler-0");
      Path outboxFile = data.resolve("outbox.db");
      for (int round = 1; round <= 5 && agents.stream().noneMatch(a -> logHas(a, "disk full: cannot write " + outboxFile)); round++) {
        agent.kill();
        agent = startAgent();
        JarProcess running = agent;
        // the runner also logs "NAME: started"; the round waits for the patrol's end
        String patrol = "patrol http://127.0.0.1:" + site + "/";
        await("the patrol of round " + round, 90, () -> logMatches(running, Pattern.quote(patrol) + "(: \\d+ finding| failed).*"));
        fillDisk("filler-" + round);
      }
      assertThat(agents).as("the outbox itself hit the full disk").anyMatch(a -> logHas(a, "disk full: cannot write " + outboxFile));
      for (JarProcess a : agents) {
        String text = log(a);
        List<String> full = text.lines().filter(l -> l.contains("ERROR") && l.contains("disk full")).toList();
        assertThat(full).as("one line per file, in " + a.log()).doesNotHaveDuplicates()
            .allMatch(l -> l.matches(".*disk full: cannot write \\S+ \\(free \\d.* of 8\\.0 MiB for .*"));
        assertThat(full.stream().map(l -> l.replaceAll(".*cannot write (\\S+) .*", "$1")).distinct().count()).isEqualTo(full.size());
        assertThat(text).as("no stack traces in " + a.log()).doesNotContain("\tat ").doesNotContain("Exception in thread");
      }

      // the owner sees it on the box's page; a self-check cannot be saved and says why
      HttpResponse<String> page = local("GET", "/check", null, null);
      assertThat(page.body()).contains("box-problems").contains("記録用の容量（SDカード）がいっぱいです");
      HttpResponse<String> refused = selfCheck("name=PC-new&av=yes&defs=yes&updates=yes&eicarBlocked=true");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("容量がいっぱい");

      // the console comes back while the disk is still full: the desk sees the problem in the heartbeat
      console = lab.startConsole(1);
      await("disk-full in the heartbeat status", 60, () -> hasProblem(status(desk), "disk-full"));

      // room again (the log was rotated): the box recovers by itself
      sh("rm -f \"$1\"/filler-*");
      JarProcess last = agent;
      await("disk space back", 60, () -> logHas(last, "disk space is back"));
      await("the box.disk-full alert resolved and the outbox empty", 120, () -> {
        try {
          JsonObject st = status(desk);
          return count("SELECT COUNT(*) FROM alerts WHERE check_id = 'box.disk-full' AND status = 'resolved'") == 1
              && !hasProblem(st, "disk-full") && st.getJsonObject("outbox", new JsonObject()).getLong("items", -1L) == 0
              && st.getJsonObject("outbox", new JsonObject()).getInteger("inMemory", -1) == 0;
        } catch (Exception e) {
          return false;
        }
      });
      assertThat(local("GET", "/check", null, null).body()).doesNotContain("box-problems");

      // every patrol's high findings arrived; low/info ones were given up for them at least once, and the desk was told
      List<Run> runs = patrols();
      assertThat(runs.size()).as("patrols after the baseline").isGreaterThan(1);
      boolean gaveUpMinor = false;
      for (Run r : runs) {
        assertThat(webFindings(r, ESCALATING)).as("high findings of the patrol finished at %d", r.finished()).isEqualTo(planted);
        gaveUpMinor |= webFindings(r, MINOR) == 0;
      }
      assertThat(gaveUpMinor).as("a patrol on the full disk kept only its medium+ findings").isTrue();
      assertThat(count("SELECT COUNT(*) FROM findings WHERE check_id = 'box.outbox-dropped' AND body LIKE '%\"reason\":\"disk-full\"%'"))
          .isPositive();
      assertThat(count("SELECT COUNT(*) FROM alerts WHERE check_id = 'pc.web-protection'")).as("the backlog's medium+ findings")
          .isEqualTo(12);

      assertThat(agent.stop()).isIn(0, 143);
      Path copy = tmp.resolve("outbox-copy.db");
      sh("cp \"$1/outbox.db\" '" + copy + "'");
      assertThat(ConsoleWithBox.integrity(copy)).isEqualTo("ok");
    } finally {
      console.close();
    }
  }

  static boolean logMatches(JarProcess p, String lineEnd) {
    try {
      return log(p).lines().anyMatch(l -> l.matches(".*" + lineEnd));
    } catch (IOException e) {
      return false;
    }
  }

  static boolean logHas(JarProcess p, String text) {
    try {
      return log(p).contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
