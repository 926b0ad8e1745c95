package jp.mamori.console.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * The console's Ed25519 key pair for signing rule data (JDK provider, no extra library). Generated once on
 * first start into {@code <data>/rules-signing.key} with mode 0600; the public key travels to boxes in the
 * enroll answer as base64 of its X.509 SubjectPublicKeyInfo encoding, which {@link X509EncodedKeySpec} reads.
 */
public final class RulesKeys {
  public static final String FILE = "rules-signing.key";
  public static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private RulesKeys(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    try {
      this.keyId = "ed25519:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Loads the key pair from the data directory, generating and storing it (0600) on first use. Blocking. */
  public static RulesKeys loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    try {
      KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
      if (Files.exists(file)) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(r);
        }
        String priv = p.getProperty("private");
        String pub = p.getProperty("public");
        if (priv == null || pub == null) {
          throw new IOException(file + " is not a rules signing key file (needs private= and public=); move it away to generate a new key");
        }
        return new RulesKeys(kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv.strip()))),
            kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub.strip()))));
      }
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      Files.createDirectories(dataDir);
      Path tmp = dataDir.resolve(FILE + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      Files.writeString(tmp, "# Mamori console: Ed25519 key that signs rule data for boxes. Keep secret; boxes trust its public half.\n"
          + "private=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
          + "public=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return new RulesKeys(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("cannot load the rules signing key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Base64 of the X.509 SubjectPublicKeyInfo DER encoding (44 bytes for Ed25519). */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  public String keyId() {
    return keyId;
  }

  /** Base64 Ed25519 signature over the UTF-8 bytes of the text. */
  public String sign(String text) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * The signed document boxes receive: {@code {"payload": text, "signature": base64 Ed25519 over its UTF-8
   * bytes, "keyId": ...}} (rule data, package manifests; the box verifies it with {@code SignedEnvelope}).
   */
  public io.vertx.core.json.JsonObject envelope(String payload) {
    return new io.vertx.core.json.JsonObject().put("payload", payload).put("signature", sign(payload)).put("keyId", keyId);
  }

  /**
   * What a box does before using rule data: plain JDK code, usable as the reference for the box side.
   * True when {@code signatureBase64} is a valid Ed25519 signature of {@code payload}'s UTF-8 bytes.
   */
  public static boolean verify(String publicKeyBase64, String payload, String signatureBase64) {
    try {
      PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(payload.getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signatureBase64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
