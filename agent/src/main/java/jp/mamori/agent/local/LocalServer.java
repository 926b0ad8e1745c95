package jp.mamori.agent.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.JobRunner;
import jp.mamori.agent.daemon.Schedule;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.selfcheck.AttestationStore;
import jp.mamori.agent.selfcheck.SelfCheckJob;

/** Starts the local pages when {@code local.port} is configured, with the self-check job that reports them. */
public final class LocalServer {
  public static final String PORT = "local.port";
  public static final String HOST = "local.host";

  private LocalServer() {}

  public static Future<?> deployIfConfigured(Vertx vertx, AgentConfig config, Path dataDir, Clock clock, JobRunner runner,
      Random random) {
    return deployIfConfigured(vertx, config, dataDir, clock, runner, random, new BoxHealth(clock));
  }

  public static Future<?> deployIfConfigured(Vertx vertx, AgentConfig config, Path dataDir, Clock clock, JobRunner runner,
      Random random, BoxHealth health) {
    if (config.get(PORT).isEmpty()) {
      return Future.succeededFuture();
    }
    int port = config.integer(PORT, 80, 0, 65535);
    SelfCheckJob job = new SelfCheckJob(new AttestationStore(dataDir), clock);
    runner.schedule(job, Schedule.daily(List.of(LocalTime.of(18, 30)), config.patrolZone(), Duration.ofMinutes(10), random));
    return vertx.deployVerticle(new LocalServerVerticle(config.get(HOST).orElse("0.0.0.0"), port, new AttestationStore(dataDir),
        clock, () -> runner.runNow(job), health));
  }
}
