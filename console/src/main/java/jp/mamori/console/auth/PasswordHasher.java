package jp.mamori.console.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256, 600,000 iterations by default (OWASP 2023), 16-byte salt. The stored form
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} carries its own cost, so raising it later keeps old
 * hashes verifiable.
 */
public final class PasswordHasher {
  public static final int DEFAULT_ITERATIONS = 600_000;
  public static final int MIN_LENGTH = 10;
  private static final String PREFIX = "pbkdf2-sha256";

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher() {
    this(DEFAULT_ITERATIONS);
  }

  public PasswordHasher(int iterations) {
    this.iterations = iterations;
  }

  public String hash(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("password must be at least " + MIN_LENGTH + " characters");
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
  }

  public boolean verify(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    try {
      int n = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, n));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Same work as a real check, for unknown users: timing must not tell which e-mail addresses exist. */
  public void burn(String password) {
    derive(password == null ? "" : password, new byte[16], iterations);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }
}
