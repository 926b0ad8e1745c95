package jp.mamori.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import jp.mamori.common.AgentPackageManifest.RefusedException;
import org.junit.jupiter.api.Test;

class AgentPackageManifestTest {
  static final KeyPair KEYS = keys();
  static final String PUB = Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
  static final String SHA = "ab".repeat(32);
  static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

  static KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject sign(KeyPair k, String payload) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(k.getPrivate());
      s.update(payload.getBytes(StandardCharsets.UTF_8));
      return new JsonObject().put("payload", payload).put("signature", Base64.getEncoder().encodeToString(s.sign())).put("keyId", "ed25519:t");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject signedWith(String field, Object value) {
    return sign(KEYS, new JsonObject(AgentPackageManifest.payload("0.2.0", 1000, SHA, AT)).put(field, value).encode());
  }

  @Test
  void theConsolesPayloadVerifiesWithThePinnedKey() throws Exception {
    JsonObject env = sign(KEYS, AgentPackageManifest.payload("1:0.2.0~rc1", 30_000_000, SHA, AT));
    AgentPackageManifest m = AgentPackageManifest.verify(env, PUB, "ed25519:t");
    assertThat(m.version()).isEqualTo("1:0.2.0~rc1");
    assertThat(m.file()).isEqualTo("mamori-agent_1%0.2.0~rc1_all.deb");
    assertThat(m.size()).isEqualTo(30_000_000);
    assertThat(m.sha256()).isEqualTo(SHA);
    assertThat(m.publishedAt()).isEqualTo(AT);
    assertThat(m.envelope()).isEqualTo(env);
    m.requireNewerThan("0.9.9");
    m.requireNewerThan("1:0.2.0~beta");
    assertThatThrownBy(() -> m.requireNewerThan("1:0.2.0")).isInstanceOf(RefusedException.class)
        .hasMessage("mamori-agent 1:0.2.0~rc1 is not newer than the installed 1:0.2.0");
    assertThatThrownBy(() -> m.requireNewerThan("1:0.2.0~rc1")).hasMessageContaining("not newer");
    assertThatThrownBy(() -> m.requireNewerThan("dev")).hasMessageContaining("cannot compare").hasMessageContaining("'dev'");
  }

  @Test
  void refusesOtherKeysTamperingAndOtherDocuments() {
    JsonObject env = sign(KEYS, AgentPackageManifest.payload("0.2.0", 1000, SHA, AT));
    assertThatThrownBy(() -> AgentPackageManifest.verify(sign(keys(), env.getString("payload")), PUB, null))
        .isInstanceOf(RefusedException.class).hasMessageContaining("does not verify with the pinned key");
    assertThatThrownBy(() -> AgentPackageManifest.verify(env.copy().put("payload", env.getString("payload").replace("1000", "999")), PUB, null))
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> AgentPackageManifest.verify(env, PUB, "ed25519:other")).hasMessageContaining("trusts 'ed25519:other'");
    assertThatThrownBy(() -> AgentPackageManifest.verify(env, null, null)).hasMessageContaining("no signing key pinned");
    // rule data is signed with the same key: it must never pass for a package
    assertThatThrownBy(() -> AgentPackageManifest.verify(sign(KEYS, "{\"version\":7,\"data\":{}}"), PUB, null))
        .hasMessageContaining("not an agent package manifest");
  }

  @Test
  void refusesSignedManifestsWithFieldsNotFitToActOn() {
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("package", "mamori-console"), PUB, null))
        .hasMessageContaining("'mamori-console'");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("architecture", "arm64"), PUB, null)).hasMessageContaining("arm64");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("version", "latest"), PUB, null)).hasMessageContaining("'latest'");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("file", "../../etc/passwd"), PUB, null))
        .hasMessageContaining("'../../etc/passwd'");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("size", 0), PUB, null)).hasMessageContaining("size 0");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("size", AgentPackageManifest.MAX_SIZE + 1), PUB, null))
        .hasMessageContaining("not between 1 and");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("size", "1000"), PUB, null)).hasMessageContaining("size 1000");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("sha256", "AB".repeat(32)), PUB, null))
        .hasMessageContaining("64 lowercase hex");
    assertThatThrownBy(() -> AgentPackageManifest.verify(signedWith("publishedAt", "yesterday"), PUB, null))
        .hasMessageContaining("'yesterday'");
  }
}
