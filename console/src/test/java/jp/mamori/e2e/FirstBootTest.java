package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.BoxVerticle;
import jp.mamori.agent.daemon.JobRunner;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.ConsoleServer;
import jp.mamori.console.auth.Role;
import jp.mamori.console.portal.BoxApi;
import jp.mamori.testing.TestCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box daemon in this JVM (its own Vert.x) against a real console over real HTTP: what the setup page says
 * for every way enrollment fails (and that nothing is written then), CSRF and host checks, the LAN consent
 * picked up without a restart, and 相談する / 確認しました kept on the box while the console is down and
 * delivered once, when it is back.
 */
class FirstBootTest {
  static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"");
  @TempDir Path tmp;
  Vertx boxVertx;
  WebClientSession http;
  String base;
  BoxVerticle box;

  @AfterEach
  void stopBox() throws Exception {
    if (boxVertx != null) {
      boxVertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Starts an unenrolled box with these config lines (local pages on a free loopback port). */
  Path startBox(String lines, Clock clock) throws Exception {
    Path config = tmp.resolve("box-" + System.nanoTime() + "/agent.conf");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "data.dir = " + config.getParent().resolve("data") + "\nlocal.port = 0\nlocal.host = 127.0.0.1\n" + lines,
        StandardCharsets.UTF_8);
    boxVertx = Vertx.vertx();
    box = new BoxVerticle(AgentConfig.load(config), config, clock, new java.security.SecureRandom());
    boxVertx.deployVerticle(box).await(60, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + box.localPort();
    http = WebClientSession.create(WebClient.create(boxVertx, new WebClientOptions().setFollowRedirects(false)));
    return config;
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return http.getAbs(base + path).send().await(30, TimeUnit.SECONDS);
  }

  String csrf(String path) throws Exception {
    Matcher m = CSRF.matcher(get(path).bodyAsString());
    assertThat(m.find()).as("a CSRF field on " + path).isTrue();
    return m.group(1);
  }

  HttpResponse<Buffer> post(String path, String csrfFrom, Map<String, String> fields) throws Exception {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    if (csrfFrom != null) {
      form.add("csrf", csrf(csrfFrom));
    }
    fields.forEach(form::add);
    return http.postAbs(base + path).sendForm(form).await(60, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> setup(String console, String token) throws Exception {
    return post("/setup", "/setup", Map.of("console", console, "token", token));
  }

  static ConsoleServer console(Vertx vertx, Path data, int port, Optional<TestCa.Issued> tls) throws Exception {
    ConsoleServer server = new ConsoleServer(new ConsoleServer.Options(data, "127.0.0.1", port, tls.map(TestCa.Issued::certFile),
        tls.map(TestCa.Issued::keyFile), ConsoleHarness.TEST_ITERATIONS), Clock.systemUTC());
    vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
    return server;
  }

  @Test
  void theSetupPageSaysInPlainJapaneseWhyEnrollmentFailedAndWritesNothing() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("osaka-setup", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", null);
      long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
      String used = console.enrollmentToken(sme, admin);
      BoxApi.enroll(console.vertx, console.url(), used);
      String expired = console.write(c -> console.services().boxes().createToken(c, sme, admin, Duration.ofSeconds(-1)));
      String good = console.enrollmentToken(sme, admin);

      Path config = startBox("console.url = " + console.url() + "\n", Clock.systemUTC());
      String before = Files.readString(config);
      assertThat(get("/").statusCode()).isEqualTo(303);
      assertThat(get("/").getHeader("Location")).isEqualTo("/setup");
      assertThat(get("/setup").bodyAsString()).contains("見守りボックスの登録").contains("value=\"" + console.url() + "\"");

      record Case(String console, String token, String says) {}
      for (Case c : List.of(
          new Case(console.url(), "met_wrong", "登録トークンが違います"),
          new Case(console.url(), used, "すでに使われています"),
          new Case(console.url(), expired, "有効期限が切れています"),
          new Case("http://127.0.0.1:1/", good, "相談コンソールにつながりませんでした"),
          new Case("http://192.168.1.10/", good, "http:// のアドレスには登録できません"),
          new Case("console.example.jp", good, "アドレスの形が正しくありません"),
          new Case(console.url(), "", "登録トークンを入れてください"))) {
        HttpResponse<Buffer> r = setup(c.console(), c.token());
        assertThat(r.statusCode()).as(c.toString()).isBetween(400, 599);
        assertThat(r.bodyAsString()).as(c.toString()).contains(c.says()).contains("value=\"" + jp.mamori.common.HtmlEscape.esc(c.token()) + "\"");
        assertThat(Files.readString(config)).as("nothing half-written after " + c).isEqualTo(before);
        assertThat(box.running()).isEmpty();
      }
      assertThat(post("/setup", null, Map.of("console", console.url(), "token", good)).statusCode()).as("no CSRF token").isEqualTo(403);
      HttpResponse<Buffer> rebound = http.getAbs(base + "/setup").putHeader("Host", "evil.example").send().await(30, TimeUnit.SECONDS);
      assertThat(rebound.statusCode()).as("a foreign host name (DNS rebinding)").isEqualTo(421);
      assertThat(get("/setup").getHeader("Content-Security-Policy")).contains("default-src 'self'");

      HttpResponse<Buffer> ok = setup(console.url(), good);
      assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(303);
      assertThat(ok.getHeader("Location")).isEqualTo("/scope");
      AgentConfig enrolled = AgentConfig.load(config);
      assertThat(enrolled.get(AgentConfig.BOX_CREDENTIAL)).isPresent();
      assertThat(enrolled.get(AgentConfig.RULES_PUBLIC_KEY)).isPresent();
      assertThat(Files.getPosixFilePermissions(config)).containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
          java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      assertThat(box.running()).isPresent();
      assertThat(get("/setup").bodyAsString()).contains("すでに登録されています").doesNotContain("name=\"token\"");
      assertThat(post("/setup", "/consult", Map.of("console", console.url(), "token", good)).statusCode()).as("the form is closed").isEqualTo(409);
      assertThat(console.count("SELECT COUNT(*) FROM boxes WHERE sme_id = ? AND revoked_at IS NULL", sme)).isEqualTo(2);
    }
  }

  @Test
  void aBoxEnrolledFromTheTerminalWhileItsDaemonWaitsStartsWithoutARestart() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("osaka-cli", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", null);
      long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
      Path config = startBox("", Clock.systemUTC());
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      int exit = new jp.mamori.agent.enroll.EnrollCommand().run(List.of("--console", console.url(), "--token", console.enrollmentToken(sme, admin),
          "--config", config.toString()), new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));
      assertThat(exit).as(err.toString()).isZero();
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline && box.running().isEmpty()) {
        Thread.sleep(200);
      }
      assertThat(box.running()).as("the waiting daemon noticed the credential").isPresent();
      assertThat(get("/setup").bodyAsString()).contains("すでに登録されています");
      long beat = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < beat && console.count("SELECT COUNT(*) FROM boxes WHERE sme_id = ? AND last_heartbeat_at IS NOT NULL", sme) == 0) {
        Thread.sleep(200);
      }
      assertThat(console.count("SELECT COUNT(*) FROM boxes WHERE sme_id = ? AND last_heartbeat_at IS NOT NULL", sme)).isEqualTo(1);
    }
  }

  @Test
  void anUntrustedCertificateIsExplainedAndAChambersPresetCaIsUsed() throws Exception {
    TestCa ca = new TestCa("Test Chamber CA");
    Path caFile = ca.writeCa(tmp.resolve("ca.pem"));
    TestCa.Issued cert = ca.issue(tmp.resolve("tls"), "console", List.of("localhost", "127.0.0.1"));
    Vertx vertx = Vertx.vertx();
    try {
      ConsoleServer server = console(vertx, tmp.resolve("tls-console"), 0, Optional.of(cert));
      var s = server.services();
      long chamber = s.db().write(c -> s.tenants().createChamber(c, "tls-fb", "TLS商工会議所")).await(10, TimeUnit.SECONDS);
      long sme = s.db().write(c -> s.tenants().createSme(c, chamber, new JsonObject().put("name", "試験"))).await(10, TimeUnit.SECONDS);
      long admin = user(s, "admin@example.jp", Role.CHAMBER_ADMIN, chamber);
      String token = s.db().write(c -> s.boxes().createToken(c, sme, admin, Duration.ofDays(1))).await(10, TimeUnit.SECONDS);
      String url = server.url().replace("127.0.0.1", "localhost");

      startBox("", Clock.systemUTC());
      assertThat(setup(url, token).bodyAsString()).contains("証明書を確かめられず");
      boxVertx.close().await(30, TimeUnit.SECONDS);

      Path config = startBox("console.url = " + url + "\nconsole.ca-file = " + caFile + "\n", Clock.systemUTC());
      assertThat(setup(url, token).statusCode()).isEqualTo(303);
      assertThat(AgentConfig.load(config).get(AgentConfig.CONSOLE_CA_FILE)).contains(caFile.toString());
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theOwnersLanConsentIsRecordedAndTheScanJobsFollowItWithoutARestart() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("osaka-scope", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", null);
      long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
      // The proposal is a private range that is never scanned here: the box's clock stands just after a Wednesday's
      // full scan and before the day's light one, so both are hours or days away, and nothing runs at consent.
      ZoneId jst = ZoneId.of("Asia/Tokyo");
      ZonedDateTime thursday = ZonedDateTime.now(jst).with(TemporalAdjusters.next(DayOfWeek.THURSDAY)).toLocalDate().atStartOfDay(jst);
      Clock boxClock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), thursday.toInstant()));
      Path config = startBox("console.url = " + console.url() + "\nlocal.scope-proposal = 10.255.255.0/24\nchecks.run-on-start = false\n",
          boxClock);
      assertThat(setup(console.url(), console.enrollmentToken(sme, admin)).statusCode()).isEqualTo(303);
      String page = get("/scope").bodyAsString();
      assertThat(page).contains("10.255.255.0/24").contains("value=\"accept\"");
      assertThat(get("/").bodyAsString()).contains("点検範囲がまだ決まっていません");

      assertThat(post("/scope", "/scope", Map.of("decision", "accept", "scope", "10.255.255.0/24", "name", "")).bodyAsString())
          .contains("お名前を入れてください");
      assertThat(post("/scope", "/scope", Map.of("decision", "accept", "scope", "10.255.254.0/24", "name", "山田")).statusCode())
          .as("a range the page did not show").isEqualTo(409);
      assertThat(AgentConfig.load(config).get(AgentConfig.LAN_SCOPE)).isEmpty();

      assertThat(post("/scope", "/scope", Map.of("decision", "accept", "scope", "10.255.255.0/24", "name", "山田太郎")).statusCode()).isEqualTo(303);
      AgentConfig agreed = AgentConfig.load(config);
      assertThat(agreed.get(AgentConfig.LAN_SCOPE)).contains("10.255.255.0/24");
      assertThat(agreed.get(AgentConfig.LAN_SCOPE_CONSENTED_BY)).contains("山田太郎");
      assertThat(Instant.parse(agreed.get(AgentConfig.LAN_SCOPE_CONSENTED_AT).orElseThrow())).isAfter(thursday.toInstant().minusSeconds(5));
      Map<String, JobRunner.JobStatus> jobs = box.running().orElseThrow().runner().status();
      assertThat(jobs).containsKeys("lan full 10.255.255.0/24", "lan light 10.255.255.0/24");
      assertThat(jobs.get("lan full 10.255.255.0/24").nextRun().atZone(jst).getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
      assertThat(jobs.values()).noneMatch(JobRunner.JobStatus::running);
      assertThat(get("/").bodyAsString()).contains("10.255.255.0/24").contains("山田太郎").contains("社内ネットワークの詳しい点検");

      assertThat(post("/scope", "/scope", Map.of("decision", "decline", "name", "山田太郎")).statusCode()).isEqualTo(303);
      AgentConfig declined = AgentConfig.load(config);
      assertThat(declined.get(AgentConfig.LAN_SCOPE)).isEmpty();
      assertThat(declined.get(AgentConfig.LAN_SCOPE_CONSENTED_AT)).isEmpty();
      assertThat(declined.get(AgentConfig.LAN_SCOPE_DECLINED_BY)).contains("山田太郎");
      assertThat(box.running().orElseThrow().runner().status().keySet()).noneMatch(n -> n.startsWith("lan "));
      assertThat(get("/").bodyAsString()).contains("社内ネットワークの点検はしない設定です");
    }
  }

  @Test
  void whatTheOwnerSendsWhileTheConsoleIsDownIsKeptAndDeliveredOnce() throws Exception {
    Path data = tmp.resolve("console");
    Vertx consoleVertx = Vertx.vertx();
    try {
      ConsoleServer first = console(consoleVertx, data, 0, Optional.empty());
      int port = Integer.parseInt(first.url().replaceAll(".*:(\\d+)/$", "$1"));
      var s = first.services();
      long chamber = s.db().write(c -> s.tenants().createChamber(c, "osaka-down", "大阪テスト商工会議所")).await(10, TimeUnit.SECONDS);
      long sme = s.db().write(c -> s.tenants().createSme(c, chamber, new JsonObject().put("name", "さくら製作所"))).await(10, TimeUnit.SECONDS);
      long advisor = user(s, "advisor@example.jp", Role.ADVISOR, chamber);
      String token = s.db().write(c -> s.boxes().createToken(c, sme, advisor, Duration.ofDays(1))).await(10, TimeUnit.SECONDS);
      ApiClient desk = new ApiClient(consoleVertx, first.url()).login("advisor@example.jp", ConsoleHarness.PASSWORD);
      long advisory = desk.post("/api/v1/chambers/" + chamber + "/advisories", new JsonObject().put("severity", "urgent")
          .put("title", "ランサムウェアに注意").put("body", "バックアップを確認してください。")).bodyAsJsonObject().getLong("id");

      Path config = startBox("console.url = " + first.url() + "\nheartbeat.seconds = 1\n", Clock.systemUTC());
      assertThat(setup(first.url(), token).statusCode()).isEqualTo(303);
      String home = get("/").bodyAsString();
      assertThat(home).contains("ランサムウェアに注意").contains("action=\"/advisories/" + advisory + "/ack\"").contains("li class=\"point");

      consoleVertx.close().await(30, TimeUnit.SECONDS);
      long until = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < until && !get("/").bodyAsString().contains("相談コンソールにつながりません")) {
        Thread.sleep(500);
      }
      String offline = get("/").bodyAsString();
      assertThat(offline).as("the problems line").contains("相談コンソールにつながりません");
      assertThat(offline).as("the lights kept from before, with their age").contains("時点の情報を表示しています").contains("li class=\"point");

      Map<String, String> typed = Map.of("subject", "画面に脅迫文が出ました", "body", "経理のパソコンに「ファイルを暗号化した」と出ています。",
          "contactName", "山田太郎", "contactPhone", "06-1234-5678");
      HttpResponse<Buffer> noCsrf = post("/consult", null, typed);
      assertThat(noCsrf.statusCode()).isEqualTo(403);
      assertThat(noCsrf.bodyAsString()).as("an expired form keeps what was typed").contains("経理のパソコンに「ファイルを暗号化した」と出ています。")
          .contains("value=\"06-1234-5678\"");
      HttpResponse<Buffer> tooLong = post("/consult", "/consult", Map.of("subject", "x".repeat(201), "body", "本文"));
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.bodyAsString()).contains("件名が長すぎます").contains("本文");
      HttpResponse<Buffer> queued = post("/consult", "/consult", typed);
      assertThat(queued.statusCode()).isEqualTo(200);
      assertThat(queued.bodyAsString()).contains("data-state=\"queued\"").contains("ボックスに保存しました");
      assertThat(post("/advisories/" + advisory + "/ack", "/", Map.of("by", "山田太郎")).statusCode()).isEqualTo(303);
      assertThat(get("/").bodyAsString()).contains("確認を受け付けました");

      consoleVertx = Vertx.vertx();
      ConsoleServer second = console(consoleVertx, data, port, Optional.empty());
      var s2 = second.services();
      long deadline = System.currentTimeMillis() + 90_000;
      long tickets = 0;
      while (System.currentTimeMillis() < deadline && (tickets == 0 || count(s2, "SELECT COUNT(*) FROM advisory_acks WHERE sme_id = ?", sme) == 0)) {
        Thread.sleep(500);
        tickets = count(s2, "SELECT COUNT(*) FROM tickets WHERE sme_id = ? AND source = 'local'", sme);
      }
      assertThat(tickets).as("the kept consultation reached the desk").isEqualTo(1);
      String subject = s2.db().read(c -> Jdbc.one(c, "SELECT subject || '/' || contact_name || '/' || channel FROM tickets WHERE sme_id = ? "
          + "AND source = 'local'", rs -> rs.getString(1), sme).orElseThrow()).await(10, TimeUnit.SECONDS);
      assertThat(subject).isEqualTo("画面に脅迫文が出ました/山田太郎/box_page");
      assertThat(s2.db().read(c -> Jdbc.one(c, "SELECT acked_by_name || '/' || via FROM advisory_acks WHERE advisory_id = ?", rs -> rs.getString(1),
          advisory).orElseThrow()).await(10, TimeUnit.SECONDS)).isEqualTo("山田太郎/box");
      assertThat(get("/consult").bodyAsString()).contains("送信済み（受付番号");

      // an answer lost on the way: the box resends the same request and the desk still has one ticket
      String requestId = box.running().orElseThrow().db().read(c -> Jdbc.one(c, "SELECT id FROM local_requests WHERE kind = 'consultation'",
          rs -> rs.getString(1)).orElseThrow()).await(10, TimeUnit.SECONDS);
      String credential = AgentConfig.load(config).require(AgentConfig.BOX_CREDENTIAL);
      var again = WebClient.create(consoleVertx).postAbs(second.url() + "api/v1/box/consultations").putHeader("Authorization", "Bearer " + credential)
          .sendJsonObject(new JsonObject().put("requestId", requestId).put("body", "同じ相談")).await(30, TimeUnit.SECONDS);
      assertThat(again.statusCode()).isEqualTo(201);
      assertThat(again.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
      assertThat(count(s2, "SELECT COUNT(*) FROM tickets WHERE sme_id = ? AND source = 'local'", sme)).isEqualTo(1);
    } finally {
      consoleVertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  static long user(jp.mamori.console.Services s, String email, Role role, long chamber) throws Exception {
    String hash = s.users().hash(ConsoleHarness.PASSWORD);
    return s.db().write(c -> s.users().create(c, new jp.mamori.console.auth.Users.NewUser(email, email.substring(0, email.indexOf('@')),
        ConsoleHarness.PASSWORD, role, Set.of(chamber), null), hash)).await(10, TimeUnit.SECONDS);
  }

  static long count(jp.mamori.console.Services s, String sql, Object... params) throws Exception {
    return s.db().read(c -> Jdbc.count(c, sql, params)).await(10, TimeUnit.SECONDS);
  }
}
