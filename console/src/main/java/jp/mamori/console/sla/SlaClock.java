package jp.mamori.console.sla;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jp.mamori.common.Jdbc;

/**
 * The SLA clock of each ticket, kept on the ticket row so queues can sort and filter in SQL: business time runs
 * while the ticket is new, open or referred, pauses while waiting on the company, and stops at resolution. The
 * moments of warning and breach are stored as instants and recomputed whenever the clock pauses, resumes, or
 * the targets or calendar change.
 */
public final class SlaClock {
  public static final Set<String> RUNNING = Set.of("new", "open", "referred");
  public static final Set<String> STOPPED = Set.of("resolved", "closed");
  static final int FIRST_WARNED = 1;
  static final int FIRST_BREACHED = 2;
  static final int RESOLVE_WARNED = 4;
  static final int RESOLVE_BREACHED = 8;

  private final Clock clock;
  private final Calendars calendars;

  public SlaClock(Clock clock, Calendars calendars) {
    this.clock = clock;
    this.calendars = calendars;
  }

  public Calendars calendars() {
    return calendars;
  }

  record Row(long id, long chamberId, String severity, String status, long createdAt, Long firstResponseAt, long consumedMs,
      Long runningSince, int firstTargetMin, int resolveTargetMin, Long firstBusinessMs, Long resolveBusinessMs, int flags) {}

