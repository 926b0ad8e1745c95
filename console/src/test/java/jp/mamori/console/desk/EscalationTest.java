package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import jp.mamori.console.ApiClient;
import jp.mamori.console.exports.EvidencePack;
import jp.mamori.console.exports.IncidentReports;
import org.junit.jupiter.api.Test;

/** 相談 → アドバイス → 復旧 → 調査: referral with dispatch, partner visibility, insurance flag, evidence pack, incident report. */
class EscalationTest extends DeskTestBase {



  @Test
  void referralToAPartnerWhoSeesOnlyThatTicket() throws Exception {
    long ticket = f.escalate("web.injected-script", "r1");
    long other = f.consultFromBox("別の相談", "見せてはいけない相談");
    ApiClient advisor = f.login("advisor-a@example.jp");
    ApiClient partner = f.login("partner@example.jp");
    assertThat(partner.get("/api/v1/tickets").bodyAsJsonArray()).isEmpty();
    assertThat(partner.get("/api/v1/tickets/" + ticket).statusCode()).isEqualTo(404);
    assertThat(advisor.get("/api/v1/partners").bodyAsJsonArray().getJsonObject(0).getString("name")).isEqualTo("なにわITサポート");
    assertThat(f.login("advisor-b@example.jp").get("/api/v1/partners").bodyAsJsonArray()).isEmpty();

    JsonObject noWindow = new JsonObject().put("partnerId", f.partnerId).put("onSite", true);
    assertThat(advisor.post("/api/v1/tickets/" + ticket + "/referrals", noWindow).statusCode()).isEqualTo(400);
    var referred = advisor.post("/api/v1/tickets/" + ticket + "/referrals", new JsonObject().put("partnerId", f.partnerId).put("onSite", true)
        .put("request", "サーバーのスクリプト削除と侵入経路の確認をお願いします")
        .put("dispatch", new JsonObject().put("windowStart", "2026-06-11T10:00").put("windowEnd", "2026-06-11T12:00")));
    assertThat(referred.statusCode()).as(referred.bodyAsString()).isEqualTo(201);
    JsonObject r = referred.bodyAsJsonObject();
    assertThat(r.getString("status")).isEqualTo("requested");
    assertThat(r.getJsonObject("dispatch").getString("address")).as("defaults to the company's address").isEqualTo("大阪市北区1-1-1");
    assertThat(r.getJsonObject("dispatch").getString("contactName")).isEqualTo("佐倉 一郎");
    assertThat(r.getJsonObject("dispatch").getString("windowStart")).isEqualTo("2026-06-11T01:00:00Z");
    assertThat(advisor.post("/api/v1/tickets/" + ticket + "/referrals", new JsonObject().put("partnerId", f.partnerId).put("onSite", false))
        .statusCode()).isEqualTo(409);
    JsonObject t = advisor.get("/api/v1/tickets/" + ticket).bodyAsJsonObject();
    assertThat(t.getString("status")).isEqualTo("referred");
    assertThat(t.getString("stage")).isEqualTo("recover");

    JsonArray seen = partner.get("/api/v1/tickets").bodyAsJsonArray();
    assertThat(seen).hasSize(1);
    assertThat(seen.getJsonObject(0).getLong("id")).isEqualTo(ticket);
    JsonObject partnerView = partner.get("/api/v1/tickets/" + ticket).bodyAsJsonObject();
    assertThat(partnerView.getJsonObject("company").getString("address")).isEqualTo("大阪市北区1-1-1");
    assertThat(partnerView.getJsonArray("findings")).isNotEmpty();
    assertThat(partner.get("/api/v1/tickets/" + other).statusCode()).isEqualTo(404);
    assertThat(partner.get("/api/v1/alerts/" + t.getLong("alertId")).statusCode()).as("only through the ticket").isEqualTo(404);
    assertThat(partner.get("/api/v1/smes/" + f.smeA).statusCode()).isEqualTo(404);
    assertThat(partner.get("/api/v1/tickets/" + ticket + "/evidence").statusCode()).isEqualTo(403);
    assertThat(partner.patch("/api/v1/tickets/" + ticket, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(403);

    long rid = r.getLong("id");
    assertThat(partner.post("/api/v1/referrals/" + rid + "/complete", new JsonObject().put("report", "x")).statusCode()).as("accept first")
        .isEqualTo(409);
    var notTheirs = advisor.post("/api/v1/referrals/" + rid + "/accept", null);
    assertThat(notTheirs.statusCode()).as(notTheirs.bodyAsString()).isEqualTo(403);
    assertThat(partner.post("/api/v1/referrals/" + rid + "/accept", null).bodyAsJsonObject().getString("status")).isEqualTo("accepted");
    assertThat(partner.post("/api/v1/tickets/" + ticket + "/messages", new JsonObject().put("body", "明日10時に伺います。")).statusCode()).isEqualTo(201);
    var done = partner.post("/api/v1/referrals/" + rid + "/complete", new JsonObject().put("report", "不正なスクリプトを削除し、FTPのパスワードを変更しました。"));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    t = advisor.get("/api/v1/tickets/" + ticket).bodyAsJsonObject();
    assertThat(t.getString("status")).as("back with the desk to confirm").isEqualTo("open");
    assertThat(t.getJsonArray("messages").encode()).contains("FTPのパスワードを変更しました").contains("明日10時に伺います");
    assertThat(partner.get("/api/v1/tickets/" + ticket).statusCode()).as("a completed referral stays readable").isEqualTo(200);
    assertThat(partner.get("/api/v1/referrals").bodyAsJsonArray()).hasSize(1);

    long second = f.escalate("web.injected-script", "r2");
    long rid2 = advisor.post("/api/v1/tickets/" + second + "/referrals", new JsonObject().put("partnerId", f.partnerId).put("onSite", false))
        .bodyAsJsonObject().getLong("id");
    assertThat(partner.post("/api/v1/referrals/" + rid2 + "/decline", new JsonObject().put("reason", "担当者不在")).statusCode()).isEqualTo(200);
    assertThat(partner.get("/api/v1/tickets/" + second).statusCode()).as("declined: no longer the partner's").isEqualTo(404);
    assertThat(advisor.get("/api/v1/tickets/" + second).bodyAsJsonObject().getString("status")).isEqualTo("open");
    assertThat(f.login("advisor-b@example.jp").post("/api/v1/referrals/" + rid + "/withdraw", null).statusCode()).isEqualTo(404);
  }

  @Test
  void evidencePackCarriesEverythingAndDetectsTampering() throws Exception {
    long ticket = f.escalate("web.injected-script", "e1");
    ApiClient advisor = f.login("advisor-a@example.jp");
    advisor.post("/api/v1/tickets/" + ticket + "/messages", new JsonObject().put("kind", "note").put("body", "保険会社に連絡済み"));
    advisor.post("/api/v1/tickets/" + ticket + "/messages", new JsonObject().put("body", "対応を始めます"));
    var flagged = advisor.patch("/api/v1/tickets/" + ticket, new JsonObject().put("insuranceCandidate", true).put("insuranceNote", "東京海上 証券番号 123"));
    assertThat(flagged.bodyAsJsonObject().getString("stage")).isEqualTo("investigate");
    JsonObject pack = advisor.get("/api/v1/tickets/" + ticket + "/evidence").bodyAsJsonObject();
    assertThat(pack.getString("kind")).isEqualTo("mamori.evidence-pack");
    assertThat(pack.getJsonObject("insurance").getBoolean("candidate")).isTrue();
    assertThat(pack.getJsonArray("findings")).hasSize(1);
    assertThat(pack.getJsonArray("messages").encode()).contains("保険会社に連絡済み").contains("対応を始めます");
    List<String> types = pack.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("type")).toList();
    assertThat(types).contains("ticket", "alert", "finding", "message", "status");
    assertThat(EvidencePack.intact(pack)).isTrue();
    JsonObject tampered = pack.copy();
    tampered.getJsonArray("messages").remove(1);
    assertThat(EvidencePack.intact(tampered)).isFalse();
    assertThat(f.login("owner-a@example.jp").get("/api/v1/tickets/" + ticket + "/evidence").statusCode()).isEqualTo(403);
    assertThat(f.login("advisor-b@example.jp").get("/api/v1/tickets/" + ticket + "/evidence").statusCode()).isEqualTo(404);
  }

  @Test
  void incidentReportHasEveryIpaFieldPrefilledAndEditable() throws Exception {
    long ticket = f.escalate("web.injected-script", "i1");
    ApiClient advisor = f.login("advisor-a@example.jp");
    JsonObject report = advisor.get("/api/v1/tickets/" + ticket + "/incident-report").bodyAsJsonObject();
    JsonObject fields = report.getJsonObject("fields");
    for (String path : List.of("reporter.address", "reporter.organisation", "reporter.name", "reporter.email", "reporter.phone", "dateFound",
        "affectedSystems", "howFound.method", "responseTaken", "ransomware.iocs")) {
      assertThat(IncidentReports.present(IncidentReports.get(fields, path))).as("prefilled " + path).isTrue();
    }
    assertThat(fields.getJsonObject("reporter").getString("organisation")).isEqualTo("さくら製作所");
    assertThat(fields.getJsonObject("howFound").getString("method")).isEqualTo("monitoring_alert");
    assertThat(fields.getJsonArray("affectedSystems").getJsonObject(0).getString("kind")).isEqualTo("cloud");
    assertThat(fields.getJsonObject("ransomware").getJsonArray("iocs")).contains("https://evil.example/i1.js", "evil.example");
    assertThat(report.getJsonArray("missing")).containsExactlyInAnyOrder("intrusionRoute", "damage.personalData");
    // every IPA and common-format field is part of the report
    List<String> all = IncidentReports.FIELDS.stream().map(IncidentReports.Field::path).toList();
    assertThat(all).contains("reporter.address", "reporter.organisation", "reporter.name", "reporter.email", "reporter.phone", "dateFound",
        "affectedSystems", "connectionNotes", "howFound.method", "intrusionRoute", "damage.description", "responseTaken", "ransomware.ransomNote",
        "ransomware.encryptedExtension", "ransomware.strain", "ransomware.intrusionMethod", "ransomware.iocs");

    var put = advisor.put("/api/v1/tickets/" + ticket + "/incident-report", new JsonObject().put("intrusionRoute", "FTPのパスワード漏えい（推定）")
        .put("damage", new JsonObject().put("personalData", "unknown")).put("ransomware", new JsonObject().put("applicable", true)
            .put("encryptedExtension", ".lockbit")));
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    JsonObject after = put.bodyAsJsonObject();
    assertThat(after.getJsonObject("fields").getString("intrusionRoute")).isEqualTo("FTPのパスワード漏えい（推定）");
    assertThat(after.getJsonArray("missing")).as("ransomware fields become required")
        .containsExactlyInAnyOrder("ransomware.ransomNote", "ransomware.strain", "ransomware.intrusionMethod");
    assertThat(after.getJsonArray("prefilled")).doesNotContain("intrusionRoute").contains("reporter.address");
    assertThat(advisor.put("/api/v1/tickets/" + ticket + "/incident-report", new JsonObject().put("colour", "red")).statusCode()).isEqualTo(400);
    assertThat(advisor.put("/api/v1/tickets/" + ticket + "/incident-report", new JsonObject().put("howFound", new JsonObject().put("method", "magic")))
        .statusCode()).isEqualTo(400);
    assertThat(advisor.put("/api/v1/tickets/" + ticket + "/incident-report", new JsonObject().put("affectedSystems", new JsonArray()
        .add(new JsonObject().put("name", "会計SaaS").put("kind", "saas").put("detail", "クラウド会計")))).statusCode()).isEqualTo(200);
    ApiClient owner = f.login("owner-a@example.jp");
    JsonObject ownerView = owner.get("/api/v1/tickets/" + ticket + "/incident-report").bodyAsJsonObject();
    assertThat(ownerView.getJsonObject("fields").getJsonArray("affectedSystems").getJsonObject(0).getString("kind")).isEqualTo("saas");
    assertThat(owner.put("/api/v1/tickets/" + ticket + "/incident-report", new JsonObject().put("intrusionRoute", "x")).statusCode()).isEqualTo(403);
    assertThat(f.login("owner-b@example.jp").get("/api/v1/tickets/" + ticket + "/incident-report").statusCode()).isEqualTo(404);
    assertThat(advisor.get("/tickets/" + ticket + "/incident-report").bodyAsString()).contains("届出者の住所").contains("暗号化されたファイルの拡張子")
        .contains(".lockbit").contains("会計SaaS");
  }
}
