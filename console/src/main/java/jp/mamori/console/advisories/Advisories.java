package jp.mamori.console.advisories;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mamori.common.Jdbc;

/**
 * Notices an advisor publishes to the chamber's members (point 5: know the threats). Each member company
 * acknowledges once, from the portal or the box's local page. Plain JDBC; callers check the tenant.
 */
public final class Advisories {
  public static final Set<String> SEVERITIES = Set.of("info", "warning", "urgent");
  public static final int MAX_TITLE = 200;
  public static final int MAX_BODY = 10_000;

  private final Clock clock;

  public Advisories(Clock clock) {
    this.clock = clock;
  }

  public record Advisory(long id, long chamberId, String severity, String titleJa, String bodyJa, String titleEn, String bodyEn,
      Instant publishedAt, Instant ackedAt, String ackedBy, Integer ackCount) {
    public String title(String lang) {
      return "en".equals(lang) && titleEn != null ? titleEn : titleJa;
    }

    public String body(String lang) {
      return "en".equals(lang) && bodyEn != null ? bodyEn : bodyJa;
    }

    public JsonObject toJson() {
      JsonObject j = new JsonObject().put("id", id).put("chamberId", chamberId).put("severity", severity)
          .put("title", new JsonObject().put("ja", titleJa).put("en", titleEn)).put("body", new JsonObject().put("ja", bodyJa).put("en", bodyEn))
          .put("publishedAt", publishedAt.toString());
      if (ackCount != null) {
        j.put("acknowledgedCompanies", ackCount);
      } else {
        j.put("acknowledged", ackedAt != null).put("acknowledgedAt", ackedAt == null ? null : ackedAt.toString()).put("acknowledgedBy", ackedBy);
      }
      return j;
    }
  }

  public record Draft(String severity, String titleJa, String bodyJa, String titleEn, String bodyEn) {
    public static Draft from(JsonObject in) {
      JsonObject title = in.getValue("title") instanceof JsonObject t ? t : new JsonObject().put("ja", in.getString("title"));
      JsonObject body = in.getValue("body") instanceof JsonObject b ? b : new JsonObject().put("ja", in.getString("body"));
      return new Draft(in.getString("severity", "info"), title.getString("ja"), body.getString("ja"), blank(title.getString("en")),
          blank(body.getString("en")));
    }

    private static String blank(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }

    void validate() {
      if (!SEVERITIES.contains(severity)) {
        throw new IllegalArgumentException("severity must be info, warning or urgent, got: " + severity);
      }
      if (titleJa == null || titleJa.isBlank() || titleJa.length() > MAX_TITLE) {
        throw new IllegalArgumentException("title.ja (the Japanese title) is required, at most " + MAX_TITLE + " characters");
      }
      if (bodyJa == null || bodyJa.isBlank() || bodyJa.length() > MAX_BODY) {
        throw new IllegalArgumentException("body.ja (the Japanese text) is required, at most " + MAX_BODY + " characters");
      }
      if ((titleEn == null) != (bodyEn == null)) {
        throw new IllegalArgumentException("give both title.en and body.en, or neither");
      }
      if ((titleEn != null && titleEn.length() > MAX_TITLE) || (bodyEn != null && bodyEn.length() > MAX_BODY)) {
        throw new IllegalArgumentException("English title or body too long");
      }
    }
  }

  public long publish(Connection c, long chamberId, Draft d, long by) throws SQLException {
    d.validate();
    return Jdbc.insert(c, "INSERT INTO advisories(chamber_id, severity, title_ja, body_ja, title_en, body_en, created_by, published_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", chamberId, d.severity(), d.titleJa().strip(), d.bodyJa().strip(), d.titleEn(), d.bodyEn(), by,
        clock.millis());
  }

  private static final String COLUMNS = "a.id, a.chamber_id, a.severity, a.title_ja, a.body_ja, a.title_en, a.body_en, a.published_at";

