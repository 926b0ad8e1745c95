package jp.mamori.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;

class DeliveryPaceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));

  @Test
  void aBatchGoesAtOnceAndABacklogAveragesTheRate() {
    DeliveryPace pace = new DeliveryPace(200, 100, Duration.ofSeconds(60), clock, new Random(1));
    assertThat(pace.sent(100)).as("one batch is the burst").isZero();
    assertThat(pace.sent(100)).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(pace.sent(100)).isEqualTo(Duration.ofMillis(500));
    // replaying 10,000 items in batches of 100, sending whenever allowed, takes rate-limited time
    Duration total = Duration.ZERO;
    for (int i = 0; i < 100; i++) {
      Duration wait = pace.sent(100);
      clock.advance(wait);
      total = total.plus(wait);
    }
    assertThat(total).isBetween(Duration.ofMillis(49_000), Duration.ofMillis(51_000));
  }

  @Test
  void quietTimeRefillsOnlyUpToOneBatchAndAClockJumpBackDoesNotStallIt() {
    DeliveryPace pace = new DeliveryPace(50, 100, Duration.ZERO, clock, new Random(1));
    pace.sent(100);
    clock.advance(Duration.ofHours(3));
    assertThat(pace.sent(100)).isZero();
    assertThat(pace.sent(50)).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofHours(-5));
    assertThat(pace.sent(50)).as("no refill from a clock that went back, but no stall either").isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertThat(pace.sent(0)).isZero();
  }

  @Test
  void replayPausesAreSpreadOverTheWholeWindow() {
    DeliveryPace pace = new DeliveryPace(200, 100, Duration.ofSeconds(60), clock, new Random(7));
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long ms = pace.replayDelay().toMillis();
      assertThat(ms).isBetween(0L, 60_000L);
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertThat(min).isLessThan(1_000);
    assertThat(max).isGreaterThan(59_000);
    assertThat(new DeliveryPace(1, 1, Duration.ZERO, clock, new Random(1)).replayDelay()).isZero();
    assertThatThrownBy(() -> new DeliveryPace(0, 100, Duration.ZERO, clock, new Random(1))).hasMessageContaining("0/s");
  }
}
