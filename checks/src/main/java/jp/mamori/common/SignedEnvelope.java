package jp.mamori.common;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The console's signed documents as boxes receive them: {@code {"payload": "<JSON text>", "signature":
 * "<base64 Ed25519 over the payload's UTF-8 bytes>", "keyId": "ed25519:…"}}. Used for rule data and agent
 * package manifests; the payload is parsed only after its signature verified.
 */
public final class SignedEnvelope {
  public static final String ALGORITHM = "Ed25519";

  /** Why an envelope was refused; the message names what was wrong. */
  public static final class InvalidSignatureException extends Exception {
    public InvalidSignatureException(String message) {
      super(message);
    }
  }

  private SignedEnvelope() {}

  /**
   * Verifies the envelope with the pinned public key (base64 X.509 SubjectPublicKeyInfo) and answers the
   * payload object. {@code expectedKeyId} may be null when no key id was pinned.
   */
  public static JsonObject verify(JsonObject envelope, String publicKeyBase64, String expectedKeyId) throws InvalidSignatureException {
    if (publicKeyBase64 == null || publicKeyBase64.isBlank()) {
      throw new InvalidSignatureException("no signing key pinned for this box (enroll it again to pin the console's key)");
    }
    if (envelope == null) {
      throw new InvalidSignatureException("no signed document");
    }
    Object payload = envelope.getValue("payload");
    Object signature = envelope.getValue("signature");
    if (!(payload instanceof String p) || !(signature instanceof String s)) {
      throw new InvalidSignatureException("signed document needs string fields 'payload' and 'signature'");
    }
    String keyId = envelope.getValue("keyId") instanceof String k ? k : null;
    if (expectedKeyId != null && !expectedKeyId.equals(keyId)) {
      throw new InvalidSignatureException("signed by key '" + keyId + "', but this box trusts '" + expectedKeyId + "'");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidSignatureException("signature is not base64: " + e.getMessage());
    }
    if (!verify(publicKey(publicKeyBase64), p.getBytes(StandardCharsets.UTF_8), sig)) {
      throw new InvalidSignatureException("signature does not verify with the pinned key" + (keyId == null ? "" : " (" + keyId + ")"));
    }
    try {
      return new JsonObject(p);
    } catch (RuntimeException e) {
      throw new InvalidSignatureException("signed payload is not a JSON object: " + e.getMessage());
    }
  }

  public static PublicKey publicKey(String base64) throws InvalidSignatureException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidSignatureException("pinned key is not a base64 Ed25519 public key: " + e.getMessage());
    }
  }

  /** Raw Ed25519 verification of bytes (manifests of large files sign a digest, not the file). */
  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature v = Signature.getInstance(ALGORITHM);
      v.initVerify(key);
      v.update(data);
      return v.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
