package jp.mamori.agent.daemon;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.Command;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.common.Args;

/**
 * {@code run --config FILE}: the daemon, until SIGTERM. Unenrolled, it serves only the local setup page
 * (when {@code local.port} is set) and starts its checks once the page has enrolled it.
 */
public final class RunCommand implements Command {

  /** Small pools: the box may be a 512 MB Raspberry Pi. */
  public static Vertx smallVertx(Path dataDir) {
    return Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(4)
        .setInternalBlockingPoolSize(2)
        .setFileSystemOptions(new FileSystemOptions()
            .setFileCachingEnabled(false)
            .setFileCacheDir(dataDir.resolve(".vertx-cache").toString())));
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args args = Args.parse("run", argv, Set.of(), Set.of("config"));
    Path configFile = Path.of(args.required("config"));
    AgentConfig config = AgentConfig.load(configFile);
    Path dataDir = config.dataDir(configFile);
    Vertx vertx = smallVertx(dataDir);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        vertx.close().await(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      done.countDown();
    }, "mamori-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      vertx.deployVerticle(new BoxVerticle(config, configFile, Clock.systemUTC(), new SecureRandom()))
          .await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      err.println("mamori-agent run: cannot start: " + (e.getMessage() == null ? e : e.getMessage()));
      vertx.close();
      return 1;
    }
    done.await();
    return 0;
  }
}
