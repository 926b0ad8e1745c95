package jp.mamori.console.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import jp.mamori.common.Jdbc;

/** Console accounts (plain JDBC). */
public final class Users {
  private final PasswordHasher hasher;
  private final Clock clock;

  public Users(PasswordHasher hasher, Clock clock) {
    this.hasher = hasher;
    this.clock = clock;
  }

  public record NewUser(String email, String displayName, String password, Role role, Set<Long> chamberIds, Long smeId) {}

  /** Hashing is slow on purpose: call this outside the writer thread when you can (see {@link #hash}). */
  public String hash(String password) {
    return hasher.hash(password);
  }

  public long create(Connection c, NewUser u, String passwordHash) throws SQLException {
    String email = normaliseEmail(u.email());
    if (Jdbc.count(c, "SELECT COUNT(*) FROM users WHERE email = ?", email) > 0) {
      throw new IllegalArgumentException("a user with e-mail " + email + " already exists");
    }
    if (u.role().portal() && u.smeId() == null) {
      throw new IllegalArgumentException("role " + u.role().wire() + " needs smeId");
    }
    if ((u.role() == Role.CHAMBER_ADMIN || u.role() == Role.ADVISOR) && u.chamberIds().isEmpty()) {
      throw new IllegalArgumentException("role " + u.role().wire() + " needs at least one chamber");
    }
    long id = Jdbc.insert(c, "INSERT INTO users(email, display_name, password_hash, role, sme_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        email, u.displayName(), passwordHash, u.role().wire(), u.smeId(), clock.millis());
    for (long chamber : u.chamberIds()) {
      Jdbc.update(c, "INSERT INTO user_chambers(user_id, chamber_id) VALUES (?, ?)", id, chamber);
    }
    return id;
  }

  public static String normaliseEmail(String email) {
    if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("e-mail address is not valid: " + email);
    }
    return email.strip().toLowerCase();
  }

  public record Credentials(long id, String passwordHash, boolean disabled) {}

  public Optional<Credentials> credentials(Connection c, String email) throws SQLException {
    return Jdbc.one(c, "SELECT id, password_hash, disabled_at FROM users WHERE email = ?",
        rs -> new Credentials(rs.getLong(1), rs.getString(2), rs.getObject(3) != null), email.strip().toLowerCase());
  }

  public boolean verify(String password, String hash) {
    return hasher.verify(password, hash);
  }

  public void burn(String password) {
    hasher.burn(password);
  }

  public Optional<Principal> principal(Connection c, long userId) throws SQLException {
    Optional<Principal> base = Jdbc.one(c,
        "SELECT id, email, display_name, role, sme_id, disabled_at FROM users WHERE id = ?", rs -> principal(rs), userId);
    if (base.isEmpty()) {
      return base;
    }
    Set<Long> chambers = new HashSet<>(Jdbc.list(c, "SELECT chamber_id FROM user_chambers WHERE user_id = ?", rs -> rs.getLong(1), userId));
    Principal p = base.get();
    if (p.role().portal() && p.smeId() != null) {
      // portal users see their own company only; the chamber id is kept for routing their consultations
      chambers = Set.of();
    }
    return Optional.of(new Principal(p.userId(), p.email(), p.displayName(), p.role(), chambers, p.smeId()));
  }

  private static Principal principal(ResultSet rs) throws SQLException {
    if (rs.getObject("disabled_at") != null) {
      return null;
    }
    return new Principal(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"), Role.parse(rs.getString("role")),
        Set.of(), Jdbc.nullableLong(rs, "sme_id"));
  }

  public long count(Connection c) throws SQLException {
    return Jdbc.count(c, "SELECT COUNT(*) FROM users");
  }
}
