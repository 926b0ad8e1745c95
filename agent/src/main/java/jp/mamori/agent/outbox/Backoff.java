package jp.mamori.agent.outbox;

import java.time.Duration;
import java.util.Random;

/** Exponential backoff with jitter, so a chamber's boxes do not retry in lockstep after an outage. */
public final class Backoff {
  private final long baseMillis;
  private final long maxMillis;
  private final Random random;
  private int failures;

  public Backoff(Duration base, Duration max, Random random) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base + ", max " + max);
    }
    this.baseMillis = base.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The wait before the next attempt: uniformly in [d/2, d] where d doubles per failure up to the cap. */
  public Duration next() {
    long ceiling = baseMillis << Math.min(failures, 30);
    if (ceiling <= 0 || ceiling > maxMillis) {
      ceiling = maxMillis;
    }
    failures++;
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + (long) (random.nextDouble() * (ceiling - floor + 1)));
  }

  public int failures() {
    return failures;
  }

  public void reset() {
    failures = 0;
  }
}
