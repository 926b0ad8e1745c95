package jp.mamori.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Database;
import jp.mamori.common.Jdbc;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A full outbox file (SQLite's own page limit, as on a full SD card) keeps medium+ findings and recovers by itself. */
class OutboxWriterTest {
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
  Vertx vertx;
  Database db;
  Outbox outbox;
  BoxHealth health;
  OutboxWriter writer;
  ListAppender<ILoggingEvent> log = new ListAppender<>();
  int n;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, tmp.resolve("outbox.db"), getClass().getClassLoader(), Outbox.MIGRATIONS, 0);
    outbox = new Outbox(clock);
    health = new BoxHealth(clock);
    writer = new OutboxWriter(vertx, db, outbox, new Retention(outbox, Retention.Limits.unlimited(), "box-1", clock), health, null);
    log.start();
    ((Logger) LoggerFactory.getLogger(BoxHealth.class)).addAppender(log);
  }

  @AfterEach
  void close() throws Exception {
    ((Logger) LoggerFactory.getLogger(BoxHealth.class)).detachAppender(log);
    db.close().await(20, TimeUnit.SECONDS);
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  CheckRun run(int medium, int low) {
    List<Finding> fs = new ArrayList<>();
    for (int i = 0; i < medium + low; i++, n++) {
      fs.add(Finding.builder("lan.test-problem").severity(i < medium ? Severity.HIGH : i % 2 == 0 ? Severity.LOW : Severity.INFO)
          .point(3).target("192.0.2.1:" + (n % 60000 + 1)).title("問題 " + n, "Problem " + n).advice("確認してください", "Check it")
          .identity("n", Integer.toString(n)).evidence("padding", "x".repeat(400)).observedAt(clock).build());
    }
    clock.advance(Duration.ofMinutes(1));
    return new CheckRun(UUID.randomUUID(), List.of("lan."), List.of("192.0.2.1"), clock.instant(), clock.instant(), fs);
  }

  void limitPages(long extra) throws Exception {
    db.write(c -> {
      long pages = Jdbc.count(c, "PRAGMA page_count");
      Jdbc.count(c, "PRAGMA max_page_count = " + (pages + extra));
      return null;
    }).await(20, TimeUnit.SECONDS);
  }

  long count(String sql) throws Exception {
    return db.read(c -> Jdbc.count(c, sql)).await(20, TimeUnit.SECONDS);
  }

  @Test
  void aFullOutboxDropsLowAndInfoToKeepMediumPlusAndRecoversWhenThereIsRoom() throws Exception {
    List<Finding> important = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CheckRun r = run(1, 30);
      important.addAll(r.findings().subList(0, 1));
      writer.add(r, null).await(20, TimeUnit.SECONDS);
    }
    limitPages(0);

    CheckRun full = run(5, 20);
    important.addAll(full.findings().subList(0, 5));
    assertThat(writer.add(full, null).await(20, TimeUnit.SECONDS)).as("medium+ findings and the run report").isEqualTo(6);
    assertThat(health.diskFull()).isTrue();
    BoxHealth.Problem p = health.problems().get(0);
    assertThat(p.code()).isEqualTo(BoxHealth.DISK_FULL);
    assertThat(p.subject()).isEqualTo(tmp.resolve("outbox.db").toString());
    assertThat(p.detail()).contains("outbox.db").contains("free ").contains("SQLITE_FULL");
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE item_id = '" + full.runId() + "'")).as("the run report is kept").isEqualTo(1);
    for (Finding f : full.findings().subList(5, 25)) {
      assertThat(count("SELECT COUNT(*) FROM outbox WHERE item_id = '" + f.id() + "'")).as("its low/info findings are not written").isZero();
    }
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE body LIKE '%box.outbox-dropped%' AND body LIKE '%disk-full%'")).isPositive();

    // keep filling with medium+ only until not even making room helps: they wait in memory
    for (int i = 0; i < 400 && writer.inMemory() == 0; i++) {
      CheckRun r = run(20, 0);
      important.addAll(r.findings());
      writer.add(r, null).await(20, TimeUnit.SECONDS);
    }
    assertThat(writer.inMemory()).as("medium+ findings kept in memory").isPositive();
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE kind = 'finding' AND priority = 0 AND body NOT LIKE '%box.outbox-dropped%'"))
        .as("every low/info finding was given up for them").isZero();
    assertThat(log.list.stream().filter(e -> e.getLevel() == Level.ERROR)).as("one ERROR line, not one per failed write")
        .hasSize(1).allMatch(e -> e.getFormattedMessage().startsWith("disk full: cannot write " + tmp.resolve("outbox.db")));

    // room again: the next write works and the findings from memory follow it
    limitPages(10_000);
    writer.add(run(1, 0), null).await(20, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (writer.inMemory() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(writer.inMemory()).isZero();
    for (Finding f : important) {
      assertThat(count("SELECT COUNT(*) FROM outbox WHERE item_id = '" + f.id() + "'")).as("medium+ finding %s", f.id()).isEqualTo(1);
    }
    health.diskSpaceBack("test");
    assertThat(health.problems()).isEmpty();
    assertThat(db.read(c -> Jdbc.one(c, "PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow()).await(20, TimeUnit.SECONDS))
        .isEqualTo("ok");
  }

  @Test
  void whileTheDiskIsFullARunThatWouldFitStillKeepsOnlyItsMediumPlus() throws Exception {
    // another file hit the full disk first (the patrol's state, say) and the reserve left some room
    health.fileWriteFailed(tmp.resolve("patrol/state.json"), new java.io.IOException("No space left on device"));
    CheckRun r = run(2, 10);
    assertThat(writer.add(r, null).await(20, TimeUnit.SECONDS)).as("medium+ findings and the run report").isEqualTo(3);
    for (Finding f : r.findings()) {
      assertThat(count("SELECT COUNT(*) FROM outbox WHERE item_id = '" + f.id() + "'")).as("%s finding", f.severity())
          .isEqualTo(Outbox.priority(f) ? 1 : 0);
    }
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE body LIKE '%box.outbox-dropped%' AND body LIKE '%disk-full%'"
        + " AND body LIKE '%\"low\":5%' AND body LIKE '%\"info\":5%'")).as("the desk is told what was given up").isEqualTo(1);

    health.diskSpaceBack("test");
    CheckRun after = run(1, 4);
    assertThat(writer.add(after, null).await(20, TimeUnit.SECONDS)).as("everything again").isEqualTo(6);
  }

  @Test
  void mediumPlusBeyondTheCapIsAProblemOfTheBoxUntilItIsUnderAgain() throws Exception {
    OutboxWriter capped = new OutboxWriter(vertx, db, outbox, new Retention(outbox, new Retention.Limits(50, Long.MAX_VALUE), "box-1",
        clock), health, null);
    for (int i = 0; i < 4; i++) {
      capped.add(run(20, 5), null).await(20, TimeUnit.SECONDS);
    }
    assertThat(health.problems()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(BoxHealth.OUTBOX_OVER_CAP);
      assertThat(p.detail()).contains("cap 50 items").contains("keeping them all");
    });
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE kind = 'finding' AND priority = 1 AND body NOT LIKE '%box.outbox-dropped%'"))
        .isEqualTo(80);
    db.write(c -> outbox.acknowledge(c, outbox.next(c, 1000).stream().map(Outbox.Item::seq).toList())).await(20, TimeUnit.SECONDS);
    capped.add(run(1, 0), null).await(20, TimeUnit.SECONDS);
    assertThat(health.problems()).isEmpty();
  }
}
