package jp.mamori.console.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ten-minute report tick scores every company of every chamber, a chamber at a time, as one pass over all would. */
class ReportTickTest {
  @TempDir Path tmp;

  @Test
  void theTickSnapshotsEveryCompanyOfEveryChamber() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
    try (ConsoleHarness console = new ConsoleHarness(tmp, clock)) {
      for (int ch = 1; ch <= 3; ch++) {
        long chamber = console.chamber("chamber-" + ch, "テスト商工会議所" + ch);
        for (int i = 0; i < ch; i++) {
          console.sme(chamber, "会社" + ch + "-" + i, null);
        }
      }
      PortalServices ps = console.services().portal();
      var outcome = ps.reports(console.db()).await(30, TimeUnit.SECONDS);
      assertThat(outcome.snapshots()).isEqualTo(6);
      Map<Long, String> expected = new TreeMap<>();
      console.read(c -> ps.scorecard.all(c)).forEach((sme, card) -> expected.put(sme, card.lights().encode()));
      Map<Long, String> stored = new TreeMap<>();
      console.read(c -> Jdbc.list(c, "SELECT sme_id, points FROM score_snapshots", rs -> Map.entry(rs.getLong(1), rs.getString(2))))
          .forEach(e -> stored.put(e.getKey(), e.getValue()));
      assertThat(stored).isEqualTo(expected).hasSize(6);
    }
  }
}
