package jp.mamori.console.sla;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.tenancy.Scope;

/**
 * SLA compliance of the tickets created in a period, for dashboards and monthly reports: how many got their
 * first response and their resolution within the business-hours targets. Merged duplicates are not counted.
 * A ticket still unanswered (or unresolved) past its due instant counts as missed; one still within its
 * target counts as pending.
 */
public final class SlaCompliance {
  private final Clock clock;

  public SlaCompliance(Clock clock) {
    this.clock = clock;
  }

  public record Target(long met, long missed, long pending) {
    /** Share met among the decided ones, or null when none is decided yet. */
    public Double rate() {
      return met + missed == 0 ? null : (double) met / (met + missed);
    }

    JsonObject toJson() {
      return new JsonObject().put("met", met).put("missed", missed).put("pending", pending).put("rate", rate());
    }
  }

  public record Report(Long chamberId, Long smeId, Instant from, Instant to, long tickets, Target firstResponse, Target resolution) {
    public JsonObject toJson() {
      return new JsonObject().put("chamberId", chamberId).put("smeId", smeId).put("from", from.toString()).put("to", to.toString())
          .put("tickets", tickets).put("firstResponse", firstResponse.toJson()).put("resolution", resolution.toJson());
    }
  }

  /** For one chamber (and optionally one company); no scoping, the caller checked access. */
  public Report forChamber(Connection c, long chamberId, Long smeId, Instant from, Instant to) throws SQLException {
    List<Object> params = new ArrayList<>(List.of(chamberId));
    String where = "t.chamber_id = ?";
    if (smeId != null) {
      where += " AND t.sme_id = ?";
      params.add(smeId);
    }
    return query(c, where, params, chamberId, smeId, from, to);
  }

  /** Everything the principal sees (operator: all chambers). */
  public Report visibleTo(Connection c, Principal p, Long smeId, Instant from, Instant to) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "t.chamber_id", "t.sme_id");
    if (scope.isEmpty()) {
      return new Report(null, smeId, from, to, 0, new Target(0, 0, 0), new Target(0, 0, 0));
    }
    List<Object> params = new ArrayList<>(scope.get().params());
    String where = scope.get().sql();
    if (smeId != null) {
      where += " AND t.sme_id = ?";
      params.add(smeId);
    }
    return query(c, where, params, null, smeId, from, to);
  }

  private Report query(Connection c, String where, List<Object> params, Long chamberId, Long smeId, Instant from, Instant to)
      throws SQLException {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the period must end after it starts: " + from + " to " + to);
    }
    long now = clock.millis();
    String firstMet = "t.sla_first_business_ms IS NOT NULL AND t.sla_first_business_ms <= t.sla_first_target_min * 60000";
    String firstMissed = "(t.sla_first_business_ms IS NOT NULL AND t.sla_first_business_ms > t.sla_first_target_min * 60000) "
        + "OR (t.sla_first_business_ms IS NULL AND ((t.sla_first_due_at IS NOT NULL AND t.sla_first_due_at <= ?) "
        + "OR (t.sla_flags & 2) <> 0 OR t.sla_consumed_ms > t.sla_first_target_min * 60000))";
    String resMet = "t.sla_resolve_business_ms IS NOT NULL AND t.sla_resolve_business_ms <= t.sla_resolve_target_min * 60000";
    String resMissed = "(t.sla_resolve_business_ms IS NOT NULL AND t.sla_resolve_business_ms > t.sla_resolve_target_min * 60000) "
        + "OR (t.sla_resolve_business_ms IS NULL AND ((t.sla_resolve_due_at IS NOT NULL AND t.sla_resolve_due_at <= ?) "
        + "OR (t.sla_flags & 8) <> 0 OR t.sla_consumed_ms > t.sla_resolve_target_min * 60000))";
    String sql = "SELECT COUNT(*), "
        + "SUM(CASE WHEN " + firstMet + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + firstMissed + " THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN " + resMet + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + resMissed + " THEN 1 ELSE 0 END) "
        + "FROM tickets t WHERE " + where + " AND t.merged_into IS NULL AND t.sla_first_target_min IS NOT NULL "
        + "AND t.created_at >= ? AND t.created_at < ?";
    List<Object> bind = new ArrayList<>();
    bind.add(now);
    bind.add(now);
    bind.addAll(params);
    bind.add(from.toEpochMilli());
    bind.add(to.toEpochMilli());
    return Jdbc.one(c, sql, rs -> {
      long n = rs.getLong(1);
      long fm = rs.getLong(2);
      long fx = rs.getLong(3);
      long rm = rs.getLong(4);
      long rx = rs.getLong(5);
      return new Report(chamberId, smeId, from, to, n, new Target(fm, fx, n - fm - fx), new Target(rm, rx, n - rm - rx));
    }, bind.toArray()).orElseThrow();
  }
}
