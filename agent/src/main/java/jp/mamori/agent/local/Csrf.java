package jp.mamori.agent.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection for the local pages' forms without sessions: each browser gets a random id in a
 * SameSite=Strict cookie, and every form carries HMAC(box secret, id). A page of another site can neither
 * read the cookie nor compute the token. The secret is kept in the data directory so a restart does not
 * void open forms.
 */
public final class Csrf {
  public static final String COOKIE = "mamori_csrf";
  public static final String FIELD = "csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secret;

  Csrf(byte[] secret) {
    this.secret = secret.clone();
  }

  public static Csrf load(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, HexFormat.of().formatHex(fresh));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
    String hex = Files.readString(file).strip();
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IOException("local page secret " + file + " is not 64 hex digits; delete it to make a new one");
    }
    return new Csrf(HexFormat.of().parseHex(hex));
  }

  public static String newId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  public static boolean wellFormedId(String id) {
    return id != null && id.matches("[0-9a-f]{32}");
  }

  public String token(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public boolean valid(String id, String token) {
    if (!wellFormedId(id) || token == null) {
      return false;
    }
    return MessageDigest.isEqual(token(id).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
  }
}
