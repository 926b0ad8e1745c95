package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ApiClient;
import org.junit.jupiter.api.Test;

/** Where tickets come from, how they move, merging, assignment and queues, internal notes, the audit log. */
class TicketWorkflowTest extends DeskTestBase {



  @Test
  void consultationsFromTheBoxPageThePortalAndThePhone() throws Exception {
    long fromBox = f.consultFromBox("メールが送れない", "取引先にメールが届かないと言われました。");
    ApiClient advisor = f.login("advisor-a@example.jp");
    JsonObject t = advisor.get("/api/v1/tickets/" + fromBox).bodyAsJsonObject();
    assertThat(t.getString("source")).isEqualTo("local");
    assertThat(t.getString("channel")).isEqualTo("box_page");
    assertThat(t.getString("status")).isEqualTo("new");
    assertThat(t.getString("contactName")).isEqualTo("佐倉 一郎");
    assertThat(t.getJsonArray("messages").getJsonObject(0).getString("kind")).isEqualTo("consultation");
    assertThat(f.asBox(f.credentialA, "POST", "/api/v1/box/consultations", new JsonObject().put("subject", "x")).statusCode()).isEqualTo(400);
    assertThat(f.asBox("mbx1.nope.nope", "POST", "/api/v1/box/consultations", new JsonObject().put("body", "x")).statusCode()).isEqualTo(401);

    ApiClient owner = f.login("owner-a@example.jp");
    var portal = owner.post("/api/v1/tickets", new JsonObject().put("subject", "不審なメール").put("body", "添付ファイルを開いてしまいました。"));
    assertThat(portal.statusCode()).as(portal.bodyAsString()).isEqualTo(201);
    assertThat(portal.bodyAsJsonObject().getString("source")).isEqualTo("portal");
    assertThat(portal.bodyAsJsonObject().getLong("smeId")).isEqualTo(f.smeA);
    assertThat(owner.post("/api/v1/tickets", new JsonObject().put("smeId", f.smeB).put("body", "x")).statusCode()).isEqualTo(404);
    assertThat(owner.get("/api/v1/tickets").bodyAsJsonArray()).hasSize(2);

    var phone = advisor.post("/api/v1/tickets", new JsonObject().put("smeId", f.smeA2).put("channel", "phone").put("subject", "電話相談")
        .put("body", "社長から電話: パソコンが遅い").put("contactName", "紅葉 花子").put("contactPhone", "06-9999-0000"));
    assertThat(phone.statusCode()).as(phone.bodyAsString()).isEqualTo(201);
    JsonObject p = phone.bodyAsJsonObject();
    assertThat(p.getString("source")).isEqualTo("advisor");
    assertThat(p.getString("status")).isEqualTo("open");
    assertThat(p.getString("firstResponseAt")).isNotNull();
    assertThat(p.getLong("assigneeId")).isEqualTo(f.advisorA);
    assertThat(advisor.post("/api/v1/tickets", new JsonObject().put("smeId", f.smeB).put("channel", "phone").put("body", "x")).statusCode())
        .isEqualTo(404);
    assertThat(advisor.post("/api/v1/tickets", new JsonObject().put("smeId", f.smeA).put("channel", "fax").put("body", "x")).statusCode())
        .isEqualTo(400);
    assertThat(f.login("partner@example.jp").post("/api/v1/tickets", new JsonObject().put("smeId", f.smeA).put("body", "x")).statusCode())
        .isEqualTo(403);

    for (int i = 0; i < 18; i++) {
      f.consultFromBox("テスト" + i, "本文");
    }
    var capped = f.asBox(f.credentialA, "POST", "/api/v1/box/consultations", new JsonObject().put("body", "21件目"));
    assertThat(capped.statusCode()).as("20 consultations a day per company").isEqualTo(429);
    clock.advance(Duration.ofHours(25));
    assertThat(f.asBox(f.credentialA, "POST", "/api/v1/box/consultations", new JsonObject().put("body", "翌日")).statusCode()).isEqualTo(201);
  }

