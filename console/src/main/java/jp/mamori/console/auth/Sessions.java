package jp.mamori.console.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.mamori.common.Jdbc;

/** Server-side sessions: the cookie holds a random token, the table only its hash, plus a CSRF token. */
public final class Sessions {
  public static final Duration ABSOLUTE = Duration.ofHours(12);
  public static final Duration IDLE = Duration.ofHours(2);

  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public record Session(String token, String csrf, long userId, long lastSeenAt) {
    public boolean needsTouch(long now) {
      return lastSeenAt < now - 60_000;
    }
  }

  public Session create(Connection c, long userId) throws SQLException {
    String token = Tokens.random("");
    String csrf = Tokens.random("");
    long now = clock.millis();
    Jdbc.update(c, "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
        Tokens.sha256(token), userId, csrf, now, now + ABSOLUTE.toMillis(), now);
    Jdbc.update(c, "DELETE FROM sessions WHERE expires_at < ?", now);
    return new Session(token, csrf, userId, now);
  }

  /** The live session for a cookie value, or empty when unknown, expired or idle too long. */
  public Optional<Session> find(Connection c, String token) throws SQLException {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    long now = clock.millis();
    return Jdbc.one(c, "SELECT user_id, csrf_token, expires_at, last_seen_at FROM sessions WHERE token_hash = ?",
        rs -> rs.getLong(3) < now || rs.getLong(4) + IDLE.toMillis() < now ? null : new Session(token, rs.getString(2), rs.getLong(1), rs.getLong(4)),
        Tokens.sha256(token));
  }

  /** Slides the idle timer; written at most once a minute per session to spare the writer. */
  public void touch(Connection c, String token) throws SQLException {
    long now = clock.millis();
    Jdbc.update(c, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?", now, Tokens.sha256(token), now - 60_000);
  }

  public void delete(Connection c, String token) throws SQLException {
    Jdbc.update(c, "DELETE FROM sessions WHERE token_hash = ?", Tokens.sha256(token));
  }
}
