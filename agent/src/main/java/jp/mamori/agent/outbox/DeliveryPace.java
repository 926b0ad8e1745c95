package jp.mamori.agent.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * How fast the sender replays a backlog: at most {@code perSecond} items a second on average (a token bucket
 * one batch deep, so everyday runs go out at once), and a random pause of up to {@code maxReplayDelay}
 * before replaying after an outage or at a start with a backlog, so ten thousand boxes that come back at
 * the same moment (a console restart, a power cut in a town) spread out instead of arriving together.
 */
public final class DeliveryPace {
  public static final int DEFAULT_PER_SECOND = 200;
  public static final Duration DEFAULT_REPLAY_DELAY = Duration.ofSeconds(60);

  private final double perSecond;
  private final double burst;
  private final Duration maxReplayDelay;
  private final Clock clock;
  private final Random random;
  private double tokens;
  private Instant last;

  public DeliveryPace(int perSecond, int burst, Duration maxReplayDelay, Clock clock, Random random) {
    if (perSecond < 1 || burst < 1 || maxReplayDelay.isNegative()) {
      throw new IllegalArgumentException("delivery pace needs a rate and burst of at least 1 and a non-negative delay, got "
          + perSecond + "/s, burst " + burst + ", delay " + maxReplayDelay);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxReplayDelay = maxReplayDelay;
    this.clock = clock;
    this.random = random;
    this.tokens = burst;
    this.last = clock.instant();
  }

  /** No limit: for tools and tests that are not about pacing. */
  public static DeliveryPace unlimited(Clock clock) {
    return new DeliveryPace(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO, clock, new Random(0));
  }

  /** {@code items} were just sent: how long to wait before the next batch (zero when the bucket still holds enough). */
  public synchronized Duration sent(int items) {
    refill();
    tokens -= items;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.ceil(-tokens * 1000 / perSecond));
  }

  /** The random pause before replaying a backlog, uniformly in [0, max]. */
  public Duration replayDelay() {
    long max = maxReplayDelay.toMillis();
    return max == 0 ? Duration.ZERO : Duration.ofMillis((long) (random.nextDouble() * (max + 1)));
  }

  public int perSecond() {
    return (int) Math.min(Integer.MAX_VALUE, perSecond);
  }

  private void refill() {
    Instant now = clock.instant();
    long elapsed = Math.max(0, Duration.between(last, now).toMillis());
    tokens = Math.min(burst, tokens + elapsed * perSecond / 1000);
    last = now;
  }
}
