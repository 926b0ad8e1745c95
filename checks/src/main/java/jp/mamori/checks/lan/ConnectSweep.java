package jp.mamori.checks.lan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * TCP connects to many targets from one thread: non-blocking sockets on one selector, within the scan's pace (rate
 * and connects in flight) and each with the scan's timeout. One thread per connect in flight cost the box 64 threads
 * for every sweep (README, "Memory budget").
 */
final class ConnectSweep {
  private ConnectSweep() {}

  private static final class Pending {
    final int index;
    final SocketChannel channel;
    final long deadline;
    boolean done;

    Pending(int index, SocketChannel channel, long deadline) {
      this.index = index;
      this.channel = channel;
      this.deadline = deadline;
    }
  }

  /**
   * For each target, in order: true = open, false = refused (the host is up), null = no answer within
   * {@code timeout}. {@code reset}: close with RST (sweeps: no TIME_WAIT pile-up over thousands of probes).
   */
  static List<Boolean> run(List<Target> targets, Pace pace, Duration timeout, boolean reset) throws InterruptedException {
    Boolean[] results = new Boolean[targets.size()];
    long timeoutNanos = timeout.toNanos();
    // started in order with the same timeout, so the first not-done is always the next to expire
    ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    try (Selector selector = Selector.open()) {
      int next = 0;
      while (next < targets.size() || !inFlight.isEmpty()) {
        if (Thread.interrupted()) {
          throw new InterruptedException("connect sweep interrupted with " + (targets.size() - next) + " target(s) left");
        }
        if (next < targets.size() && inFlight.isEmpty()) {
          pace.acquire(); // nothing of ours to wait for: other probes hold the slots
          next = start(targets, next, pace, selector, inFlight, results, timeoutNanos, reset);
        }
        while (next < targets.size() && pace.tryAcquire(Duration.ZERO)) {
          next = start(targets, next, pace, selector, inFlight, results, timeoutNanos, reset);
        }
        long waitNanos = inFlight.isEmpty() ? 0 : inFlight.peekFirst().deadline - System.nanoTime();
        if (waitNanos > 0) {
          selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
        } else {
          selector.selectNow();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Pending p = (Pending) key.attachment();
          Boolean r;
          try {
            if (!p.channel.finishConnect()) {
              continue; // still connecting
            }
            r = true;
          } catch (ConnectException e) {
            r = refused(e);
          } catch (IOException e) {
            r = null;
          }
          results[p.index] = r;
          finish(p, pace);
        }
        long now = System.nanoTime();
        while (!inFlight.isEmpty() && (inFlight.peekFirst().done || inFlight.peekFirst().deadline - now <= 0)) {
          Pending p = inFlight.pollFirst();
          if (!p.done) {
            results[p.index] = null;
            finish(p, pace);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("connect sweep: cannot open a selector: " + e.getMessage(), e);
    } finally {
      // interrupted: the connects still open are closed and their slots given back
      for (Pending p : inFlight) {
        if (!p.done) {
          finish(p, pace);
        }
      }
    }
    return new ArrayList<>(Arrays.asList(results));
  }

  /** Starts the connect to {@code targets[i]} (its pace slot already taken); returns the next index. */
  private static int start(List<Target> targets, int i, Pace pace, Selector selector, ArrayDeque<Pending> inFlight,
      Boolean[] results, long timeoutNanos, boolean reset) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      if (reset) {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      }
      Pending p = new Pending(i, channel, System.nanoTime() + timeoutNanos);
      if (channel.connect(targets.get(i).address())) {
        results[i] = true;
        finish(p, pace);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, p);
        inFlight.addLast(p);
      }
    } catch (ConnectException e) {
      results[i] = refused(e);
      closeAndRelease(channel, pace);
    } catch (IOException e) {
      results[i] = null;
      closeAndRelease(channel, pace);
    }
    return i + 1;
  }

  private static Boolean refused(ConnectException e) {
    return e.getMessage() != null && e.getMessage().contains("refused") ? false : null;
  }

  private static void finish(Pending p, Pace pace) {
    p.done = true;
    closeAndRelease(p.channel, pace);
  }

  private static void closeAndRelease(SocketChannel channel, Pace pace) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing a probe socket: nothing to keep
    } finally {
      pace.release();
    }
  }
}
