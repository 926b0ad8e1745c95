package jp.mamori.checks.lan;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a scan polite to a small office router: at most {@code rate} probes (connects or datagrams) per
 * second across all threads, and at most {@code inFlight} TCP connects open at once.
 */
public final class Pace {
  public static final int DEFAULT_RATE = 200;
  public static final int DEFAULT_IN_FLIGHT = 64;

  private final long intervalNanos;
  private final Semaphore connects;
  private final int inFlight;
  private long nextSlot = System.nanoTime();
  private long probes;

  public Pace(int ratePerSecond, int inFlight) {
    if (ratePerSecond < 1 || inFlight < 1) {
      throw new IllegalArgumentException("rate and in-flight limits must be positive");
    }
    this.intervalNanos = 1_000_000_000L / ratePerSecond;
    this.inFlight = inFlight;
    this.connects = new Semaphore(inFlight, true);
  }

  /** Blocks until the next probe may go out. */
  public void tick() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(nextSlot, now);
      nextSlot = slot + intervalNanos;
      probes++;
      wait = slot - now;
    }
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** A connect slot: blocks while {@code inFlight} connects are open; release with {@link #release()}. */
  public void acquire() throws InterruptedException {
    connects.acquire();
    tick();
  }

  public boolean tryAcquire(Duration wait) throws InterruptedException {
    if (!connects.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    tick();
    return true;
  }

  public void release() {
    connects.release();
  }

  public int inFlightLimit() {
    return inFlight;
  }

  public synchronized long probes() {
    return probes;
  }

  /** Backs off after a device said "slow down" (HTTP 429/503, FTP 421). */
  public static void backOff(Duration d) {
    try {
      Thread.sleep(Math.min(d.toMillis(), 5000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
