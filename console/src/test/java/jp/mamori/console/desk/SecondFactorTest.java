package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Totp;
import org.junit.jupiter.api.Test;

/** TOTP for advisors, chamber admins and the operator: set-up, sign-in with a code, recovery codes, the grace period, resets. */
class SecondFactorTest extends DeskTestBase {



  HttpResponse<Buffer> login(String email, String totp) throws Exception {
    JsonObject body = new JsonObject().put("email", email).put("password", ConsoleHarness.PASSWORD);
    if (totp != null) {
      body.put("totp", totp);
    }
    return new ApiClient(f.console.vertx, f.console.url()).post("/api/v1/auth/login", body);
  }

  String code(String secret) {
    return Totp.code(secret, Totp.step(clock.millis()));
  }

  @Test
  void advisorSetsUpTotpAndThenNeedsACodeEveryTime() throws Exception {
    ApiClient advisor = f.login("advisor-a@example.jp");
    JsonObject status = advisor.get("/api/v1/me/totp").bodyAsJsonObject();
    assertThat(status.getBoolean("required")).isTrue();
    assertThat(status.getBoolean("enabled")).isFalse();
    assertThat(status.getString("requiredFrom")).isEqualTo("2026-06-17T01:00:00Z");
    JsonObject start = advisor.post("/api/v1/me/totp", null).bodyAsJsonObject();
    String secret = start.getString("secret");
    assertThat(start.getString("otpauthUri")).startsWith("otpauth://totp/Mamori%3Aadvisor-a%40example.jp?secret=" + secret);
    assertThat(advisor.post("/api/v1/me/totp/confirm", new JsonObject().put("code", "000000")).statusCode()).isEqualTo(400);
    var confirmed = advisor.post("/api/v1/me/totp/confirm", new JsonObject().put("code", code(secret)));
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    JsonArray recovery = confirmed.bodyAsJsonObject().getJsonArray("recoveryCodes");
    assertThat(recovery).hasSize(10);
    assertThat(recovery.getString(0)).matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
    assertThat(f.console.count("SELECT COUNT(*) FROM user_recovery_codes WHERE code_hash = ?", recovery.getString(0))).as("only hashes stored").isZero();

    // the password alone no longer signs in: a challenge comes back
    HttpResponse<Buffer> passwordOnly = login("advisor-a@example.jp", null);
    assertThat(passwordOnly.statusCode()).isEqualTo(401);
    assertThat(passwordOnly.bodyAsJsonObject().getString("error")).isEqualTo("totp_required");
    assertThat(passwordOnly.cookies()).noneMatch(c -> c.startsWith("mamori_session=") && !c.startsWith("mamori_session=;"));
    String challenge = passwordOnly.bodyAsJsonObject().getString("challenge");
    ApiClient second = new ApiClient(f.console.vertx, f.console.url());
    clock.advance(Duration.ofSeconds(30));
    var wrong = second.post("/api/v1/auth/totp", new JsonObject().put("challenge", challenge).put("code", "123456"));
    assertThat(wrong.statusCode()).as(wrong.bodyAsString()).isEqualTo(401);
    var ok = second.post("/api/v1/auth/totp", new JsonObject().put("challenge", challenge).put("code", code(secret)));
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getString("role")).isEqualTo("advisor");
    assertThat(new ApiClient(f.console.vertx, f.console.url()).post("/api/v1/auth/totp", new JsonObject().put("challenge", challenge)
        .put("code", code(secret))).statusCode())
        .as("a challenge works once").isEqualTo(401);

