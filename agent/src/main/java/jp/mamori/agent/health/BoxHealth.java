package jp.mamori.agent.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jp.mamori.common.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is wrong with the box itself right now (a full disk, a file it cannot write, a queue over its cap),
 * each with the time it started. Thread-safe: jobs report from worker threads, pages and the heartbeat read
 * from event loops. A problem is logged once when it starts and once when it ends, never per failed write.
 */
public final class BoxHealth {
  private static final Logger LOG = LoggerFactory.getLogger(BoxHealth.class);

  public static final String DISK_FULL = "disk-full";
  public static final String WRITE_FAILED = "write-failed";
  public static final String OUTBOX_OVER_CAP = "outbox-over-cap";

  /** One current problem; {@code ja}/{@code en} are for the owner, {@code detail} for the desk and the journal. */
  public record Problem(String code, String subject, Instant since, String detail, String ja, String en) {
    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("subject", subject).put("since", since.toString()).put("detail", detail)
          .put("message", new JsonObject().put("ja", ja).put("en", en));
    }
  }

  private record Key(String code, String subject) {}

  private final Clock clock;
  private final Map<Key, Problem> problems = new ConcurrentHashMap<>();
  private final List<Consumer<Problem>> onDiskFull = new CopyOnWriteArrayList<>();
  private final List<Runnable> onDiskBack = new CopyOnWriteArrayList<>();

  public BoxHealth(Clock clock) {
    this.clock = clock;
  }

  /** Called when the disk turns full (the first full write, not every one). */
  public void onDiskFull(Consumer<Problem> listener) {
    onDiskFull.add(listener);
  }

  /** Called when there is room again. */
  public void onDiskBack(Runnable listener) {
    onDiskBack.add(listener);
  }

  /** A write of {@code file} failed: a full disk, or some other IO error, each reported once until it clears. */
  public synchronized void fileWriteFailed(Path file, Throwable e) {
    String subject = file.toString();
    if (DiskSpace.isFull(e)) {
      boolean first = !diskFull();
      String detail = "cannot write " + file + " (" + DiskSpace.describe(file) + "): " + oneLine(e);
      Problem p = add(DISK_FULL, subject, detail, "記録用の容量（SDカード）がいっぱいです。重要な記録（「中」以上）は守っていますが、"
          + "軽微な記録は消えることがあります。商工会議所の相談窓口にご連絡ください。",
          "The box's storage is full. Records of medium severity and above are kept, minor ones may be discarded. "
              + "Please contact your chamber's help desk.");
      if (p != null) {
        LOG.error("disk full: {}; keeping medium+ findings, dropping low/info ones to make room", detail);
        if (first) {
          onDiskFull.forEach(l -> l.accept(p));
        }
      }
    } else {
      Problem p = add(WRITE_FAILED, subject, "cannot write " + file + ": " + oneLine(e),
          "ボックスが記録を保存できません（" + file.getFileName() + "）。商工会議所の相談窓口にご連絡ください。",
          "The box cannot save its records (" + file.getFileName() + "). Please contact your chamber's help desk.");
      if (p != null) {
        LOG.error("{}", p.detail());
      }
    }
  }

  /** A write of {@code file} worked: other write failures of it are over (a full disk ends only when room is back). */
  public void fileWritten(Path file) {
    Problem gone = problems.remove(new Key(WRITE_FAILED, file.toString()));
    if (gone != null) {
      LOG.info("{} can be written again", file);
    }
  }

  /** There is room on the disk again: every disk-full problem ends. */
  public synchronized void diskSpaceBack(String how) {
    boolean any = problems.keySet().removeIf(k -> k.code().equals(DISK_FULL));
    if (any) {
      LOG.info("disk space is back ({}): recording normally again", how);
      onDiskBack.forEach(Runnable::run);
    }
  }

  /** A problem that is not about one file write; reported once until cleared. */
  public void report(String code, String subject, String detail, String ja, String en) {
    Problem p = add(code, subject, detail, ja, en);
    if (p != null) {
      LOG.error("{}", detail);
    }
  }

  public void clear(String code, String subject) {
    if (problems.remove(new Key(code, subject)) != null) {
      LOG.info("{} is over ({})", code, subject);
    }
  }

  public boolean diskFull() {
    return problems.keySet().stream().anyMatch(k -> k.code().equals(DISK_FULL));
  }

  /** The new problem, or null when the same one was already known (the since-time stays the first one). */
  private Problem add(String code, String subject, String detail, String ja, String en) {
    Key key = new Key(code, subject);
    Problem p = new Problem(code, subject, clock.instant(), detail, ja, en);
    return problems.putIfAbsent(key, p) == null ? p : null;
  }

  /** Current problems, oldest first. */
  public List<Problem> problems() {
    List<Problem> out = new ArrayList<>(problems.values());
    out.sort(Comparator.comparing(Problem::since).thenComparing(Problem::code).thenComparing(Problem::subject));
    return out;
  }

  /** For pages that show the box's state (the local pages). */
  public Supplier<List<Problem>> supplier() {
    return this::problems;
  }

  public JsonArray toJson() {
    JsonArray a = new JsonArray();
    problems().forEach(p -> a.add(p.toJson()));
    return a;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }
}
