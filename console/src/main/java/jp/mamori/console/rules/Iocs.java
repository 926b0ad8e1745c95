package jp.mamori.console.rules;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.mamori.common.Jdbc;

/**
 * A chamber's shared indicators of compromise (malicious domains, script hashes), part of the signed rule
 * data boxes pull ({@link RulesFeed}). Every change bumps the chamber's rules version, which only ever increases.
 */
public final class Iocs {
  public static final java.util.Set<String> KINDS = java.util.Set.of("domain", "script_hash");
  private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}$");
  private static final Pattern SHA256 = Pattern.compile("^(sha256-)?[0-9a-f]{64}$|^sha(256|384|512)-[A-Za-z0-9+/]{40,88}={0,2}$");

  private final Clock clock;

  public Iocs(Clock clock) {
    this.clock = clock;
  }

  public record Ioc(long id, long chamberId, String kind, String value, String note, Long sourceSmeId, Long sourceAlertId, Instant createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("kind", kind).put("value", value).put("note", note)
          .put("sourceSmeId", sourceSmeId).put("sourceAlertId", sourceAlertId).put("createdAt", createdAt.toString());
    }
  }

  /** Normalises and validates an indicator; a URL is reduced to its host for the domain kind. */
  public static String normalise(String kind, String value) {
    if (kind == null || !KINDS.contains(kind)) {
      throw new IllegalArgumentException("kind must be domain or script_hash, got: " + kind);
    }
    if (value == null || value.isBlank() || value.length() > 300) {
      throw new IllegalArgumentException("value is required (at most 300 characters)");
    }
    String v = value.strip();
    if (kind.equals("domain")) {
      v = v.toLowerCase(Locale.ROOT);
      if (v.contains("://")) {
        try {
          v = java.net.URI.create(v).getHost();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("not a domain or URL: " + value);
        }
      }
      if (v == null || v.endsWith(".")) {
        v = v == null ? "" : v.substring(0, v.length() - 1);
      }
      if (!DOMAIN.matcher(v).matches()) {
        throw new IllegalArgumentException("not a domain name: " + value);
      }
      return v;
    }
    String h = v.matches("^(sha256-)?[0-9A-Fa-f]{64}$") ? v.toLowerCase(Locale.ROOT) : v;
    if (!SHA256.matcher(h).matches()) {
      throw new IllegalArgumentException("script hash must be 64 hex digits (SHA-256) or an SRI value like sha256-<base64>, got: " + value);
    }
    return h.startsWith("sha256-") && h.length() == 71 ? h.substring(7) : h;
  }

  /** Adds an indicator (or returns the existing one) and bumps the chamber's rules version when new. */
  public Ioc add(Connection c, long chamberId, String kind, String value, String note, Long sourceSmeId, Long sourceAlertId, Long by)
      throws SQLException {
    String v = normalise(kind, value);
    Optional<Ioc> existing = find(c, chamberId, kind, v);
    if (existing.isPresent()) {
      return existing.get();
    }
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO iocs(chamber_id, kind, value, note, source_sme_id, source_alert_id, created_by, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", chamberId, kind, v, note == null ? null : note.strip(), sourceSmeId, sourceAlertId, by, now);
    bump(c, chamberId);
    return get(c, id).orElseThrow();
  }

  public boolean remove(Connection c, long chamberId, long id) throws SQLException {
    boolean removed = Jdbc.update(c, "DELETE FROM iocs WHERE id = ? AND chamber_id = ?", id, chamberId) > 0;
    if (removed) {
      bump(c, chamberId);
    }
    return removed;
  }

  private void bump(Connection c, long chamberId) throws SQLException {
    Jdbc.update(c, "INSERT INTO rules_versions(chamber_id, version, changed_at) VALUES (?, 1, ?) "
        + "ON CONFLICT(chamber_id) DO UPDATE SET version = version + 1, changed_at = excluded.changed_at", chamberId, clock.millis());
  }

  public long version(Connection c, long chamberId) throws SQLException {
    return Jdbc.one(c, "SELECT version FROM rules_versions WHERE chamber_id = ?", rs -> rs.getLong(1), chamberId).orElse(0L);
  }

  private static final String SELECT = "SELECT id, chamber_id, kind, value, note, source_sme_id, source_alert_id, created_at FROM iocs ";

  private static Ioc ioc(java.sql.ResultSet rs) throws SQLException {
    return new Ioc(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), Jdbc.nullableLong(rs, "source_sme_id"),
        Jdbc.nullableLong(rs, "source_alert_id"), Instant.ofEpochMilli(rs.getLong(8)));
  }

  public Optional<Ioc> get(Connection c, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE id = ?", Iocs::ioc, id);
  }

  Optional<Ioc> find(Connection c, long chamberId, String kind, String value) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE chamber_id = ? AND kind = ? AND value = ?", Iocs::ioc, chamberId, kind, value);
  }

  public List<Ioc> list(Connection c, long chamberId) throws SQLException {
    return Jdbc.list(c, SELECT + "WHERE chamber_id = ? ORDER BY kind, value", Iocs::ioc, chamberId);
  }
}
