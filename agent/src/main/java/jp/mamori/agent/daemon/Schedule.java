package jp.mamori.agent.daemon;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

/** When a job runs next. */
@FunctionalInterface
public interface Schedule {
  Instant next(Instant now);

  /** Fixed local times each day (e.g. 06:00 and 18:00 Asia/Tokyo), each shifted by up to {@code jitter}. */
  static Schedule daily(List<LocalTime> times, ZoneId zone, Duration jitter, Random random) {
    if (times.isEmpty()) {
      throw new IllegalArgumentException("a daily schedule needs at least one time");
    }
    return now -> {
      ZonedDateTime local = now.atZone(zone);
      Instant best = null;
      for (int day = 0; day <= 1; day++) {
        LocalDate date = local.toLocalDate().plusDays(day);
        for (LocalTime t : times) {
          Instant at = ZonedDateTime.of(date, t, zone).toInstant();
          if (at.isAfter(now) && (best == null || at.isBefore(best))) {
            best = at;
          }
        }
      }
      long jitterMs = jitter.toMillis() <= 0 ? 0 : (long) (random.nextDouble() * jitter.toMillis());
      return best.plusMillis(jitterMs);
    };
  }

  static Schedule every(Duration interval) {
    return now -> now.plus(interval);
  }
}
