package jp.mamori.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies per call, measured from the instant the schedule meant the call to start (so a console that
 * falls behind pays for every call it delayed, not only the one it was slow on) and, for comparison, from
 * the instant the request really left.
 */
final class Recorder {
  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  static final class Series {
    private long[] fromIntended = new long[1024];
    private long[] fromSent = new long[1024];
    private int n;
    private int errors;
    private long lastDone;
    private final Map<String, Integer> errorSamples = new TreeMap<>();

    synchronized void add(long intendedNanos, long sentNanos, long doneNanos, String error) {
      if (n == fromIntended.length) {
        fromIntended = Arrays.copyOf(fromIntended, n * 2);
        fromSent = Arrays.copyOf(fromSent, n * 2);
      }
      fromIntended[n] = doneNanos - intendedNanos;
      fromSent[n] = doneNanos - sentNanos;
      n++;
      lastDone = Math.max(lastDone, doneNanos);
      if (error != null) {
        errors++;
        if (errorSamples.size() < 5 || errorSamples.containsKey(error)) {
          errorSamples.merge(error, 1, Integer::sum);
        }
      }
    }

    synchronized JsonObject summary(double seconds) {
      long[] a = Arrays.copyOf(fromIntended, n);
      long[] s = Arrays.copyOf(fromSent, n);
      Arrays.sort(a);
      Arrays.sort(s);
      JsonObject errorsJson = new JsonObject();
      errorSamples.forEach(errorsJson::put);
      return new JsonObject().put("n", n).put("perSecond", round(n / seconds)).put("errors", errors).put("errorSamples", errorsJson)
          .put("p50", ms(a, 50)).put("p95", ms(a, 95)).put("p99", ms(a, 99)).put("max", n == 0 ? 0 : round(a[n - 1] / 1e6))
          .put("serviceP50", ms(s, 50)).put("serviceP95", ms(s, 95)).put("serviceP99", ms(s, 99));
    }
  }

  /** Nearest-rank percentile in milliseconds. */
  static double ms(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return round(sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6);
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  /** Per second of the phase (by due instant): the slowest call, to see when the console stalled. */
  private final Map<Long, Long> slowest = new ConcurrentHashMap<>();
  private volatile long phaseStart;

  /** A call left; returns the handle that records its end once (a second end, e.g. after a timeout, is ignored). */
  Call started(String label, long intendedNanos, long sentNanos) {
    inFlight.incrementAndGet();
    open.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet();
    return new Call(label, intendedNanos, sentNanos);
  }

  final class Call {
    private final String label;
    private final long intended;
    private final long sent;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

    private Call(String label, long intended, long sent) {
      this.label = label;
      this.intended = intended;
      this.sent = sent;
    }

    void done(String error) {
      if (ended.compareAndSet(false, true)) {
        try {
          long now = System.nanoTime();
          series.computeIfAbsent(label, k -> new Series()).add(intended, sent, now, error);
          slowest.merge((intended - phaseStart) / 1_000_000_000L, now - intended, Math::max);
        } finally {
          open.get(label).decrementAndGet();
          inFlight.decrementAndGet();
        }
      }
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  /** When the last answer for calls whose label starts with {@code prefix} came (System.nanoTime), 0 if none. */
  long lastDone(String prefix) {
    long last = 0;
    for (Map.Entry<String, Series> e : series.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        synchronized (e.getValue()) {
          last = Math.max(last, e.getValue().lastDone);
        }
      }
    }
    return last;
  }

  /** Calls not answered yet, per label. */
  Map<String, Integer> open() {
    Map<String, Integer> m = new TreeMap<>();
    open.forEach((k, v) -> {
      if (v.get() > 0) {
        m.put(k, v.get());
      }
    });
    return m;
  }

  /** Forgets what was recorded; seconds of the timeline count from {@code startNanos}. */
  void clear(long startNanos) {
    series.clear();
    slowest.clear();
    phaseStart = startNanos;
  }

  /** The seconds whose slowest call took longer than {@code thresholdMs}: [second, ms], in order. */
  JsonArray stalls(double thresholdMs) {
    JsonArray out = new JsonArray();
    new TreeMap<>(slowest).forEach((second, nanos) -> {
      if (second >= 0 && nanos / 1e6 > thresholdMs) {
        out.add(new JsonArray().add(second).add(round(nanos / 1e6)));
      }
    });
    return out;
  }

  JsonObject summary(double seconds) {
    JsonObject out = new JsonObject();
    new TreeMap<>(series).forEach((label, s) -> out.put(label, s.summary(seconds)));
    return out;
  }

  static JsonArray labels(JsonObject summary) {
    return new JsonArray(summary.fieldNames().stream().sorted().toList());
  }
}
