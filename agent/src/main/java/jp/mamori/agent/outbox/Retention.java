package jp.mamori.agent.outbox;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Finding;
import jp.mamori.common.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbox under its cap (items and bytes of JSON). Over the cap, the oldest low/info findings go
 * first; medium+ findings, the box's notices and run reports are never dropped (run reports are small and
 * the console needs them to resolve alerts), so those alone may exceed the cap ({@link #overCapWithPriorityOnly},
 * which {@link OutboxWriter} reports to the box's health, logged once). Every
 * drop is counted in {@code agent_state} and told to the console with a {@code box.outbox-dropped} finding.
 * Plain JDBC on the outbox's writer thread, inside its transaction.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  public static final String DROPPED_CHECK = "box.outbox-dropped";
  static final int PAGE = 500;
  static final String TOTAL = "outbox.dropped.total";
  static final String TOTAL_INFO = "outbox.dropped.info";
  static final String TOTAL_LOW = "outbox.dropped.low";
  static final String LAST_AT = "outbox.dropped.last-at";

  /** Why findings were dropped, in the words of the notice. */
  public enum Reason {
    CAP("コンソールと長い間つながらず、ボックスにためておける件数の上限に達した",
        "the console could not be reached for a long time and the box's queue reached its limit"),
    DISK_FULL("記録用の容量がいっぱいになった", "the box's storage was full");

    final String ja;
    final String en;

    Reason(String ja, String en) {
      this.ja = ja;
      this.en = en;
    }
  }

  /** {@code maxBytes} counts the items' JSON; the file is somewhat larger (indexes, free pages). */
  public record Limits(long maxItems, long maxBytes) {
    public static final long DEFAULT_ITEMS = 50_000;
    public static final long DEFAULT_MB = 64;

    public static Limits defaults() {
      return new Limits(DEFAULT_ITEMS, DEFAULT_MB * 1024 * 1024);
    }

    public static Limits unlimited() {
      return new Limits(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    boolean exceeded(Outbox.Stats s) {
      return s.items() > maxItems || s.bytes() > maxBytes;
    }

    @Override
    public String toString() {
      return (maxItems == Long.MAX_VALUE ? "no item limit" : maxItems + " items") + ", "
          + (maxBytes == Long.MAX_VALUE ? "no size limit" : DiskSpace.bytes(maxBytes));
    }

    JsonObject toJson() {
      return new JsonObject().put("maxItems", maxItems == Long.MAX_VALUE ? null : maxItems)
          .put("maxBytes", maxBytes == Long.MAX_VALUE ? null : maxBytes);
    }
  }

  /** What one pass dropped: counts by severity and when the dropped items were queued. */
  public record Dropped(int info, int low, long bytes, Instant firstQueued, Instant lastQueued) {
    static final Dropped NONE = new Dropped(0, 0, 0, null, null);

    public int total() {
      return info + low;
    }

    Dropped plus(Dropped o) {
      if (o.total() == 0) {
        return this;
      }
      if (total() == 0) {
        return o;
      }
      return new Dropped(info + o.info, low + o.low, bytes + o.bytes, min(firstQueued, o.firstQueued), max(lastQueued, o.lastQueued));
    }

    private static Instant min(Instant a, Instant b) {
      return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
      return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
  }

  private final Outbox outbox;
  private final Limits limits;
  private final String boxId;
  private final Clock clock;
  private volatile boolean overWithPriorityOnly;
  private volatile Outbox.Stats lastStats = new Outbox.Stats(0, 0);

  public Retention(Outbox outbox, Limits limits, String boxId, Clock clock) {
    this.outbox = outbox;
    this.limits = limits;
    this.boxId = boxId == null || boxId.isBlank() ? "box" : boxId;
    this.clock = clock;
  }

  public Limits limits() {
    return limits;
  }

  /** After an add: drops the oldest low/info findings until the outbox is under its cap again. */
  public Dropped enforce(Connection c) throws SQLException {
    Outbox.Stats s = outbox.stats(c);
    Dropped dropped = Dropped.NONE;
    while (limits.exceeded(s)) {
      Dropped page = dropOldest(c, s.items() - limits.maxItems(), s.bytes() - limits.maxBytes());
      if (page.total() == 0) {
        break;
      }
      dropped = dropped.plus(page);
      s = outbox.stats(c);
    }
    overWithPriorityOnly = limits.exceeded(s);
    lastStats = s;
    if (dropped.total() > 0) {
      record(c, dropped, Reason.CAP);
    }
    return dropped;
  }

  /** True while medium+ findings, notices and run reports alone exceed the cap (they are kept). */
  public boolean overCapWithPriorityOnly() {
    return overWithPriorityOnly;
  }

  /** The journal line for that state. */
  public String overCapDetail() {
    Outbox.Stats s = lastStats;
    return "outbox over its cap (" + s.items() + " items, " + DiskSpace.bytes(s.bytes()) + " of JSON; cap " + limits
        + ") with only medium+ findings, notices and run reports left: keeping them all, nothing important is dropped";
  }

  /** A full disk: drops the oldest low/info findings until at least {@code bytes} of JSON are gone (or none are left). */
  public Dropped makeRoom(Connection c, long bytes) throws SQLException {
    Dropped dropped = Dropped.NONE;
    while (dropped.bytes() < bytes) {
      Dropped page = dropOldest(c, 0, bytes - dropped.bytes());
      if (page.total() == 0) {
        break;
      }
      dropped = dropped.plus(page);
    }
    return dropped;
  }

  private record Row(long seq, int severity, long bytes, String queuedAt) {}

  private Dropped dropOldest(Connection c, long items, long bytes) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT seq, severity, length(CAST(body AS BLOB)), created_at FROM outbox "
        + "WHERE priority = 0 AND kind = 'finding' ORDER BY seq LIMIT ?")) {
      p.setInt(1, PAGE);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4)));
        }
      }
    }
    if (rows.isEmpty()) {
      return Dropped.NONE;
    }
    int info = 0;
    int low = 0;
    long freed = 0;
    Row last = null;
    for (Row r : rows) {
      if (info + low >= items && freed >= bytes) {
        break;
      }
      if (r.severity() <= 0) {
        info++;
      } else {
        low++;
      }
      freed += r.bytes();
      last = r;
    }
    if (last == null) {
      return Dropped.NONE;
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE priority = 0 AND kind = 'finding' AND seq <= ?")) {
      p.setLong(1, last.seq());
      p.executeUpdate();
    }
    return new Dropped(info, low, freed, parse(rows.get(0).queuedAt()), parse(last.queuedAt()));
  }

  private static Instant parse(String t) {
    try {
      return Instant.parse(t);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Counts findings dropped (or never written, on a full disk) and queues the notice that tells the console.
   * The notice is a priority item, so it is never dropped itself and goes out first.
   */
  public void record(Connection c, Dropped d, Reason reason) throws SQLException {
    if (d.total() == 0) {
      return;
    }
    long total = counter(c, TOTAL) + d.total();
    outbox.putState(c, TOTAL, Long.toString(total));
    outbox.putState(c, TOTAL_INFO, Long.toString(counter(c, TOTAL_INFO) + d.info()));
    outbox.putState(c, TOTAL_LOW, Long.toString(counter(c, TOTAL_LOW) + d.low()));
    outbox.putState(c, LAST_AT, clock.instant().toString());
    LOG.warn("outbox: dropped {} low/info finding(s) ({} info, {} low, {}) because {}; {} dropped since install; "
        + "medium+ findings are kept", d.total(), d.info(), d.low(), d.firstQueued() == null ? "not written at all"
            : "queued " + d.firstQueued() + " to " + d.lastQueued(), reason.en, total);
    outbox.addNotice(c, notice(d, reason, total));
  }

  Finding notice(Dropped d, Reason reason, long total) {
    Finding.Builder b = CheckCatalog.get().finding(DROPPED_CHECK).target(boxId).identity("box", boxId)
        .arg("dropped", Integer.toString(d.total())).arg("reason", reason.ja).arg("reasonEn", reason.en)
        .evidence("dropped", d.total()).evidence("info", d.info()).evidence("low", d.low())
        .evidence("reason", reason.name().toLowerCase().replace('_', '-')).evidence("droppedSinceInstall", total)
        .evidence("maxItems", limits.maxItems() == Long.MAX_VALUE ? null : limits.maxItems())
        .evidence("maxBytes", limits.maxBytes() == Long.MAX_VALUE ? null : limits.maxBytes())
        .observedAt(clock);
    if (d.firstQueued() != null) {
      b.evidence("firstQueuedAt", d.firstQueued().toString());
    }
    if (d.lastQueued() != null) {
      b.evidence("lastQueuedAt", d.lastQueued().toString());
    }
    return b.build();
  }

  private long counter(Connection c, String key) throws SQLException {
    return outbox.state(c, key).map(Long::parseLong).orElse(0L);
  }

  /** For the heartbeat: depth, bytes, the cap and what was dropped since install. */
  public JsonObject status(Connection c) throws SQLException {
    Outbox.Stats s = outbox.stats(c);
    return new JsonObject().put("items", s.items()).put("bytes", s.bytes()).mergeIn(limits.toJson())
        .put("overCapWithMediumOnly", overWithPriorityOnly)
        .put("dropped", new JsonObject().put("total", counter(c, TOTAL)).put("info", counter(c, TOTAL_INFO))
            .put("low", counter(c, TOTAL_LOW)).put("lastAt", outbox.state(c, LAST_AT).orElse(null)));
  }
}
