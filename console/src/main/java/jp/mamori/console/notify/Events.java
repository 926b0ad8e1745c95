package jp.mamori.console.notify;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mamori.common.Jdbc;

/**
 * Things that happened, each recorded once under a stable key, fanned out to the chamber's webhooks.
 * Features raise events in their own transaction with {@link #raise}; tickets and alerts made by other
 * code are picked up by {@link #scan}, which looks back over a margin and relies on the key to stay
 * idempotent (so nothing is lost across restarts and nothing is sent twice).
 */
public final class Events {
  public static final String TICKET_OPENED = "ticket.opened";
  public static final String ALERT_OPENED = "alert.opened";
  public static final String ALERT_RESOLVED = "alert.resolved";
  public static final String BOX_OFFLINE = "box.offline";
  public static final String BOX_ONLINE = "box.online";
  public static final String SLA_WARNING = "sla.warning";
  public static final String SLA_BREACH = "sla.breach";
  public static final String ADVISORY_PUBLISHED = "advisory.published";
  public static final Set<String> TYPES = Set.of(TICKET_OPENED, ALERT_OPENED, ALERT_RESOLVED, BOX_OFFLINE, BOX_ONLINE, SLA_WARNING,
      SLA_BREACH, ADVISORY_PUBLISHED);
  static final long SCAN_MARGIN_MS = 5 * 60_000;

  private final Clock clock;

  public Events(Clock clock) {
    this.clock = clock;
  }

