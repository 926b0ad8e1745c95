package jp.mamori.console.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;

/**
 * The audit log: who did what to which object, when. Changes are recorded in the transaction that makes them
 * (with the detail, e.g. the old and new status); every signed-in request is recorded as well (views included)
 * by {@link AuditRecorder}. The operator reads everything, a chamber admin the entries of their chambers.
 */
public final class Audit {
  private final Clock clock;

  public Audit(Clock clock) {
    this.clock = clock;
  }

  public record Entry(long id, Instant at, Long userId, String userEmail, String role, String action, String objectType, String objectId,
      Long chamberId, Long smeId, Integer status, JsonObject detail, String address) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("at", at.toString()).put("userId", userId).put("userEmail", userEmail).put("role", role)
          .put("action", action).put("objectType", objectType).put("objectId", objectId).put("chamberId", chamberId).put("smeId", smeId)
          .put("status", status).put("detail", detail).put("address", address);
    }
  }

  /** One row to write; null principal for the system or a box. */
  public record Record(long at, Principal principal, String action, String objectType, String objectId, Long chamberId, Long smeId,
      Integer status, JsonObject detail, String address) {}

  /** A change, recorded in the caller's transaction. */
  public void change(Connection c, Principal p, String action, String objectType, Object objectId, Long chamberId, Long smeId, JsonObject detail)
      throws SQLException {
    write(c, List.of(new Record(clock.millis(), p, action, objectType, objectId == null ? null : objectId.toString(), chamberId, smeId, null,
        detail, null)));
  }

  public void write(Connection c, List<Record> records) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log(at, user_id, user_email, role, action, object_type, object_id, "
        + "chamber_id, sme_id, status, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Record r : records) {
        Principal p = r.principal();
        Jdbc.bind(ps, r.at(), p == null ? null : p.userId(), p == null ? null : p.email(), p == null ? null : p.role().wire(), r.action(),
            r.objectType(), r.objectId(), r.chamberId(), r.smeId(), r.status(), r.detail() == null ? null : r.detail().encode(), r.address());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public record Filter(Long chamberId, Long userId, String objectType, String objectId, String action, Instant from, Instant to, int limit,
      Long beforeId) {}

  /** Entries visible to an operator (all) or chamber admin (their chambers, and their chambers' people); others get none. */
  public List<Entry> query(Connection c, Principal p, Filter f) throws SQLException {
    StringBuilder where = new StringBuilder("WHERE 1 = 1 ");
    List<Object> params = new ArrayList<>();
    if (!p.operator()) {
      if (p.role() != Role.CHAMBER_ADMIN || p.chamberIds().isEmpty()) {
        return List.of();
      }
      String marks = Jdbc.marks(p.chamberIds().size());
      where.append("AND (a.chamber_id IN (").append(marks).append(") OR (a.chamber_id IS NULL AND a.user_id IN ")
          .append("(SELECT user_id FROM user_chambers WHERE chamber_id IN (").append(marks).append(")))) ");
      params.addAll(p.chamberIds());
      params.addAll(p.chamberIds());
    }
    if (f.chamberId() != null) {
      where.append("AND a.chamber_id = ? ");
      params.add(f.chamberId());
    }
    if (f.userId() != null) {
      where.append("AND a.user_id = ? ");
      params.add(f.userId());
    }
    if (f.objectType() != null) {
      where.append("AND a.object_type = ? ");
      params.add(f.objectType());
    }
    if (f.objectId() != null) {
      where.append("AND a.object_id = ? ");
      params.add(f.objectId());
    }
    if (f.action() != null) {
      where.append("AND a.action LIKE ? ");
      params.add(f.action().replace("%", "") + "%");
    }
    if (f.from() != null) {
      where.append("AND a.at >= ? ");
      params.add(f.from().toEpochMilli());
    }
    if (f.to() != null) {
      where.append("AND a.at < ? ");
      params.add(f.to().toEpochMilli());
    }
    if (f.beforeId() != null) {
      where.append("AND a.id < ? ");
      params.add(f.beforeId());
    }
    params.add(Math.max(1, Math.min(f.limit(), 1000)));
    return Jdbc.list(c, "SELECT a.id, a.at, a.user_id, a.user_email, a.role, a.action, a.object_type, a.object_id, a.chamber_id, a.sme_id, "
            + "a.status, a.detail, a.address FROM audit_log a " + where + "ORDER BY a.id DESC LIMIT ?",
        rs -> new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), Jdbc.nullableLong(rs, "user_id"), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), Jdbc.nullableLong(rs, "chamber_id"), Jdbc.nullableLong(rs, "sme_id"),
            Jdbc.nullableInt(rs, "status"), rs.getString(12) == null ? null : new JsonObject(rs.getString(12)), rs.getString(13)),
        params.toArray());
  }

  public static JsonArray toJson(List<Entry> entries) {
    JsonArray a = new JsonArray();
    entries.forEach(e -> a.add(e.toJson()));
    return a;
  }

  /** The chamber and company an object belongs to, so chamber admins can find the entries about it. */
  public static Optional<long[]> owner(Connection c, String objectType, String objectId) throws SQLException {
    if (objectType == null || objectId == null) {
      return Optional.empty();
    }
    String sql = switch (objectType) {
      case "ticket" -> "SELECT chamber_id, sme_id FROM tickets WHERE id = ?";
      case "sme" -> "SELECT chamber_id, id FROM smes WHERE id = ?";
      case "alert" -> "SELECT s.chamber_id, s.id FROM alerts a JOIN smes s ON s.id = a.sme_id WHERE a.id = ?";
      case "box" -> "SELECT s.chamber_id, s.id FROM boxes b JOIN smes s ON s.id = b.sme_id WHERE b.id = ?";
      case "chamber" -> "SELECT id, NULL FROM chambers WHERE id = ?";
      case "attachment" -> "SELECT t.chamber_id, t.sme_id FROM attachments x JOIN tickets t ON t.id = x.ticket_id WHERE x.id = ?";
      case "referral" -> "SELECT t.chamber_id, t.sme_id FROM referrals r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = ?";
      case "queue" -> "SELECT chamber_id, NULL FROM queues WHERE id = ?";
      case "user" -> "SELECT COALESCE((SELECT MIN(chamber_id) FROM user_chambers uc WHERE uc.user_id = u.id), "
          + "(SELECT chamber_id FROM smes WHERE id = u.sme_id), 0), u.sme_id FROM users u WHERE u.id = ?";
      default -> null;
    };
    if (sql == null) {
      return Optional.empty();
    }
    return Jdbc.one(c, sql, rs -> new long[] {rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2)}, objectId);
  }
}
