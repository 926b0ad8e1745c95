package jp.mamori.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
  final Outbox outbox = new Outbox(clock);

  static Finding finding(int n, Severity severity, Instant at) {
    return Finding.builder("lan.test-problem").severity(severity).point(3).target("192.0.2." + (n % 250 + 1) + ":23")
        .title("問題 " + n, "Problem " + n).advice("確認してください", "Check it").identity("n", Integer.toString(n))
        .observedAt(at).build();
  }

  Connection open() throws Exception {
    Connection c = Sqlite.open(tmp.resolve("outbox.db"));
    Sqlite.migrate(c, getClass().getClassLoader(), Outbox.MIGRATIONS);
    return c;
  }

  /** Runs of 10 findings each: every 5th finding medium, every 10th high, the rest alternating info and low. */
  List<CheckRun> runs(int count) {
    List<CheckRun> out = new ArrayList<>();
    int n = 0;
    for (int r = 0; r < count; r++) {
      List<Finding> fs = new ArrayList<>();
      for (int i = 0; i < 10; i++, n++) {
        Severity s = n % 10 == 9 ? Severity.HIGH : n % 5 == 4 ? Severity.MEDIUM : n % 2 == 0 ? Severity.INFO : Severity.LOW;
        fs.add(finding(n, s, clock.instant()));
      }
      out.add(new CheckRun(UUID.randomUUID(), List.of("lan."), List.of("192.0.2.0/24"), clock.instant(), clock.instant(), fs));
      clock.advance(Duration.ofMinutes(10));
    }
    return out;
  }

  @Test
  void overTheCapTheOldestLowAndInfoGoFirstAndTheConsoleIsTold() throws Exception {
    try (Connection c = open()) {
      Retention retention = new Retention(outbox, new Retention.Limits(300, Long.MAX_VALUE), "box-1", clock);
      List<CheckRun> runs = runs(40);
      Instant queuedAt = clock.instant();
      for (CheckRun r : runs) {
        outbox.add(c, r);
      }
      assertThat(outbox.stats(c).items()).isEqualTo(440);
      Retention.Dropped d = retention.enforce(c);
      assertThat(d.total()).isEqualTo(140);
      assertThat(d.info() + d.low()).isEqualTo(140);
      assertThat(d.firstQueued()).isEqualTo(queuedAt);
      assertThat(d.lastQueued()).isEqualTo(queuedAt);
      // 300 left plus the notice
      assertThat(outbox.stats(c).items()).isEqualTo(301);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE kind = 'finding' AND severity >= 2 AND item_id NOT IN "
          + "(SELECT item_id FROM outbox WHERE body LIKE '%box.outbox-dropped%')")).as("every medium+ finding kept").isEqualTo(80);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE kind = 'run'")).as("every run report kept").isEqualTo(40);
      long oldestLowLeft = Jdbc.count(c, "SELECT MIN(seq) FROM outbox WHERE kind = 'finding' AND priority = 0");
      long newestDropped = 0;
      for (CheckRun r : runs) {
        for (Finding f : r.findings()) {
          if (!f.severity().needsPerson() && Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE item_id = ?", f.id().toString()) == 0) {
            newestDropped = Math.max(newestDropped, runs.indexOf(r) * 11L + r.findings().indexOf(f) + 1);
          }
        }
      }
      assertThat(newestDropped).as("only the oldest were dropped").isLessThan(oldestLowLeft);
      JsonObject notice = new JsonObject(Jdbc.one(c, "SELECT body FROM outbox WHERE priority = 1 AND body LIKE '%box.outbox-dropped%'",
          rs -> rs.getString(1)).orElseThrow());
      Finding f = Finding.fromJson(notice);
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.target()).isEqualTo("box-1");
      assertThat(f.title().ja()).contains("140件");
      assertThat(f.advice().ja()).contains("上限").contains("「中」以上）は消していません");
      assertThat(f.advice().en()).contains("queue reached its limit");
      assertThat(f.evidence().getInteger("dropped")).isEqualTo(140);
      assertThat(f.evidence().getLong("droppedSinceInstall")).isEqualTo(140);
      assertThat(outbox.next(c, 1)).extracting(Outbox.Item::itemId).as("priority items go first")
          .containsExactly(runs.get(0).findings().get(4).id().toString());
      JsonObject status = retention.status(c);
      assertThat(status.getJsonObject("dropped").getLong("total")).isEqualTo(140);
      assertThat(status.getLong("items")).isEqualTo(301);
      assertThat(status.getLong("maxItems")).isEqualTo(300);

      // the notice is itself never dropped, and the count adds up across passes
      for (CheckRun r : runs(5)) {
        outbox.add(c, r);
      }
      assertThat(retention.enforce(c).total()).as("back to 300 before the second notice").isEqualTo(56);
      assertThat(retention.status(c).getJsonObject("dropped").getLong("total")).isEqualTo(196);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE body LIKE '%box.outbox-dropped%'")).isEqualTo(2);
    }
  }

  @Test
  void mediumAndAboveAreKeptEvenBeyondTheCap() throws Exception {
    try (Connection c = open()) {
      Retention retention = new Retention(outbox, new Retention.Limits(50, Long.MAX_VALUE), "box-1", clock);
      List<Finding> medium = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        medium.add(finding(i, i % 3 == 0 ? Severity.CRITICAL : Severity.MEDIUM, clock.instant()));
      }
      outbox.add(c, medium);
      outbox.add(c, List.of(finding(1000, Severity.LOW, clock.instant())));
      assertThat(retention.enforce(c).total()).isEqualTo(1);
      assertThat(retention.overCapWithPriorityOnly()).isTrue();
      assertThat(outbox.stats(c).items()).as("80 medium+ and the notice").isEqualTo(81);
      assertThat(retention.enforce(c).total()).isZero();
    }
  }

  @Test
  void theByteCapCountsTheJson() throws Exception {
    try (Connection c = open()) {
      for (CheckRun r : runs(20)) {
        outbox.add(c, r);
      }
      long bytes = Jdbc.count(c, "SELECT SUM(length(CAST(body AS BLOB))) FROM outbox");
      assertThat(outbox.stats(c)).isEqualTo(new Outbox.Stats(220, bytes));
      Retention retention = new Retention(outbox, new Retention.Limits(Long.MAX_VALUE, bytes / 2), "box-1", clock);
      assertThat(retention.enforce(c).total()).isPositive();
      long notice = Jdbc.count(c, "SELECT length(CAST(body AS BLOB)) FROM outbox WHERE body LIKE '%box.outbox-dropped%'");
      assertThat(outbox.stats(c).bytes()).isLessThanOrEqualTo(bytes / 2 + notice);
      assertThat(outbox.stats(c).bytes()).isEqualTo(Jdbc.count(c, "SELECT SUM(length(CAST(body AS BLOB))) FROM outbox"));
      outbox.acknowledge(c, List.of(outbox.next(c, 1).get(0).seq()));
      assertThat(outbox.stats(c).items()).isEqualTo(Jdbc.count(c, "SELECT COUNT(*) FROM outbox"));
    }
  }

  @Test
  void runReportsNeverOvertakeTheLowFindingsBeforeThem() throws Exception {
    try (Connection c = open()) {
      List<CheckRun> runs = runs(3);
      for (CheckRun r : runs) {
        outbox.add(c, r);
      }
      List<Outbox.Item> order = new ArrayList<>();
      while (true) {
        List<Outbox.Item> batch = outbox.next(c, 7);
        if (batch.isEmpty()) {
          break;
        }
        order.addAll(batch);
        outbox.acknowledge(c, batch.stream().map(Outbox.Item::seq).toList());
      }
      assertThat(order).hasSize(33);
      assertThat(order.subList(0, 6)).allMatch(i -> i.kind() == Outbox.Kind.FINDING
          && Severity.parse(i.body().getString("severity")).needsPerson());
      // after the medium+ ones: everything else exactly in the order it was queued
      List<String> rest = new ArrayList<>();
      for (CheckRun r : runs) {
        r.findings().stream().filter(f -> !f.severity().needsPerson()).forEach(f -> rest.add(f.id().toString()));
        rest.add(r.runId().toString());
      }
      assertThat(order.subList(6, 33)).extracting(Outbox.Item::itemId).containsExactlyElementsOf(rest);
    }
  }

  @Test
  void at100kRowsTheCapAndTheQueueReadThroughTheirIndexes() throws Exception {
    try (Connection c = open()) {
      c.setAutoCommit(false);
      List<Finding> batch = new ArrayList<>();
      for (int i = 0; i < 100_000; i++) {
        batch.add(finding(i, i % 20 == 0 ? Severity.HIGH : Severity.INFO, clock.instant()));
        if (batch.size() == 5_000) {
          outbox.add(c, batch);
          batch.clear();
        }
      }
      c.commit();
      assertThat(plan(c, "SELECT seq, kind, item_id, body FROM outbox WHERE priority = 1 ORDER BY seq LIMIT 100")).contains("outbox_urgent");
      assertThat(plan(c, "SELECT seq, kind, item_id, body FROM outbox WHERE priority = 0 ORDER BY seq LIMIT 100")).contains("outbox_normal");
      assertThat(plan(c, "SELECT seq, severity, length(CAST(body AS BLOB)), created_at FROM outbox "
          + "WHERE priority = 0 AND kind = 'finding' ORDER BY seq LIMIT 500")).contains("outbox_normal");
      assertThat(plan(c, "DELETE FROM outbox WHERE priority = 0 AND kind = 'finding' AND seq <= 5")).contains("outbox_normal");
      Retention retention = new Retention(outbox, new Retention.Limits(90_000, Long.MAX_VALUE), "box-1", clock);
      assertThat(retention.enforce(c).total()).isEqualTo(10_000);
      c.commit();
      assertThat(outbox.stats(c).items()).as("90,000 and the notice").isEqualTo(90_001);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM outbox WHERE priority = 1")).isEqualTo(5_001);
    }
  }

  static String plan(Connection c, String sql) throws Exception {
    return String.join(" | ", Jdbc.list(c, "EXPLAIN QUERY PLAN " + sql, rs -> rs.getString("detail")));
  }

  @Test
  void upgradingAnOldOutboxCountsAndRanksWhatItHolds() throws Exception {
    Path file = tmp.resolve("old.db");
    try (Connection c = Sqlite.open(file)) {
      try (var st = c.createStatement()) {
        st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      }
      ClassLoader onlyV001 = new ClassLoader(getClass().getClassLoader()) {
        @Override
        public java.io.InputStream getResourceAsStream(String name) {
          if (name.endsWith("db/index.txt")) {
            return new java.io.ByteArrayInputStream("V001__outbox.sql\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          return super.getResourceAsStream(name);
        }
      };
      Sqlite.migrate(c, onlyV001, Outbox.MIGRATIONS);
      Jdbc.update(c, "INSERT INTO outbox(kind, item_id, severity, body, created_at) VALUES ('finding', 'a', 3, '{\"x\":1}', 't'), "
          + "('finding', 'b', 0, '{}', 't'), ('run', 'c', -1, '{}', 't')");
      Sqlite.migrate(c, getClass().getClassLoader(), Outbox.MIGRATIONS);
      assertThat(outbox.stats(c)).isEqualTo(new Outbox.Stats(3, 11));
      assertThat(Jdbc.list(c, "SELECT item_id FROM outbox WHERE priority = 1", rs -> rs.getString(1))).containsExactly("a");
    }
  }
}
