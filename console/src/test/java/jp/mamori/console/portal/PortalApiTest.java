package jp.mamori.console.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.checks.finding.Severity;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portal through the REST API, as owner, staff, advisors of two chambers and a box. */
class PortalApiTest {
  @TempDir Path tmp;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
  ConsoleHarness console;
  long chamberA;
  long chamberB;
  long smeA;
  long smeA2;
  long smeB;
  ApiClient owner;
  ApiClient advisorA;
  ApiClient advisorB;
  ApiClient ownerB;
  BoxApi box;

  @BeforeEach
  void start() throws Exception {
    console = new ConsoleHarness(tmp, clock);
    chamberA = console.chamber("osaka-test", "大阪テスト商工会議所");
    chamberB = console.chamber("kyoto-test", "京都テスト商工会議所");
    smeA = console.sme(chamberA, "さくら製作所", "https://sakura.example.jp/");
    smeA2 = console.sme(chamberA, "ひまわり工業", null);
    smeB = console.sme(chamberB, "もみじ商店", null);
    long adv = console.user("advisor-a@example.jp", Role.ADVISOR, Set.of(chamberA), null);
    console.user("advisor-b@example.jp", Role.ADVISOR, Set.of(chamberB), null);
    console.user("owner@sakura.example.jp", Role.OWNER, Set.of(), smeA);
    console.user("staff@sakura.example.jp", Role.STAFF, Set.of(), smeA);
    console.user("owner@momiji.example.jp", Role.OWNER, Set.of(), smeB);
    owner = new ApiClient(console.vertx, console.url()).login("owner@sakura.example.jp", ConsoleHarness.PASSWORD);
    advisorA = new ApiClient(console.vertx, console.url()).login("advisor-a@example.jp", ConsoleHarness.PASSWORD);
    advisorB = new ApiClient(console.vertx, console.url()).login("advisor-b@example.jp", ConsoleHarness.PASSWORD);
    ownerB = new ApiClient(console.vertx, console.url()).login("owner@momiji.example.jp", ConsoleHarness.PASSWORD);
    box = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(smeA, adv));
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
  }

  Finding finding(String check, Integer point, Severity sev, String target) {
    return Finding.builder(check).point(point).severity(sev).target(target).title("問題 " + check, "Problem " + check)
        .advice("管理画面のパスワードを変えてください", "Change the admin password").identity("k", check).observedAt(clock).build();
  }

  void deliver(List<Finding> findings, List<String> checks, List<String> targets) throws Exception {
    JsonArray f = new JsonArray();
    findings.forEach(x -> f.add(x.toJson()));
    JsonArray runs = new JsonArray();
    if (!checks.isEmpty()) {
      Instant t = clock.instant();
      runs.add(new RunReport(UUID.randomUUID(), checks, targets, t.minusSeconds(30), t,
          Set.copyOf(findings.stream().map(Finding::fingerprint).toList())).toJson());
    }
    assertThat(box.post("/api/v1/findings", new JsonObject().put("findings", f).put("runs", runs)).statusCode()).isEqualTo(200);
  }

  /** G green, A amber, R red, - grey, for points 1 to 5. */
  static String lights(JsonObject card) {
    StringBuilder b = new StringBuilder();
    for (Object o : card.getJsonArray("points")) {
      String l = ((JsonObject) o).getString("light");
      b.append(switch (l) {
        case "green" -> 'G';
        case "amber" -> 'A';
        case "red" -> 'R';
        default -> '-';
      });
    }
    return b.toString();
  }

  @Test
  void scorecardFollowsTheRules() throws Exception {
    JsonObject fresh = owner.get("/api/v1/smes/" + smeA + "/scorecard").bodyAsJsonObject();
    assertThat(lights(fresh)).as("nothing checked yet; point 5 green while no advisory waits").isEqualTo("----G");
    assertThat(fresh.getJsonArray("points").getJsonObject(0).getString("reason")).isEqualTo("unchecked");
    assertThat(fresh.getJsonArray("points").getJsonObject(1).getString("reason")).isEqualTo("not_observable");
    assertThat(fresh.getInteger("score")).isEqualTo(20);

    deliver(List.of(finding("lan.default-login", 3, Severity.HIGH, "192.168.1.10:80")), List.of("lan."), List.of("192.168.1.10"));
    JsonObject card = owner.get("/api/v1/smes/" + smeA + "/scorecard").bodyAsJsonObject();
    assertThat(lights(card)).isEqualTo("G-RGG");
    assertThat(card.getJsonArray("points").getJsonObject(2).getJsonArray("alerts").getJsonObject(0).getString("check")).isEqualTo("lan.default-login");
    assertThat(card.getInteger("score")).isEqualTo(60);

    assertThat(advisorA.post("/api/v1/chambers/" + chamberA + "/advisories", new JsonObject().put("severity", "warning")
        .put("title", new JsonObject().put("ja", "偽の請求書メールに注意").put("en", "Beware of fake invoices"))
        .put("body", new JsonObject().put("ja", "取引先を装ったメールが届いています。").put("en", "Mails pretending to be partners are going round."))).statusCode())
        .isEqualTo(201);
    card = owner.get("/api/v1/smes/" + smeA + "/scorecard").bodyAsJsonObject();
    assertThat(lights(card)).as("unacknowledged advisory").isEqualTo("G-RGA");
    long advisoryId = owner.get("/api/v1/smes/" + smeA + "/advisories").bodyAsJsonArray().getJsonObject(0).getLong("id");
    clock.advance(Duration.ofDays(15));
    owner = new ApiClient(console.vertx, console.url()).login("owner@sakura.example.jp", ConsoleHarness.PASSWORD);
    assertThat(lights(owner.get("/api/v1/smes/" + smeA + "/scorecard").bodyAsJsonObject())).as("overdue advisory; LAN check too old")
        .isEqualTo("--R-R");
    assertThat(owner.post("/api/v1/smes/" + smeA + "/advisories/" + advisoryId + "/ack", null).statusCode()).isEqualTo(204);

    deliver(List.of(finding("lan.smbv1", 1, Severity.MEDIUM, "192.168.1.20:445"), finding("pc.selfcheck", 2, Severity.INFO, "pc-01")),
        List.of("lan."), List.of("192.168.1.20"));
    card = owner.get("/api/v1/smes/" + smeA + "/scorecard").bodyAsJsonObject();
    assertThat(lights(card)).as("medium alert on 1, PC attestation on 2, advisory acknowledged").isEqualTo("AGRGG");
    assertThat(card.getInteger("score")).isEqualTo(10 + 20 + 0 + 20 + 20);

    clock.advance(Duration.ofDays(8));
    owner = new ApiClient(console.vertx, console.url()).login("owner@sakura.example.jp", ConsoleHarness.PASSWORD);
    card = owner.get("/api/v1/smes/" + smeA + "/scorecard").bodyAsJsonObject();
    assertThat(lights(card)).as("LAN not checked for 8 days: point 4 unknown again").isEqualTo("AGR-G");
    assertThat(card.getJsonArray("points").getJsonObject(3).getString("reason")).isEqualTo("unchecked");

    JsonObject overview = owner.get("/api/v1/smes/" + smeA + "/portal").bodyAsJsonObject();
    assertThat(overview.getJsonArray("boxes")).hasSize(1);
    assertThat(overview.getJsonArray("lastChecks")).hasSize(2);
    assertThat(overview.getJsonObject("patrol").getString("website")).isEqualTo("https://sakura.example.jp/");
    assertThat(overview.getInteger("industryAverage")).as("no industry, no peer average").isNull();
  }

  @Test
  void consultationsAdvisoriesAndAcknowledgementsStayInTheirTenant() throws Exception {
    var r = owner.post("/api/v1/smes/" + smeA + "/consultations", new JsonObject().put("subject", "不審なメール").put("body", "添付を開いてしまいました。"));
    assertThat(r.statusCode()).isEqualTo(201);
    long ticketId = r.bodyAsJsonObject().getLong("ticketId");
    JsonObject ticket = advisorA.get("/api/v1/tickets/" + ticketId).bodyAsJsonObject();
    assertThat(ticket.getString("source")).isEqualTo("portal");
    assertThat(ticket.getJsonArray("messages").getJsonObject(0).getString("kind")).isEqualTo("consultation");
    assertThat(advisorB.get("/api/v1/tickets/" + ticketId).statusCode()).isEqualTo(404);
    advisorA.post("/api/v1/tickets/" + ticketId + "/messages", new JsonObject().put("kind", "note").put("body", "社内メモ: 先週も同様の相談あり"));
    advisorA.post("/api/v1/tickets/" + ticketId + "/messages", new JsonObject().put("kind", "reply").put("body", "パソコンをLANから外してください。"));
    JsonArray seenByOwner = owner.get("/api/v1/tickets/" + ticketId).bodyAsJsonObject().getJsonArray("messages");
    assertThat(seenByOwner.stream().map(o -> ((JsonObject) o).getString("kind")).toList()).as("replies visible, internal notes never")
        .containsExactly("consultation", "reply");
    assertThat(owner.get("/tickets/" + ticketId).bodyAsString()).contains("パソコンをLANから外してください").doesNotContain("社内メモ");
    assertThat(advisorB.get("/portal?smeId=" + smeA).statusCode()).isEqualTo(404);
    assertThat(owner.get("/portal?smeId=" + smeB).bodyAsString()).as("a portal user always sees their own company").contains("さくら製作所")
        .doesNotContain("もみじ商店");
    assertThat(owner.post("/api/v1/smes/" + smeA + "/consultations", new JsonObject().put("subject", "x").put("body", " ")).statusCode()).isEqualTo(400);
    assertThat(ownerB.post("/api/v1/smes/" + smeA + "/consultations", new JsonObject().put("subject", "s").put("body", "b")).statusCode()).isEqualTo(404);
    assertThat(advisorA.post("/api/v1/smes/" + smeA + "/consultations", new JsonObject().put("subject", "s").put("body", "b")).statusCode())
        .as("the desk enters phone cases through the desk, not the portal form").isEqualTo(403);

    var pub = advisorA.post("/api/v1/chambers/" + chamberA + "/advisories", new JsonObject().put("severity", "urgent")
        .put("title", "VPN機器の脆弱性").put("body", "VPN機器をお使いの会員企業は、すぐに更新してください。"));
    assertThat(pub.statusCode()).isEqualTo(201);
    long adv = pub.bodyAsJsonObject().getLong("id");
    assertThat(advisorB.post("/api/v1/chambers/" + chamberA + "/advisories", new JsonObject().put("title", "x").put("body", "y")).statusCode()).isEqualTo(404);
    assertThat(owner.post("/api/v1/chambers/" + chamberA + "/advisories", new JsonObject().put("title", "x").put("body", "y")).statusCode()).isEqualTo(404);
    assertThat(advisorA.post("/api/v1/chambers/" + chamberA + "/advisories", new JsonObject().put("title", "x")).statusCode()).isEqualTo(400);
    assertThat(ownerB.get("/api/v1/smes/" + smeB + "/advisories").bodyAsJsonArray()).as("chamber B's members do not get A's notices").isEmpty();
    assertThat(ownerB.post("/api/v1/smes/" + smeB + "/advisories/" + adv + "/ack", null).statusCode()).isEqualTo(404);
    assertThat(ownerB.post("/api/v1/smes/" + smeA + "/advisories/" + adv + "/ack", null).statusCode()).isEqualTo(404);

    JsonObject local = box.get("/api/v1/box/advisories").bodyAsJsonObject();
    assertThat(local.getJsonArray("advisories").getJsonObject(0).getBoolean("acknowledged")).isFalse();
    assertThat(box.post("/api/v1/box/advisories/" + adv + "/ack", new JsonObject().put("by", "事務の山田")).statusCode()).isEqualTo(204);
    assertThat(box.post("/api/v1/box/advisories/999/ack", new JsonObject()).statusCode()).isEqualTo(404);
    JsonObject seen = owner.get("/api/v1/smes/" + smeA + "/advisories").bodyAsJsonArray().getJsonObject(0);
    assertThat(seen.getBoolean("acknowledged")).isTrue();
    assertThat(seen.getString("acknowledgedBy")).isEqualTo("事務の山田");
    assertThat(owner.post("/api/v1/smes/" + smeA + "/advisories/" + adv + "/ack", null).statusCode()).as("second press keeps the first").isEqualTo(204);
    JsonArray acks = advisorA.get("/api/v1/chambers/" + chamberA + "/advisories/" + adv + "/acks").bodyAsJsonArray();
    assertThat(acks).hasSize(2);
    assertThat(acks.stream().map(o -> ((JsonObject) o).getString("via")).toList()).containsExactlyInAnyOrder("box", null);
    assertThat(advisorA.get("/api/v1/chambers/" + chamberA + "/advisories").bodyAsJsonArray().getJsonObject(0).getInteger("acknowledgedCompanies"))
        .isEqualTo(1);

    assertThat(advisorB.get("/api/v1/smes/" + smeA + "/portal").statusCode()).isEqualTo(404);
    assertThat(ownerB.get("/api/v1/smes/" + smeA + "/scorecard").statusCode()).isEqualTo(404);
    assertThat(ownerB.get("/api/v1/chambers/" + chamberA + "/dashboard").statusCode()).isEqualTo(404);
    assertThat(advisorB.get("/api/v1/chambers/" + chamberA + "/dashboard").statusCode()).isEqualTo(404);
    assertThat(advisorA.get("/api/v1/smes/" + smeA + "/portal").statusCode()).as("the chamber's desk may look").isEqualTo(200);
  }

  @Test
  void monthlyReportAsJsonPageAndPdfForTheCompanyOnly() throws Exception {
    console.write(c -> console.services().portal().reportScheduler.tick(c));
    JsonObject report = owner.get("/api/v1/smes/" + smeA + "/reports/2026-11").bodyAsJsonObject();
    assertThat(report.getString("month")).isEqualTo("2026-11");
    assertThat(report.getJsonArray("history")).hasSize(12);
    assertThat(report.getJsonArray("history").getJsonObject(11).getInteger("score")).as("today's snapshot").isEqualTo(20);
    var pdf = owner.get("/api/v1/smes/" + smeA + "/reports/2026-11/pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.getHeader("content-type")).isEqualTo("application/pdf");
    assertThat(pdf.bodyAsString().substring(0, 5)).isEqualTo("%PDF-");
    String page = owner.get("/portal/reports/2026-11").bodyAsString();
    assertThat(page).contains("2026年11月の月次レポート").contains("<table class=\"chart\"").contains("bar bar-score h4");
    assertThat(owner.get("/api/v1/smes/" + smeA + "/reports/2027-01").statusCode()).as("a month not yet begun").isEqualTo(400);
    assertThat(owner.get("/api/v1/smes/" + smeA + "/reports/November").statusCode()).isEqualTo(404);
    assertThat(ownerB.get("/api/v1/smes/" + smeA + "/reports/2026-11/pdf").statusCode()).isEqualTo(404);
    assertThat(advisorB.get("/api/v1/smes/" + smeA + "/reports/2026-11").statusCode()).isEqualTo(404);
  }

  @Test
  void selfCheckScoresAndBandsWithHistoryAndTheDeclarationAndPolicy() throws Exception {
    JsonArray allDone = new JsonArray(Collections.nCopies(25, 4));
    var r = owner.post("/api/v1/smes/" + smeA + "/self-checks", new JsonObject().put("answers", allDone));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getInteger("score")).isEqualTo(100);
    assertThat(r.bodyAsJsonObject().getString("band")).isEqualTo("entry");
    JsonArray mixed = new JsonArray(new java.util.ArrayList<>(Collections.nCopies(25, 4)));
    for (int i = 0; i < 5; i++) {
      mixed.set(i, -1);
    }
    mixed.set(5, 2);
    clock.advance(Duration.ofMinutes(1));
    r = owner.post("/api/v1/smes/" + smeA + "/self-checks", new JsonObject().put("answers", mixed));
    assertThat(r.bodyAsJsonObject().getInteger("score")).isEqualTo(19 * 4 + 2 - 5);
    assertThat(r.bodyAsJsonObject().getString("band")).isEqualTo("gaps");
    assertThat(owner.post("/api/v1/smes/" + smeA + "/self-checks", new JsonObject().put("answers", new JsonArray().add(4))).statusCode()).isEqualTo(400);
    JsonArray bad = new JsonArray(Collections.nCopies(25, 3));
    assertThat(owner.post("/api/v1/smes/" + smeA + "/self-checks", new JsonObject().put("answers", bad)).bodyAsJsonObject().getString("message"))
        .contains("answer 1 must be 4");
    assertThat(advisorA.post("/api/v1/smes/" + smeA + "/self-checks", new JsonObject().put("answers", allDone)).statusCode()).isEqualTo(403);
    JsonArray history = owner.get("/api/v1/smes/" + smeA + "/self-checks").bodyAsJsonArray();
    assertThat(history.stream().map(o -> ((JsonObject) o).getInteger("score")).toList()).containsExactly(73, 100);
    assertThat(owner.get("/api/v1/self-check/items").bodyAsJsonObject().getJsonArray("items")).hasSize(25);

    JsonObject sa = owner.get("/api/v1/smes/" + smeA + "/security-action").bodyAsJsonObject();
    assertThat(sa.getValue("declaration")).isNull();
    assertThat(sa.getJsonObject("prefill").getBoolean("2")).as("antivirus cannot be prefilled from the network").isFalse();
    JsonObject points = new JsonObject().put("1", true).put("2", true).put("3", true).put("4", true).put("5", true);
    var d = owner.call(HttpMethod.PUT, "/api/v1/smes/" + smeA + "/security-action/declaration", new JsonObject().put("points", points));
    assertThat(d.statusCode()).isEqualTo(200);
    assertThat(d.bodyAsJsonObject().getBoolean("complete")).isTrue();
    var p = owner.call(HttpMethod.PUT, "/api/v1/smes/" + smeA + "/security-action/policy",
        new JsonObject().put("fields", new JsonObject().put("companyName", "さくら製作所").put("purpose", "<b>情報を守ります</b>")));
    assertThat(p.statusCode()).isEqualTo(200);
    assertThat(owner.call(HttpMethod.PUT, "/api/v1/smes/" + smeA + "/security-action/policy",
        new JsonObject().put("fields", new JsonObject().put("nonsense", "x"))).statusCode()).isEqualTo(400);
    String print = owner.get("/portal/policy/print").bodyAsString();
    assertThat(print).contains("&lt;b&gt;情報を守ります&lt;/b&gt;").doesNotContain("<b>情報を守ります");
  }
}
