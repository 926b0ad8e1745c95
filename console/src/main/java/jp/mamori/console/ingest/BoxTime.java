package jp.mamori.console.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Puts a box's times (when it observed a finding, when a run finished) on the console's clock, which is
 * authoritative. A box that says when it sent a delivery ({@code sentAt}) and is off by more than
 * {@link #TOLERANCE} has its times shifted by that offset; within the tolerance (network delay, a clock
 * that is merely a little off) they are taken as they are, so the ordering between a box's own times stays
 * exact. Either way no time lies further ahead than the receipt time plus the tolerance: a box clock that
 * was hours ahead when it queued something (and was corrected since) cannot date an alert into the future,
 * where it would keep the alert from resolving and hide its later sightings.
 */
public record BoxTime(long offsetMillis, long receivedAt) {
  public static final Duration TOLERANCE = Duration.ofMinutes(2);

  /** {@code sentAt} is the box's clock when it sent the delivery (null: unknown, e.g. an older agent). */
  public static BoxTime of(Instant sentAt, long receivedAt) {
    long offset = sentAt == null ? 0 : sentAt.toEpochMilli() - receivedAt;
    return new BoxTime(Math.abs(offset) <= TOLERANCE.toMillis() ? 0 : offset, receivedAt);
  }

  /** Times the console made itself (offline alerts). */
  public static BoxTime console(long now) {
    return new BoxTime(0, now);
  }

  public long place(Instant boxTime) {
    return Math.min(boxTime.toEpochMilli() - offsetMillis, receivedAt + TOLERANCE.toMillis());
  }
}
