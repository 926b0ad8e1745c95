package jp.mamori.agent.enroll;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.console.ConsoleClient;

/**
 * Trades a chamber's single-use enrollment token for this box's credential and folds the console's answer
 * into the configuration. Shared by the {@code enroll} command and the box's first-boot page.
 */
public final class Enrollment {
  private Enrollment() {}

  /** The console's base URL with one trailing slash; refuses plain http to anything but loopback. */
  public static URI consoleBase(String url) {
    URI console = URI.create(url.strip().replaceAll("/+$", "") + "/");
    ConsoleClient.requireSafeUrl(console);
    return console;
  }

  /**
   * Enrolls and answers the new configuration (not yet saved). Keys of {@code existing} the console does not
   * set are kept; configured sites win over the console's list.
   */
  public static Future<AgentConfig> enroll(Vertx vertx, URI console, Optional<Path> caFile, String token, String hostname,
      AgentConfig existing) {
    ConsoleClient client;
    try {
      client = new ConsoleClient(vertx, console, caFile, "", Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return client.enroll(token.strip(), hostname).map(answer -> apply(existing, console, caFile, answer))
        .eventually(client::close);
  }

  static AgentConfig apply(AgentConfig existing, URI console, Optional<Path> caFile, JsonObject answer) {
    AgentConfig config = existing
        .with(AgentConfig.CONSOLE_URL, console.toString())
        .with(AgentConfig.CONSOLE_CA_FILE, caFile.map(p -> p.toAbsolutePath().toString()).orElse(null))
        .with(AgentConfig.BOX_ID, answer.getString("boxId"))
        .with(AgentConfig.BOX_CREDENTIAL, answer.getString("credential"))
        .with(AgentConfig.SME_NAME, answer.getString("smeName"))
        .with(AgentConfig.CHAMBER_NAME, answer.getString("chamberName"))
        .with(AgentConfig.RULES_PUBLIC_KEY, answer.getString("rulesPublicKey"))
        .with(AgentConfig.RULES_KEY_ID, answer.getString("rulesKeyId"));
    String sites = String.join(",", answer.getJsonArray("sites", new JsonArray()).getList());
    if (!sites.isEmpty() && config.get(AgentConfig.SITES).isEmpty()) {
      config = config.with(AgentConfig.SITES, sites);
    }
    return config;
  }

  public static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "mamori-box";
    }
  }
}
