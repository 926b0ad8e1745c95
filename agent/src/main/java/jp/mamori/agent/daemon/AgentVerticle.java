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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.lan.LanJobs;
import jp.mamori.agent.lan.LanScanJob;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.health.DiskReserve;
import jp.mamori.agent.outbox.Backoff;
import jp.mamori.agent.outbox.DeliveryPace;
import jp.mamori.agent.outbox.OutboxWriter;
import jp.mamori.agent.outbox.Retention;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.agent.outbox.OutboxSender;
import jp.mamori.agent.rules.RulesUpdater;
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
  private RulesUpdater rules;
  private JobRunner runner;
  private WorkerExecutor probes;
  private volatile List<ScheduledJob> jobs = List.of();
  private Instant startedAt;
  private Path dataDir;
  private final BoxHealth health;
  private Retention retention;
  private OutboxWriter writer;
  private long diskTimer = -1;
  private AgentUpdater updater;

  public AgentVerticle(AgentConfig config, Path configFile, Clock clock, Random random) {
    this(config, configFile, clock, random, new BoxHealth(clock));
  }

  /** {@code health}: shared with the local pages, which show its problems. */
  public AgentVerticle(AgentConfig config, Path configFile, Clock clock, Random random, BoxHealth health) {
    this.health = health;
    this.config = config;
    this.configFile = configFile;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Future<?> start() {
    startedAt = clock.instant();
    dataDir = config.dataDir(configFile);
    client = new ConsoleClient(vertx, config.consoleUrl(), config.consoleCaFile(), config.require(AgentConfig.BOX_CREDENTIAL),
        Duration.ofSeconds(30));
    rules = RulesUpdater.fromConfig(vertx, client, config, dataDir, random, clock);
    return rules.start().compose(v -> vertx.executeBlocking(() -> Database.open(vertx, dataDir.resolve("outbox.db"),
        getClass().getClassLoader(), Outbox.MIGRATIONS, 0))).map(opened -> {
          db = opened;
          Outbox outbox = new Outbox(clock);
          int batch = config.integer(AgentConfig.OUTBOX_BATCH, 100, 1, 1000);
          DiskReserve reserve = new DiskReserve(dataDir, config.integer(AgentConfig.DISK_RESERVE_MB, 8, 0, 1024) * 1024L * 1024L, health);
          retention = new Retention(outbox, new Retention.Limits(
              config.integer(AgentConfig.OUTBOX_MAX_ITEMS, (int) Retention.Limits.DEFAULT_ITEMS, 100, 10_000_000),
              config.integer(AgentConfig.OUTBOX_MAX_MB, (int) Retention.Limits.DEFAULT_MB, 1, 100_000) * 1024L * 1024L),
              config.get(AgentConfig.BOX_ID).orElse(null), clock);
          writer = new OutboxWriter(vertx, db, outbox, retention, health, reserve);
          DeliveryPace pace = new DeliveryPace(config.integer(AgentConfig.OUTBOX_REPLAY_RATE, DeliveryPace.DEFAULT_PER_SECOND, 1, 100_000),
              batch, Duration.ofSeconds(config.integer(AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS,
                  (int) DeliveryPace.DEFAULT_REPLAY_DELAY.toSeconds(), 0, 3600)), clock, random);
          sender = new OutboxSender(vertx, db, outbox, client, batch, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), random),
              pace, health, clock);
          // one check at a time: a patrol next to a LAN scan would need both their memory at once (README: memory budget)
          probes = vertx.createSharedWorkerExecutor("mamori-probes", 1, 2, TimeUnit.HOURS);
          runner = new JobRunner(vertx, probes, db, outbox, sender, writer, clock);
          watchDisk(reserve);
          heartbeat = new Heartbeat(vertx, client, config.heartbeat(), clock, () -> status(outbox), this::command);
          heartbeat.onAnswer(rules::onHeartbeat);
          jobs = AgentJobs.fromConfig(config, dataDir, clock, random, rules.rules(), health);
          boolean onStart = config.bool(AgentConfig.RUN_ON_START, true);
          for (ScheduledJob j : jobs) {
            runner.schedule(j.job(), j.schedule());
            if (onStart && j.runOnStart()) {
              runner.runNow(j.job());
            }
          }
          updater = new AgentUpdater(vertx, client, dataDir, Version.get(), config.get(AgentConfig.RULES_PUBLIC_KEY).orElse(null),
              config.get(AgentConfig.RULES_KEY_ID).orElse(null), clock);
          updater.start(config.heartbeat(), random);
          sender.start();
          heartbeat.start();
          LOG.info("mamori-agent {} running: box {}, console {}, {} job(s), data in {}", Version.get(),
              config.get(AgentConfig.BOX_ID).orElse("?"), config.consoleUrl(), jobs.size(), dataDir);
          return null;
        });
  }

  /** A full disk tells the desk (a box.disk-full finding); the disk is looked at every 10 s (statvfs, cheap) for room again. */
  private void watchDisk(DiskReserve reserve) {
    String boxId = config.get(AgentConfig.BOX_ID).orElse("box");
    io.vertx.core.Context context = vertx.getOrCreateContext();
    health.onDiskFull(p -> context.runOnContext(v -> writer.addNotice(DiskReserve.diskFull(boxId, p, clock))));
    // what waited in memory (the box.disk-full notice among it) goes first, so the report that resolves it comes after
    health.onDiskBack(() -> context.runOnContext(v -> writer.flushMemory()
        .eventually(() -> writer.add(DiskReserve.spaceBack(boxId, clock))).onSuccess(n -> sender.wake())));
    vertx.executeBlocking(reserve::ensure);
    diskTimer = vertx.setPeriodic(10_000, id -> vertx.executeBlocking(() -> {
      reserve.check();
      return null;
    }));
  }

  private Future<JsonObject> status(Outbox outbox) {
    // outbox counts from the trigger-kept totals: no table scan per heartbeat at 100k rows
    return db.read(c -> new Object[] {outbox.deadLetters(c), retention.status(c)}).map(counts -> new JsonObject()
        .put("hostname", hostname())
        .put("agentVersion", Version.get())
        .put("startedAt", startedAt.toString())
        .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds())
        .put("sentAt", clock.instant().toString())
        .put("outboxDepth", ((JsonObject) counts[1]).getLong("items"))
        .put("deadLetters", counts[0])
        .put("outbox", ((JsonObject) counts[1]).put("inMemory", writer.inMemory()))
        .put("health", health.toJson())
        .put("lastDeliveryAt", sender.lastDelivery() == null ? null : sender.lastDelivery().toString())
        .put("lastDeliveryError", sender.lastError())
        .put("jobs", runner.statusJson())
        .mergeIn(rules.rules().statusJson())).compose(json -> updater.status().map(u -> json.put("updateStatus", u)));
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

  /**
   * The owner accepted or withdrew a LAN scope on the local page: scope jobs that changed are dropped or
   * scheduled (and run at once, as at start) without a restart; the other jobs keep their schedules.
   */
  public void lanScopeChanged(AgentConfig updated) {
    List<ScheduledJob> lan = LanJobs.fromConfig(updated, dataDir, clock, random, rules.rules(), health);
    Set<String> wanted = new HashSet<>();
    lan.forEach(j -> wanted.add(j.job().name()));
    Set<String> have = new HashSet<>();
    List<ScheduledJob> next = new ArrayList<>();
    for (ScheduledJob j : jobs) {
      boolean lanJob = j.job() instanceof LanScanJob;
      if (lanJob && !wanted.contains(j.job().name())) {
        runner.cancel(j.job().name());
        LOG.info("LAN job '{}' dropped", j.job().name());
      } else {
        next.add(j);
        have.add(j.job().name());
      }
    }
    boolean onStart = updated.bool(AgentConfig.RUN_ON_START, true);
    for (ScheduledJob j : lan) {
      if (have.add(j.job().name())) {
        next.add(j);
        runner.schedule(j.job(), j.schedule());
        LOG.info("LAN job '{}' scheduled", j.job().name());
        if (onStart && j.runOnStart()) {
          runner.runNow(j.job());
        }
      }
    }
    jobs = List.copyOf(next);
  }

  public Database db() {
    return db;
  }

  public ConsoleClient client() {
    return client;
  }

  public JobRunner runner() {
    return runner;
  }

  public Heartbeat heartbeat() {
    return heartbeat;
  }

  public Instant startedAt() {
    return startedAt;
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
    if (diskTimer >= 0) {
      vertx.cancelTimer(diskTimer);
    }
    if (heartbeat != null) {
      heartbeat.stop();
    }
    if (rules != null) {
      rules.stop();
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
