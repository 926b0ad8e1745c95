package jp.mamori.console.agentpackages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.update.AgentUpdater;
import jp.mamori.common.AgentPackageManifest;
import jp.mamori.common.FileHash;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.portal.BoxApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing agent packages over real HTTP with real .deb files (dpkg-deb): the operator uploads, releases
 * (to every chamber or one) and withdraws; other roles are refused; boxes get the signed manifest of their
 * release, the bytes, and the update command in their heartbeat; the agent's own updater downloads and hands
 * the package over.
 */
class AgentPackagesApiTest {
  static final String DEB = "application/vnd.debian.binary-package";
  @TempDir Path tmp;
  ConsoleHarness console;
  long chamberA;
  long chamberB;
  ApiClient operator;
  BoxApi boxA;
  BoxApi boxB;

  @BeforeEach
  void start() throws Exception {
    console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC());
    chamberA = console.chamber("osaka-test", "大阪テスト商工会議所");
    chamberB = console.chamber("kyoto-test", "京都テスト商工会議所");
    long admin = console.user("admin-a@example.jp", Role.CHAMBER_ADMIN, Set.of(chamberA), null);
    console.user("advisor-a@example.jp", Role.ADVISOR, Set.of(chamberA), null);
    console.user("operator@example.jp", Role.OPERATOR, Set.of(), null);
    boxA = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(console.sme(chamberA, "さくら製作所", null), admin));
    boxB = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(console.sme(chamberB, "もみじ商店", null), admin));
    operator = new ApiClient(console.vertx, console.url()).login("operator@example.jp", ConsoleHarness.PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
  }

  HttpResponse<Buffer> upload(ApiClient who, Path deb) throws Exception {
    return who.send(HttpMethod.POST, "/api/v1/agent-packages", Buffer.buffer(Files.readAllBytes(deb)), DEB);
  }

  Path deb(String pkg, String version, String arch, String compression) throws Exception {
    return TestDebs.build(tmp, pkg, version, arch, compression);
  }

  static JsonArray commands(BoxApi box, String agentVersion) throws Exception {
    HttpResponse<Buffer> r = box.post("/api/v1/heartbeat", new JsonObject().put("agentVersion", agentVersion));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("commands");
  }

  @Test
  void operatorPublishesAndReleasesAndBoxesGetTheSignedManifestTheBytesAndTheCommand() throws Exception {
    Path v2 = deb("mamori-agent", "0.2.0", "all", "gzip");
    HttpResponse<Buffer> r = upload(operator, v2);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject pub = r.bodyAsJsonObject();
    assertThat(pub.getString("version")).isEqualTo("0.2.0");
    assertThat(pub.getString("file")).isEqualTo("mamori-agent_0.2.0_all.deb");
    assertThat(pub.getLong("size")).isEqualTo(Files.size(v2));
    assertThat(pub.getString("sha256")).isEqualTo(FileHash.sha256(v2));
    Path stored = console.dataDir.resolve("agent-packages/mamori-agent_0.2.0_all.deb");
    assertThat(FileHash.sha256(stored)).isEqualTo(FileHash.sha256(v2));
    try (var files = Files.list(console.dataDir.resolve("agent-packages"))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no upload leftovers").containsExactly("mamori-agent_0.2.0_all.deb");
    }
    // the same version again, and the one package the console builds itself
    assertThat(upload(operator, v2).statusCode()).isEqualTo(409);

    // published but not released: boxes are offered nothing
    assertThat(boxA.get("/api/v1/box/agent-package").statusCode()).isEqualTo(404);
    assertThat(commands(boxA, "0.1.0")).isEmpty();

    assertThat(operator.post("/api/v1/agent-packages/0.2.0/release", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(commands(boxA, "0.1.0")).containsExactly(new JsonObject().put("type", "update").put("version", "0.2.0"));
    assertThat(commands(boxB, "0.1.9~rc1")).containsExactly(new JsonObject().put("type", "update").put("version", "0.2.0"));
    assertThat(commands(boxA, "0.2.0")).as("already runs it").isEmpty();
    assertThat(commands(boxA, "0.10.0")).as("newer than the release").isEmpty();
    assertThat(commands(boxA, "dev")).as("a development build").isEmpty();

    JsonObject envelope = boxA.get("/api/v1/box/agent-package").bodyAsJsonObject();
    AgentPackageManifest m = AgentPackageManifest.verify(envelope, boxA.enrollment.getString("rulesPublicKey"),
        boxA.enrollment.getString("rulesKeyId"));
    assertThat(m.version()).isEqualTo("0.2.0");
    assertThat(m.sha256()).isEqualTo(FileHash.sha256(v2));
    assertThat(m.size()).isEqualTo(Files.size(v2));
    HttpResponse<Buffer> bytes = boxA.get("/api/v1/box/agent-package/0.2.0/deb");
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.getHeader("content-type")).isEqualTo(DEB);
    assertThat(bytes.body().getBytes()).isEqualTo(Files.readAllBytes(v2));
    assertThat(boxA.get("/api/v1/box/agent-package/0.1.0/deb").statusCode()).isEqualTo(404);

    // a staged rollout: 0.3.0 for chamber B only; its boxes get it, chamber A's keep 0.2.0 and cannot fetch 0.3.0
    assertThat(upload(operator, deb("mamori-agent", "0.3.0", "all", "none")).statusCode()).isEqualTo(201);
    r = operator.post("/api/v1/agent-packages/0.3.0/release", new JsonObject().put("chamberId", chamberB));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonObject("release")).isEqualTo(new JsonObject().put("everyChamber", false)
        .put("chamberIds", new JsonArray().add(chamberB)));
    assertThat(commands(boxB, "0.2.0")).containsExactly(new JsonObject().put("type", "update").put("version", "0.3.0"));
    assertThat(commands(boxA, "0.2.0")).isEmpty();
    assertThat(boxA.get("/api/v1/box/agent-package/0.3.0/deb").statusCode()).isEqualTo(404);
    assertThat(boxB.get("/api/v1/box/agent-package/0.3.0/deb").statusCode()).isEqualTo(200);
    assertThat(operator.post("/api/v1/agent-packages/0.3.0/release", new JsonObject().put("chamberId", 99999)).statusCode()).isEqualTo(404);
    assertThat(operator.post("/api/v1/agent-packages/9.9.9/release", new JsonObject()).statusCode()).isEqualTo(404);

    JsonArray list = operator.get("/api/v1/agent-packages").bodyAsJsonObject().getJsonArray("packages");
    assertThat(list.stream().map(o -> ((JsonObject) o).getString("version"))).containsExactly("0.3.0", "0.2.0");
    assertThat(list.getJsonObject(1).getJsonObject("release").getBoolean("everyChamber")).isTrue();

    // released to every chamber: the staged rollout ends, everyone gets 0.3.0
    assertThat(operator.post("/api/v1/agent-packages/0.3.0/release", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(commands(boxA, "0.2.0")).containsExactly(new JsonObject().put("type", "update").put("version", "0.3.0"));

    // withdrawn: offered to nobody, file gone
    assertThat(operator.call(HttpMethod.DELETE, "/api/v1/agent-packages/0.3.0", null).statusCode()).isEqualTo(204);
    assertThat(Files.exists(console.dataDir.resolve("agent-packages/mamori-agent_0.3.0_all.deb"))).isFalse();
    assertThat(boxB.get("/api/v1/box/agent-package").statusCode()).isEqualTo(404);
    assertThat(commands(boxB, "0.1.0")).isEmpty();
    assertThat(operator.call(HttpMethod.DELETE, "/api/v1/agent-packages/0.3.0", null).statusCode()).isEqualTo(404);
    assertThat(console.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('agent-package.publish', 'agent-package.release', "
        + "'agent-package.withdraw')")).isEqualTo(6);
  }

  @Test
  void refusesWhatIsNotAMamoriAgentDebWithAClearErrorAndKeepsNothing() throws Exception {
    HttpResponse<Buffer> r = upload(operator, deb("mamori-console", "0.2.0", "all", "gzip"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("'mamori-console'", "not mamori-agent");
    r = upload(operator, deb("mamori-agent", "0.2.0", "arm64", "gzip"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("'arm64'");
    r = upload(operator, deb("mamori-agent", "0.2.0", "all", "xz"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("control.tar.xz", "dpkg-deb -Zgzip");
    Path text = Files.writeString(tmp.resolve("notes.deb"), "これはパッケージではありません");
    r = upload(operator, text);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("not a Debian package");
    byte[] whole = Files.readAllBytes(deb("mamori-agent", "0.4.0", "all", "gzip"));
    r = operator.send(HttpMethod.POST, "/api/v1/agent-packages", Buffer.buffer(java.util.Arrays.copyOf(whole, 200)), DEB);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("truncated");
    r = operator.send(HttpMethod.POST, "/api/v1/agent-packages", Buffer.buffer(), DEB);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("empty");

    // a Content-Length above the cap is refused before a byte is stored
    var http = io.vertx.ext.web.client.WebClient.create(console.vertx);
    HttpResponse<Buffer> login = http.postAbs(console.url() + "api/v1/auth/login").sendJsonObject(new JsonObject()
        .put("email", "operator@example.jp").put("password", ConsoleHarness.PASSWORD)).await(30, TimeUnit.SECONDS);
    String cookie = login.cookies().get(0).split(";")[0];
    String csrf = login.bodyAsJsonObject().getString("csrfToken");
    URI url = URI.create(console.url());
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/v1/agent-packages HTTP/1.1\r\nHost: x\r\nContent-Type: " + DEB + "\r\nContent-Length: " + (AgentPackages.MAX_SIZE + 1)
          + "\r\nCookie: " + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\n\r\n!<arch>\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 413");
    }
    assertThat(operator.get("/api/v1/agent-packages").bodyAsJsonObject().getJsonArray("packages")).isEmpty();
    try (var files = Files.list(console.dataDir.resolve("agent-packages"))) {
      assertThat(files.toList()).as("nothing kept of refused uploads").isEmpty();
    }
  }

  @Test
  void onlyTheOperatorPublishesReleasesAndWithdraws() throws Exception {
    Path v2 = deb("mamori-agent", "0.2.0", "all", "gzip");
    assertThat(upload(operator, v2).statusCode()).isEqualTo(201);
    for (String email : new String[] {"admin-a@example.jp", "advisor-a@example.jp"}) {
      ApiClient who = new ApiClient(console.vertx, console.url()).login(email, ConsoleHarness.PASSWORD);
      HttpResponse<Buffer> r = upload(who, deb("mamori-agent", "0.5.0", "all", "gzip"));
      assertThat(r.statusCode()).as(email).isEqualTo(403);
      assertThat(r.bodyAsJsonObject().getString("message")).contains("only the operator");
      assertThat(who.get("/api/v1/agent-packages").statusCode()).as(email).isEqualTo(403);
      assertThat(who.post("/api/v1/agent-packages/0.2.0/release", new JsonObject().put("chamberId", chamberA)).statusCode()).isEqualTo(403);
      assertThat(who.call(HttpMethod.DELETE, "/api/v1/agent-packages/0.2.0", null).statusCode()).isEqualTo(403);
    }
    ApiClient anonymous = new ApiClient(console.vertx, console.url());
    assertThat(upload(anonymous, v2).statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/v1/agent-packages").statusCode()).isEqualTo(401);
    // a box credential is no person, and a person no box
    assertThat(boxA.post("/api/v1/agent-packages/0.2.0/release", new JsonObject()).statusCode()).isEqualTo(401);
    assertThat(operator.get("/api/v1/box/agent-package").statusCode()).isEqualTo(401);
    assertThat(operator.get("/api/v1/agent-packages").bodyAsJsonObject().getJsonArray("packages")).hasSize(1);
    assertThat(console.count("SELECT COUNT(*) FROM agent_releases")).isZero();
  }

  @Test
  void theOperatorsPageListsPackagesReleasesThemAndShowsWhatBoxesRun() throws Exception {
    assertThat(upload(operator, deb("mamori-agent", "0.2.0", "all", "gzip")).statusCode()).isEqualTo(201);
    boxA.post("/api/v1/heartbeat", new JsonObject().put("agentVersion", "0.1.0").put("updateStatus", "downloaded 0.2.0"));
    var http = io.vertx.ext.web.client.WebClientSession.create(io.vertx.ext.web.client.WebClient.create(console.vertx,
        new io.vertx.ext.web.client.WebClientOptions().setFollowRedirects(false)));
    String csrf = http.postAbs(console.url() + "api/v1/auth/login").sendJsonObject(new JsonObject().put("email", "operator@example.jp")
        .put("password", ConsoleHarness.PASSWORD)).await(30, TimeUnit.SECONDS).bodyAsJsonObject().getString("csrfToken");
    String page = http.getAbs(console.url() + "agent-packages").send().await(30, TimeUnit.SECONDS).bodyAsString();
    assertThat(page).contains("エージェントの更新", "0.2.0", "未リリース", "京都テスト商工会議所", "さくら製作所", "downloaded 0.2.0",
        "attach-status");
    HttpResponse<Buffer> r = http.postAbs(console.url() + "agent-packages/0.2.0/release").sendForm(io.vertx.core.MultiMap
        .caseInsensitiveMultiMap().add("_csrf", csrf).add("chamberId", String.valueOf(chamberB))).await(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.getHeader("Location")).isEqualTo("/agent-packages");
    assertThat(commands(boxB, "0.1.0")).containsExactly(new JsonObject().put("type", "update").put("version", "0.2.0"));
    assertThat(commands(boxA, "0.1.0")).isEmpty();
    assertThat(http.getAbs(console.url() + "agent-packages?lang=en").send().await(30, TimeUnit.SECONDS).bodyAsString())
        .contains("Agent upgrades", "Released to");
    r = http.postAbs(console.url() + "agent-packages/0.2.0/withdraw").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("_csrf", csrf)).await(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(operator.get("/api/v1/agent-packages").bodyAsJsonObject().getJsonArray("packages")).isEmpty();
    var advisor = io.vertx.ext.web.client.WebClientSession.create(io.vertx.ext.web.client.WebClient.create(console.vertx));
    advisor.postAbs(console.url() + "api/v1/auth/login").sendJsonObject(new JsonObject().put("email", "advisor-a@example.jp")
        .put("password", ConsoleHarness.PASSWORD)).await(30, TimeUnit.SECONDS);
    assertThat(advisor.getAbs(console.url() + "agent-packages").send().await(30, TimeUnit.SECONDS).statusCode()).isEqualTo(403);
  }

  @Test
  void theAgentsUpdaterDownloadsTheReleaseAndHandsItOver() throws Exception {
    Path v2 = deb("mamori-agent", "0.2.0", "all", "gzip");
    assertThat(upload(operator, v2).statusCode()).isEqualTo(201);
    assertThat(operator.post("/api/v1/agent-packages/0.2.0/release", new JsonObject()).statusCode()).isEqualTo(200);
    Path data = Files.createDirectories(tmp.resolve("box"));
    ConsoleClient client = new ConsoleClient(console.vertx, URI.create(console.url()), Optional.empty(), boxA.credential(), Duration.ofSeconds(30));
    AgentUpdater updater = new AgentUpdater(console.vertx, client, data, "0.1.0", boxA.enrollment.getString("rulesPublicKey"),
        boxA.enrollment.getString("rulesKeyId"), Clock.systemUTC());
    // on a Vert.x context, as in the daemon (Vert.x 5.0.10 can lose a response's end when body() is asked from another thread)
    assertThat(onContext(updater::check)).isEqualTo("downloaded 0.2.0");
    assertThat(Files.readAllBytes(data.resolve("update/mamori-agent_0.2.0_all.deb"))).isEqualTo(Files.readAllBytes(v2));
    JsonObject pending = new JsonObject(Files.readString(data.resolve("update/pending.json")));
    assertThat(pending.getString("file")).isEqualTo("mamori-agent_0.2.0_all.deb");
    assertThat(pending.getJsonObject("manifest")).isEqualTo(boxA.get("/api/v1/box/agent-package").bodyAsJsonObject());
    assertThat(onContext(updater::status)).isEqualTo("downloaded 0.2.0");
    assertThat(onContext(updater::check)).isEqualTo("downloaded 0.2.0, waiting for the installer");
    client.close().await(10, TimeUnit.SECONDS);
  }

  <T> T onContext(java.util.function.Supplier<io.vertx.core.Future<T>> call) throws Exception {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    console.vertx.runOnContext(v -> call.get().onComplete(p));
    return p.future().await(60, TimeUnit.SECONDS);
  }
}
