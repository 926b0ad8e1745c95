package jp.mamori.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @Test
  void twiceADayInTokyoTimeWithBoundedJitter() {
    Schedule s = Schedule.daily(List.of(LocalTime.of(6, 0), LocalTime.of(18, 0)), TOKYO, Duration.ofMinutes(30), new Random(3));
    Instant morning = Instant.parse("2026-11-21T20:00:00Z");
    Instant next = s.next(morning);
    Instant six = Instant.parse("2026-11-21T21:00:00Z");
    assertThat(next).isBetween(six, six.plus(Duration.ofMinutes(30)));
    Instant evening = s.next(Instant.parse("2026-11-22T03:00:00Z"));
    assertThat(evening).isBetween(Instant.parse("2026-11-22T09:00:00Z"), Instant.parse("2026-11-22T09:30:00Z"));
    Instant tomorrow = s.next(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(tomorrow).isBetween(Instant.parse("2026-11-22T21:00:00Z"), Instant.parse("2026-11-22T21:30:00Z"));
  }

  @Test
  void jitterDiffersBetweenBoxes() {
    Instant now = Instant.parse("2026-11-22T03:00:00Z");
    Instant a = Schedule.daily(List.of(LocalTime.of(18, 0)), TOKYO, Duration.ofMinutes(30), new Random(1)).next(now);
    Instant b = Schedule.daily(List.of(LocalTime.of(18, 0)), TOKYO, Duration.ofMinutes(30), new Random(2)).next(now);
    assertThat(a).isNotEqualTo(b);
  }
}
