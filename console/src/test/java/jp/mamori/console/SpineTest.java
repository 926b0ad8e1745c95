package jp.mamori.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;
import jp.mamori.agent.enroll.EnrollCommand;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Role;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spine end to end over real HTTP: enroll, deliver, fold into alerts, open one ticket, resolve, revoke. */
class SpineTest {
  static final String SITE = "https://sakura.example.jp/";
  @TempDir Path tmp;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
  ConsoleHarness console;
  long chamberA;
  long chamberB;
  long smeA;
  long adminA;

  @BeforeEach
  void start() throws Exception {
    console = new ConsoleHarness(tmp.resolve("console"), clock);
    chamberA = console.chamber("osaka-test", "大阪テスト商工会議所");
    chamberB = console.chamber("kyoto-test", "京都テスト商工会議所");
    smeA = console.sme(chamberA, "さくら製作所", SITE);
    adminA = console.user("admin-a@example.jp", Role.CHAMBER_ADMIN, Set.of(chamberA), null);
    console.user("advisor-a@example.jp", Role.ADVISOR, Set.of(chamberA), null);
    console.user("advisor-b@example.jp", Role.ADVISOR, Set.of(chamberB), null);
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
  }

  record Cli(int code, String out, String err) {}

  Cli enroll(String token, Path config) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new EnrollCommand().run(List.of("--console", console.url(), "--token", token, "--config", config.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  ConsoleClient boxClient(Path config) throws Exception {
    AgentConfig cfg = AgentConfig.load(config);
    return new ConsoleClient(console.vertx, cfg.consoleUrl(), Optional.empty(), cfg.require(AgentConfig.BOX_CREDENTIAL), Duration.ofSeconds(10));
  }

  Finding finding(String check, Severity severity, String target, String identity) {
    return Finding.builder(check).severity(severity).point(null).target(target)
        .title("見つかった問題 " + check, "Problem " + check).advice("制作会社に連絡してください", "Call your web agency")
        .identity("key", identity).evidence("snippet", "<iframe width=0 src=https://evil.example/>").observedAt(clock).build();
  }

  JsonObject deliver(ConsoleClient client, List<Finding> findings, List<RunReport> runs) throws Exception {
    return client.deliver(findings.stream().map(Finding::toJson).toList(), runs.stream().map(RunReport::toJson).toList())
        .await(30, TimeUnit.SECONDS);
  }

  long count(String sql, Object... params) throws Exception {
    return console.count(sql, params);
  }

  @Test
  void enrollDeliverEscalateResolveRevoke() throws Exception {
    Path config = tmp.resolve("box/agent.conf");
    Cli enrolled = enroll(console.enrollmentToken(smeA, adminA), config);
    assertThat(enrolled.code()).as(enrolled.err()).isZero();
    assertThat(enrolled.out()).contains("さくら製作所");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    AgentConfig cfg = AgentConfig.load(config);
    String credential = cfg.require(AgentConfig.BOX_CREDENTIAL);
    assertThat(cfg.list(AgentConfig.SITES)).containsExactly(SITE);
    assertThat(console.<String>read(c -> Jdbc.one(c, "SELECT credential_hash FROM boxes", rs -> rs.getString(1)).orElseThrow()))
        .doesNotContain(credential.substring(credential.lastIndexOf('.') + 1)).hasSize(64);

    ConsoleClient box = boxClient(config);
    Finding iframe = finding("web.hidden-iframe", Severity.HIGH, SITE, "https://evil.example/");
    Finding telnet = finding("lan.telnet-open", Severity.MEDIUM, "192.0.2.10:23", "23");
    JsonObject first = deliver(box, List.of(iframe, telnet), List.of());
    assertThat(first.getJsonArray("accepted")).hasSize(2);
    assertThat(first.getInteger("ticketsOpened")).isEqualTo(1);

    JsonObject again = deliver(box, List.of(iframe, telnet), List.of());
    assertThat(again.getJsonArray("duplicates")).hasSize(2);
    assertThat(again.getJsonArray("accepted")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM findings")).isEqualTo(2);

    clock.advance(Duration.ofHours(12));
    deliver(box, List.of(finding("web.hidden-iframe", Severity.HIGH, SITE, "https://evil.example/")), List.of());
    assertThat(count("SELECT COUNT(*) FROM alerts")).isEqualTo(2);
    assertThat(count("SELECT occurrences FROM alerts WHERE check_id = 'web.hidden-iframe'")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM tickets")).isEqualTo(1);

    ApiClient advisorA = new ApiClient(console.vertx, console.url()).login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
    JsonArray queue = advisorA.get("/api/v1/tickets").bodyAsJsonArray();
    assertThat(queue).hasSize(1);
    long ticketId = queue.getJsonObject(0).getLong("id");
    JsonObject ticket = advisorA.get("/api/v1/tickets/" + ticketId).bodyAsJsonObject();
    assertThat(ticket.getJsonObject("alert").getString("check")).isEqualTo("web.hidden-iframe");
    assertThat(ticket.getJsonArray("findings")).hasSize(2);
    assertThat(ticket.getJsonArray("messages").getJsonObject(0).getString("kind")).isEqualTo("system");

    ApiClient advisorB = new ApiClient(console.vertx, console.url()).login("advisor-b@example.jp", ConsoleHarness.PASSWORD);
    assertThat(advisorB.get("/api/v1/tickets").bodyAsJsonArray()).isEmpty();
    assertThat(advisorB.get("/api/v1/tickets/" + ticketId).statusCode()).isEqualTo(404);
    assertThat(advisorB.get("/api/v1/alerts/" + ticket.getLong("alertId")).statusCode()).isEqualTo(404);
    assertThat(advisorB.get("/api/v1/alerts").bodyAsJsonArray()).isEmpty();
    assertThat(advisorB.post("/api/v1/tickets/" + ticketId + "/messages", new JsonObject().put("body", "覗き見")).statusCode()).isEqualTo(404);

    var reply = advisorA.post("/api/v1/tickets/" + ticketId + "/messages", new JsonObject().put("body", "制作会社に連絡しましょう。"));
    assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(201);
    JsonObject replied = advisorA.get("/api/v1/tickets/" + ticketId).bodyAsJsonObject();
    assertThat(replied.getString("status")).isEqualTo("open");
    assertThat(replied.getString("firstResponseAt")).isNotNull();

    clock.advance(Duration.ofHours(12));
    RunReport clean = new RunReport(UUID.randomUUID(), List.of("web."), List.of(SITE), clock.instant().minusSeconds(30), clock.instant(), Set.of());
    JsonObject resolved = deliver(box, List.of(), List.of(clean));
    assertThat(resolved.getInteger("alertsResolved")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM alerts WHERE status = 'open'")).as("telnet is not covered by a web run").isEqualTo(1);
    assertThat(advisorA.get("/api/v1/tickets/" + ticketId).statusCode()).as("session idle for 12 h has expired").isEqualTo(401);
    advisorA.login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
    var afterResolve = advisorA.get("/api/v1/tickets/" + ticketId);
    assertThat(afterResolve.statusCode()).as(afterResolve.bodyAsString()).isEqualTo(200);
    JsonArray notes = afterResolve.bodyAsJsonObject().getJsonArray("messages");
    assertThat(notes.getJsonObject(notes.size() - 1).getJsonObject("body").getString("ja")).contains("検出されませんでした");
    assertThat(deliver(box, List.of(), List.of(clean)).getJsonArray("duplicates")).hasSize(1);

    clock.advance(Duration.ofHours(12));
    deliver(box, List.of(finding("web.hidden-iframe", Severity.HIGH, SITE, "https://evil.example/")), List.of());
    assertThat(count("SELECT COUNT(*) FROM alerts WHERE status = 'open'")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM tickets")).as("the live ticket carries the recurrence").isEqualTo(1);

    assertThat(metric("mamori_boxes_online")).isEqualTo(0);
    box.heartbeat(new JsonObject().put("agentVersion", "test").put("hostname", "box-1")).await(10, TimeUnit.SECONDS);
    assertThat(metric("mamori_boxes_online")).isEqualTo(1);
    assertThat(metric("mamori_tickets_open")).isEqualTo(1);
    assertThat(metric("mamori_alerts_open")).isEqualTo(2);
    clock.advance(Duration.ofSeconds(301));
    assertThat(metric("mamori_boxes_online")).as("offline after 5 missed heartbeats").isEqualTo(0);

    String boxId = cfg.require(AgentConfig.BOX_ID);
    advisorA.login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
    ApiClient adminClient = new ApiClient(console.vertx, console.url()).login("admin-a@example.jp", ConsoleHarness.PASSWORD);
    assertThat(advisorA.post("/api/v1/boxes/" + boxId + "/revoke", null).statusCode()).isEqualTo(403);
    assertThat(adminClient.post("/api/v1/boxes/" + boxId + "/revoke", null).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> box.heartbeat(new JsonObject()).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ConsoleException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.code()).isEqualTo("box_revoked");
          assertThat(e.getMessage()).contains("revoked");
        });
  }

  double metric(String name) throws Exception {
    String text = new ApiClient(console.vertx, console.url()).get("/metrics").bodyAsString();
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst().orElseThrow(() -> new AssertionError(name + " missing from /metrics:\n" + text));
  }

  @Test
  void enrollmentTokensAreSingleUseAndExpire() throws Exception {
    String token = console.enrollmentToken(smeA, adminA);
    assertThat(enroll(token, tmp.resolve("a.conf")).code()).isZero();
    Cli reused = enroll(token, tmp.resolve("b.conf"));
    assertThat(reused.code()).isEqualTo(1);
    assertThat(reused.err()).contains("already used");
    assertThat(tmp.resolve("b.conf")).doesNotExist();

    String late = console.enrollmentToken(smeA, adminA);
    clock.advance(Duration.ofDays(8));
    Cli expired = enroll(late, tmp.resolve("c.conf"));
    assertThat(expired.code()).isEqualTo(1);
    assertThat(expired.err()).contains("expired");

    Cli unknown = enroll("met_nope", tmp.resolve("d.conf"));
    assertThat(unknown.err()).contains("not known");
  }

  @Test
  void plainHttpToANonLoopbackConsoleIsRefused() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new EnrollCommand().run(List.of("--console", "http://console.example.jp", "--token", "t", "--config", tmp.resolve("x.conf").toString()),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing plain http://");
  }

  @Test
  void malformedFindingsAreRejectedOneByOneAndTheRestKept() throws Exception {
    Path config = tmp.resolve("agent.conf");
    enroll(console.enrollmentToken(smeA, adminA), config);
    ConsoleClient box = boxClient(config);
    Finding good = finding("web.hidden-iframe", Severity.HIGH, SITE, "x");
    JsonObject bad = good.toJson().put("id", UUID.randomUUID().toString()).put("severity", "urgent");
    JsonObject answer = box.deliver(List.of(good.toJson(), bad, new JsonObject()), List.of()).await(10, TimeUnit.SECONDS);
    assertThat(answer.getJsonArray("accepted")).containsExactly(good.id().toString());
    assertThat(answer.getJsonArray("rejected")).hasSize(2);
    assertThat(answer.getJsonArray("rejected").getJsonObject(0).getString("error")).contains("findings[1]").contains("severity");
    assertThat(answer.getJsonArray("rejected").getJsonObject(1).getString("error")).contains("findings[2]").contains("id is required");

    var raw = new ApiClient(console.vertx, console.url());
    assertThat(raw.post("/api/v1/findings", new JsonObject()).statusCode()).isEqualTo(401);
  }

  @Test
  void sessionCallsNeedTheCsrfTokenAndLoginIsRateLimited() throws Exception {
    ApiClient advisor = new ApiClient(console.vertx, console.url()).login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
    var forged = advisor.postWithoutCsrf("/api/v1/auth/logout", new JsonObject());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.bodyAsJsonObject().getString("error")).isEqualTo("csrf");

    ApiClient guesser = new ApiClient(console.vertx, console.url());
    for (int i = 0; i < 5; i++) {
      assertThat(guesser.post("/api/v1/auth/login", new JsonObject().put("email", "advisor-b@example.jp").put("password", "wrong-" + i))
          .statusCode()).isEqualTo(401);
    }
    var limited = guesser.post("/api/v1/auth/login", new JsonObject().put("email", "advisor-b@example.jp").put("password", ConsoleHarness.PASSWORD));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).isNotNull();
    clock.advance(Duration.ofMinutes(16));
    assertThat(guesser.post("/api/v1/auth/login", new JsonObject().put("email", "advisor-b@example.jp").put("password", ConsoleHarness.PASSWORD))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void apiErrorsAreClear() throws Exception {
    ApiClient anon = new ApiClient(console.vertx, console.url());
    assertThat(anon.get("/api/v1/tickets").bodyAsJsonObject().getString("error")).isEqualTo("login_required");
    assertThat(anon.get("/api/v1/nope").statusCode()).isEqualTo(404);
    var bad = anon.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/enroll", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("message")).contains("JSON object");
    JsonObject health = anon.get("/api/v1/health").bodyAsJsonObject();
    assertThat(health.getString("status")).isEqualTo("ok");
    assertThat(anon.get("/api/v1/openapi.json").bodyAsJsonObject().getString("openapi")).startsWith("3.");
  }
}
