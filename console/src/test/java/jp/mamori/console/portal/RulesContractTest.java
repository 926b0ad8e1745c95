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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;
import jp.mamori.common.Jdbc;
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
 * change of the chamber's list and with new bundled rule data; a box sees only its own chamber's list; a box
 * that has the current version downloads nothing (304).
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

  @Test
  void payloadCarriesTheBundledRuleDataAndUpToDateBoxesDownloadNothing() throws Exception {
    long a;
    long b;
    try (ConsoleHarness console = new ConsoleHarness(tmp, Clock.systemUTC())) {
      java.util.Optional<String> recorded = console.read(c -> Jdbc.one(c, "SELECT sha256 FROM rules_bundle WHERE id = 1", rs -> rs.getString(1)));
      assertThat(recorded)
          .as("the first start records the bundled data's hash").contains(console.services().portal().rules.bundledSha256());
      a = console.chamber("osaka-test", "大阪テスト商工会議所");
      b = console.chamber("kyoto-test", "京都テスト商工会議所");
      long sme = console.sme(a, "さくら製作所", null);
      long advisor = console.user("advisor-a@example.jp", Role.ADVISOR, Set.of(a), null);
      BoxApi box = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(sme, advisor));
      String publicKey = box.enrollment.getString("rulesPublicKey");

      HttpResponse<Buffer> first = box.get("/api/v1/box/rules");
      assertThat(first.statusCode()).isEqualTo(200);
      JsonObject envelope = first.bodyAsJsonObject();
      assertThat(verify(publicKey, envelope.getString("payload"), envelope.getString("signature"))).isTrue();
      JsonObject data = new JsonObject(envelope.getString("payload")).getJsonObject("data");
      assertThat(data.getJsonObject("lan")).as("the console's bundled LAN tables").isEqualTo(LanData.get().toJson());
      assertThat(data.getJsonObject("web").getJsonObject("cmsEol")).isEqualTo(WebRules.get().cmsTableJson());
      assertThat(LanData.fromJson(data.getJsonObject("lan")).eol("windows", "10.0.19045")).as("what a box builds from it").isPresent();
      assertThat(first.body().length()).as("compact payload").isLessThan(32 * 1024);
      String etag = first.getHeader("ETag");
      assertThat(etag).startsWith("\"0-");
      assertThat(box.get("/api/v1/box/rules").bodyAsString()).as("the same signed text until something changes").isEqualTo(first.bodyAsString());

      HttpResponse<Buffer> unchanged = box.call(HttpMethod.GET, "/api/v1/box/rules", null, "If-None-Match", etag);
      assertThat(unchanged.statusCode()).isEqualTo(304);
      assertThat(unchanged.body() == null ? 0 : unchanged.body().length()).isZero();
      assertThat(box.get("/api/v1/box/rules?since=0").statusCode()).isEqualTo(304);
      assertThat(box.get("/api/v1/box/rules?since=-1").statusCode()).isEqualTo(400);
      assertThat(box.get("/api/v1/box/rules?since=seven").bodyAsJsonObject().getString("message")).contains("since");
      assertThat(box.heartbeat().bodyAsJsonObject().getLong("rulesVersion")).isZero();

      ApiClient advisorA = new ApiClient(console.vertx, console.url()).login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
      assertThat(advisorA.post("/api/v1/chambers/" + a + "/iocs", new JsonObject().put("kind", "domain").put("value", "skimmer.example"))
          .statusCode()).isEqualTo(201);
      assertThat(box.heartbeat().bodyAsJsonObject().getLong("rulesVersion")).as("the heartbeat answer announces the new version").isEqualTo(1);
      HttpResponse<Buffer> changed = box.call(HttpMethod.GET, "/api/v1/box/rules", null, "If-None-Match", etag);
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(changed.getHeader("ETag")).isNotEqualTo(etag).startsWith("\"1-");
      assertThat(new JsonObject(changed.bodyAsJsonObject().getString("payload")).getJsonObject("data").getJsonObject("iocs")
          .getJsonArray("domains").getList()).containsExactly("skimmer.example");
      assertThat(box.get("/api/v1/box/rules?since=0").statusCode()).isEqualTo(200);
      assertThat(box.get("/api/v1/box/rules?since=1").statusCode()).isEqualTo(304);
      // what the build before this one recorded: other bundled data
      console.write(c -> Jdbc.update(c, "UPDATE rules_bundle SET sha256 = ?", "0".repeat(64)));
    }
    try (ConsoleHarness upgraded = new ConsoleHarness(tmp, Clock.systemUTC())) {
      assertThat(versions(upgraded, a, b)).as("new bundled data bumps every chamber once").containsExactly(2L, 1L);
    }
    try (ConsoleHarness again = new ConsoleHarness(tmp, Clock.systemUTC())) {
      assertThat(versions(again, a, b)).as("the same build starting again changes nothing").containsExactly(2L, 1L);
    }
  }

  private static java.util.List<Long> versions(ConsoleHarness console, long... chambers) throws Exception {
    java.util.List<Long> out = new java.util.ArrayList<>();
    for (long ch : chambers) {
      out.add(console.read(c -> console.services().portal().iocs.version(c, ch)));
    }
    return out;
  }

  /** A caller without a box credential. */
  record BoxApiless(ConsoleHarness console) {
    int rulesWithoutCredential() throws Exception {
      return io.vertx.ext.web.client.WebClient.create(console.vertx).getAbs(console.url() + "api/v1/box/rules").send()
          .await(30, java.util.concurrent.TimeUnit.SECONDS).statusCode();
    }
  }
}
