package jp.mamori.console.chamber;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily score snapshot follows the day's last score, and a tick that changes nothing rewrites nothing. */
class ReportSchedulerTest {
  @TempDir Path tmp;

  @Test
  void theSnapshotKeepsTheDaysLastScoreAndLeavesUnchangedRowsAlone() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
    try (ConsoleHarness console = new ConsoleHarness(tmp, clock)) {
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long sakura = console.sme(chamber, "さくら製作所", null);
      long momiji = console.sme(chamber, "もみじ商店", null);
      console.write(c -> Jdbc.update(c, "INSERT INTO boxes(id, sme_id, credential_hash, enrolled_at) VALUES ('b1', ?, 'x', 0)", sakura));
      ReportScheduler scheduler = console.services().portal().reportScheduler;
      assertThat(console.write(scheduler::tick).snapshots()).isEqualTo(2);
      assertThat(points(console, sakura)).isEqualTo(points(console, momiji));

      Finding telnet = Finding.builder("lan.telnet-open").severity(Severity.HIGH).point(3).target("192.0.2.1:23").title("Telnet", "Telnet")
          .advice("止めてください", "Turn it off").observedAt(clock).build();
      console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity("b1", sakura, chamber), new JsonArray().add(telnet.toJson()),
          new JsonArray()));
      clock.advance(Duration.ofMinutes(10));
      console.write(scheduler::tick);
      assertThat(points(console, sakura).getString("3")).as("the same day's row follows the new score").isEqualTo("red");
      assertThat(points(console, momiji).getString("3")).isNotEqualTo("red");
      assertThat(console.count("SELECT COUNT(*) FROM score_snapshots")).as("one row per company and day").isEqualTo(2);

      int unchanged = console.write(c -> {
        long before = Jdbc.count(c, "SELECT total_changes()");
        scheduler.tick(c);
        return (int) (Jdbc.count(c, "SELECT total_changes()") - before);
      });
      assertThat(unchanged).as("rows written by a tick that changed no score").isZero();
    }
  }

  private static JsonObject points(ConsoleHarness console, long sme) throws Exception {
    String points = console.read(c -> Jdbc.one(c, "SELECT points FROM score_snapshots WHERE sme_id = ?", rs -> rs.getString(1), sme).orElseThrow());
    return new JsonObject(points);
  }
}
