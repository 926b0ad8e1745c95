package jp.mamori.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Sqlite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path tmp;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  Finding finding(String key) {
    return Finding.builder("lan.telnet-open").severity(Severity.MEDIUM).point(3).target("192.0.2.1:23").title("t", "t").advice("a", "a")
        .identity("k", key).observedAt(clock).build();
  }

  @Test
  void keepsRunOrderSurvivesReopenAndForgetsOnlyWhatWasAcknowledged() throws Exception {
    Path file = tmp.resolve("outbox.db");
    Outbox outbox = new Outbox(clock);
    Finding a = finding("a");
    Finding b = finding("b");
    CheckRun run = new CheckRun(UUID.randomUUID(), List.of("lan."), List.of("192.0.2.1"), clock.instant(), clock.instant(), List.of(a, b));
    try (Connection c = Sqlite.open(file)) {
      Sqlite.migrate(c, getClass().getClassLoader(), Outbox.MIGRATIONS);
      assertThat(outbox.add(c, run)).isEqualTo(3);
      assertThat(outbox.add(c, run)).as("same ids are not queued twice").isZero();
    }
    try (Connection c = Sqlite.open(file)) {
      assertThat(Sqlite.migrate(c, getClass().getClassLoader(), Outbox.MIGRATIONS)).isZero();
      List<Outbox.Item> items = outbox.next(c, 10);
      assertThat(items).extracting(Outbox.Item::kind).containsExactly(Outbox.Kind.FINDING, Outbox.Kind.FINDING, Outbox.Kind.RUN);
      assertThat(items.get(2).body().getJsonArray("fingerprints")).containsExactlyInAnyOrder(a.fingerprint(), b.fingerprint());
      outbox.acknowledge(c, List.of(items.get(0).seq()));
      outbox.reject(c, items.get(1).seq(), "findings[0]: bad");
      assertThat(outbox.depth(c)).isEqualTo(1);
      assertThat(outbox.deadLetters(c)).isEqualTo(1);
      assertThat(outbox.next(c, 10)).extracting(Outbox.Item::kind).containsExactly(Outbox.Kind.RUN);
    }
  }
}
