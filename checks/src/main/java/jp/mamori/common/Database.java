package jp.mamori.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SQLite file behind Vert.x: every write runs, in its own transaction, on a single-thread worker
 * executor that owns the only writing connection; reads run on a small pool of reader connections (WAL
 * lets them proceed while the writer commits). Nothing here ever runs on an event loop.
 */
public final class Database {
  private static final AtomicInteger SEQ = new AtomicInteger();

  /** Work against a connection; runs on a database thread. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws Exception;
  }

  private final Path file;
  private final WorkerExecutor writer;
  private final WorkerExecutor readers;
  private final Connection writeConnection;
  private final ThreadLocal<Connection> readConnection = new ThreadLocal<>();
  private final List<Connection> readConnections = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private Database(Vertx vertx, Path file, Connection writeConnection, int readerThreads) {
    this.file = file;
    this.writeConnection = writeConnection;
    String name = "sqlite-" + file.getFileName() + "-" + SEQ.incrementAndGet();
    this.writer = vertx.createSharedWorkerExecutor(name + "-writer", 1, 5, TimeUnit.MINUTES);
    this.readers = readerThreads > 0 ? vertx.createSharedWorkerExecutor(name + "-reader", readerThreads, 5, TimeUnit.MINUTES) : null;
  }

  /** Opens (creating if needed) and migrates the database; blocking, so call it before serving or from a worker. */
  public static Database open(Vertx vertx, Path file, ClassLoader loader, String migrations, int readerThreads) throws SQLException {
    Connection c = Sqlite.open(file);
    try {
      Sqlite.migrate(c, loader, migrations);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return new Database(vertx, file, c, readerThreads);
  }

  public Path file() {
    return file;
  }

  public <T> Future<T> write(SqlWork<T> work) {
    return writer.executeBlocking(() -> inTransaction(work), true);
  }

  public <T> Future<T> read(SqlWork<T> work) {
    if (readers == null) {
      return writer.executeBlocking(() -> work.run(writeConnection), true);
    }
    return readers.executeBlocking(() -> work.run(reader()), false);
  }

  private <T> T inTransaction(SqlWork<T> work) throws Exception {
    ensureOpen();
    Connection c = writeConnection;
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (Exception | Error e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private Connection reader() throws SQLException {
    ensureOpen();
    Connection c = readConnection.get();
    if (c == null || c.isClosed()) {
      c = Sqlite.openReader(file);
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

  /** Closes after the writes already queued have committed. */
  public Future<Void> close() {
    Future<Void> closing = writer.executeBlocking(() -> {
      closed = true;
      for (Connection c : readConnections) {
        c.close();
      }
      writeConnection.close();
      return null;
    }, true);
    return closing.eventually(() -> {
      Future<Void> w = writer.close();
      return readers == null ? w : Future.all(w, readers.close()).<Void>mapEmpty();
    });
  }
}
