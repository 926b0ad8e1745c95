package jp.mamori.agent.enroll;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.Command;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.common.Args;

/**
 * {@code enroll --console URL --token T --config FILE [--ca-file PEM] [--data-dir DIR]}: trades a chamber's
 * single-use enrollment token for this box's own credential and writes the configuration (mode 0600).
 */
public final class EnrollCommand implements Command {

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse("enroll", argv, Set.of(), Set.of("console", "token", "config", "ca-file", "data-dir", "hostname"));
    URI console = URI.create(args.required("console").replaceAll("/+$", "") + "/");
    String token = args.required("token").strip();
    Path configFile = Path.of(args.required("config"));
    Optional<Path> ca = args.option("ca-file").map(Path::of);
    if (ca.isPresent() && !Files.isReadable(ca.get())) {
      err.println("mamori-agent enroll: CA file " + ca.get() + " is not readable");
      return 2;
    }
    try {
      ConsoleClient.requireSafeUrl(console);
    } catch (IllegalArgumentException e) {
      err.println("mamori-agent enroll: " + e.getMessage());
      return 2;
    }
    AgentConfig existing = AgentConfig.loadOrEmpty(configFile);
    Vertx vertx = Vertx.vertx();
    JsonObject answer;
    try {
      ConsoleClient client = new ConsoleClient(vertx, console, ca, "", Duration.ofSeconds(30));
      String hostname = args.option("hostname").orElseGet(EnrollCommand::hostname);
      answer = client.enroll(token, hostname).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("mamori-agent enroll: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
    AgentConfig config = existing
        .with(AgentConfig.CONSOLE_URL, console.toString())
        .with(AgentConfig.CONSOLE_CA_FILE, ca.map(p -> p.toAbsolutePath().toString()).orElse(null))
        .with(AgentConfig.BOX_ID, answer.getString("boxId"))
        .with(AgentConfig.BOX_CREDENTIAL, answer.getString("credential"))
        .with(AgentConfig.SME_NAME, answer.getString("smeName"))
        .with(AgentConfig.CHAMBER_NAME, answer.getString("chamberName"));
    if (args.option("data-dir").isPresent()) {
      config = config.with(AgentConfig.DATA_DIR, Path.of(args.option("data-dir").get()).toAbsolutePath().toString());
    }
    String sites = String.join(",", answer.getJsonArray("sites", new io.vertx.core.json.JsonArray()).getList());
    if (!sites.isEmpty() && config.get(AgentConfig.SITES).isEmpty()) {
      config = config.with(AgentConfig.SITES, sites);
    }
    config.save(configFile);
    out.println("enrolled: box " + answer.getString("boxId") + " for " + answer.getString("smeName") + " ("
        + answer.getString("chamberName") + "); configuration written to " + configFile);
    return 0;
  }

  private static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "mamori-box";
    }
  }
}
