package jp.mamori.agent.daemon;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.outbox.Backoff;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.agent.outbox.OutboxSender;
import jp.mamori.agent.update.AgentUpdater;
import jp.mamori.common.Database;
import jp.mamori.common.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The box daemon: wires the outbox, the sender, the heartbeat and the scheduled checks. */
public final class AgentVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AgentVerticle.class);

  private final AgentConfig config;
  private final Path configFile;
  private final Clock clock;
  private final Random random;
  private Database db;
  private ConsoleClient client;
  private OutboxSender sender;
  private Heartbeat heartbeat;
  private JobRunner runner;
  private WorkerExecutor probes;
  private List<ScheduledJob> jobs = List.of();
  private Instant startedAt;
  private AgentUpdater updater;

  public AgentVerticle(AgentConfig config, Path configFile, Clock clock, Random random) {
    this.config = config;
    this.configFile = configFile;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Future<?> start() {
    startedAt = clock.instant();
    Path dataDir = config.dataDir(configFile);
    client = new ConsoleClient(vertx, config.consoleUrl(), config.consoleCaFile(), config.require(AgentConfig.BOX_CREDENTIAL),
        Duration.ofSeconds(30));
    return vertx.executeBlocking(() -> Database.open(vertx, dataDir.resolve("outbox.db"), getClass().getClassLoader(),
        Outbox.MIGRATIONS, 0)).map(opened -> {
          db = opened;
          Outbox outbox = new Outbox(clock);
          sender = new OutboxSender(vertx, db, outbox, client, config.integer(AgentConfig.OUTBOX_BATCH, 100, 1, 1000),
              new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), random), clock);
          probes = vertx.createSharedWorkerExecutor("mamori-probes", 2, 2, TimeUnit.HOURS);
          runner = new JobRunner(vertx, probes, db, outbox, sender, clock);
          heartbeat = new Heartbeat(vertx, client, config.heartbeat(), clock, () -> status(outbox), this::command);
          jobs = AgentJobs.fromConfig(config, dataDir, clock, random);
          boolean onStart = config.bool(AgentConfig.RUN_ON_START, true);
          for (ScheduledJob j : jobs) {
            runner.schedule(j.job(), j.schedule());
            if (onStart && j.runOnStart()) {
              runner.runNow(j.job());
            }
          }
          jp.mamori.agent.local.LocalServer.deployIfConfigured(vertx, config, dataDir, clock, runner, random)
              .onFailure(e -> LOG.error("local pages not started: {}", e.getMessage()));
          updater = new AgentUpdater(vertx, client, dataDir, Version.get(), config.get(AgentConfig.RULES_PUBLIC_KEY).orElse(null),
              config.get(AgentConfig.RULES_KEY_ID).orElse(null), clock);
          updater.start(config.heartbeat(), random);
          sender.wake();
          heartbeat.start();
          LOG.info("mamori-agent {} running: box {}, console {}, {} job(s), data in {}", Version.get(),
              config.get(AgentConfig.BOX_ID).orElse("?"), config.consoleUrl(), jobs.size(), dataDir);
          return null;
        });
  }

  private Future<JsonObject> status(Outbox outbox) {
    return db.read(c -> new long[] {outbox.depth(c), outbox.deadLetters(c)}).map(counts -> new JsonObject()
        .put("hostname", hostname())
        .put("agentVersion", Version.get())
        .put("startedAt", startedAt.toString())
        .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds())
        .put("sentAt", clock.instant().toString())
        .put("outboxDepth", counts[0])
        .put("deadLetters", counts[1])
        .put("lastDeliveryAt", sender.lastDelivery() == null ? null : sender.lastDelivery().toString())
        .put("lastDeliveryError", sender.lastError())
        .put("jobs", runner.statusJson())).compose(json -> updater.status().map(u -> json.put("updateStatus", u)));
  }

  private void command(JsonObject cmd) {
    String type = cmd.getString("type", "");
    if (type.equals("run-checks")) {
      LOG.info("console asked for the checks to run now");
      jobs.forEach(j -> runner.runNow(j.job()));
    } else if (type.equals("update")) {
      LOG.info("console says agent {} is released for this box", cmd.getString("version"));
      updater.check();
    } else {
      LOG.warn("ignoring unknown console command '{}'", type);
    }
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  @Override
  public Future<?> stop() {
    if (heartbeat != null) {
      heartbeat.stop();
    }
    if (updater != null) {
      updater.stop();
    }
    if (runner != null) {
      runner.stop();
    }
    if (sender != null) {
      sender.stop();
    }
    Future<Void> closeDb = db == null ? Future.succeededFuture() : db.close();
    return closeDb.eventually(() -> client.close());
  }
}
