package jp.mamori.agent.daemon;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.outbox.OutboxSender;
import jp.mamori.agent.outbox.OutboxWriter;
import jp.mamori.agent.outbox.Retention;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.common.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs check jobs on the probe worker executor, on their schedules and on demand, writes each run to the
 * outbox in one transaction and wakes the sender. A job never overlaps itself.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final Vertx vertx;
  private final WorkerExecutor probes;
  private final Database db;
  private final Outbox outbox;
  private final OutboxSender sender;
  private final OutboxWriter writer;
  private final Clock clock;
  private final Map<String, JobStatus> status = new ConcurrentHashMap<>();
  private final Map<String, Long> timers = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Map<String, CheckJob> again = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /** What the local page and the heartbeat tell about a job. */
  public record JobStatus(String name, boolean running, Instant lastStarted, Instant lastFinished, int lastFindings,
      String lastError, Instant nextRun) {
    JsonObject toJson() {
      return new JsonObject().put("name", name).put("running", running)
          .put("lastStarted", lastStarted == null ? null : lastStarted.toString())
          .put("lastFinished", lastFinished == null ? null : lastFinished.toString())
          .put("lastFindings", lastFindings).put("lastError", lastError)
          .put("nextRun", nextRun == null ? null : nextRun.toString());
    }
  }

  public JobRunner(Vertx vertx, WorkerExecutor probes, Database db, Outbox outbox, OutboxSender sender, Clock clock) {
    this(vertx, probes, db, outbox, sender, new OutboxWriter(vertx, db, outbox,
        new Retention(outbox, Retention.Limits.unlimited(), null, clock), new BoxHealth(clock), null), clock);
  }

  public JobRunner(Vertx vertx, WorkerExecutor probes, Database db, Outbox outbox, OutboxSender sender, OutboxWriter writer,
      Clock clock) {
    this.vertx = vertx;
    this.probes = probes;
    this.db = db;
    this.outbox = outbox;
    this.sender = sender;
    this.writer = writer;
    this.clock = clock;
  }

  /** Runs the job now (unless it is already running) and queues its results for delivery. */
  public Future<CheckRun> runNow(CheckJob job) {
    JobStatus s = status.get(job.name());
    if (s != null && s.running()) {
      return Future.failedFuture(new IllegalStateException("job '" + job.name() + "' is already running"));
    }
    Instant started = clock.instant();
    update(job.name(), true, started, s == null ? null : s.lastFinished(), s == null ? 0 : s.lastFindings(), null);
    return probes.executeBlocking(() -> {
      // logged when it really starts: checks wait for each other on the probe executor
      LOG.info("{}: started", job.name());
      try {
        return job.run();
      } finally {
        // The serial collector grows the old generation rather than collect it, and every heap page it touched
        // stays resident: one full collection after each check (twice a day, say) hands the check's garbage back
        // (with -XX:MaxHeapFreeRatio) so the next check starts from the live set (README: memory budget).
        System.gc();
      }
    }, false)
        .compose(run -> writer.add(run, c -> {
          outbox.putState(c, "job.last-finished." + job.name(), clock.instant().toString());
          outbox.putState(c, "job.last-started." + job.name(), run.startedAt().toString());
        }).map(n -> run))
        .onSuccess(run -> {
          update(job.name(), false, started, clock.instant(), run.findings().size(), null);
          LOG.info("{}: {} finding(s)", job.name(), run.findings().size());
          sender.wake();
          job.recheckAfter().ifPresent(delay -> {
            LOG.info("{}: re-checking in {}", job.name(), delay);
            runLater(job, delay);
          });
        })
        .onFailure(e -> {
          update(job.name(), false, started, clock.instant(), 0, String.valueOf(e.getMessage()));
          LOG.error("{} failed: {}", job.name(), e.toString());
        })
        .onComplete(ar -> {
          CheckJob next = again.remove(job.name());
          if (next != null && !stopped && !cancelled.contains(job.name())) {
            runNow(next);
          }
        });
  }

  /**
   * Runs the job now or, when it is running, once more right after: new input arrived (a PC's self-check, say)
   * that the run in progress may have read too early. Requests while it waits are one more run, not several.
   */
  public void runSoon(CheckJob job) {
    JobStatus s = status.get(job.name());
    if (s != null && s.running()) {
      again.put(job.name(), job);
      // the run may have finished between the look and the put: then nobody else would take it
      JobStatus now = status.get(job.name());
      if (now == null || !now.running()) {
        CheckJob next = again.remove(job.name());
        if (next != null) {
          runNow(next);
        }
      }
      return;
    }
    runNow(job);
  }

  /** Runs the job whenever the schedule says, forever (until stop). */
  public void schedule(CheckJob job, Schedule schedule) {
    cancelled.remove(job.name());
    Instant next = schedule.next(clock.instant());
    long delay = Math.max(1, Duration.between(clock.instant(), next).toMillis());
    JobStatus s = status.get(job.name());
    status.put(job.name(), s == null ? new JobStatus(job.name(), false, null, null, 0, null, next)
        : new JobStatus(s.name(), s.running(), s.lastStarted(), s.lastFinished(), s.lastFindings(), s.lastError(), next));
    timers.put(job.name(), vertx.setTimer(delay, id -> {
      if (stopped || cancelled.contains(job.name())) {
        return;
      }
      runNow(job).onComplete(ar -> {
        if (!stopped && !cancelled.contains(job.name())) {
          schedule(job, schedule);
        }
      });
    }));
  }

  /** Runs the job once after a delay (a confirming re-check, say). */
  public void runLater(CheckJob job, Duration delay) {
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      if (!stopped) {
        runNow(job);
      }
    });
  }

  /** Stops scheduling a job (the owner withdrew its scope); a run in progress finishes. */
  public void cancel(String jobName) {
    Long timer = timers.remove(jobName);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    cancelled.add(jobName);
    status.remove(jobName);
  }

  /** When the last run whose results were written started (null: none was): it saw what existed by then. */
  public Future<Instant> lastWrittenRunStarted(String jobName) {
    return db.read(c -> outbox.state(c, "job.last-started." + jobName).map(Instant::parse).orElse(null));
  }

  private void update(String name, boolean running, Instant started, Instant finished, int findings, String error) {
    JobStatus old = status.get(name);
    status.put(name, new JobStatus(name, running, started, finished, findings, error, old == null ? null : old.nextRun()));
  }

  public Map<String, JobStatus> status() {
    return Map.copyOf(status);
  }

  public JsonArray statusJson() {
    JsonArray a = new JsonArray();
    status.values().forEach(s -> a.add(s.toJson()));
    return a;
  }

  public void stop() {
    stopped = true;
    timers.values().forEach(vertx::cancelTimer);
  }
}