  public record Event(long id, String key, String type, long chamberId, Long smeId, JsonObject data, Instant createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("type", type).put("chamberId", chamberId).put("smeId", smeId)
          .put("createdAt", createdAt.toString()).put("data", data);
    }
  }

  /**
   * Records an event once (per key) and queues a delivery to each webhook of the chamber that wants it.
   * Returns true when the event is new. The desk's SLA scan calls this with {@link #SLA_WARNING} and {@link #SLA_BREACH}.
   */
  public boolean raise(Connection c, String type, String key, long chamberId, Long smeId, JsonObject data) throws SQLException {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown event type " + type);
    }
    long now = clock.millis();
    int n = Jdbc.update(c, "INSERT INTO events(event_key, type, chamber_id, sme_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT(event_key) DO NOTHING", key, type, chamberId, smeId, data.encode(), now);
    if (n == 0) {
      return false;
    }
    long eventId = Jdbc.one(c, "SELECT id FROM events WHERE event_key = ?", rs -> rs.getLong(1), key).orElseThrow();
    record Hook(long id, String events) {}
    for (Hook h : Jdbc.list(c, "SELECT id, events FROM webhooks WHERE chamber_id = ? AND disabled_at IS NULL",
        rs -> new Hook(rs.getLong(1), rs.getString(2)), chamberId)) {
      if (Webhooks.wants(h.events(), type)) {
        Jdbc.update(c, "INSERT INTO webhook_deliveries(webhook_id, event_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT(webhook_id, event_id) DO NOTHING", h.id(), eventId, now, now);
      }
    }
    return true;
  }

  /**
   * Raises events for tickets opened and alerts opened or resolved since the last scan; returns how many were new.
   * New tickets and alerts are found by row id past the last one scanned (ids only grow, whatever the clock does),
   * so a scan reads only what is new however busy the console is; resolutions, which have no id of their own, by
   * time with the margin.
   */
  public int scan(Connection c) throws SQLException {
    long now = clock.millis();
    Optional<Long> cursor = cursor(c, "scan");
    setCursor(c, "scan", now);
    if (cursor.isEmpty()) {
      setCursor(c, "scan.ticket", maxId(c, "tickets"));
      setCursor(c, "scan.alert", maxId(c, "alerts"));
      return 0; // first start: history is not news
    }
    long since = cursor.get() - SCAN_MARGIN_MS;
    long lastTicket = idCursor(c, "scan.ticket", "tickets", "created_at", since);
    long lastAlert = idCursor(c, "scan.alert", "alerts", "first_seen_at", since);
    int raised = 0;
    record T(long id, long chamberId, long smeId, String smeName, String source, String severity, String subject, long createdAt, Long alertId) {}
    for (T t : Jdbc.list(c, "SELECT t.id, t.chamber_id, t.sme_id, s.name, t.source, t.severity, t.subject, t.created_at, t.alert_id "
            + "FROM tickets t JOIN smes s ON s.id = t.sme_id WHERE t.id > ? ORDER BY t.id",
        rs -> new T(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getLong(8), Jdbc.nullableLong(rs, "alert_id")), lastTicket)) {
      raised += raise(c, TICKET_OPENED, TICKET_OPENED + ":" + t.id(), t.chamberId(), t.smeId(), new JsonObject().put("ticketId", t.id())
          .put("smeName", t.smeName()).put("source", t.source()).put("severity", t.severity()).put("subject", t.subject())
          .put("alertId", t.alertId()).put("openedAt", Instant.ofEpochMilli(t.createdAt()).toString())) ? 1 : 0;
      lastTicket = t.id();
    }
    setCursor(c, "scan.ticket", lastTicket);
    record A(long id, long chamberId, long smeId, String smeName, String check, Integer point, String severity, String target, String titleJa,
        String titleEn, String status, long firstSeen, Long resolvedAt) {}
    String select = "SELECT a.id, s.chamber_id, a.sme_id, s.name, a.check_id, a.point, a.severity, a.target, a.title_ja, "
        + "a.title_en, a.status, a.first_seen_at, a.resolved_at FROM alerts a JOIN smes s ON s.id = a.sme_id ";
    Jdbc.Row<A> row = rs -> new A(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), Jdbc.nullableInt(rs, "point"),
        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getLong(12),
        Jdbc.nullableLong(rs, "resolved_at"));
    java.util.Map<Long, A> alerts = new java.util.TreeMap<>();
    long scannedAlert = lastAlert;
    for (A a : Jdbc.list(c, select + "WHERE a.id > ?", row, scannedAlert)) {
      alerts.put(a.id(), a);
      lastAlert = Math.max(lastAlert, a.id());
    }
    setCursor(c, "scan.alert", lastAlert);
    for (A a : Jdbc.list(c, select + "WHERE a.resolved_at >= ? AND a.status = 'resolved'", row, since)) {
      alerts.put(a.id(), a);
    }
    for (A a : alerts.values()) {
      JsonObject data = new JsonObject().put("alertId", a.id()).put("smeName", a.smeName()).put("check", a.check()).put("point", a.point())
          .put("severity", a.severity()).put("target", a.target()).put("title", new JsonObject().put("ja", a.titleJa()).put("en", a.titleEn()));
      if (a.id() > scannedAlert) {
        raised += raise(c, ALERT_OPENED, ALERT_OPENED + ":" + a.id(), a.chamberId(), a.smeId(),
            data.copy().put("openedAt", Instant.ofEpochMilli(a.firstSeen()).toString())) ? 1 : 0;
      }
      if ("resolved".equals(a.status()) && a.resolvedAt() != null && a.resolvedAt() >= since) {
        raised += raise(c, ALERT_RESOLVED, ALERT_RESOLVED + ":" + a.id() + ":" + a.resolvedAt(), a.chamberId(), a.smeId(),
            data.copy().put("resolvedAt", Instant.ofEpochMilli(a.resolvedAt()).toString())) ? 1 : 0;
      }
    }
    return raised;
  }

  private static Optional<Long> cursor(Connection c, String name) throws SQLException {
    return Jdbc.one(c, "SELECT value FROM event_cursors WHERE name = ?", rs -> rs.getLong(1), name);
  }

  private static void setCursor(Connection c, String name, long value) throws SQLException {
    Jdbc.update(c, "INSERT INTO event_cursors(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value", name, value);
  }

  private static long maxId(Connection c, String table) throws SQLException {
    return Jdbc.count(c, "SELECT COALESCE(MAX(id), 0) FROM " + table);
  }

  /** The last id scanned; a console that scanned by time before has none yet and starts at the first row of the margin. */
  private static long idCursor(Connection c, String name, String table, String timeColumn, long since) throws SQLException {
    Optional<Long> last = cursor(c, name);
    if (last.isPresent()) {
      return last.get();
    }
    Optional<Long> first = Jdbc.one(c, "SELECT MIN(id) FROM " + table + " WHERE " + timeColumn + " >= ?",
        rs -> rs.getObject(1) == null ? null : rs.getLong(1), since);
    return first.isPresent() ? first.get() - 1 : maxId(c, table);
  }
}
