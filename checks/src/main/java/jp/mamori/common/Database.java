package jp.mamori.common;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite file behind Vert.x: writes run on a single-thread worker executor that owns the only writing
 * connection; reads run on a small pool of reader connections (WAL lets them proceed while the writer
 * commits). Nothing here ever runs on an event loop.
 *
 * <p>Writes are group-committed: the writer takes every write queued so far (up to {@value #MAX_GROUP}),
 * runs each inside its own savepoint of one transaction and commits once. Each write is still atomic (a
 * failing one is rolled back to its savepoint alone) and no future completes before the commit is durable,
 * but a burst of small writes (heartbeats, findings) costs one fsync instead of one each.
 */
public final class Database {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** Work against a connection; runs on a database thread. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws Exception;
  }

  static final int MAX_GROUP = 256;

  private record Pending<T>(SqlWork<T> work, Promise<T> promise, Context context) {}

  private final Vertx vertx;
  private final Path file;
  private final Queue<Pending<?>> pending = new ConcurrentLinkedQueue<>();
  private final WorkerExecutor writer;
  private final WorkerExecutor readers;
  private final Connection writeConnection;
  private final ThreadLocal<Connection> readConnection = new ThreadLocal<>();
  private final List<Connection> readConnections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private Future<Void> closing;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong checkpoints = new AtomicLong();
  private final Tuning tuning;
  private final Path wal;
  private long checkpointAfter;

  /**
   * How a database far bigger than SQLite's defaults assume is run. {@code cacheMiB}: page cache per connection
   * (0: SQLite's 2 MiB). {@code walLimitMiB} (0: SQLite's own automatic checkpoint): the writer copies the
   * write-ahead log into the database file and truncates it once it passes this size. SQLite's automatic
   * checkpoint never waits for readers, so while readers overlap without a pause it can never restart the log,
   * which then grows without end (hundreds of MiB in minutes under ingestion) and slows every read; this one
   * waits briefly for the readers to move to the latest snapshot, so the log really starts again.
   */
  public record Tuning(int cacheMiB, int walLimitMiB) {
    public static final Tuning DEFAULT = new Tuning(0, 0);
  }

  /** How long a checkpoint waits for readers to finish the statement they are in; a longer reader only defers it. */
  static final int CHECKPOINT_WAIT_MS = 100;

  private Database(Vertx vertx, Path file, Connection writeConnection, int readerThreads, Tuning tuning) {
    this.vertx = vertx;
    this.file = file;
    this.wal = file.resolveSibling(file.getFileName() + "-wal");
    this.writeConnection = writeConnection;
    this.tuning = tuning;
    this.checkpointAfter = System.nanoTime();
    String name = "sqlite-" + file.getFileName() + "-" + SEQ.incrementAndGet();
    this.writer = vertx.createSharedWorkerExecutor(name + "-writer", 1, 5, TimeUnit.MINUTES);
    this.readers = readerThreads > 0 ? vertx.createSharedWorkerExecutor(name + "-reader", readerThreads, 5, TimeUnit.MINUTES) : null;
  }

  /** Opens (creating if needed) and migrates the database; blocking, so call it before serving or from a worker. */
  public static Database open(Vertx vertx, Path file, ClassLoader loader, String migrations, int readerThreads) throws SQLException {
    return open(vertx, file, loader, migrations, readerThreads, Tuning.DEFAULT);
  }

  /** The same, tuned for a big database (see {@link Tuning}). */
  public static Database open(Vertx vertx, Path file, ClassLoader loader, String migrations, int readerThreads, Tuning tuning)
      throws SQLException {
    Connection c = Sqlite.open(file);
    try {
      Sqlite.migrate(c, loader, migrations);
      if (tuning.cacheMiB() > 0) {
        Sqlite.cacheSize(c, tuning.cacheMiB());
      }
      if (tuning.walLimitMiB() > 0) {
        try (Statement st = c.createStatement()) {
          st.execute("PRAGMA wal_autocheckpoint = 0");
        }
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return new Database(vertx, file, c, readerThreads, tuning);
  }

  /** Checkpoints that truncated the log so far (see {@link Tuning#walLimitMiB()}). */
  public long checkpoints() {
    return checkpoints.get();
  }

  /** On the writer, between transactions: copies the log into the file and truncates it once it is past the limit. */
  private void checkpointIfDue() {
    if (tuning.walLimitMiB() <= 0 || System.nanoTime() - checkpointAfter < 0) {
      return;
    }
    try {
      if (!Files.exists(wal) || Files.size(wal) < tuning.walLimitMiB() * 1048576L) {
        return;
      }
      try (Statement st = writeConnection.createStatement()) {
        st.execute("PRAGMA busy_timeout = " + CHECKPOINT_WAIT_MS);
        boolean busy;
        try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
          busy = rs.next() && rs.getInt(1) != 0;
        } finally {
          st.execute("PRAGMA busy_timeout = " + Sqlite.BUSY_TIMEOUT_MS);
        }
        if (busy) {
          // a reader outlasted the wait (a long report): what could be copied was; try again in a second
          checkpointAfter = System.nanoTime() + 1_000_000_000L;
        } else {
          checkpoints.incrementAndGet();
        }
      }
    } catch (IOException | SQLException e) {
      checkpointAfter = System.nanoTime() + 1_000_000_000L;
      LOG.warn("checkpoint of {} failed: {}", file, e.toString());
    }
  }

  /** Write transactions committed so far (each holds one or more writes). */
  public long commits() {
    return commits.get();
  }

  /** Writes that ran in a committed transaction so far (succeeded or rolled back to their savepoint). */
  public long writes() {
    return writes.get();
  }

  public Path file() {
    return file;
  }

  public <T> Future<T> write(SqlWork<T> work) {
    if (closed) {
      return Future.failedFuture(new SQLException("database " + file + " is closed"));
    }
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    pending.add(new Pending<>(work, promise, context));
    writer.executeBlocking(() -> {
      drain();
      return null;
    }, true).onFailure(e -> {
      for (Pending<?> p; (p = pending.poll()) != null; ) {
        complete(p, null, e);
      }
    });
    return promise.future();
  }

  public <T> Future<T> read(SqlWork<T> work) {
    if (readers == null) {
      return writer.executeBlocking(() -> work.run(writeConnection), true);
    }
    return readers.executeBlocking(() -> work.run(reader()), false);
  }

  private record Done(Pending<?> pending, Object result, Throwable failure) {}

  private void drain() {
    List<Pending<?>> group = new ArrayList<>();
    for (Pending<?> p; group.size() < MAX_GROUP && (p = pending.poll()) != null; ) {
      group.add(p);
    }
    if (group.isEmpty()) {
      return;
    }
    List<Done> done = new ArrayList<>(group.size());
    Throwable failure = null;
    try {
      ensureOpen();
      Connection c = writeConnection;
      c.setAutoCommit(false);
      try {
        for (Pending<?> p : group) {
          done.add(runOne(c, p));
        }
        c.commit();
        commits.incrementAndGet();
        writes.addAndGet(group.size());
      } catch (SQLException | RuntimeException | Error e) {
        failure = e;
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
      } finally {
        try {
          c.setAutoCommit(true);
        } catch (SQLException e) {
          // SQLite ended the transaction itself (SQLITE_FULL, IOERR): the flag is reset, the real cause is kept
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    } catch (Throwable e) {
      failure = e;
    }
    if (failure != null) {
      Throwable cause = failure;
      group.forEach(p -> complete(p, null, cause));
      return;
    }
    done.forEach(d -> complete(d.pending(), d.result(), d.failure()));
    checkpointIfDue();
  }

  private Done runOne(Connection c, Pending<?> p) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SAVEPOINT w");
      try {
        Object result = p.work().run(c);
        st.execute("RELEASE w");
        return new Done(p, result, null);
      } catch (Exception | Error e) {
        try {
          st.execute("ROLLBACK TO w");
          st.execute("RELEASE w");
        } catch (SQLException gone) {
          // on SQLITE_FULL or an IO error SQLite rolls back the whole transaction: the group fails with that cause
          e.addSuppressed(gone);
          throw abort(e);
        }
        return new Done(p, null, e);
      }
    }
  }

  private static SQLException abort(Throwable e) {
    if (e instanceof SQLException s) {
      return s;
    }
    return new SQLException(e.getMessage(), e);
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Pending<T> p, Object result, Throwable failure) {
    Runnable r = failure == null ? () -> p.promise().complete((T) result) : () -> p.promise().fail(failure);
    p.context().runOnContext(v -> r.run());
  }

  private Connection reader() throws SQLException {
    ensureOpen();
    Connection c = readConnection.get();
    if (c == null || c.isClosed()) {
      c = Sqlite.openReader(file);
      if (tuning.cacheMiB() > 0) {
        Sqlite.cacheSize(c, tuning.cacheMiB());
      }
      readConnection.set(c);
      readConnections.add(c);
    }
    return c;
  }

  private void ensureOpen() throws SQLException {
    if (closed) {
      throw new SQLException("database " + file + " is closed");
    }
  }

  /** Closes after the writes already queued have committed; closing again answers the same future. */
  public synchronized Future<Void> close() {
    if (closing != null) {
      return closing;
    }
    Future<Void> done = writer.executeBlocking(() -> {
      closed = true;
      for (Connection c : readConnections) {
        c.close();
      }
      writeConnection.close();
      return null;
    }, true);
    closing = done.eventually(() -> {
      Future<Void> w = writer.close();
      return readers == null ? w : Future.all(w, readers.close()).<Void>mapEmpty();
    });
    return closing;
  }
}