  private static Advisory forSme(ResultSet rs) throws SQLException {
    Long acked = Jdbc.nullableLong(rs, "acked_at");
    return new Advisory(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)), acked == null ? null : Instant.ofEpochMilli(acked), rs.getString("acked_by_name"), null);
  }

  /** A company's advisories (its chamber's), newest first, with its acknowledgement state. */
  public List<Advisory> forSme(Connection c, long chamberId, long smeId, int limit) throws SQLException {
    return Jdbc.list(c, "SELECT " + COLUMNS + ", k.acked_at, k.acked_by_name FROM advisories a LEFT JOIN advisory_acks k "
        + "ON k.advisory_id = a.id AND k.sme_id = ? WHERE a.chamber_id = ? ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
        Advisories::forSme, smeId, chamberId, limit);
  }

  public Optional<Advisory> forSme(Connection c, long chamberId, long smeId, long id) throws SQLException {
    return Jdbc.one(c, "SELECT " + COLUMNS + ", k.acked_at, k.acked_by_name FROM advisories a LEFT JOIN advisory_acks k "
        + "ON k.advisory_id = a.id AND k.sme_id = ? WHERE a.chamber_id = ? AND a.id = ?", Advisories::forSme, smeId, chamberId, id);
  }

  /** The chamber's advisories with how many member companies acknowledged each. */
  public List<Advisory> forChamber(Connection c, long chamberId, int limit) throws SQLException {
    return Jdbc.list(c, "SELECT " + COLUMNS + ", (SELECT COUNT(*) FROM advisory_acks k WHERE k.advisory_id = a.id) FROM advisories a "
        + "WHERE a.chamber_id = ? ORDER BY a.published_at DESC, a.id DESC LIMIT ?", rs -> new Advisory(rs.getLong(1), rs.getLong(2),
        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), null, null,
        rs.getInt(9)), chamberId, limit);
  }

  public Optional<Long> chamberOf(Connection c, long advisoryId) throws SQLException {
    return Jdbc.one(c, "SELECT chamber_id FROM advisories WHERE id = ?", rs -> rs.getLong(1), advisoryId);
  }

  /** Records the company's acknowledgement once; a second press keeps the first. */
  public boolean acknowledge(Connection c, long advisoryId, long smeId, Long userId, String byName, String via) throws SQLException {
    String name = byName == null || byName.isBlank() ? null : byName.strip();
    if (name != null && name.length() > 100) {
      throw new IllegalArgumentException("by must be at most 100 characters");
    }
    return Jdbc.update(c, "INSERT INTO advisory_acks(advisory_id, sme_id, acked_at, acked_by_user, acked_by_name, via) VALUES (?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT(advisory_id, sme_id) DO NOTHING", advisoryId, smeId, clock.millis(), userId, name, via) > 0;
  }

  /** Per company: which companies of the chamber acknowledged an advisory (for the desk). */
  public record AckRow(long smeId, String smeName, Instant ackedAt, String ackedBy, String via) {
    public JsonObject toJson() {
      return new JsonObject().put("smeId", smeId).put("smeName", smeName).put("acknowledgedAt", ackedAt == null ? null : ackedAt.toString())
          .put("acknowledgedBy", ackedBy).put("via", via);
    }
  }

  public List<AckRow> acks(Connection c, long chamberId, long advisoryId) throws SQLException {
    return Jdbc.list(c, "SELECT s.id, s.name, k.acked_at, k.acked_by_name, k.via FROM smes s LEFT JOIN advisory_acks k ON k.sme_id = s.id "
        + "AND k.advisory_id = ? WHERE s.chamber_id = ? ORDER BY s.name", rs -> {
          Long at = Jdbc.nullableLong(rs, "acked_at");
          return new AckRow(rs.getLong(1), rs.getString(2), at == null ? null : Instant.ofEpochMilli(at), rs.getString(4), rs.getString(5));
        }, advisoryId, chamberId);
  }
}
