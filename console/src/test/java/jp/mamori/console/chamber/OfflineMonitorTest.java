package jp.mamori.console.chamber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline detection at its edges: a box that never reported, the 15-minute threshold, a revoked box. */
class OfflineMonitorTest {
  @TempDir Path tmp;

  @Test
  void aBoxThatNeverReportedIsOfflineAfterFifteenMinutesAndARevokedOneStopsAlerting() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
    try (ConsoleHarness console = new ConsoleHarness(tmp, clock)) {
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", null);
      long enrolled = clock.millis();
      console.write(c -> c.createStatement().execute("INSERT INTO boxes(id, sme_id, hostname, credential_hash, enrolled_at) VALUES ('silent', "
          + sme + ", 'box-1', 'x', " + enrolled + ")"));
      OfflineMonitor monitor = console.services().portal().offlineMonitor;
      clock.advance(Duration.ofMinutes(15));
      assertThat(console.write(monitor::check).wentOffline()).as("exactly 15 minutes is not yet more than 15").isZero();
      clock.advance(Duration.ofSeconds(1));
      assertThat(console.write(monitor::check).wentOffline()).isEqualTo(1);
      assertThat(console.count("SELECT COUNT(*) FROM alerts WHERE check_id = 'box.offline' AND status = 'open' AND target = 'silent'")).isEqualTo(1);
      assertThat(console.count("SELECT COUNT(*) FROM events WHERE type = 'box.offline'")).isEqualTo(1);

      console.write(c -> console.services().boxes().revoke(c, "silent"));
      assertThat(console.write(monitor::check).cameBack()).as("a revoked box's alert resolves").isEqualTo(1);
      assertThat(console.count("SELECT COUNT(*) FROM alerts WHERE check_id = 'box.offline' AND status = 'open'")).isZero();
      clock.advance(Duration.ofHours(1));
      assertThat(console.write(monitor::check).wentOffline()).as("revoked boxes are not watched").isZero();

      console.write(c -> c.createStatement().execute("INSERT INTO boxes(id, sme_id, hostname, credential_hash, enrolled_at, last_heartbeat_at) "
          + "VALUES ('long-silent', " + sme + ", 'box-2', 'y', 0, " + (clock.millis() - Duration.ofDays(1).toMillis()) + ")"));
      OfflineMonitor afterRestart = new OfflineMonitor(clock, console.services().ingestion(), console.services().portal().events,
          console.services().portal().mailer);
      assertThat(console.write(afterRestart::check).wentOffline()).as("a console just started gives boxes the full period").isZero();
      clock.advance(Duration.ofMinutes(16));
      assertThat(console.write(afterRestart::check).wentOffline()).isEqualTo(1);
    }
  }
}
