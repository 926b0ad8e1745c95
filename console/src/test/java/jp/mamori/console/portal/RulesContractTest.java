package jp.mamori.console.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.rules.RulesKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box side's contract for shared IoCs, over real HTTP: the enroll answer carries {@code rulesPublicKey};
 * {@code GET /api/v1/box/rules} answers {@code {payload, signature, keyId}}; the signature verifies with
 * plain JDK code ({@link #verify}, copy it into the agent); the payload's version increases with every
 * change of the chamber's list; a box sees only its own chamber's list.
 */
class RulesContractTest {
  @TempDir Path tmp;

  /** The whole verification a box needs: JDK only (Java 15+), no Mamori classes. */
  static boolean verify(String rulesPublicKeyBase64, String payload, String signatureBase64) throws Exception {
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(rulesPublicKeyBase64)));
    Signature sig = Signature.getInstance("Ed25519");
    sig.initVerify(key);
    sig.update(payload.getBytes(StandardCharsets.UTF_8));
    return sig.verify(Base64.getDecoder().decode(signatureBase64));
  }

  @Test
  void boxesGetSignedRuleDataOfTheirChamberThatVerifiesWithTheEnrolledKey() throws Exception {
    String publicKey;
    try (ConsoleHarness console = new ConsoleHarness(tmp, Clock.systemUTC())) {
      long a = console.chamber("osaka-test", "大阪テスト商工会議所");
      long b = console.chamber("kyoto-test", "京都テスト商工会議所");
      long smeA = console.sme(a, "さくら製作所", "https://sakura.example.jp/");
      long smeB = console.sme(b, "もみじ商店", null);
      long advisor = console.user("advisor-a@example.jp", Role.ADVISOR, Set.of(a), null);
      console.user("advisor-b@example.jp", Role.ADVISOR, Set.of(b), null);
      BoxApi boxA = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(smeA, advisor));
      BoxApi boxB = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(smeB, advisor));
      publicKey = boxA.enrollment.getString("rulesPublicKey");
      assertThat(publicKey).isEqualTo(boxB.enrollment.getString("rulesPublicKey"));
      assertThat(Base64.getDecoder().decode(publicKey)).hasSize(44);

      JsonObject empty = boxA.get("/api/v1/box/rules").bodyAsJsonObject();
      assertThat(verify(publicKey, empty.getString("payload"), empty.getString("signature"))).isTrue();
      JsonObject p0 = new JsonObject(empty.getString("payload"));
      assertThat(p0.getInteger("version")).isZero();
      assertThat(p0.getJsonObject("data").getJsonObject("iocs").getJsonArray("domains")).isEmpty();
      assertThat(empty.getString("keyId")).isEqualTo(boxA.enrollment.getString("rulesKeyId")).startsWith("ed25519:");

      ApiClient advisorA = new ApiClient(console.vertx, console.url()).login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
      assertThat(advisorA.post("/api/v1/chambers/" + a + "/iocs", new JsonObject().put("kind", "domain").put("value", "https://Evil-CDN.example/x.js"))
          .statusCode()).isEqualTo(201);
      String hash = "a".repeat(64);
      assertThat(advisorA.post("/api/v1/chambers/" + a + "/iocs", new JsonObject().put("kind", "script_hash").put("value", hash)).statusCode())
          .isEqualTo(201);
      assertThat(advisorA.post("/api/v1/chambers/" + a + "/iocs", new JsonObject().put("kind", "domain").put("value", "not a domain"))
          .statusCode()).isEqualTo(400);
      ApiClient advisorB = new ApiClient(console.vertx, console.url()).login("advisor-b@example.jp", ConsoleHarness.PASSWORD);
      assertThat(advisorB.post("/api/v1/chambers/" + a + "/iocs", new JsonObject().put("kind", "domain").put("value", "x.example")).statusCode())
          .as("another chamber's list answers 404").isEqualTo(404);

      JsonObject served = boxA.get("/api/v1/box/rules").bodyAsJsonObject();
      assertThat(verify(publicKey, served.getString("payload"), served.getString("signature"))).isTrue();
      JsonObject payload = new JsonObject(served.getString("payload"));
      assertThat(payload.getInteger("version")).isEqualTo(2);
      assertThat(payload.getString("issuedAt")).isNotBlank();
      assertThat(payload.getJsonObject("data").getJsonObject("iocs").getJsonArray("domains").getList()).containsExactly("evil-cdn.example");
      assertThat(payload.getJsonObject("data").getJsonObject("iocs").getJsonArray("scriptHashes").getList()).containsExactly(hash);

      String tampered = served.getString("payload").replace("evil-cdn.example", "good-cdn.example");
      assertThat(verify(publicKey, tampered, served.getString("signature"))).as("a changed payload fails").isFalse();
      assertThat(RulesKeys.verify(publicKey, tampered, served.getString("signature"))).isFalse();

      JsonObject other = new JsonObject(boxB.get("/api/v1/box/rules").bodyAsJsonObject().getString("payload"));
      assertThat(other.getJsonObject("data").getJsonObject("iocs").getJsonArray("domains")).as("chamber B's boxes get B's list").isEmpty();

      long iocId = advisorA.get("/api/v1/chambers/" + a + "/iocs").bodyAsJsonObject().getJsonArray("iocs").getJsonObject(0).getLong("id");
      assertThat(advisorA.call(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/chambers/" + a + "/iocs/" + iocId, null).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(boxA.get("/api/v1/box/rules").bodyAsJsonObject().getString("payload")).getInteger("version"))
          .as("removal bumps the version too").isEqualTo(3);
      assertThat(new BoxApiless(console).rulesWithoutCredential()).isEqualTo(401);
    }
    Path key = tmp.resolve(RulesKeys.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    try (ConsoleHarness again = new ConsoleHarness(tmp, Clock.systemUTC())) {
      assertThat(again.services().portal().rulesKeys.publicKeyBase64()).as("the key pair is generated once").isEqualTo(publicKey);
    }
  }

  /** A caller without a box credential. */
  record BoxApiless(ConsoleHarness console) {
    int rulesWithoutCredential() throws Exception {
      return io.vertx.ext.web.client.WebClient.create(console.vertx).getAbs(console.url() + "api/v1/box/rules").send()
          .await(30, java.util.concurrent.TimeUnit.SECONDS).statusCode();
    }
  }
}
