package jp.mamori.console.auth;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, 6 digits, the
 * parameters every authenticator app uses by default. Forty lines of the JDK's HMAC, so no library.
 */
public final class Totp {
  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Totp() {}

  /** A new 160-bit secret, Base32 as authenticator apps expect. */
  public static String newSecret() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return base32(b);
  }

  public static long step(long epochMillis) {
    return Math.floorDiv(epochMillis / 1000, STEP_SECONDS);
  }

  /** The code for one time step. */
  public static String code(byte[] key, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0F;
      int binary = ((h[offset] & 0x7F) << 24) | ((h[offset + 1] & 0xFF) << 16) | ((h[offset + 2] & 0xFF) << 8) | (h[offset + 3] & 0xFF);
      int mod = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", binary % mod);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  public static String code(String base32Secret, long step) {
    return code(decode(base32Secret), step, DIGITS);
  }

  /**
   * The time step a code belongs to, allowing one step of clock drift either way, or -1 when it matches none.
   * Callers refuse steps at or before the last one used, so a code works once.
   */
  public static long matchingStep(String base32Secret, String code, long epochMillis) {
    if (code == null) {
      return -1;
    }
    String c = code.replaceAll("\\s", "");
    if (!c.matches("\\d{" + DIGITS + "}")) {
      return -1;
    }
    byte[] key = decode(base32Secret);
    long now = step(epochMillis);
    for (long s = now - 1; s <= now + 1; s++) {
      if (java.security.MessageDigest.isEqual(code(key, s, DIGITS).getBytes(StandardCharsets.US_ASCII), c.getBytes(StandardCharsets.US_ASCII))) {
        return s;
      }
    }
    return -1;
  }

  /** The otpauth URI authenticator apps import (typed in or pasted; no QR code needed). */
  public static String uri(String issuer, String account, String base32Secret) {
    String label = URLEncoder.encode(issuer + ":" + account, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  static String base32(byte[] data) {
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  static byte[] decode(String base32) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char ch : base32.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT).toCharArray()) {
      int v = BASE32.indexOf(ch);
      if (v < 0) {
        throw new IllegalArgumentException("not a Base32 secret");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xFF);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
