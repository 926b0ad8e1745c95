package jp.mamori.console.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.tenancy.Scope;
import jp.mamori.console.web.Paging;

/** Read side of alerts (one per company and fingerprint) and their findings, scoped by the principal. */
public final class Alerts {

  public record Alert(long id, long smeId, String smeName, long chamberId, String fingerprint, String check, Integer point,
      String severity, String target, String titleJa, String titleEn, String status, int occurrences, Instant firstSeenAt,
      Instant lastSeenAt, Instant resolvedAt) {
    public String title(String lang) {
      return "en".equals(lang) ? titleEn : titleJa;
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("smeId", smeId).put("smeName", smeName).put("chamberId", chamberId)
          .put("fingerprint", fingerprint).put("check", check).put("point", point).put("severity", severity).put("target", target)
          .put("title", new JsonObject().put("ja", titleJa).put("en", titleEn)).put("status", status).put("occurrences", occurrences)
          .put("firstSeenAt", firstSeenAt.toString()).put("lastSeenAt", lastSeenAt.toString())
          .put("resolvedAt", resolvedAt == null ? null : resolvedAt.toString());
    }
  }

  private static final String SELECT = "SELECT a.id, a.sme_id, s.name, s.chamber_id, a.fingerprint, a.check_id, a.point, a.severity, "
      + "a.target, a.title_ja, a.title_en, a.status, a.occurrences, a.first_seen_at, a.last_seen_at, a.resolved_at "
      + "FROM alerts a JOIN smes s ON s.id = a.sme_id ";

  static Alert alert(ResultSet rs) throws SQLException {
    Long resolved = Jdbc.nullableLong(rs, "resolved_at");
    return new Alert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
        Jdbc.nullableInt(rs, "point"), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
        rs.getInt(13), Instant.ofEpochMilli(rs.getLong(14)), Instant.ofEpochMilli(rs.getLong(15)),
        resolved == null ? null : Instant.ofEpochMilli(resolved));
  }

  /** Unscoped: for callers that already established access through another object (a ticket). */
  public Optional<Alert> get(Connection c, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE a.id = ?", Alerts::alert, id);
  }

  public Optional<Alert> get(Connection c, Principal p, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE a.id = ?", Alerts::alert, id).filter(a -> p.seesSme(a.chamberId(), a.smeId()));
  }

  public List<Alert> list(Connection c, Principal p, String status, Long smeId, int limit) throws SQLException {
    // a page fetches one row more than its limit
    return list(c, p, status, smeId, new Paging.Page(Math.max(1, Math.min(limit, 1000)) - 1, new JsonArray()));
  }

  /** Latest seen first; a page fetches {@link Paging.Page#fetch()} rows after the cursor's (lastSeenAt, id). */
  public List<Alert> list(Connection c, Principal p, String status, Long smeId, Paging.Page page) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "s.chamber_id", "a.sme_id");
    if (scope.isEmpty()) {
      return List.of();
    }
    StringBuilder where = new StringBuilder("WHERE " + scope.get().sql() + " ");
    List<Object> params = new ArrayList<>(scope.get().params());
    if (status != null) {
      where.append("AND a.status = ? ");
      params.add(status);
    }
    if (smeId != null) {
      where.append("AND a.sme_id = ? ");
      params.add(smeId);
    }
    where.append(page.after("a.last_seen_at, a.id", true, params));
    params.add(page.fetch());
    return Jdbc.list(c, SELECT + where + "ORDER BY a.last_seen_at DESC, a.id DESC LIMIT ?", Alerts::alert, params.toArray());
  }

  /** The cursor key of an alert in {@link #list(Connection, Principal, String, Long, Paging.Page)}. */
  public static JsonArray key(Alert a) {
    return new JsonArray().add(a.lastSeenAt().toEpochMilli()).add(a.id());
  }

  /** The latest findings of an alert (wire JSON), newest first. */
  public List<JsonObject> findings(Connection c, long alertId, int limit) throws SQLException {
    return Jdbc.list(c, "SELECT body, received_at, box_id FROM findings WHERE alert_id = ? ORDER BY received_at DESC, id LIMIT ?",
        rs -> new JsonObject(rs.getString(1)).put("receivedAt", Instant.ofEpochMilli(rs.getLong(2)).toString()).put("boxId", rs.getString(3)),
        alertId, limit);
  }

  public long countOpen(Connection c) throws SQLException {
    return Jdbc.count(c, "SELECT COUNT(*) FROM alerts WHERE status = 'open'");
  }
}