  @Test
  void statusWorkflowIsChecked() throws Exception {
    long id = f.consultFromBox("相談", "ルーターの設定について");
    ApiClient advisor = f.login("advisor-a@example.jp");
    ApiClient owner = f.login("owner-a@example.jp");
    assertThat(owner.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(403);
    var toClosed = advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "closed"));
    assertThat(toClosed.statusCode()).isEqualTo(409);
    assertThat(toClosed.bodyAsJsonObject().getString("message")).contains("new").contains("closed");
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "referred")).bodyAsJsonObject().getString("message"))
        .contains("/referrals");
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "bogus")).statusCode()).isEqualTo(400);
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("colour", "red")).statusCode()).isEqualTo(400);
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(200);
    assertThat(owner.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("body", "また起きました")).statusCode()).isEqualTo(201);
    assertThat(advisor.get("/api/v1/tickets/" + id).bodyAsJsonObject().getString("status")).as("reopened by the company").isEqualTo("open");
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(200);
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "closed")).statusCode()).isEqualTo(200);
    assertThat(owner.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("body", "まだです")).statusCode()).isEqualTo(409);
    JsonArray history = advisor.get("/api/v1/tickets/" + id).bodyAsJsonObject().getJsonArray("history");
    assertThat(history.stream().map(h -> ((JsonObject) h).getString("to")).toList()).containsExactly("new", "resolved", "open", "resolved", "closed");
  }

  @Test
  void aLateAnswerOnAResolvedTicketWhoseAlertCameBackDoesNotClash() throws Exception {
    long first = f.escalate("web.injected-script", "late");
    ApiClient advisor = f.login("advisor-a@example.jp");
    assertThat(advisor.patch("/api/v1/tickets/" + first, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(200);
    f.console.write(c -> Jdbc.update(c, "UPDATE alerts SET status = 'resolved' WHERE id = (SELECT alert_id FROM tickets WHERE id = ?)", first));
    long second = f.escalate("web.injected-script", "late");
    assertThat(second).isNotEqualTo(first);
    var late = f.login("owner-a@example.jp").post("/api/v1/tickets/" + first + "/messages", new JsonObject().put("body", "前の件ですが"));
    assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(201);
    assertThat(advisor.get("/api/v1/tickets/" + first).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
    assertThat(advisor.patch("/api/v1/tickets/" + first, new JsonObject().put("status", "open")).statusCode()).as("two live tickets for one alert")
        .isEqualTo(409);
  }

  @Test
  void internalNotesStayWithTheDesk() throws Exception {
    long id = f.escalate("web.injected-script", "n1");
    ApiClient advisor = f.login("advisor-a@example.jp");
    assertThat(advisor.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("kind", "note").put("body", "社長は少し怒っている")).statusCode())
        .isEqualTo(201);
    assertThat(advisor.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("body", "制作会社に確認してください")).statusCode()).isEqualTo(201);
    ApiClient owner = f.login("owner-a@example.jp");
    String seen = owner.get("/api/v1/tickets/" + id).bodyAsString();
    assertThat(seen).contains("制作会社に確認してください").doesNotContain("社長は少し怒っている");
    assertThat(owner.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("kind", "note").put("body", "x")).statusCode()).isEqualTo(400);
    assertThat(f.login("staff-a@example.jp").get("/api/v1/tickets/" + id).bodyAsString()).doesNotContain("社長は少し怒っている");
  }

  @Test
  void duplicatesMergeAndTheMergedAlertKeepsEscalatingToTheSurvivor() throws Exception {
    long a = f.escalate("web.injected-script", "m1");
    long b = f.escalate("web.injected-script", "m2");
    long other = f.consultFromBox("別件", "別の相談");
    ApiClient advisor = f.login("advisor-a@example.jp");
    advisor.post("/api/v1/tickets/" + b + "/messages", new JsonObject().put("body", "b への返信"));
    long phoneOtherCompany = advisor.post("/api/v1/tickets", new JsonObject().put("smeId", f.smeA2).put("channel", "phone").put("body", "x"))
        .bodyAsJsonObject().getLong("id");
    assertThat(advisor.post("/api/v1/tickets/" + b + "/merge", new JsonObject().put("into", phoneOtherCompany)).statusCode()).isEqualTo(400);
    assertThat(f.login("owner-a@example.jp").post("/api/v1/tickets/" + b + "/merge", new JsonObject().put("into", a)).statusCode()).isEqualTo(403);
    var merged = advisor.post("/api/v1/tickets/" + b + "/merge", new JsonObject().put("into", a));
    assertThat(merged.statusCode()).as(merged.bodyAsString()).isEqualTo(200);
    JsonObject src = advisor.get("/api/v1/tickets/" + b).bodyAsJsonObject();
    assertThat(src.getString("status")).isEqualTo("closed");
    assertThat(src.getLong("mergedInto")).isEqualTo(a);
    JsonObject target = advisor.get("/api/v1/tickets/" + a).bodyAsJsonObject();
    assertThat(target.encode()).contains("b への返信").contains("#" + b);
    assertThat(target.getJsonArray("alerts")).hasSize(2);
    long tickets = f.console.count("SELECT COUNT(*) FROM tickets");
    f.escalate("web.injected-script", "m2");
    assertThat(f.console.count("SELECT COUNT(*) FROM tickets")).as("no new ticket for the merged alert").isEqualTo(tickets);
    assertThat(advisor.post("/api/v1/tickets/" + other + "/merge", new JsonObject().put("into", b)).statusCode()).isEqualTo(409);
  }

  @Test
  void assignmentAndQueuesStayInsideTheChamber() throws Exception {
    long id = f.consultFromBox("相談", "本文");
    ApiClient admin = f.login("admin-a@example.jp");
    ApiClient advisor = f.login("advisor-a@example.jp");
    var q = admin.post("/api/v1/queues", new JsonObject().put("chamberId", f.chamberA).put("name", "ホームページ"));
    assertThat(q.statusCode()).as(q.bodyAsString()).isEqualTo(201);
    long queue = q.bodyAsJsonObject().getLong("id");
    assertThat(advisor.post("/api/v1/queues", new JsonObject().put("chamberId", f.chamberA).put("name", "x")).statusCode()).isEqualTo(403);
    assertThat(admin.post("/api/v1/queues", new JsonObject().put("chamberId", f.chamberB).put("name", "x")).statusCode()).isEqualTo(404);
    assertThat(admin.post("/api/v1/queues", new JsonObject().put("chamberId", f.chamberA).put("name", "ホームページ")).statusCode()).isEqualTo(409);
    long queueB = f.login("admin-b@example.jp").post("/api/v1/queues", new JsonObject().put("chamberId", f.chamberB).put("name", "B"))
        .bodyAsJsonObject().getLong("id");

    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("assigneeId", f.advisorB)).statusCode()).isEqualTo(400);
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("queueId", queueB)).statusCode()).isEqualTo(400);
    var ok = advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("assigneeId", f.advisorA).put("queueId", queue).put("severity", "high"));
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getString("assigneeName")).isEqualTo("advisor-a");
    assertThat(ok.bodyAsJsonObject().getString("queueName")).isEqualTo("ホームページ");
    assertThat(advisor.get("/api/v1/tickets?assignee=me").bodyAsJsonArray()).hasSize(1);
    assertThat(advisor.get("/api/v1/tickets?assignee=none").bodyAsJsonArray()).isEmpty();
    assertThat(advisor.get("/api/v1/tickets?queueId=" + queue).bodyAsJsonArray()).hasSize(1);
    assertThat(advisor.get("/api/v1/tickets?q=" + java.net.URLEncoder.encode("さくら", java.nio.charset.StandardCharsets.UTF_8)).bodyAsJsonArray()).hasSize(1);
    assertThat(advisor.get("/api/v1/tickets?sort=sideways").statusCode()).isEqualTo(400);
    assertThat(advisor.get("/api/v1/chambers/" + f.chamberA + "/desk-staff").bodyAsJsonArray().stream()
        .map(o -> ((JsonObject) o).getString("displayName")).toList()).containsExactly("admin-a", "advisor-a");
    assertThat(advisor.get("/api/v1/chambers/" + f.chamberB + "/desk-staff").statusCode()).isEqualTo(404);
  }

  @Test
  void auditLogRecordsViewsAndChangesForTheChambersAdmins() throws Exception {
    long id = f.consultFromBox("相談", "本文");
    ApiClient advisor = f.login("advisor-a@example.jp");
    advisor.get("/api/v1/tickets/" + id);
    advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "waiting"));
    f.login("advisor-b@example.jp").get("/api/v1/tickets/" + id);
    ApiClient admin = f.login("admin-a@example.jp");
    JsonArray log = admin.get("/api/v1/audit?objectType=ticket&objectId=" + id).bodyAsJsonArray();
    assertThat(log.stream().map(o -> ((JsonObject) o).getString("action")).toList())
        .contains("GET /api/v1/tickets/:id", "PATCH /api/v1/tickets/:id", "ticket.status", "ticket.create");
    JsonObject change = log.stream().map(o -> (JsonObject) o).filter(o -> o.getString("action").equals("ticket.status")).findFirst().orElseThrow();
    assertThat(change.getString("userEmail")).isEqualTo("advisor-a@example.jp");
    assertThat(change.getJsonObject("detail")).isEqualTo(new JsonObject().put("from", "new").put("to", "waiting"));
    JsonObject refused = log.stream().map(o -> (JsonObject) o).filter(o -> "advisor-b@example.jp".equals(o.getString("userEmail"))).findFirst()
        .orElseThrow(() -> new AssertionError("the other chamber's refused look is recorded too: " + log.encodePrettily()));
    assertThat(refused.getInteger("status")).isEqualTo(404);
    assertThat(f.login("admin-b@example.jp").get("/api/v1/audit?objectType=ticket&objectId=" + id).bodyAsJsonArray()).isEmpty();
    assertThat(advisor.get("/api/v1/audit").statusCode()).isEqualTo(403);
    assertThat(f.login("owner-a@example.jp").get("/api/v1/audit").statusCode()).isEqualTo(403);
    assertThat(f.login("operator@example.jp").get("/api/v1/audit?action=ticket.").bodyAsJsonArray()).isNotEmpty();
    assertThat(f.console.count("SELECT COUNT(*) FROM audit_log WHERE chamber_id = ?", f.chamberA)).isPositive();
    assertThat(f.console.<Long>read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM audit_log WHERE user_id IS NULL AND action = 'ticket.create'")))
        .as("the box page's consultation is recorded without a person").isEqualTo(1);
  }
}
