package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;
import jp.mamori.console.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost and nothing counted twice when either side dies mid-stream: the real jars, real SQLite
 * files, SIGKILL at moments when delivery is known to be in progress.
 */
class CrashIT {
  static final int TOTAL = 2000;
  static final int PROBLEMS = 40;
  static final Pattern URL = Pattern.compile("(http://\\S+)");

  @TempDir Path tmp;
  Vertx vertx;
  int port;
  Path consoleData;
  Path agentConfig;
  Path outboxDb;
  final Random random = new Random(42);
  final List<Long> depthsAtKill = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    consoleData = tmp.resolve("console");
    agentConfig = tmp.resolve("box/agent.conf");
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  JarProcess startConsole(int n) throws Exception {
    JarProcess console = JarProcess.start(JarProcess.CONSOLE_JAR, tmp.resolve("logs/console-" + n + ".log"),
        "serve", "--data", consoleData.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port));
    console.await(Pattern.compile("listening on (http://\\S+)"), 60);
    return console;
  }

  JarProcess startAgent(int n) throws Exception {
    return JarProcess.start(JarProcess.AGENT_JAR, tmp.resolve("logs/agent-" + n + ".log"), "run", "--config", agentConfig.toString());
  }

  /** Operator bootstraps a chamber and company through the API; the agent enrolls with the CLI. */
  void enrollBox(String url) throws Exception {
    List<String> initial = Files.readAllLines(consoleData.resolve("initial-admin-password"));
    ApiClient operator = new ApiClient(vertx, url).login(initial.get(0), initial.get(1));
    long chamber = operator.post("/api/v1/chambers", new JsonObject().put("slug", "crash-test").put("name", "試験商工会議所"))
        .bodyAsJsonObject().getLong("id");
    long sme = operator.post("/api/v1/smes", new JsonObject().put("chamberId", chamber).put("name", "試験工業")).bodyAsJsonObject().getLong("id");
    String token = operator.post("/api/v1/smes/" + sme + "/enrollment-tokens", new JsonObject()).bodyAsJsonObject().getString("token");
    try (JarProcess enroll = JarProcess.start(JarProcess.AGENT_JAR, tmp.resolve("logs/enroll.log"),
        "enroll", "--console", url, "--token", token, "--config", agentConfig.toString())) {
      assertThat(enroll.waitFor(60)).isZero();
    }
    AgentConfig cfg = AgentConfig.load(agentConfig).with(AgentConfig.OUTBOX_BATCH, "10");
    cfg.save(agentConfig);
    outboxDb = cfg.dataDir(agentConfig).resolve("outbox.db");
    Findings.fillOutbox(outboxDb, Findings.spread(TOTAL, PROBLEMS, Instant.parse("2026-11-22T00:00:00Z")));
  }

  long consoleFindings() throws Exception {
    Path db = consoleData.resolve("console.db");
    if (!Files.exists(db)) {
      return 0;
    }
    try (Connection c = Sqlite.openReader(db)) {
      return Jdbc.count(c, "SELECT COUNT(*) FROM findings");
    }
  }

  /** Waits until the value moves away from where it was, i.e. delivery is under way right now. */
  void awaitProgress(ThrowingLong probe, long from, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (probe.get() == from) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no delivery progress within " + seconds + " s (still " + from + ")");
      }
      Thread.sleep(20);
    }
  }

  interface ThrowingLong {
    long get() throws Exception;
  }

  void awaitDrained(int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (Findings.outboxDepth(outboxDb) > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("outbox still holds " + Findings.outboxDepth(outboxDb) + " items after " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }

  void assertConsoleHoldsExactlyEverything() throws Exception {
    try (Connection c = Sqlite.openReader(consoleData.resolve("console.db"))) {
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM findings")).isEqualTo(TOTAL);
      assertThat(Jdbc.count(c, "SELECT COUNT(DISTINCT id) FROM findings")).isEqualTo(TOTAL);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM alerts")).isEqualTo(PROBLEMS);
      assertThat(Jdbc.count(c, "SELECT SUM(occurrences) FROM alerts")).as("no finding counted twice").isEqualTo(TOTAL);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM tickets")).as("one ticket per high alert").isEqualTo(PROBLEMS / 5);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM findings WHERE alert_id IS NULL")).isZero();
      assertThat(Jdbc.one(c, "PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow()).isEqualTo("ok");
    }
  }

  @Test
  void agentKilledMidStreamLosesNothing() throws Exception {
    try (JarProcess console = startConsole(0)) {
      enrollBox("http://127.0.0.1:" + port + "/");
      for (int i = 0; i < 5; i++) {
        try (JarProcess agent = startAgent(i)) {
          long before = Findings.outboxDepth(outboxDb);
          awaitProgress(() -> Findings.outboxDepth(outboxDb), before, 60);
          Thread.sleep(random.nextInt(150));
          agent.kill();
          depthsAtKill.add(Findings.outboxDepth(outboxDb));
        }
        try (Connection c = Sqlite.open(outboxDb)) {
          assertThat(Jdbc.one(c, "PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow()).isEqualTo("ok");
        }
      }
      assertThat(depthsAtKill).as("every kill hit a stream in progress").allMatch(d -> d > 0 && d < TOTAL);
      try (JarProcess agent = startAgent(99)) {
        awaitDrained(120);
        assertThat(agent.stop()).as("SIGTERM ends the agent cleanly (systemd SuccessExitStatus=143)").isIn(0, 143);
      }
      assertConsoleHoldsExactlyEverything();
    }
  }

  @Test
  void consoleKilledMidStreamLosesNothing() throws Exception {
    JarProcess console = startConsole(0);
    try {
      enrollBox("http://127.0.0.1:" + port + "/");
      try (JarProcess agent = startAgent(0)) {
        for (int i = 1; i <= 4; i++) {
          long before = consoleFindings();
          awaitProgress(this::consoleFindings, before, 90);
          Thread.sleep(random.nextInt(150));
          console.kill();
          depthsAtKill.add(Findings.outboxDepth(outboxDb));
          console = startConsole(i);
        }
        awaitDrained(180);
        assertThat(agent.alive()).isTrue();
      }
      assertThat(depthsAtKill).as("every kill hit a stream in progress").allMatch(d -> d > 0 && d < TOTAL);
      assertConsoleHoldsExactlyEverything();
    } finally {
      console.close();
    }
  }
}
