package jp.mamori.agent.local;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.mamori.common.Jdbc;

/**
 * The owner's requests from the local page (plain JDBC on the agent's database): written before anything is
 * sent, marked delivered with the console's answer, or refused (kept, shown, never resent).
 */
public final class LocalRequests {
  public static final String CONSULTATION = "consultation";
  public static final String ADVISORY_ACK = "advisory-ack";

  public record Request(String id, String kind, JsonObject body, Instant createdAt, int attempts, String lastError,
      Instant deliveredAt, JsonObject answer, Instant refusedAt) {
    public boolean pending() {
      return deliveredAt == null && refusedAt == null;
    }
  }

  private final Clock clock;

  public LocalRequests(Clock clock) {
    this.clock = clock;
  }

  public Request add(Connection c, String kind, JsonObject body) throws SQLException {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Jdbc.update(c, "INSERT INTO local_requests(id, kind, body, created_at) VALUES (?, ?, ?, ?)", id, kind, body.encode(), now.toString());
    return new Request(id, kind, body, now, 0, null, null, null, null);
  }

  public List<Request> pending(Connection c, int limit) throws SQLException {
    return query(c, "WHERE delivered_at IS NULL AND refused_at IS NULL ORDER BY created_at, id LIMIT ?", limit);
  }

  /** The latest requests of a kind, newest first, whatever their state (the page lists them). */
  public List<Request> recent(Connection c, String kind, int limit) throws SQLException {
    return query(c, "WHERE kind = ? ORDER BY created_at DESC, id LIMIT ?", kind, limit);
  }

  public Optional<Request> get(Connection c, String id) throws SQLException {
    return query(c, "WHERE id = ?", id).stream().findFirst();
  }

  public void delivered(Connection c, String id, JsonObject answer) throws SQLException {
    update(c, "UPDATE local_requests SET delivered_at = ?, answer = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
        clock.instant().toString(), answer.encode(), id);
  }

  public void failed(Connection c, String id, String error) throws SQLException {
    update(c, "UPDATE local_requests SET attempts = attempts + 1, last_error = ? WHERE id = ?", error, id);
  }

  public void refused(Connection c, String id, String error) throws SQLException {
    update(c, "UPDATE local_requests SET attempts = attempts + 1, last_error = ?, refused_at = ? WHERE id = ?", error,
        clock.instant().toString(), id);
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    Jdbc.update(c, sql, params);
  }

  private static List<Request> query(Connection c, String where, Object... params) throws SQLException {
    return Jdbc.list(c, "SELECT id, kind, body, created_at, attempts, last_error, delivered_at, answer, refused_at FROM local_requests " + where,
        rs -> new Request(rs.getString(1), rs.getString(2), new JsonObject(rs.getString(3)), Instant.parse(rs.getString(4)), rs.getInt(5),
            rs.getString(6), instant(rs.getString(7)), rs.getString(8) == null ? null : new JsonObject(rs.getString(8)), instant(rs.getString(9))),
        params);
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
