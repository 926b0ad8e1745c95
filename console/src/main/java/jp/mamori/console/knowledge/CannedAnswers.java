package jp.mamori.console.knowledge;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;

/**
 * Canned answers: plain-text replies the desk reuses. Placeholders {company}, {contact} and {advisor} are filled
 * in for the ticket at hand. Shared ones (no chamber) are the operator's; each chamber's desk keeps its own.
 */
public final class CannedAnswers {
  private final Clock clock;

  public CannedAnswers(Clock clock) {
    this.clock = clock;
  }

  public record Canned(long id, Long chamberId, String title, String body) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("title", title).put("body", body);
    }

    public String render(Map<String, String> values) {
      String out = body;
      for (Map.Entry<String, String> e : values.entrySet()) {
        out = out.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
      }
      return out;
    }
  }

  private static final String SELECT = "SELECT id, chamber_id, title, body FROM canned_answers ";

  private static Canned canned(java.sql.ResultSet rs) throws SQLException {
    return new Canned(rs.getLong(1), Jdbc.nullableLong(rs, "chamber_id"), rs.getString(3), rs.getString(4));
  }

  /** For desk staff: shared ones and those of their chambers (of one chamber when given). */
  public List<Canned> list(Connection c, Principal p, Long chamberId) throws SQLException {
    if (!p.role().desk()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>();
    String where;
    if (chamberId != null) {
      where = "(chamber_id IS NULL OR chamber_id = ?)";
      params.add(chamberId);
    } else if (p.operator()) {
      where = "1 = 1";
    } else {
      where = "(chamber_id IS NULL OR chamber_id IN (" + Jdbc.marks(p.chamberIds().size()) + "))";
      params.addAll(p.chamberIds());
    }
    return Jdbc.list(c, SELECT + "WHERE " + where + " ORDER BY chamber_id IS NULL, title", CannedAnswers::canned, params.toArray());
  }

  public Optional<Canned> get(Connection c, Principal p, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE id = ?", CannedAnswers::canned, id)
        .filter(x -> p.role().desk() && (x.chamberId() == null || p.seesChamber(x.chamberId())));
  }

  private static void mayWrite(Principal p, Long chamberId) {
    Knowledge.mayWrite(p, chamberId, "canned answers");
  }

  public long create(Connection c, Principal p, Long chamberId, String title, String body) throws SQLException {
    mayWrite(p, chamberId);
    check(title, body);
    return Jdbc.insert(c, "INSERT INTO canned_answers(chamber_id, title, body, created_by, updated_at) VALUES (?, ?, ?, ?, ?)", chamberId,
        title.strip(), body.strip(), p.userId(), clock.millis());
  }

  public void update(Connection c, Principal p, Canned x, String title, String body) throws SQLException {
    mayWrite(p, x.chamberId());
    String t = title == null ? x.title() : title;
    String b = body == null ? x.body() : body;
    check(t, b);
    Jdbc.update(c, "UPDATE canned_answers SET title = ?, body = ?, updated_at = ? WHERE id = ?", t.strip(), b.strip(), clock.millis(), x.id());
  }

  public void delete(Connection c, Principal p, Canned x) throws SQLException {
    mayWrite(p, x.chamberId());
    Jdbc.update(c, "DELETE FROM canned_answers WHERE id = ?", x.id());
  }

  private static void check(String title, String body) {
    if (title == null || title.isBlank() || title.strip().length() > 100) {
      throw new IllegalArgumentException("title must be 1-100 characters");
    }
    if (body == null || body.isBlank() || body.length() > 10_000) {
      throw new IllegalArgumentException("body must be 1-10000 characters of plain text");
    }
  }
}
