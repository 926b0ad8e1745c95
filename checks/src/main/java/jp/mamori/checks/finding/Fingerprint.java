package jp.mamori.checks.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * Stable identity of a problem: the same check on the same target with the same identifying evidence
 * always hashes the same, whatever else the observation carries (time, snippets, counts).
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(String check, String target, SortedMap<String, String> identity) {
    MessageDigest sha = sha256();
    feed(sha, check);
    feed(sha, target);
    for (Map.Entry<String, String> e : identity.entrySet()) {
      feed(sha, e.getKey());
      feed(sha, e.getValue());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void feed(MessageDigest sha, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    // length prefix: ("ab","c") and ("a","bc") must not collide
    sha.update((byte) (bytes.length >>> 24));
    sha.update((byte) (bytes.length >>> 16));
    sha.update((byte) (bytes.length >>> 8));
    sha.update((byte) bytes.length);
    sha.update(bytes);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JRE", e);
    }
  }
}
