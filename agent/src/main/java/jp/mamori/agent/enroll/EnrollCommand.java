package jp.mamori.agent.enroll;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.Command;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.common.Args;

/**
 * {@code enroll --console URL --token T --config FILE [--ca-file PEM] [--data-dir DIR]}: trades a chamber's
 * single-use enrollment token for this box's own credential and writes the configuration (mode 0600).
 */
public final class EnrollCommand implements Command {

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse("enroll", argv, Set.of(), Set.of("console", "token", "config", "ca-file", "data-dir", "hostname"));
    String token = args.required("token").strip();
    Path configFile = Path.of(args.required("config"));
    Optional<Path> ca = args.option("ca-file").map(Path::of);
    if (ca.isPresent() && !Files.isReadable(ca.get())) {
      err.println("mamori-agent enroll: CA file " + ca.get() + " is not readable");
      return 2;
    }
    URI console;
    try {
      console = Enrollment.consoleBase(args.required("console"));
    } catch (IllegalArgumentException e) {
      err.println("mamori-agent enroll: " + e.getMessage());
      return 2;
    }
    AgentConfig existing = AgentConfig.loadOrEmpty(configFile);
    Vertx vertx = Vertx.vertx();
    AgentConfig config;
    try {
      String hostname = args.option("hostname").orElseGet(Enrollment::hostname);
      config = Enrollment.enroll(vertx, console, ca, token, hostname, existing).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("mamori-agent enroll: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
    if (args.option("data-dir").isPresent()) {
      config = config.with(AgentConfig.DATA_DIR, Path.of(args.option("data-dir").get()).toAbsolutePath().toString());
    }
    try {
      config.save(configFile);
    } catch (java.io.IOException e) {
      err.println("mamori-agent enroll: cannot write " + configFile + " (" + jp.mamori.common.DiskSpace.describe(configFile) + "): "
          + e.getMessage() + "; the token is used up now: make room, then ask the chamber for a new token");
      return 1;
    }
    out.println("enrolled: box " + config.require(AgentConfig.BOX_ID) + " for " + config.get(AgentConfig.SME_NAME).orElse("?")
        + " (" + config.get(AgentConfig.CHAMBER_NAME).orElse("?") + "); configuration written to " + configFile);
    return 0;
  }
}