    // the same code cannot be replayed; the next step's code works directly with the password
    assertThat(login("advisor-a@example.jp", code(secret)).statusCode()).isEqualTo(401);
    clock.advance(Duration.ofSeconds(30));
    assertThat(login("advisor-a@example.jp", code(secret)).statusCode()).isEqualTo(200);
    // a recovery code works once
    assertThat(login("advisor-a@example.jp", recovery.getString(3).toLowerCase()).statusCode()).isEqualTo(200);
    assertThat(login("advisor-a@example.jp", recovery.getString(3)).statusCode()).isEqualTo(401);
    assertThat(f.login("admin-a@example.jp").get("/api/v1/audit?action=login.").bodyAsString()).contains("login.totp-failed");
  }

  @Test
  void afterTheGracePeriodTheDeskMustSetUpTotpToSignIn() throws Exception {
    clock.advance(Duration.ofDays(8));
    assertThat(login("owner-a@example.jp", null).statusCode()).as("owners are not required").isEqualTo(200);
    assertThat(login("partner@example.jp", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> r = login("admin-a@example.jp", null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("totp_enrolment_required");
    String challenge = r.bodyAsJsonObject().getString("challenge");
    ApiClient c = new ApiClient(f.console.vertx, f.console.url());
    assertThat(c.get("/api/v1/tickets").statusCode()).isEqualTo(401);
    JsonObject enrol = c.post("/api/v1/auth/totp/enrolment", new JsonObject().put("challenge", challenge)).bodyAsJsonObject();
    String secret = enrol.getString("secret");
    var done = c.post("/api/v1/auth/totp/enrolment/confirm", new JsonObject().put("challenge", challenge).put("code", code(secret)));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getJsonArray("recoveryCodes")).hasSize(10);
    assertThat(done.bodyAsJsonObject().getString("csrfToken")).isNotBlank();
    assertThat(new ApiClient(f.console.vertx, f.console.url()).post("/api/v1/auth/totp/enrolment", new JsonObject().put("challenge", challenge))
        .statusCode()).as("challenge used up").isEqualTo(401);

    // a challenge with too many wrong codes dies
    HttpResponse<Buffer> again = login("advisor-a@example.jp", null);
    String ch = again.bodyAsJsonObject().getString("challenge");
    ApiClient d = new ApiClient(f.console.vertx, f.console.url());
    d.post("/api/v1/auth/totp/enrolment", new JsonObject().put("challenge", ch));
    for (int i = 0; i < 4; i++) {
      d.post("/api/v1/auth/totp/enrolment/confirm", new JsonObject().put("challenge", ch).put("code", "000000"));
    }
    assertThat(d.post("/api/v1/auth/totp/enrolment/confirm", new JsonObject().put("challenge", ch).put("code", "000000")).bodyAsJsonObject()
        .getString("error")).isEqualTo("challenge_invalid");
  }

  @Test
  void administratorsResetALostPhone() throws Exception {
    ApiClient advisor = f.login("advisor-a@example.jp");
    String secret = advisor.post("/api/v1/me/totp", null).bodyAsJsonObject().getString("secret");
    advisor.post("/api/v1/me/totp/confirm", new JsonObject().put("code", code(secret)));
    assertThat(f.login("admin-b@example.jp").post("/api/v1/users/" + f.advisorA + "/totp-reset", null).statusCode()).isEqualTo(404);
    assertThat(f.login("owner-a@example.jp").post("/api/v1/users/" + f.advisorA + "/totp-reset", null).statusCode()).isEqualTo(404);
    ApiClient admin = f.login("admin-a@example.jp");
    var reset = admin.post("/api/v1/users/" + f.advisorA + "/totp-reset", null);
    assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
    assertThat(reset.bodyAsJsonObject().getBoolean("enabled")).isFalse();
    assertThat(login("advisor-a@example.jp", null).statusCode()).isEqualTo(200);
    assertThat(admin.post("/api/v1/users/" + f.adminA + "/totp-reset", null).statusCode()).as("admins are the operator's to reset").isEqualTo(403);
    assertThat(f.login("operator@example.jp").post("/api/v1/users/" + f.adminA + "/totp-reset", null).statusCode()).isEqualTo(200);
  }
}
