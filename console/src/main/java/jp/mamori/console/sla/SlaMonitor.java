package jp.mamori.console.sla;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.common.Jdbc;

/**
 * Finds tickets whose SLA clock passed a warning or a due instant since the last scan, once per ticket, target
 * and kind. The console runs {@link #scan} every minute in the writer and publishes each event as JSON on the
 * event bus at {@link #ADDRESS} (for e-mail and webhooks); callers may also run it themselves.
 */
public final class SlaMonitor {
  /** Event-bus address of {@link Event#toJson()} messages. */
  public static final String ADDRESS = "mamori.desk.sla";

  private final Clock clock;

  public SlaMonitor(Clock clock) {
    this.clock = clock;
  }

  /** kind: warning (the warn share of the target is used up) or breach; target: first_response or resolution. */
  public record Event(long ticketId, long chamberId, long smeId, String subject, String target, String kind, Instant dueAt, Instant at) {
    public JsonObject toJson() {
      return new JsonObject().put("type", "sla." + kind).put("ticketId", ticketId).put("chamberId", chamberId).put("smeId", smeId)
          .put("subject", subject).put("target", target).put("kind", kind).put("dueAt", dueAt.toString()).put("at", at.toString());
    }
  }

  private record Due(long id, long chamberId, long smeId, String subject, boolean responded, Long firstWarn, Long firstDue, Long resolveWarn,
      Long resolveDue, int flags) {}

  /** Marks and returns the events that became due; run it in a write transaction. */
  public List<Event> scan(Connection c) throws SQLException {
    long now = clock.millis();
    List<Due> rows = Jdbc.list(c, "SELECT id, chamber_id, sme_id, subject, first_response_at IS NOT NULL, sla_first_warn_at, sla_first_due_at, "
            + "sla_resolve_warn_at, sla_resolve_due_at, sla_flags FROM tickets WHERE sla_running_since IS NOT NULL AND "
            + "((first_response_at IS NULL AND sla_first_warn_at <= ?) OR sla_resolve_warn_at <= ?)",
        rs -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5), Jdbc.nullableLong(rs, "sla_first_warn_at"),
            Jdbc.nullableLong(rs, "sla_first_due_at"), Jdbc.nullableLong(rs, "sla_resolve_warn_at"), Jdbc.nullableLong(rs, "sla_resolve_due_at"),
            rs.getInt(10)), now, now);
    List<Event> out = new ArrayList<>();
    Instant at = Instant.ofEpochMilli(now);
    for (Due d : rows) {
      int flags = d.flags();
      if (!d.responded()) {
        flags = check(out, d, flags, SlaClock.FIRST_BREACHED, d.firstDue(), "first_response", "breach", now, at);
        flags = check(out, d, flags, SlaClock.FIRST_WARNED | SlaClock.FIRST_BREACHED, d.firstWarn(), "first_response", "warning", now, at);
      }
      flags = check(out, d, flags, SlaClock.RESOLVE_BREACHED, d.resolveDue(), "resolution", "breach", now, at);
      flags = check(out, d, flags, SlaClock.RESOLVE_WARNED | SlaClock.RESOLVE_BREACHED, d.resolveWarn(), "resolution", "warning", now, at);
      if (flags != d.flags()) {
        Jdbc.update(c, "UPDATE tickets SET sla_flags = ? WHERE id = ?", flags, d.id());
      }
    }
    return out;
  }

  /** Emits when the instant passed and none of {@code mask} was emitted yet (a breach makes its warning moot). */
  private static int check(List<Event> out, Due d, int flags, int mask, Long when, String target, String kind, long now, Instant at) {
    if (when == null || when > now || (flags & mask) != 0) {
      return flags;
    }
    Instant due = Instant.ofEpochMilli(kind.equals("breach") ? when : target.equals("first_response") ? d.firstDue() : d.resolveDue());
    out.add(new Event(d.id(), d.chamberId(), d.smeId(), d.subject(), target, kind, due, at));
    int bit = Integer.lowestOneBit(mask);
    return flags | bit;
  }
}
