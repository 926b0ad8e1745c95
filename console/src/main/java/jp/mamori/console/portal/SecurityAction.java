package jp.mamori.console.portal;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;

/**
 * SECURITY ACTION is a self-declaration (宣言), never a certification. ★: the company declares it works on
 * the five points (the checklist is prefilled from box evidence, the owner confirms). ★★ adds the 25-item
 * self-check and a basic security policy, kept here as the fields of a template to fill in and print.
 */
public final class SecurityAction {
  /** The policy template's fields, in the order they print. */
  public static final List<String> POLICY_FIELDS = List.of("companyName", "representative", "enactedOn", "purpose", "scope",
      "measures", "training", "incident", "contact");
  public static final int MAX_FIELD = 4000;

  private final Clock clock;

  public SecurityAction(Clock clock) {
    this.clock = clock;
  }

  public record Declaration(JsonObject points, Instant declaredAt) {
    public boolean complete() {
      for (int p = 1; p <= 5; p++) {
        if (!points.getBoolean(Integer.toString(p), false)) {
          return false;
        }
      }
      return true;
    }

    public JsonObject toJson() {
      return new JsonObject().put("points", points).put("declaredAt", declaredAt == null ? null : declaredAt.toString())
          .put("complete", complete());
    }
  }

  public Optional<Declaration> declaration(Connection c, long smeId) throws SQLException {
    return Jdbc.one(c, "SELECT points, declared_at FROM sa_declarations WHERE sme_id = ?",
        rs -> new Declaration(new JsonObject(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2))), smeId);
  }

  public Declaration declare(Connection c, long smeId, JsonObject points, long by) throws SQLException {
    JsonObject clean = new JsonObject();
    for (int p = 1; p <= 5; p++) {
      Object v = points == null ? null : points.getValue(Integer.toString(p));
      if (v != null && !(v instanceof Boolean)) {
        throw new IllegalArgumentException("points." + p + " must be true or false, got: " + v);
      }
      clean.put(Integer.toString(p), Boolean.TRUE.equals(v));
    }
    long now = clock.millis();
    Jdbc.update(c, "INSERT INTO sa_declarations(sme_id, points, declared_by, declared_at) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT(sme_id) DO UPDATE SET points = excluded.points, declared_by = excluded.declared_by, declared_at = excluded.declared_at",
        smeId, clean.encode(), by, now);
    return new Declaration(clean, Instant.ofEpochMilli(now));
  }

  public record Policy(JsonObject fields, Instant updatedAt) {
    public JsonObject toJson() {
      return new JsonObject().put("fields", fields).put("updatedAt", updatedAt == null ? null : updatedAt.toString());
    }
  }

  public Optional<Policy> policy(Connection c, long smeId) throws SQLException {
    return Jdbc.one(c, "SELECT fields, updated_at FROM security_policies WHERE sme_id = ?",
        rs -> new Policy(new JsonObject(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2))), smeId);
  }

  public Policy savePolicy(Connection c, long smeId, JsonObject fields, long by) throws SQLException {
    JsonObject clean = new JsonObject();
    for (String f : POLICY_FIELDS) {
      Object v = fields == null ? null : fields.getValue(f);
      if (v != null && !(v instanceof String)) {
        throw new IllegalArgumentException("policy field " + f + " must be text");
      }
      String s = v == null ? "" : ((String) v).strip();
      if (s.length() > MAX_FIELD) {
        throw new IllegalArgumentException("policy field " + f + " is longer than " + MAX_FIELD + " characters");
      }
      clean.put(f, s);
    }
    for (String name : fields == null ? List.<String>of() : fields.fieldNames()) {
      if (!POLICY_FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown policy field " + name + "; fields are " + String.join(", ", POLICY_FIELDS));
      }
    }
    long now = clock.millis();
    Jdbc.update(c, "INSERT INTO security_policies(sme_id, fields, updated_by, updated_at) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT(sme_id) DO UPDATE SET fields = excluded.fields, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        smeId, clean.encode(), by, now);
    return new Policy(clean, Instant.ofEpochMilli(now));
  }
}
