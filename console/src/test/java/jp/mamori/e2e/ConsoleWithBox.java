package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;
import jp.mamori.console.ApiClient;

/** The real console jar on a fixed loopback port (so it can be restarted) and one box enrolled to it with the agent's CLI. */
final class ConsoleWithBox {
  final Path dir;
  final int port;
  final Path consoleData;
  final Path agentConfig;
  Path outboxDb;
  String boxId;

  ConsoleWithBox(Path dir) throws Exception {
    this.dir = dir;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    consoleData = dir.resolve("console");
    agentConfig = dir.resolve("box/agent.conf");
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  Path consoleDb() {
    return consoleData.resolve("console.db");
  }

  JarProcess startConsole(int n) throws Exception {
    JarProcess console = JarProcess.start(JarProcess.CONSOLE_JAR, dir.resolve("logs/console-" + n + ".log"),
        "serve", "--data", consoleData.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port));
    console.await(Pattern.compile("listening on (http://\\S+)"), 90);
    return console;
  }

  JarProcess startAgent(int n) throws Exception {
    return startAgent(n, List.of());
  }

  JarProcess startAgent(int n, List<String> wrapper) throws Exception {
    return JarProcess.start(wrapper, JarProcess.AGENT_JAR, dir.resolve("logs/agent-" + n + ".log"), "run", "--config",
        agentConfig.toString());
  }

  /** The operator bootstraps a chamber and a company through the API; the agent enrolls with the CLI; then these config keys. */
  ApiClient enroll(Vertx vertx, Map<String, String> config) throws Exception {
    List<String> initial = Files.readAllLines(consoleData.resolve("initial-admin-password"));
    ApiClient operator = new ApiClient(vertx, url()).login(initial.get(0), initial.get(1));
    long chamber = operator.post("/api/v1/chambers", new JsonObject().put("slug", "e2e-test").put("name", "試験商工会議所"))
        .bodyAsJsonObject().getLong("id");
    long sme = operator.post("/api/v1/smes", new JsonObject().put("chamberId", chamber).put("name", "試験工業")).bodyAsJsonObject().getLong("id");
    String token = operator.post("/api/v1/smes/" + sme + "/enrollment-tokens", new JsonObject()).bodyAsJsonObject().getString("token");
    try (JarProcess enroll = JarProcess.start(JarProcess.AGENT_JAR, dir.resolve("logs/enroll.log"),
        "enroll", "--console", url(), "--token", token, "--config", agentConfig.toString())) {
      assertThat(enroll.waitFor(90)).isZero();
    }
    AgentConfig cfg = AgentConfig.load(agentConfig);
    for (Map.Entry<String, String> e : config.entrySet()) {
      cfg = cfg.with(e.getKey(), e.getValue());
    }
    cfg.save(agentConfig);
    outboxDb = cfg.dataDir(agentConfig).resolve("outbox.db");
    boxId = cfg.require(AgentConfig.BOX_ID);
    return operator;
  }

  long consoleCount(String sql) throws Exception {
    if (!Files.exists(consoleDb())) {
      return 0;
    }
    try (Connection c = Sqlite.openReader(consoleDb())) {
      return Jdbc.count(c, sql);
    }
  }

  /** Copies the processes' logs to target/e2e-logs/NAME (the temporary directory goes with the test). */
  void keepLogs(String name) {
    Path from = dir.resolve("logs");
    Path to = Path.of("target", "e2e-logs", name).toAbsolutePath();
    try (var files = Files.exists(from) ? Files.list(from) : java.util.stream.Stream.<Path>empty()) {
      Files.createDirectories(to);
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      System.err.println("could not keep the logs of " + name + ": " + e.getMessage());
    }
  }

  static String integrity(Path db) throws Exception {
    try (Connection c = Sqlite.open(db)) {
      return Jdbc.one(c, "PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow();
    }
  }
}
