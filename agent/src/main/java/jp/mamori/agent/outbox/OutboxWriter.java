package jp.mamori.agent.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.health.DiskReserve;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.common.Database;
import jp.mamori.common.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the checks found into the outbox and keeps it under its cap. On a full disk it keeps what
 * matters: it releases the disk reserve, drops the oldest low/info findings to make room and writes the
 * run's medium+ findings and its report, not its low/info ones (they are counted as dropped), and so for
 * every run until the disk has room again. If even that
 * fails, the newest {@value #MEMORY_MAX} medium+ findings (and the run reports that go with them) wait in
 * memory and are written as soon as a write works again (retried every {@link #RETRY}); those, and only
 * those, are lost if the box loses power meanwhile.
 */
public final class OutboxWriter {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWriter.class);
  static final int MEMORY_MAX = 1000;
  static final Duration RETRY = Duration.ofSeconds(30);
  /** JSON bytes to free per byte to write: deleted rows leave half-empty pages, and the log needs room too. */
  static final int ROOM_FACTOR = 3;

  /** Extra work for the same transaction (a job's last-run time, say). */
  @FunctionalInterface
  public interface AlsoInTx {
    void run(java.sql.Connection c) throws Exception;
  }

  private final Vertx vertx;
  private final Database db;
  private final Outbox outbox;
  private final Retention retention;
  private final BoxHealth health;
  private final DiskReserve reserve;
  /** A finding (a notice or not) or a run report waiting for room. */
  private record Waiting(Finding finding, boolean notice, RunReport report) {}

  private final Deque<Waiting> memory = new ArrayDeque<>();
  private Retention.Dropped unrecorded = Retention.Dropped.NONE;
  private long lostFromMemory;
  private long retryTimer = -1;
  private boolean flushing;

  public OutboxWriter(Vertx vertx, Database db, Outbox outbox, Retention retention, BoxHealth health, DiskReserve reserve) {
    this.vertx = vertx;
    this.db = db;
    this.outbox = outbox;
    this.retention = retention;
    this.health = health;
    this.reserve = reserve;
  }

  /** Queues a run (its findings, then its coverage report); completes when it is on disk (or, disk full, in memory). */
  public Future<Integer> add(CheckRun run, AlsoInTx also) {
    return write(run.findings(), run.report(), List.of(), also);
  }

  /** Queues a note from the box about itself: sent first, never dropped. */
  public Future<Integer> addNotice(Finding notice) {
    return write(List.of(), null, List.of(notice), null);
  }

  public Future<Integer> add(RunReport report) {
    return write(List.of(), report, List.of(), null);
  }

  private Future<Integer> write(List<Finding> all, RunReport report, List<Finding> notices, AlsoInTx also) {
    // the room the released reserve left is for medium+ findings, even when this write would fit in it
    MediumPlus split = health.diskFull() ? MediumPlus.of(all) : new MediumPlus(all, Retention.Dropped.NONE);
    putBackUnrecorded(split.notWritten());
    List<Finding> toWrite = split.keep();
    Retention.Dropped[] taken = {Retention.Dropped.NONE};
    return db.write(c -> {
      int n = outbox.add(c, toWrite);
      if (report != null) {
        n += outbox.add(c, report);
      }
      for (Finding f : notices) {
        n += outbox.addNotice(c, f);
      }
      taken[0] = takeUnrecorded();
      retention.record(c, taken[0], Retention.Reason.DISK_FULL);
      retention.enforce(c);
      if (also != null) {
        also.run(c);
      }
      return n;
    }).onSuccess(n -> {
      health.fileWritten(db.file());
      if (retention.overCapWithPriorityOnly()) {
        health.report(BoxHealth.OUTBOX_OVER_CAP, db.file().toString(), retention.overCapDetail(),
            "コンソールと長い間つながらず、送れない重要な記録がたまっています（上限を超えましたが、消さずに守っています）。"
                + "ボックスのネットワークを確認し、商工会議所の相談窓口にご連絡ください。",
            "The console has not been reachable for a long time and unsent important records pile up beyond the limit "
                + "(they are kept). Check the box's network and contact your chamber's help desk.");
      } else {
        health.clear(BoxHealth.OUTBOX_OVER_CAP, db.file().toString());
      }
      flushMemory();
    }).recover(e -> {
      putBackUnrecorded(taken[0]);
      return DiskSpace.isFull(e) ? whenFull(toWrite, report, notices, e) : Future.failedFuture(e);
    });
  }

  private Future<Integer> whenFull(List<Finding> findings, RunReport report, List<Finding> notices, Throwable cause) {
    health.fileWriteFailed(db.file(), cause);
    MediumPlus split = MediumPlus.of(findings);
    List<Finding> keep = split.keep();
    long needed = bytes(keep) + bytes(notices) + (report == null ? 0 : report.toJson().encode().length());
    Retention.Dropped notWritten = split.notWritten();
    Future<Void> released = reserve == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          reserve.release();
          return null;
        });
    return released
        .compose(v -> db.write(c -> {
          Retention.Dropped freed = retention.makeRoom(c, needed * ROOM_FACTOR);
          retention.record(c, freed, Retention.Reason.DISK_FULL);
          return freed;
        }))
        .transform(ar -> db.write(c -> {
          int n = outbox.add(c, keep);
          for (Finding f : notices) {
            n += outbox.addNotice(c, f);
          }
          if (report != null) {
            n += outbox.add(c, report);
          }
          retention.record(c, notWritten, Retention.Reason.DISK_FULL);
          return n;
        }))
        .recover(e -> {
          if (!DiskSpace.isFull(e)) {
            return Future.failedFuture(e);
          }
          List<Waiting> waiting = new ArrayList<>();
          notices.forEach(f -> waiting.add(new Waiting(f, true, null)));
          keep.forEach(f -> waiting.add(new Waiting(f, false, null)));
          if (report != null) {
            waiting.add(new Waiting(null, false, report));
          }
          keepInMemory(waiting, notWritten);
          return Future.succeededFuture(0);
        });
  }

  private static long bytes(List<Finding> findings) {
    long n = 0;
    for (Finding f : findings) {
      n += f.toJson().encode().length();
    }
    return n;
  }

  /** A run's findings on a full disk: the medium+ ones to write, the low/info ones counted as not written. */
  private record MediumPlus(List<Finding> keep, Retention.Dropped notWritten) {
    static MediumPlus of(List<Finding> findings) {
      List<Finding> keep = new ArrayList<>();
      List<Finding> skipped = new ArrayList<>();
      for (Finding f : findings) {
        (Outbox.priority(f) ? keep : skipped).add(f);
      }
      return new MediumPlus(keep, dropped(skipped));
    }
  }

  private static Retention.Dropped dropped(List<Finding> findings) {
    int info = 0;
    int low = 0;
    for (Finding f : findings) {
      if (f.severity().ordinal() == 0) {
        info++;
      } else {
        low++;
      }
    }
    return new Retention.Dropped(info, low, bytes(findings), null, null);
  }

  private synchronized void keepInMemory(List<Waiting> keep, Retention.Dropped notWritten) {
    unrecorded = unrecorded.plus(notWritten);
    int lost = 0;
    for (Waiting w : keep) {
      memory.addLast(w);
      if (memory.size() > MEMORY_MAX) {
        if (memory.removeFirst().report() == null) {
          lost++;
        }
      }
    }
    if (lost > 0) {
      lostFromMemory += lost;
      LOG.error("disk full and the in-memory queue is full: {} older medium+ finding(s) lost ({} since start); "
          + "the newest {} are kept", lost, lostFromMemory, MEMORY_MAX);
    }
    LOG.warn("disk full even after making room: {} medium+ finding(s) and run report(s) wait in memory, retrying every {} s",
        memory.size(), RETRY.toSeconds());
    scheduleRetry();
  }

  private synchronized void scheduleRetry() {
    if (retryTimer < 0) {
      retryTimer = vertx.setTimer(RETRY.toMillis(), id -> {
        synchronized (this) {
          retryTimer = -1;
        }
        flushMemory();
      });
    }
  }

  private synchronized Retention.Dropped takeUnrecorded() {
    Retention.Dropped d = unrecorded;
    unrecorded = Retention.Dropped.NONE;
    return d;
  }

  private synchronized void putBackUnrecorded(Retention.Dropped d) {
    unrecorded = unrecorded.plus(d);
  }

  /** Writes what waited in memory; called after any write that worked, on the retry timer and when room is back. */
  public Future<Void> flushMemory() {
    List<Waiting> batch;
    synchronized (this) {
      if (flushing || memory.isEmpty()) {
        return Future.succeededFuture();
      }
      flushing = true;
      batch = new ArrayList<>(memory);
    }
    return db.write(c -> {
      int n = 0;
      for (Waiting w : batch) {
        n += w.report() != null ? outbox.add(c, w.report())
            : w.notice() ? outbox.addNotice(c, w.finding()) : outbox.add(c, List.of(w.finding()));
      }
      return n;
    }).onComplete(ar -> {
      synchronized (this) {
        flushing = false;
        if (ar.succeeded()) {
          memory.removeAll(batch);
        }
      }
      if (ar.succeeded()) {
        LOG.info("wrote {} item(s) that waited in memory while the disk was full", batch.size());
      } else {
        scheduleRetry();
      }
    }).mapEmpty();
  }

  /** Medium+ findings and run reports waiting in memory for room on the disk. */
  public synchronized int inMemory() {
    return memory.size();
  }
}
