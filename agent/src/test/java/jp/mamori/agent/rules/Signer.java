package jp.mamori.agent.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;

/** Signs rule data the way the console does (Ed25519 over the payload text's UTF-8 bytes), for tests. */
public final class Signer {
  final KeyPair keys;
  public final String keyId;

  public Signer(String keyId) {
    try {
      this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.keyId = keyId;
  }

  public String publicKey() {
    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  RulesVerifier verifier() {
    return new RulesVerifier(publicKey(), keyId);
  }

  /** A payload like the console's: the chamber's IoCs and the bundled LAN and web tables. */
  public static JsonObject payload(long version, String... domains) {
    return new JsonObject().put("version", version).put("issuedAt", "2026-11-20T00:00:00Z").put("data", new JsonObject()
        .put("iocs", new JsonObject().put("domains", new JsonArray(java.util.List.of(domains))).put("scriptHashes", new JsonArray()))
        .put("lan", LanData.get().toJson()).put("web", new JsonObject().put("cmsEol", WebRules.get().cmsTableJson())));
  }

  public String sign(JsonObject payload) {
    return sign(payload.encode());
  }

  public String sign(String payloadText) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(keys.getPrivate());
      s.update(payloadText.getBytes(StandardCharsets.UTF_8));
      return new JsonObject().put("payload", payloadText).put("signature", Base64.getEncoder().encodeToString(s.sign())).put("keyId", keyId)
          .encode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