  private static final String ROW = "SELECT id, chamber_id, severity, status, created_at, first_response_at, sla_consumed_ms, sla_running_since, "
      + "COALESCE(sla_first_target_min, 0), COALESCE(sla_resolve_target_min, 0), sla_first_business_ms, sla_resolve_business_ms, sla_flags "
      + "FROM tickets WHERE id = ?";

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), Jdbc.nullableLong(rs, "first_response_at"),
        rs.getLong(7), Jdbc.nullableLong(rs, "sla_running_since"), rs.getInt(9), rs.getInt(10), Jdbc.nullableLong(rs, "sla_first_business_ms"),
        Jdbc.nullableLong(rs, "sla_resolve_business_ms"), rs.getInt(13));
  }

  private Row load(Connection c, long ticketId) throws SQLException {
    return Jdbc.one(c, ROW, SlaClock::row, ticketId).orElseThrow(() -> new IllegalStateException("no ticket " + ticketId));
  }

  /** A new ticket: targets from the chamber's policy, clock running since creation. */
  public void start(Connection c, long ticketId) throws SQLException {
    Row r = load(c, ticketId);
    SlaPolicy p = calendars.policy(c, r.chamberId(), r.severity());
    Jdbc.update(c, "UPDATE tickets SET sla_first_target_min = ?, sla_resolve_target_min = ?, sla_consumed_ms = 0, sla_running_since = ?, "
        + "sla_flags = 0 WHERE id = ?", p.firstResponseMinutes(), p.resolutionMinutes(), RUNNING.contains(r.status()) ? r.createdAt() : null,
        ticketId);
    schedule(c, ticketId);
  }

  /** After a status change: pause, resume or stop the clock and move the warning and due instants. */
  public void settle(Connection c, long ticketId) throws SQLException {
    Row r = load(c, ticketId);
    long now = clock.millis();
    boolean running = RUNNING.contains(r.status());
    if (r.runningSince() != null && !running) {
      BusinessCalendar cal = calendars.calendar(c, r.chamberId());
      long consumed = r.consumedMs() + cal.between(Instant.ofEpochMilli(r.runningSince()), Instant.ofEpochMilli(now)).toMillis();
      Jdbc.update(c, "UPDATE tickets SET sla_consumed_ms = ?, sla_running_since = NULL WHERE id = ?", consumed, ticketId);
      if (STOPPED.contains(r.status()) && r.resolveBusinessMs() == null) {
        Jdbc.update(c, "UPDATE tickets SET sla_resolve_business_ms = ? WHERE id = ?", consumed, ticketId);
      }
    } else if (r.runningSince() == null && running) {
      Jdbc.update(c, "UPDATE tickets SET sla_running_since = ?, sla_resolve_business_ms = NULL, sla_flags = sla_flags & ? WHERE id = ?",
          now, ~(RESOLVE_WARNED | RESOLVE_BREACHED), ticketId);
    } else if (STOPPED.contains(r.status()) && r.resolveBusinessMs() == null) {
      Jdbc.update(c, "UPDATE tickets SET sla_resolve_business_ms = sla_consumed_ms WHERE id = ?", ticketId);
    }
    schedule(c, ticketId);
  }

  /** The desk's first reply: records the business time it took. */
  public void firstResponse(Connection c, long ticketId) throws SQLException {
    Row r = load(c, ticketId);
    if (r.firstBusinessMs() != null) {
      return;
    }
    Jdbc.update(c, "UPDATE tickets SET sla_first_business_ms = ? WHERE id = ?", used(c, r, clock.millis()), ticketId);
    schedule(c, ticketId);
  }

  /** Severity changed: new targets from the policy, same clock. */
  public void retarget(Connection c, long ticketId) throws SQLException {
    Row r = load(c, ticketId);
    SlaPolicy p = calendars.policy(c, r.chamberId(), r.severity());
    Jdbc.update(c, "UPDATE tickets SET sla_first_target_min = ?, sla_resolve_target_min = ? WHERE id = ?", p.firstResponseMinutes(),
        p.resolutionMinutes(), ticketId);
    schedule(c, ticketId);
  }

  /** The chamber's calendar or targets changed: reschedule its live tickets. */
  public int rescheduleChamber(Connection c, long chamberId, boolean newTargets) throws SQLException {
    List<Long> ids = Jdbc.list(c, "SELECT id FROM tickets WHERE chamber_id = ? AND status NOT IN ('resolved', 'closed')", rs -> rs.getLong(1),
        chamberId);
    for (long id : ids) {
      if (newTargets) {
        retarget(c, id);
      } else {
        schedule(c, id);
      }
    }
    return ids.size();
  }

  /** Business milliseconds used so far. */
  private long used(Connection c, Row r, long now) throws SQLException {
    if (r.runningSince() == null) {
      return r.consumedMs();
    }
    BusinessCalendar cal = calendars.calendar(c, r.chamberId());
    return r.consumedMs() + cal.between(Instant.ofEpochMilli(r.runningSince()), Instant.ofEpochMilli(now)).toMillis();
  }

  private void schedule(Connection c, long ticketId) throws SQLException {
    Row r = load(c, ticketId);
    Long firstWarn = null;
    Long firstDue = null;
    Long resolveWarn = null;
    Long resolveDue = null;
    if (r.runningSince() != null) {
      BusinessCalendar cal = calendars.calendar(c, r.chamberId());
      SlaPolicy p = calendars.policy(c, r.chamberId(), r.severity());
      Instant since = Instant.ofEpochMilli(r.runningSince());
      if (r.firstResponseAt() == null) {
        firstWarn = at(cal, since, r.consumedMs(), r.firstTargetMin() * 60_000L * p.warnPercent() / 100);
        firstDue = at(cal, since, r.consumedMs(), r.firstTargetMin() * 60_000L);
      }
      resolveWarn = at(cal, since, r.consumedMs(), r.resolveTargetMin() * 60_000L * p.warnPercent() / 100);
      resolveDue = at(cal, since, r.consumedMs(), r.resolveTargetMin() * 60_000L);
    }
    Jdbc.update(c, "UPDATE tickets SET sla_first_warn_at = ?, sla_first_due_at = ?, sla_resolve_warn_at = ?, sla_resolve_due_at = ? WHERE id = ?",
        firstWarn, firstDue, resolveWarn, resolveDue, ticketId);
  }

  /** When the clock, running since {@code since} with {@code consumed} already used, reaches {@code target}. */
  private static long at(BusinessCalendar cal, Instant since, long consumed, long target) {
    long left = target - consumed;
    return left <= 0 ? since.toEpochMilli() : cal.plus(since, Duration.ofMillis(left)).toEpochMilli();
  }

  /** The clock of one ticket for people: how much business time was used and what is due when. */
  public JsonObject status(Connection c, long ticketId) throws SQLException {
    Row r = load(c, ticketId);
    long now = clock.millis();
    long used = used(c, r, now);
    Stored s = stored(c, ticketId);
    String clockState = r.runningSince() != null ? "running" : STOPPED.contains(r.status()) ? "stopped" : "paused";
    long firstUsed = r.firstBusinessMs() != null ? r.firstBusinessMs() : used;
    long resolveUsed = r.resolveBusinessMs() != null ? r.resolveBusinessMs() : used;
    return new JsonObject().put("clock", clockState).put("businessMinutesUsed", used / 60_000)
        .put("firstResponse", target(r.firstTargetMin(), firstUsed, r.firstResponseAt() != null, s.firstWarn(), s.firstDue(), now, clockState))
        .put("resolution", target(r.resolveTargetMin(), resolveUsed, STOPPED.contains(r.status()), s.resolveWarn(), s.resolveDue(), now,
            clockState))
        .put("state", state(r.status(), r.firstResponseAt() != null, s.firstWarn(), s.firstDue(), s.resolveWarn(), s.resolveDue(), now));
  }

  record Stored(Long firstWarn, Long firstDue, Long resolveWarn, Long resolveDue) {}

  private static Stored stored(Connection c, long ticketId) throws SQLException {
    return Jdbc.one(c, "SELECT sla_first_warn_at, sla_first_due_at, sla_resolve_warn_at, sla_resolve_due_at FROM tickets WHERE id = ?",
        rs -> new Stored(Jdbc.nullableLong(rs, "sla_first_warn_at"), Jdbc.nullableLong(rs, "sla_first_due_at"),
            Jdbc.nullableLong(rs, "sla_resolve_warn_at"), Jdbc.nullableLong(rs, "sla_resolve_due_at")), ticketId).orElseThrow();
  }

  private static JsonObject target(int targetMin, long usedMs, boolean done, Long warn, Long due, long now, String clockState) {
    String state;
    if (done) {
      state = usedMs <= targetMin * 60_000L ? "met" : "missed";
    } else if (clockState.equals("paused")) {
      state = usedMs > targetMin * 60_000L ? "breached" : "paused";
    } else if (due != null && now >= due) {
      state = "breached";
    } else if (warn != null && now >= warn) {
      state = "warning";
    } else {
      state = "ok";
    }
    return new JsonObject().put("targetMinutes", targetMin).put("businessMinutesUsed", usedMs / 60_000).put("state", state)
        .put("warnAt", iso(warn)).put("dueAt", iso(due));
  }

  /**
   * One word for a queue row, from the stored instants only: breached, warning, ok, paused (waiting on the
   * company) or done.
   */
  public static String state(String status, boolean responded, Long firstWarn, Long firstDue, Long resolveWarn, Long resolveDue, long now) {
    if (STOPPED.contains(status)) {
      return "done";
    }
    if (!RUNNING.contains(status)) {
      return "paused";
    }
    if ((!responded && firstDue != null && now >= firstDue) || (resolveDue != null && now >= resolveDue)) {
      return "breached";
    }
    if ((!responded && firstWarn != null && now >= firstWarn) || (resolveWarn != null && now >= resolveWarn)) {
      return "warning";
    }
    return "ok";
  }

  static String iso(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms).toString();
  }
}
