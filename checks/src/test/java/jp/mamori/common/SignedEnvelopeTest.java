package jp.mamori.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import jp.mamori.common.SignedEnvelope.InvalidSignatureException;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {
  private static final KeyPair KEYS = keys();
  private static final KeyPair OTHER = keys();
  private static final String PUB = Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());

  private static KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject envelope(KeyPair k, String payload, String keyId) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(k.getPrivate());
    s.update(payload.getBytes(StandardCharsets.UTF_8));
    return new JsonObject().put("payload", payload).put("signature", Base64.getEncoder().encodeToString(s.sign())).put("keyId", keyId);
  }

  @Test
  void answersThePayloadOnlyWhenItVerifies() throws Exception {
    JsonObject ok = envelope(KEYS, "{\"version\":3,\"data\":{\"名前\":\"値\"}}", "ed25519:k1");
    assertThat(SignedEnvelope.verify(ok, PUB, "ed25519:k1").getInteger("version")).isEqualTo(3);
    assertThat(SignedEnvelope.verify(ok, PUB, null).getJsonObject("data").getString("名前")).isEqualTo("値");
  }

  @Test
  void refusesTamperingOtherKeysAndGarbage() throws Exception {
    JsonObject ok = envelope(KEYS, "{\"version\":3}", "ed25519:k1");
    JsonObject tampered = ok.copy().put("payload", "{\"version\":4}");
    assertThatThrownBy(() -> SignedEnvelope.verify(tampered, PUB, "ed25519:k1")).isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> SignedEnvelope.verify(envelope(OTHER, "{\"version\":3}", "ed25519:k1"), PUB, "ed25519:k1"))
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> SignedEnvelope.verify(ok, PUB, "ed25519:k2")).hasMessageContaining("trusts 'ed25519:k2'");
    assertThatThrownBy(() -> SignedEnvelope.verify(ok, "", null)).hasMessageContaining("enroll it again");
    assertThatThrownBy(() -> SignedEnvelope.verify(ok, "not-a-key!", null)).hasMessageContaining("not a base64 Ed25519");
    assertThatThrownBy(() -> SignedEnvelope.verify(new JsonObject().put("payload", 1), PUB, null)).hasMessageContaining("string fields");
    assertThatThrownBy(() -> SignedEnvelope.verify(ok.copy().put("signature", "@@@"), PUB, null)).hasMessageContaining("not base64");
    assertThatThrownBy(() -> SignedEnvelope.verify(envelope(KEYS, "[1,2]", "ed25519:k1"), PUB, null)).hasMessageContaining("not a JSON object");
  }
}
