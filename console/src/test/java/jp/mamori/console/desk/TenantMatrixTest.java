package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.web.OpenApi;
import org.junit.jupiter.api.Test;

/**
 * Every API operation in the OpenAPI document and every page the router serves, tried by every role against
 * objects that are not theirs: another chamber's (all roles), another company of the same chamber (owner and
 * staff), a ticket not referred to them (partner). Objects answer 404, role-forbidden actions 403, box calls
 * without a box credential 401; lists must not mention the foreign objects. Operations and pages added later
 * by anyone are picked up automatically and fail loudly until they get a fixture below.
 */
class TenantMatrixTest extends DeskTestBase {
  /** What a collection call (no object in its path) may answer; SELF and PUBLIC are not tenant-scoped. */
  enum Mode { NO_LEAK, REFUSED, SELF, PUBLIC, BOX }

  record Call(Mode mode, String query, JsonObject body) {}

  /** Operations without a path parameter: how to aim them at the foreign tenant. Keys "METHOD /path" as in the OpenAPI document. */
  private Map<String, Call> collections(World w) {
    Map<String, Call> m = new LinkedHashMap<>();
    m.put("GET /health", new Call(Mode.PUBLIC, "", null));
    m.put("GET /openapi.json", new Call(Mode.PUBLIC, "", null));
    m.put("POST /auth/login", new Call(Mode.PUBLIC, "", null));
    m.put("POST /auth/totp", new Call(Mode.PUBLIC, "", null));
    m.put("POST /auth/totp/enrolment", new Call(Mode.PUBLIC, "", null));
    m.put("POST /auth/totp/enrolment/confirm", new Call(Mode.PUBLIC, "", null));
    m.put("POST /enroll", new Call(Mode.PUBLIC, "", null));
    m.put("POST /heartbeat", new Call(Mode.BOX, "", new JsonObject()));
    m.put("POST /findings", new Call(Mode.BOX, "", new JsonObject()));
    m.put("POST /box/consultations", new Call(Mode.BOX, "", new JsonObject().put("body", "x")));
    m.put("GET /box/advisories", new Call(Mode.BOX, "", null));
    m.put("GET /box/rules", new Call(Mode.BOX, "", null));
    m.put("GET /box/status", new Call(Mode.BOX, "", null));
    m.put("GET /box/agent-package", new Call(Mode.BOX, "", null));
    m.put("GET /agent-packages", new Call(Mode.NO_LEAK, "", null));
    m.put("POST /agent-packages", new Call(Mode.REFUSED, "", new JsonObject()));
    m.put("GET /self-check/items", new Call(Mode.SELF, "", null));
    m.put("POST /auth/logout", new Call(Mode.SELF, "", null));
    m.put("GET /me", new Call(Mode.SELF, "", null));
    m.put("GET /me/totp", new Call(Mode.SELF, "", null));
    m.put("POST /me/totp", new Call(Mode.SELF, "", null));
    m.put("POST /me/totp/confirm", new Call(Mode.SELF, "", null));
    m.put("POST /me/recovery-codes", new Call(Mode.SELF, "", null));
    m.put("GET /holidays", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /boxes", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /alerts", new Call(Mode.NO_LEAK, "?smeId=" + w.sme, null));
    m.put("GET /chambers", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /smes", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /tickets", new Call(Mode.NO_LEAK, "?status=all&smeId=" + w.sme, null));
    m.put("GET /queues", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /audit", new Call(Mode.NO_LEAK, "?chamberId=" + w.chamber, null));
    m.put("GET /kb", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /canned-answers", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /partners", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /referrals", new Call(Mode.NO_LEAK, "", null));
    m.put("GET /sla/compliance", new Call(Mode.REFUSED, "?chamberId=" + w.chamber, null));
    m.put("POST /chambers", new Call(Mode.REFUSED, "", new JsonObject().put("slug", "intruder").put("name", "x")));
    m.put("POST /smes", new Call(Mode.REFUSED, "", new JsonObject().put("chamberId", w.chamber).put("name", "x")));
    m.put("POST /users", new Call(Mode.REFUSED, "", new JsonObject().put("email", "x@example.jp").put("password", ConsoleHarness.PASSWORD)
        .put("role", "advisor").put("chamberIds", new JsonArray().add(w.chamber))));
    m.put("POST /tickets", new Call(Mode.REFUSED, "", new JsonObject().put("smeId", w.sme).put("channel", "phone").put("body", "x")));
    m.put("POST /queues", new Call(Mode.REFUSED, "", new JsonObject().put("chamberId", w.chamber).put("name", "x")));
    m.put("POST /kb", new Call(Mode.REFUSED, "", new JsonObject().put("chamberId", w.chamber).put("title", new JsonObject().put("ja", "x"))
        .put("body", new JsonObject().put("ja", "x"))));
    m.put("POST /canned-answers", new Call(Mode.REFUSED, "", new JsonObject().put("chamberId", w.chamber).put("title", "x").put("body", "x")));
    m.put("POST /partners", new Call(Mode.REFUSED, "", new JsonObject().put("name", "x")));
    return m;
  }

  /** Path parameters: the foreign object of each collection (the segment before the parameter). */
  private Map<String, Object> ids(World w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tickets", w.ticket);
    m.put("boxes", w.box);
    m.put("alerts", w.alert);
    m.put("smes", w.sme);
    m.put("chambers", w.chamber);
    m.put("attachments", w.attachment);
    m.put("kb", kbB);
    m.put("canned-answers", cannedB);
    m.put("partners", partnerB);
    m.put("referrals", referralB);
    m.put("users", f.advisorB);
    m.put("iocs", iocB);
    m.put("webhooks", webhookB);
    m.put("advisories", advisoryB);
    m.put("self-check", selfCheckB);
    m.put("reports", "2026-11");
    m.put("agent-packages", AGENT_VERSION_B);
    m.put("agent-package", AGENT_VERSION_B);
    m.put(":action", "accept");
    return m;
  }

  /** Request bodies that would succeed on one's own object, so a refusal cannot come from validation. */
  private Map<String, JsonObject> bodies() {
    Map<String, JsonObject> m = new LinkedHashMap<>();
    m.put("PATCH /tickets/{id}", new JsonObject().put("status", "resolved"));
    m.put("POST /tickets/{id}/messages", new JsonObject().put("body", "覗き見"));
    m.put("POST /tickets/{id}/merge", new JsonObject().put("into", ticketA));
    m.put("POST /tickets/{id}/referrals", new JsonObject().put("partnerId", f.partnerId).put("onSite", false));
    m.put("PUT /tickets/{id}/incident-report", new JsonObject().put("intrusionRoute", "x"));
    m.put("PUT /chambers/{id}/calendar", new JsonObject().put("hours", new JsonObject().put("mon", new JsonArray().add("09:00-17:00"))));
    m.put("PUT /chambers/{id}/sla-policy", new JsonObject().put("medium", new JsonObject().put("firstResponseMinutes", 60)));
    m.put("PUT /kb/{id}", new JsonObject().put("title", new JsonObject().put("ja", "x")));
    m.put("PUT /canned-answers/{id}", new JsonObject().put("title", "x"));
    m.put("POST /partners/{id}/chambers", new JsonObject().put("chamberId", f.chamberA));
    m.put("POST /partners/{id}/users", new JsonObject().put("email", "p2@example.jp").put("password", ConsoleHarness.PASSWORD));
    m.put("POST /referrals/{id}/decline", new JsonObject().put("reason", "x"));
    m.put("POST /referrals/{id}/complete", new JsonObject().put("report", "x"));
    m.put("POST /smes/{id}/enrollment-tokens", new JsonObject());
    return m;
  }

  /** Pages (non-API routes) that are not about tenant objects: public, or only about the signed-in person. */
  static final Set<String> PAGES_NOT_SCOPED = Set.of("/login", "/logout", "/login/totp", "/login/totp-enrol", "/metrics", "/",
      "/account/security/start", "/account/security/confirm", "/account/security/recovery-codes", "/static/app.css", "/static/desk.css",
      "/static/desk.js", "/static/portal.css", "/static/portal.js");

  /** Pages whose path parameter is not a tenant object (a month): the company is the caller's own, or named by ?smeId=. */
  static final Set<String> PAGES_OWN_COMPANY = Set.of("/portal/reports/:month");

  /** One set of objects that are not the tested person's, and the words that must never show up for them. */
  record World(String name, long chamber, long sme, long ticket, String box, long alert, long attachment, List<String> markers) {}

  long ticketA;
  long kbB;
  long cannedB;
  long partnerB;
  long referralB;
  long advisoryB;
  long iocB;
  long webhookB;
  long selfCheckB;
  /** An agent package released to chamber B only (a staged rollout): chamber A's box must not fetch it. */
  static final String AGENT_VERSION_B = "0.9.0";
  World otherChamber;
  World otherCompany;
  World notReferred;

  void seed() throws Exception {
    ticketA = f.escalate("web.injected-script", "a1");
    ApiClient advisorA = f.login("advisor-a@example.jp");
    assertThat(advisorA.post("/api/v1/tickets/" + ticketA + "/referrals", new JsonObject().put("partnerId", f.partnerId).put("onSite", false))
        .statusCode()).isEqualTo(201);
    // chamber B: its company's ticket from its box, an attachment, its own article, canned answer, queue, partner and referral
    Finding fb = Finding.builder("web.hidden-iframe").severity(Severity.HIGH).target("https://secret.example.jp/").title("京都の秘密の検出",
        "Kyoto secret finding").advice("x", "x").identity("k", "b").evidence("src", "https://kyoto-secret.example/").observedAt(clock).build();
    long ticketB = f.escalate(fb, f.smeB, f.chamberB, f.boxB);
    long alertB = f.console.read(c -> Jdbc.one(c, "SELECT alert_id FROM tickets WHERE id = ?", rs -> rs.getLong(1), ticketB).orElseThrow());
    ApiClient adminB = f.login("admin-b@example.jp");
    long attachmentB = AttachmentsTest.upload(f, "advisor-b@example.jp", ticketB, "京都秘密.txt", "京都の秘密".getBytes(), false).bodyAsJsonObject()
        .getLong("id");
    kbB = adminB.post("/api/v1/kb", new JsonObject().put("chamberId", f.chamberB).put("title", new JsonObject().put("ja", "京都の秘密の解説"))
        .put("body", new JsonObject().put("ja", "本文"))).bodyAsJsonObject().getLong("id");
    cannedB = adminB.post("/api/v1/canned-answers", new JsonObject().put("chamberId", f.chamberB).put("title", "京都の秘密の定型文").put("body", "x"))
        .bodyAsJsonObject().getLong("id");
    adminB.post("/api/v1/queues", new JsonObject().put("chamberId", f.chamberB).put("name", "京都秘密窓口"));
    ApiClient operator = f.login("operator@example.jp");
    partnerB = operator.post("/api/v1/partners", new JsonObject().put("name", "京都秘密サポート").put("chamberIds", new JsonArray().add(f.chamberB)))
        .bodyAsJsonObject().getLong("id");
    assertThat(operator.send(HttpMethod.POST, "/api/v1/agent-packages", Buffer.buffer(java.nio.file.Files.readAllBytes(
        jp.mamori.console.agentpackages.TestDebs.build(f.console.dataDir, "mamori-agent", AGENT_VERSION_B, "all", "gzip"))),
        "application/vnd.debian.binary-package").statusCode()).isEqualTo(201);
    assertThat(operator.post("/api/v1/agent-packages/" + AGENT_VERSION_B + "/release", new JsonObject().put("chamberId", f.chamberB))
        .statusCode()).isEqualTo(200);
    referralB = adminB.post("/api/v1/tickets/" + ticketB + "/referrals", new JsonObject().put("partnerId", partnerB).put("onSite", false))
        .bodyAsJsonObject().getLong("id");
    advisoryB = adminB.post("/api/v1/chambers/" + f.chamberB + "/advisories", new JsonObject().put("severity", "urgent")
        .put("title", "京都の秘密の注意喚起").put("body", "京都の秘密")).bodyAsJsonObject().getLong("id");
    iocB = adminB.post("/api/v1/chambers/" + f.chamberB + "/iocs", new JsonObject().put("kind", "domain").put("value", "kyoto-secret.example"))
        .bodyAsJsonObject().getLong("id");
    // created after the advisory and subscribed to advisories only: nothing is ever delivered to it
    webhookB = adminB.post("/api/v1/chambers/" + f.chamberB + "/webhooks", new JsonObject().put("url", "http://127.0.0.1:9/kyoto-secret-hook")
        .put("events", new JsonArray().add("advisory.published"))).bodyAsJsonObject().getLong("id");
    selfCheckB = f.login("owner-b@example.jp").post("/api/v1/smes/" + f.smeB + "/self-checks", new JsonObject()
        .put("answers", new JsonArray(java.util.Collections.nCopies(25, 4)))).bodyAsJsonObject().getLong("id");
    otherChamber = new World("chamber B", f.chamberB, f.smeB, ticketB, f.boxB, alertB, attachmentB,
        List.of(DeskFixture.SECRET_B, "京都の秘密", "京都秘密", "kyoto-secret", "-b@example.jp"));

    // the same chamber's other company, which owners, staff and the partner must not see
    String creds = f.console.enrollmentToken(f.smeA2, f.adminA);
    var enrolled = f.asBox("", "POST", "/api/v1/enroll", new JsonObject().put("token", creds)).bodyAsJsonObject();
    String boxA2 = enrolled.getString("boxId");
    Finding fa2 = Finding.builder("lan.smb-guest-share").severity(Severity.HIGH).target("192.0.2.20:445").title("もみじの共有フォルダ",
        "Momiji share").advice("x", "x").identity("share", "momiji").evidence("share", "momiji-ledger").observedAt(clock).build();
    long ticketA2 = f.escalate(fa2, f.smeA2, f.chamberA, boxA2);
    long alertA2 = f.console.read(c -> Jdbc.one(c, "SELECT alert_id FROM tickets WHERE id = ?", rs -> rs.getLong(1), ticketA2).orElseThrow());
    long attachmentA2 = AttachmentsTest.upload(f, "advisor-a@example.jp", ticketA2, "もみじ台帳.txt", "もみじ".getBytes(), false).bodyAsJsonObject()
        .getLong("id");
    otherCompany = new World("company もみじ商店 of chamber A", f.chamberB, f.smeA2, ticketA2, boxA2, alertA2, attachmentA2,
        List.of("もみじ", "momiji", DeskFixture.SECRET_B, "京都の秘密"));
    notReferred = new World("chamber A, not referred", f.chamberA, f.smeA2, ticketA2, boxA2, alertA2, attachmentA2,
        List.of("もみじ", "momiji", DeskFixture.SECRET_B, "京都の秘密"));
  }

  /** Each role (null: signed out) and the objects that are not theirs. The operator sees every tenant by design. */
  Map<String, List<World>> roles() {
    Map<String, List<World>> roles = new LinkedHashMap<>();
    roles.put("admin-a@example.jp", List.of(otherChamber));
    roles.put("advisor-a@example.jp", List.of(otherChamber));
    roles.put("owner-a@example.jp", List.of(otherChamber, otherCompany));
    roles.put("staff-a@example.jp", List.of(otherChamber, otherCompany));
    roles.put("partner@example.jp", List.of(otherChamber, notReferred));
    roles.put(null, List.of(otherChamber));
    return roles;
  }

  /** A signed-in person's HTTP: cookies, CSRF header, no redirect following. */
  final class Person {
    final String email;
    final WebClientSession http;
    String csrf;

    Person(String email) throws Exception {
      this.email = email;
      this.http = WebClientSession.create(WebClient.create(f.console.vertx, new WebClientOptions().setFollowRedirects(false)));
      if (email != null) {
        var r = http.postAbs(f.console.url() + "api/v1/auth/login").sendJsonObject(new JsonObject().put("email", email)
            .put("password", ConsoleHarness.PASSWORD)).await(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as("login " + email).isEqualTo(200);
        csrf = r.bodyAsJsonObject().getString("csrfToken");
      }
    }

    HttpResponse<Buffer> send(String method, String path, JsonObject json, boolean form) throws Exception {
      HttpRequest<Buffer> req = http.requestAbs(HttpMethod.valueOf(method), f.console.url() + path.substring(1));
      if (csrf != null) {
        req.putHeader("X-CSRF-Token", csrf);
      }
      if (form) {
        return req.sendForm(MultiMap.caseInsensitiveMultiMap().add("body", "x")).await(10, TimeUnit.SECONDS);
      }
      return (json == null ? req.send() : req.sendJsonObject(json)).await(10, TimeUnit.SECONDS);
    }
  }

  record Op(String method, String path, boolean box) {}

  static List<Op> operations() {
    List<Op> ops = new ArrayList<>();
    JsonObject paths = OpenApi.load().getJsonObject("paths");
    for (String path : new TreeSet<>(paths.fieldNames())) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonArray security = item.getJsonObject(method).getJsonArray("security", new JsonArray());
        boolean box = security.stream().anyMatch(s -> ((JsonObject) s).containsKey("boxCredential"));
        ops.add(new Op(method.toUpperCase(Locale.ROOT), path, box));
      }
    }
    return ops;
  }

  /** Replaces each {param} or :param by the foreign object of the collection named before it; fails loudly without a fixture. */
  static String concrete(String path, Map<String, Object> ids, java.util.Collection<String> missing, String opName) {
    String[] parts = path.split("/");
    for (int i = 1; i < parts.length; i++) {
      boolean param = parts[i].startsWith("{") || parts[i].startsWith(":");
      if (!param) {
        continue;
      }
      Object id = ids.containsKey(parts[i]) ? ids.get(parts[i]) : ids.get(parts[i - 1]);
      if (id == null) {
        missing.add(opName + " (no fixture for the objects of \"" + parts[i - 1] + "\"; add one to TenantMatrixTest.ids)");
        return null;
      }
      parts[i] = String.valueOf(id);
    }
    return String.join("/", parts);
  }

  static void noLeak(String what, HttpResponse<Buffer> r, World w) {
    String body = r.bodyAsString() == null ? "" : r.bodyAsString();
    for (String marker : w.markers()) {
      assertThat(body).as(what + " must not mention " + marker + " (" + w.name() + ")").doesNotContain(marker);
    }
  }

  @Test
  void everyApiOperationRefusesEveryRoleOnObjectsThatAreNotTheirs() throws Exception {
    seed();
    Map<String, List<World>> roles = roles();
    Set<String> missing = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Map.Entry<String, List<World>> role : roles.entrySet()) {
      Person who = new Person(role.getKey());
      for (World w : role.getValue()) {
        Map<String, Call> collections = collections(w);
        Map<String, Object> ids = ids(w);
        Map<String, JsonObject> bodies = bodies();
        for (Op op : operations()) {
          String name = op.method() + " " + op.path();
          String label = (role.getKey() == null ? "anonymous" : role.getKey()) + " → " + name + " [" + w.name() + "]";
          boolean hasParam = op.path().contains("{");
          Call call = collections.get(name);
          if (!hasParam && call == null) {
            missing.add(name + " (no collection fixture; add it to TenantMatrixTest.collections)");
            continue;
          }
          if (!hasParam && (call.mode() == Mode.PUBLIC || call.mode() == Mode.SELF)) {
            continue;
          }
          String path = hasParam ? concrete(op.path(), ids, missing, name) : op.path() + call.query();
          if (path == null) {
            continue;
          }
          JsonObject body = hasParam ? bodies.getOrDefault(name, op.method().equals("GET") || op.method().equals("DELETE") ? null : new JsonObject())
              : call.body();
          HttpResponse<Buffer> r = who.send(op.method(), "/api/v1" + path, body, false);
          calls++;
          int st = r.statusCode();
          try {
            if (op.box()) {
              assertThat(st).as(label + ": a box call without a box credential").isEqualTo(401);
            } else if (role.getKey() == null) {
              assertThat(st).as(label + ": signed out").isEqualTo(401);
            } else if (hasParam || call.mode() == Mode.REFUSED) {
              assertThat(st).as(label + " answered " + r.bodyAsString()).isIn(403, 404);
            } else {
              assertThat(st).as(label + " answered " + r.bodyAsString()).isIn(200, 403);
            }
            noLeak(label, r, w);
          } catch (AssertionError e) {
            failures.add(e.getMessage());
          }
        }
      }
    }
    // a box's own calls carry no object of another tenant unless their path names one: aimed at chamber B's, box A gets 404
    for (Op op : operations()) {
      if (!op.box() || !op.path().contains("{")) {
        continue;
      }
      String path = concrete(op.path(), ids(otherChamber), new ArrayList<>(missing), op.method() + " " + op.path());
      if (path == null) {
        missing.add(op.method() + " " + op.path() + " (box call; add its objects to TenantMatrixTest.ids)");
        continue;
      }
      HttpResponse<Buffer> r = f.asBox(f.credentialA, op.method(), "/api/v1" + path, bodies().getOrDefault(op.method() + " " + op.path(), new JsonObject()));
      if (r.statusCode() != 404) {
        failures.add("box A → " + op.method() + " " + path + " answered " + r.statusCode() + " " + r.bodyAsString());
      }
      noLeak("box A → " + path, r, otherChamber);
    }
    // the box's own page data: its company's lights and alerts only, never another company's (same chamber or not)
    HttpResponse<Buffer> status = f.asBox(f.credentialA, "GET", "/api/v1/box/status", null);
    assertThat(status.statusCode()).as(status.bodyAsString()).isEqualTo(200);
    assertThat(status.bodyAsJsonObject().getJsonObject("website").getString("light")).as("its own injected-script alert").isEqualTo("red");
    noLeak("box A → /box/status", status, otherChamber);
    noLeak("box A → /box/status", status, otherCompany);
    assertThat(missing).as("operations without a tenant fixture").isEmpty();
    assertThat(failures).as("tenant refusals (" + calls + " calls)").isEmpty();
    assertThat(calls).isGreaterThan(300);
    // and the legitimate use still works: the refusals above are not blanket failures
    assertThat(new Person("partner@example.jp").send("GET", "/api/v1/tickets/" + ticketA, null, false).statusCode()).isEqualTo(200);
    assertThat(new Person("owner-a@example.jp").send("GET", "/api/v1/tickets/" + ticketA, null, false).statusCode()).isEqualTo(200);
  }

