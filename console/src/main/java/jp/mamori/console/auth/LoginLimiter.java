package jp.mamori.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after too many failures within the window for one account or one
 * client address, further attempts are refused until the window has passed. Memory is bounded.
 */
public final class LoginLimiter {
  private static final int MAX_KEYS = 50_000;

  private final Clock clock;
  private final int maxPerAccount;
  private final int maxPerAddress;
  private final Duration window;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  /** An office shares one address behind its router, so the per-address limit is the looser one. */
  public LoginLimiter(Clock clock, int maxPerAccount, int maxPerAddress, Duration window) {
    this.clock = clock;
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
  }

  /** Seconds to wait before another attempt, or 0 when allowed. */
  public long retryAfterSeconds(String email, String address) {
    return Math.max(wait("e:" + email.toLowerCase(), maxPerAccount), wait("a:" + address, maxPerAddress));
  }

  private long wait(String key, int maxFailures) {
    Deque<Long> q = failures.get(key);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      prune(q);
      if (q.size() < maxFailures) {
        return 0;
      }
      return Math.max(1, (q.peekFirst() + window.toMillis() - clock.millis()) / 1000);
    }
  }

  public void failed(String email, String address) {
    if (failures.size() > MAX_KEYS) {
      failures.clear();
    }
    record("e:" + email.toLowerCase());
    record("a:" + address);
  }

  public void succeeded(String email) {
    failures.remove("e:" + email.toLowerCase());
  }

  private void record(String key) {
    Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      prune(q);
      q.addLast(clock.millis());
    }
  }

  private void prune(Deque<Long> q) {
    long cutoff = clock.millis() - window.toMillis();
    while (!q.isEmpty() && q.peekFirst() < cutoff) {
      q.pollFirst();
    }
  }
}
