package jp.mamori.console.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.web.ApiError;

/**
 * The second sign-in factor: TOTP for the operator, chamber admins and advisors (enrolment required within
 * {@link #GRACE} of the account's creation; after that the password alone only opens the enrolment step),
 * single-use recovery codes, and the short-lived challenge that carries a sign-in from the password to the
 * code. Secrets are stored as they are (the authenticator needs the same value); recovery codes and
 * challenges only as SHA-256.
 */
public final class SecondFactor {
  public static final Duration GRACE = Duration.ofDays(7);
  public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);
  public static final int CHALLENGE_ATTEMPTS = 5;
  public static final int RECOVERY_CODES = 10;
  public static final String ISSUER = "Mamori";

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final Clock clock;

  public SecondFactor(Clock clock) {
    this.clock = clock;
  }

  /** What a correct password leads to: a session, a code first, or enrolment first. */
  public enum Step { NONE, CODE, ENROL }

  public record Status(boolean enabled, boolean required, Instant requiredFrom, int recoveryCodesLeft, boolean pending) {
    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject().put("enabled", enabled).put("required", required)
          .put("requiredFrom", requiredFrom == null ? null : requiredFrom.toString()).put("recoveryCodesLeft", recoveryCodesLeft)
          .put("enrolmentPending", pending);
    }
  }

  public static boolean requiredFor(Role role) {
    return role.desk();
  }

  public Status status(Connection c, long userId) throws SQLException {
    record Row(String role, long createdAt, Long confirmed, boolean hasRow) {}
    Row r = Jdbc.one(c, "SELECT u.role, u.created_at, t.confirmed_at, t.user_id IS NOT NULL FROM users u LEFT JOIN user_totp t ON t.user_id = u.id "
            + "WHERE u.id = ?", rs -> new Row(rs.getString(1), rs.getLong(2), Jdbc.nullableLong(rs, "confirmed_at"), rs.getBoolean(4)), userId)
        .orElseThrow(() -> new IllegalArgumentException("no user " + userId));
    boolean required = requiredFor(Role.parse(r.role()));
    int left = (int) Jdbc.count(c, "SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL", userId);
    return new Status(r.confirmed() != null, required, required ? Instant.ofEpochMilli(r.createdAt()).plus(GRACE) : null, left,
        r.hasRow() && r.confirmed() == null);
  }

  public Step stepAfterPassword(Connection c, long userId) throws SQLException {
    Status s = status(c, userId);
    if (s.enabled()) {
      return Step.CODE;
    }
    return s.required() && !clock.instant().isBefore(s.requiredFrom()) ? Step.ENROL : Step.NONE;
  }

  // ---- enrolment

  /** A new secret, pending until a code from it is confirmed; replaces an earlier pending one. */
  public String startEnrolment(Connection c, long userId) throws SQLException {
    if (status(c, userId).enabled()) {
      throw new ApiError(409, "totp_enabled", "the second factor is already set up; an administrator can reset it for a new phone");
    }
    String secret = Totp.newSecret();
    Jdbc.update(c, "INSERT INTO user_totp(user_id, secret, confirmed_at, last_step, created_at) VALUES (?, ?, NULL, 0, ?) "
        + "ON CONFLICT(user_id) DO UPDATE SET secret = excluded.secret, confirmed_at = NULL, last_step = 0, created_at = excluded.created_at",
        userId, secret, clock.millis());
    return secret;
  }

  /** Confirms the pending secret with a code from the app; returns the recovery codes (shown once). */
  public List<String> confirm(Connection c, long userId, String code) throws SQLException {
    record Pending(String secret, Long confirmed) {}
    Pending p = Jdbc.one(c, "SELECT secret, confirmed_at FROM user_totp WHERE user_id = ?",
        rs -> new Pending(rs.getString(1), Jdbc.nullableLong(rs, "confirmed_at")), userId)
        .orElseThrow(() -> new ApiError(409, "totp_not_started", "start the set-up first (POST /api/v1/me/totp)"));
    if (p.confirmed() != null) {
      throw new ApiError(409, "totp_enabled", "the second factor is already set up");
    }
    long step = Totp.matchingStep(p.secret(), code, clock.millis());
    if (step < 0) {
      throw new ApiError(400, "totp_invalid", "the code does not match; check the phone's clock and type the current 6 digits");
    }
    Jdbc.update(c, "UPDATE user_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ?", clock.millis(), step, userId);
    return newRecoveryCodes(c, userId);
  }

  public List<String> newRecoveryCodes(Connection c, long userId) throws SQLException {
    Jdbc.update(c, "DELETE FROM user_recovery_codes WHERE user_id = ?", userId);
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] b = new byte[10];
      RANDOM.nextBytes(b);
      String raw = Totp.base32(b);
      String code = raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12, 16);
      codes.add(code);
      Jdbc.update(c, "INSERT INTO user_recovery_codes(user_id, code_hash, used_at) VALUES (?, ?, NULL)", userId, Tokens.sha256(normalise(code)));
    }
    return codes;
  }

  private static String normalise(String code) {
    return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  /** A current TOTP code (each works once) or an unused recovery code (used up). */
  public boolean verify(Connection c, long userId, String code) throws SQLException {
    if (code == null || code.isBlank()) {
      return false;
    }
    record Row(String secret, long lastStep) {}
    Optional<Row> row = Jdbc.one(c, "SELECT secret, last_step FROM user_totp WHERE user_id = ? AND confirmed_at IS NOT NULL",
        rs -> new Row(rs.getString(1), rs.getLong(2)), userId);
    if (row.isEmpty()) {
      return false;
    }
    String digits = code.replaceAll("\\s", "");
    if (digits.matches("\\d{" + Totp.DIGITS + "}")) {
      long step = Totp.matchingStep(row.get().secret(), digits, clock.millis());
      if (step < 0 || step <= row.get().lastStep()) {
        return false;
      }
      Jdbc.update(c, "UPDATE user_totp SET last_step = ? WHERE user_id = ?", step, userId);
      return true;
    }
    return Jdbc.update(c, "UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL", clock.millis(),
        userId, Tokens.sha256(normalise(code))) == 1;
  }

  /** For a lost phone: the user sets the factor up again at the next sign-in. */
  public void reset(Connection c, long userId) throws SQLException {
    Jdbc.update(c, "DELETE FROM user_totp WHERE user_id = ?", userId);
    Jdbc.update(c, "DELETE FROM user_recovery_codes WHERE user_id = ?", userId);
  }

  public String secretOfPending(Connection c, long userId) throws SQLException {
    return Jdbc.one(c, "SELECT secret FROM user_totp WHERE user_id = ? AND confirmed_at IS NULL", rs -> rs.getString(1), userId).orElse(null);
  }

  // ---- challenges between the password and the code

  public String challenge(Connection c, long userId, Step purpose) throws SQLException {
    String token = Tokens.random("mfa_");
    long now = clock.millis();
    Jdbc.update(c, "DELETE FROM login_challenges WHERE expires_at < ? OR user_id = ?", now, userId);
    Jdbc.update(c, "INSERT INTO login_challenges(token_hash, user_id, purpose, attempts, created_at, expires_at) VALUES (?, ?, ?, 0, ?, ?)",
        Tokens.sha256(token), userId, purpose == Step.CODE ? "totp" : "enrol", now, now + CHALLENGE_LIFETIME.toMillis());
    return token;
  }

  /** The user a live challenge belongs to; counts the attempt and refuses after {@link #CHALLENGE_ATTEMPTS}. */
  public long redeem(Connection c, String token, Step purpose) throws SQLException {
    if (token == null || token.length() > 100) {
      throw new ApiError(401, "challenge_invalid", "the sign-in step has expired; sign in again with the password");
    }
    record Row(long userId, String purpose, int attempts, long expires) {}
    Row r = Jdbc.one(c, "SELECT user_id, purpose, attempts, expires_at FROM login_challenges WHERE token_hash = ?",
        rs -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4)), Tokens.sha256(token))
        .orElseThrow(() -> new ApiError(401, "challenge_invalid", "the sign-in step has expired; sign in again with the password"));
    if (r.expires() < clock.millis() || r.attempts() >= CHALLENGE_ATTEMPTS || !r.purpose().equals(purpose == Step.CODE ? "totp" : "enrol")) {
      Jdbc.update(c, "DELETE FROM login_challenges WHERE token_hash = ?", Tokens.sha256(token));
      throw new ApiError(401, "challenge_invalid", "the sign-in step has expired; sign in again with the password");
    }
    Jdbc.update(c, "UPDATE login_challenges SET attempts = attempts + 1 WHERE token_hash = ?", Tokens.sha256(token));
    return r.userId();
  }

  public void consume(Connection c, String token) throws SQLException {
    Jdbc.update(c, "DELETE FROM login_challenges WHERE token_hash = ?", Tokens.sha256(token));
  }
}