  @Test
  void everyPageRefusesEveryRoleOnObjectsThatAreNotTheirs() throws Exception {
    seed();
    Map<String, List<World>> roles = roles();
    Set<String> pages = new TreeSet<>();
    for (Route route : f.console.server.routes()) {
      String path = route.getPath();
      if (path == null || path.startsWith("/api/") || route.methods() == null || PAGES_NOT_SCOPED.contains(path)) {
        continue;
      }
      for (HttpMethod m : route.methods()) {
        pages.add(m.name() + " " + path);
      }
    }
    assertThat(pages).contains("GET /tickets/:id", "POST /tickets/:id/messages", "GET /tickets/:id/evidence", "GET /kb/:id");
    Set<String> missing = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, List<World>> role : roles.entrySet()) {
      Person who = new Person(role.getKey());
      for (World w : role.getValue()) {
        for (String page : pages) {
          String method = page.substring(0, page.indexOf(' '));
          String pattern = page.substring(page.indexOf(' ') + 1);
          boolean hasParam = pattern.contains(":");
          if (!hasParam && method.equals("POST")) {
            // forms without an object in their path act on the caller's own data (a new consultation); the API matrix covers them
            continue;
          }
          boolean own = PAGES_OWN_COMPANY.contains(pattern);
          String path = hasParam ? concrete(pattern, ids(w), missing, page) : pattern;
          if (path == null) {
            continue;
          }
          if (own) {
            path += "?smeId=" + w.sme();
          }
          HttpResponse<Buffer> r = who.send(method, path, null, method.equals("POST"));
          String label = (role.getKey() == null ? "anonymous" : role.getKey()) + " → " + method + " " + path + " [" + w.name() + "]";
          try {
            if (role.getKey() == null) {
              assertThat(r.statusCode()).as(label + ": signed out goes to the login page").isEqualTo(302);
              assertThat(r.getHeader("Location")).as(label).startsWith("/login");
            } else if (own) {
              assertThat(r.statusCode()).as(label + " answered " + r.bodyAsString()).isIn(200, 400, 403, 404);
            } else if (hasParam || method.equals("POST")) {
              assertThat(r.statusCode()).as(label + " answered " + r.bodyAsString()).isIn(400, 403, 404);
            } else {
              assertThat(r.statusCode()).as(label).isIn(200, 403);
            }
            noLeak(label, r, w);
          } catch (AssertionError e) {
            failures.add(e.getMessage());
          }
        }
      }
    }
    assertThat(missing).as("pages without a tenant fixture").isEmpty();
    assertThat(failures).as("page refusals").isEmpty();
  }
}
