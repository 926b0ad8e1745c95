package jp.mamori.bench;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires calls on a fixed schedule from one thread, whatever the console answers: each stream has a
 * period, and its n-th call is meant to start at start + offset + n * period. A call never waits for the
 * previous answer, so a slow console cannot slow the load down and hide its own delay (coordinated
 * omission); the recorder measures from the intended instant handed to {@link Stream#fire}.
 */
final class OpenLoop {
  /** One call, meant to start at {@code intendedNanos} (System.nanoTime scale); must not block. */
  @FunctionalInterface
  interface Shot {
    void fire(long intendedNanos);
  }

  record Stream(String name, double perSecond, double offsetSeconds, Shot shot) {
    long periodNanos() {
      return Math.max(1, Math.round(1e9 / perSecond));
    }
  }

  private OpenLoop() {}

  /** Runs the streams from {@code startNanos} until {@code endNanos}; returns how late the schedule ran at worst (ns). */
  static long run(List<Stream> streams, long startNanos, long endNanos) {
    record Next(long at, Stream stream) {}
    PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    for (Stream s : streams) {
      if (s.perSecond() > 0) {
        queue.add(new Next(startNanos + Math.round(s.offsetSeconds() * 1e9), s));
      }
    }
    long worstLag = 0;
    while (!queue.isEmpty()) {
      Next n = queue.poll();
      if (n.at() >= endNanos) {
        continue;
      }
      for (long wait; (wait = n.at() - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(wait);
      }
      worstLag = Math.max(worstLag, System.nanoTime() - n.at());
      n.stream().shot().fire(n.at());
      queue.add(new Next(n.at() + n.stream().periodNanos(), n.stream()));
    }
    return worstLag;
  }
}
