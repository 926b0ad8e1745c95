package jp.mamori.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;
  Vertx vertx;
  Database db;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    Path migrations = dir.resolve("m");
    Files.createDirectories(migrations.resolve("db"));
    Files.writeString(migrations.resolve("db/index.txt"), "V001__t.sql\n");
    Files.writeString(migrations.resolve("db/V001__t.sql"), "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL);\n");
    ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {migrations.toUri().toURL()}, null);
    db = Database.open(vertx, dir.resolve("x.db"), loader, "db", 2);
  }

  @AfterEach
  void close() throws Exception {
    db.close().otherwiseEmpty().await(20, TimeUnit.SECONDS);
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void aBurstOfWritesIsGroupedYetEachIsAtomicAndFailsAlone() throws Exception {
    CompletableFuture<List<Future<Long>>> submitted = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      List<Future<Long>> all = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int n = i;
        all.add(db.write(c -> {
          long id = Jdbc.insert(c, "INSERT INTO t(v) VALUES (?)", "row " + n);
          if (n % 100 == 7) {
            Jdbc.insert(c, "INSERT INTO t(v) VALUES (NULL)");
          }
          return id;
        }));
      }
      submitted.complete(all);
    });
    List<Future<Long>> all = submitted.get(20, TimeUnit.SECONDS);
    Future.join(all).otherwiseEmpty().await(60, TimeUnit.SECONDS);
    long failed = all.stream().filter(Future::failed).count();
    assertThat(failed).isEqualTo(10);
    assertThat(db.commits()).as("writes queued together share a commit").isLessThan(500);
    assertThat(all.get(7).cause()).hasMessageContaining("NOT NULL");
    assertThat(db.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM t")).await(20, TimeUnit.SECONDS)).isEqualTo(990);
    assertThat(db.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM t WHERE v = 'row 7'")).await(20, TimeUnit.SECONDS)).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("x.db"))) {
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM t")).as("committed before the futures completed").isEqualTo(990);
    }
  }

  @Test
  void resultsArriveOnTheCallersContext() throws Exception {
    CompletableFuture<Boolean> same = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      Context caller = Vertx.currentContext();
      db.write(c -> Jdbc.insert(c, "INSERT INTO t(v) VALUES ('a')"))
          .onComplete(r -> same.complete(Vertx.currentContext() == caller && Context.isOnEventLoopThread()));
    });
    assertThat(same.get(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void tunedTheLogStartsAgainOnceItPassesItsLimitThoughReadersNeverPause() throws Exception {
    db.close().await(20, TimeUnit.SECONDS);
    ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.resolve("m").toUri().toURL()}, null);
    Path file = dir.resolve("tuned.db");
    db = Database.open(vertx, file, loader, "db", 2, new Database.Tuning(8, 1));
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    // readers back to back, as a busy console's are: SQLite's own checkpoint would never restart the log
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        try {
          db.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM t")).await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("read failed", e);
        }
      }
    });
    reader.start();
    String big = "x".repeat(4000);
    long walMax = 0;
    try {
      for (int i = 0; i < 1000; i++) {
        db.write(c -> Jdbc.insert(c, "INSERT INTO t(v) VALUES (?)", big)).await(20, TimeUnit.SECONDS);
        Path wal = dir.resolve("tuned.db-wal");
        walMax = Math.max(walMax, Files.exists(wal) ? Files.size(wal) : 0);
      }
    } finally {
      stop.set(true);
      reader.join(20_000);
    }
    assertThat(db.read(c -> Jdbc.count(c, "PRAGMA cache_size")).await(20, TimeUnit.SECONDS)).as("8 MiB, in KiB").isEqualTo(-8192);
    assertThat(db.checkpoints()).as("4 MB written through a 1 MiB log").isGreaterThanOrEqualTo(2);
    assertThat(walMax).as("the log never grew far past its limit").isLessThan(2 * 1048576L);
    assertThat(Files.size(file)).as("rows copied into the file").isGreaterThan(1000 * 4000L - 2 * 1048576L);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM t")).isEqualTo(1000);
    }
  }

  @Test
  void writesAfterCloseFailWithTheFileNamed() throws Exception {
    db.close().await(20, TimeUnit.SECONDS);
    Future<Long> late = db.write(c -> Jdbc.insert(c, "INSERT INTO t(v) VALUES ('late')"));
    assertThatThrownBy(() -> late.await(20, TimeUnit.SECONDS)).hasMessageContaining("x.db").hasMessageContaining("closed");
  }

  @Test
  void aFullDatabaseFailsTheWriteAsDiskFullAndWorksAgainOnceThereIsRoom() throws Exception {
    Future<?> limit = db.write(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA page_count")) {
        rs.next();
        st.execute("PRAGMA max_page_count = " + (rs.getLong(1) + 2));
      }
      return null;
    });
    limit.await(20, TimeUnit.SECONDS);
    String big = "x".repeat(3000);
    Throwable full = null;
    for (int i = 0; i < 50 && full == null; i++) {
      Future<Long> w = db.write(c -> Jdbc.insert(c, "INSERT INTO t(v) VALUES (?)", big));
      w.otherwiseEmpty().await(20, TimeUnit.SECONDS);
      full = w.cause();
    }
    assertThat(full).as("SQLite's page limit was reached").isNotNull();
    assertThat(DiskSpace.isFull(full)).as(String.valueOf(full)).isTrue();
    long kept = db.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM t")).await(20, TimeUnit.SECONDS);
    assertThat(kept).isPositive();
    db.write(c -> {
      try (var st = c.createStatement()) {
        st.execute("PRAGMA max_page_count = 1000000");
      }
      return null;
    }).await(20, TimeUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      db.write(c -> Jdbc.insert(c, "INSERT INTO t(v) VALUES (?)", big)).await(20, TimeUnit.SECONDS);
    }
    assertThat(db.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM t")).await(20, TimeUnit.SECONDS)).isEqualTo(kept + 5);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("x.db"))) {
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM t")).as("the writes after the full one were committed").isEqualTo(kept + 5);
      assertThat(Jdbc.one(c, "PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow()).isEqualTo("ok");
    }
  }
}
