package jp.mamori.agent.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.common.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the console in batches (priority items first, see {@link Outbox#next}). An item is
 * deleted only after the console acknowledged it (accepted, or already held); on failure the batch stays and
 * is retried with backoff. A backlog is replayed at the {@link DeliveryPace}'s rate, after a random pause
 * when the console comes back from an outage or the box starts with more than a batch waiting.
 */
public final class OutboxSender {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  static final Duration IDLE_POLL = Duration.ofSeconds(30);
  static final Duration AUTH_RETRY = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final Database db;
  private final Outbox outbox;
  private final ConsoleClient client;
  private final Backoff backoff;
  private final Clock clock;
  private final DeliveryPace pace;
  private final BoxHealth health;
  private int batchSize;
  private boolean busy;
  private boolean again;
  private boolean stopped;
  private long timer = -1;
  private boolean pacing;
  private volatile Instant lastDelivery;
  private volatile String lastError;
  private volatile long delivered;

  public OutboxSender(Vertx vertx, Database db, Outbox outbox, ConsoleClient client, int batchSize, Backoff backoff, Clock clock) {
    this(vertx, db, outbox, client, batchSize, backoff, DeliveryPace.unlimited(clock), null, clock);
  }

  public OutboxSender(Vertx vertx, Database db, Outbox outbox, ConsoleClient client, int batchSize, Backoff backoff,
      DeliveryPace pace, BoxHealth health, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.outbox = outbox;
    this.client = client;
    this.batchSize = batchSize;
    this.backoff = backoff;
    this.pace = pace;
    this.health = health;
    this.clock = clock;
  }

  /** Call on the verticle's context at start: a backlog of more than a batch waits a random pause first. */
  public void start() {
    db.read(c -> outbox.stats(c).items()).onComplete(ar -> {
      if (ar.succeeded() && ar.result() > batchSize) {
        Duration pause = pace.replayDelay();
        LOG.info("{} item(s) waiting at start: replaying after a {} s pause, at most {} a second", ar.result(), pause.toSeconds(),
            pace.perSecond());
        pace(pause);
      } else {
        wake();
      }
    });
  }

  /** Call on the verticle's context: something new is in the outbox. A paced wait is kept, not cut short. */
  public void wake() {
    if (stopped) {
      return;
    }
    if (busy || pacing) {
      again = true;
      return;
    }
    cancelTimer();
    busy = true;
    again = false;
    db.read(c -> outbox.next(c, batchSize))
        .compose(items -> items.isEmpty() ? Future.succeededFuture(0) : send(items))
        .onComplete(ar -> {
          busy = false;
          if (stopped) {
            return;
          }
          if (ar.succeeded()) {
            boolean recovered = backoff.failures() > 0;
            lastError = null;
            backoff.reset();
            int sent = ar.result();
            Duration wait = sent > 0 ? pace.sent(sent) : Duration.ZERO;
            boolean more = sent >= batchSize || again;
            if (recovered && more) {
              Duration pause = pace.replayDelay();
              LOG.info("console reachable again: replaying the backlog after a {} s pause, at most {} a second", pause.toSeconds(),
                  pace.perSecond());
              wait = wait.compareTo(pause) > 0 ? wait : pause;
            }
            if (sent > 0 || again) {
              if (wait.isZero()) {
                wake();
              } else {
                pace(wait);
              }
            } else {
              schedule(IDLE_POLL);
            }
          } else {
            schedule(onFailure(ar.cause()));
          }
        });
  }

  private void pace(Duration wait) {
    schedule(wait);
    pacing = true;
  }

  private Duration onFailure(Throwable cause) {
    lastError = cause.getMessage();
    if (jp.mamori.common.DiskSpace.isFull(cause) && health != null) {
      // the console has the batch; it is sent again (a duplicate, harmless) once the outbox can be written
      health.fileWriteFailed(db.file(), cause);
      return backoff.next();
    }
    if (cause instanceof ConsoleException ce && ce.authFailure()) {
      LOG.error("console refused this box's credential ({}); findings stay in the outbox. Re-enroll the box if it was revoked.",
          ce.getMessage());
      return AUTH_RETRY;
    }
    if (cause instanceof ConsoleException ce && ce.status() == 413 && batchSize > 1) {
      batchSize = Math.max(1, batchSize / 2);
      LOG.warn("console found the batch too large; sending {} items per batch from now on", batchSize);
      return Duration.ZERO;
    }
    Duration wait = backoff.next();
    LOG.warn("delivery failed (attempt {}), retrying in {} s: {}", backoff.failures(), wait.toSeconds(), cause.getMessage());
    return wait;
  }

  private Future<Integer> send(List<Outbox.Item> items) {
    List<JsonObject> findings = new ArrayList<>();
    List<JsonObject> runs = new ArrayList<>();
    Map<String, Long> seqById = new HashMap<>();
    for (Outbox.Item item : items) {
      (item.kind() == Outbox.Kind.FINDING ? findings : runs).add(item.body());
      seqById.put(item.itemId(), item.seq());
    }
    return client.deliver(findings, runs, clock.instant()).compose(answer -> {
      Set<Long> done = new HashSet<>();
      addAll(answer.getJsonArray("accepted"), seqById, done);
      addAll(answer.getJsonArray("duplicates"), seqById, done);
      Map<Long, String> rejected = new HashMap<>();
      JsonArray rej = answer.getJsonArray("rejected", new JsonArray());
      for (int i = 0; i < rej.size(); i++) {
        JsonObject r = rej.getJsonObject(i);
        Long seq = seqById.get(r.getString("id"));
        if (seq != null) {
          rejected.put(seq, r.getString("error", "rejected"));
        }
      }
      if (!rejected.isEmpty()) {
        LOG.error("console rejected {} malformed item(s); kept in dead_letter: {}", rejected.size(), rejected.values());
      }
      return db.write(c -> {
        outbox.acknowledge(c, done);
        for (Map.Entry<Long, String> e : rejected.entrySet()) {
          outbox.reject(c, e.getKey(), e.getValue());
        }
        return done.size() + rejected.size();
      });
    }).onSuccess(n -> {
      delivered += n;
      lastDelivery = clock.instant();
    });
  }

  private static void addAll(JsonArray ids, Map<String, Long> seqById, Set<Long> into) {
    if (ids == null) {
      return;
    }
    for (Object id : ids) {
      Long seq = seqById.get(String.valueOf(id));
      if (seq != null) {
        into.add(seq);
      }
    }
  }

  private void schedule(Duration wait) {
    cancelTimer();
    timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
      timer = -1;
      pacing = false;
      wake();
    });
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    pacing = false;
  }

  public void stop() {
    stopped = true;
    cancelTimer();
  }

  public Instant lastDelivery() {
    return lastDelivery;
  }

  public String lastError() {
    return lastError;
  }

  public long delivered() {
    return delivered;
  }
}
