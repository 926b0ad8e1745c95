package jp.mamori.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Sqlite;

/** Test load: many findings over a few problems, written into a box's real outbox file. */
public final class Findings {
  private Findings() {}

  /** {@code total} findings spread over {@code problems} fingerprints; every fifth problem is high. */
  public static List<Finding> spread(int total, int problems, Instant start) {
    List<Finding> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      int p = i % problems;
      out.add(Finding.builder("lan.test-problem").severity(p % 5 == 0 ? Severity.HIGH : Severity.LOW).point(3)
          .target("192.0.2." + (p + 1) + ":23").title("テスト問題 " + p, "Test problem " + p).advice("確認してください", "Check it")
          .identity("n", Integer.toString(p)).evidence("seq", i).observedAt(start.plusSeconds(i)).build());
    }
    return out;
  }

  public static void fillOutbox(Path outboxDb, List<Finding> findings) throws Exception {
    try (Connection c = Sqlite.open(outboxDb)) {
      Sqlite.migrate(c, Findings.class.getClassLoader(), Outbox.MIGRATIONS);
      c.setAutoCommit(false);
      new Outbox(Clock.systemUTC()).add(c, findings);
      c.commit();
    }
  }

  public static long outboxDepth(Path outboxDb) throws Exception {
    try (Connection c = Sqlite.openReader(outboxDb)) {
      return new Outbox(Clock.systemUTC()).depth(c);
    }
  }
}
