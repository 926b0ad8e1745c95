package jp.mamori.checks.lan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import jp.mamori.checks.finding.Finding;

final class ScanTestSupport {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

  private ScanTestSupport() {}

  static LanScanner.Result scan(Target... targets) throws InterruptedException {
    return new LanScanner(CLOCK).scan(LanScanner.Options.targets(List.of(targets)).withTimeout(Duration.ofMillis(800)));
  }

  static LanContext ctx() {
    return new LanContext(new Pace(1000, 16), CLOCK, Duration.ofMillis(800), true, LanData.get());
  }

  static List<Finding> atLeastMedium(LanScanner.Result r) {
    return r.run().findings().stream().filter(f -> f.severity().needsPerson()).toList();
  }

  static List<Finding> of(LanScanner.Result r, String check) {
    return r.run().findings().stream().filter(f -> f.check().equals(check)).toList();
  }
}
