package jp.mamori.console.sla;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.mamori.common.Jdbc;

/** Where each chamber keeps its desk calendar and SLA targets (defaults when it set none). */
public final class Calendars {
  private final Clock clock;

  public Calendars(Clock clock) {
    this.clock = clock;
  }

  public BusinessCalendar calendar(Connection c, long chamberId) throws SQLException {
    Optional<String> json = Jdbc.one(c, "SELECT calendar_json FROM chamber_calendars WHERE chamber_id = ?", rs -> rs.getString(1), chamberId);
    return json.map(j -> BusinessCalendar.fromJson(new JsonObject(j))).orElseGet(BusinessCalendar::standard);
  }

  public void saveCalendar(Connection c, long chamberId, BusinessCalendar cal) throws SQLException {
    Jdbc.update(c, "INSERT INTO chamber_calendars(chamber_id, calendar_json, updated_at) VALUES (?, ?, ?) "
        + "ON CONFLICT(chamber_id) DO UPDATE SET calendar_json = excluded.calendar_json, updated_at = excluded.updated_at",
        chamberId, cal.toJson().encode(), clock.millis());
  }

  public SlaPolicy policy(Connection c, long chamberId, String ticketSeverity) throws SQLException {
    String severity = SlaPolicy.severityOf(ticketSeverity);
    return Jdbc.one(c, "SELECT first_response_min, resolution_min, warn_percent FROM sla_policies WHERE chamber_id = ? AND severity = ?",
        rs -> new SlaPolicy(severity, rs.getInt(1), rs.getInt(2), rs.getInt(3)), chamberId, severity)
        .orElse(SlaPolicy.DEFAULTS.get(severity));
  }

  /** Every severity's targets, most severe first. */
  public Map<String, SlaPolicy> policies(Connection c, long chamberId) throws SQLException {
    Map<String, SlaPolicy> out = new LinkedHashMap<>();
    for (String sev : SlaPolicy.SEVERITIES) {
      out.put(sev, policy(c, chamberId, sev));
    }
    return out;
  }

  public void savePolicy(Connection c, long chamberId, SlaPolicy p) throws SQLException {
    Jdbc.update(c, "INSERT INTO sla_policies(chamber_id, severity, first_response_min, resolution_min, warn_percent) VALUES (?, ?, ?, ?, ?) "
        + "ON CONFLICT(chamber_id, severity) DO UPDATE SET first_response_min = excluded.first_response_min, "
        + "resolution_min = excluded.resolution_min, warn_percent = excluded.warn_percent",
        chamberId, p.severity(), p.firstResponseMinutes(), p.resolutionMinutes(), p.warnPercent());
  }
}
