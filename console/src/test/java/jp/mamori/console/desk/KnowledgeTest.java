package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.console.ApiClient;
import org.junit.jupiter.api.Test;

/** The Japanese knowledge base linked to checks, safe HTML, chamber articles, and canned answers. */
class KnowledgeTest extends DeskTestBase {



  static java.util.List<String> titles(JsonArray a) {
    return a.stream().map(o -> ((JsonObject) o).getJsonObject("title").getString("ja")).toList();
  }

  @Test
  void articlesForACheckComeMostSpecificFirstAndEveryCatalogueAreaHasOne() throws Exception {
    ApiClient owner = f.login("owner-a@example.jp");
    JsonArray forIframe = owner.get("/api/v1/kb?check=web.hidden-iframe").bodyAsJsonArray();
    assertThat(titles(forIframe)).containsExactly("ホームページに隠しiframeが埋め込まれている", "ホームページがおかしいと言われたら（改ざんの疑い）");
    // every check in the catalogue (other streams add checks) is explained at least by its family's article
    for (String check : CheckCatalog.get().entries().keySet()) {
      JsonArray found = owner.get("/api/v1/kb?check=" + check).bodyAsJsonArray();
      assertThat(found).as("a knowledge-base article for " + check + " (add one to a db/V0xx__knowledge_base migration)").isNotEmpty();
    }
    assertThat(owner.post("/api/v1/kb", new JsonObject().put("title", new JsonObject().put("ja", "x")).put("body", new JsonObject().put("ja", "y")))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void chamberArticlesAreCleanedAndStayInTheirChamber() throws Exception {
    ApiClient advisor = f.login("advisor-a@example.jp");
    JsonObject in = new JsonObject().put("chamberId", f.chamberA).put("check", "web.injected-script")
        .put("title", new JsonObject().put("ja", "大阪の決済代行会社の連絡先"))
        .put("body", new JsonObject().put("ja", "<p onclick=\"alert(1)\">連絡先は<a href=\"javascript:alert(1)\">こちら</a>と"
            + "<a href=\"https://pay.example.jp/\">決済窓口</a></p><script>alert(2)</script><img src=x onerror=alert(3)>"));
    var created = advisor.post("/api/v1/kb", in);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String body = created.bodyAsJsonObject().getJsonObject("body").getString("ja");
    assertThat(body).doesNotContain("onclick").doesNotContain("javascript:").doesNotContain("<script").doesNotContain("onerror").doesNotContain("<img")
        .contains("<a href=\"https://pay.example.jp/\" rel=\"nofollow\">決済窓口</a>");
    long id = created.bodyAsJsonObject().getLong("id");
    assertThat(titles(f.login("owner-a@example.jp").get("/api/v1/kb?check=web.injected-script").bodyAsJsonArray()).get(0))
        .as("the company's own chamber's article first").isEqualTo("大阪の決済代行会社の連絡先");
    assertThat(f.login("owner-b@example.jp").get("/api/v1/kb/" + id).statusCode()).isEqualTo(404);
    assertThat(titles(f.login("advisor-b@example.jp").get("/api/v1/kb?check=web.injected-script").bodyAsJsonArray()))
        .doesNotContain("大阪の決済代行会社の連絡先");
    assertThat(f.login("advisor-b@example.jp").put("/api/v1/kb/" + id, new JsonObject().put("title", new JsonObject().put("ja", "x"))).statusCode())
        .isEqualTo(404);
    assertThat(advisor.post("/api/v1/kb", in.copy().put("chamberId", f.chamberB)).statusCode()).isEqualTo(404);
    assertThat(advisor.post("/api/v1/kb", in.copy().put("chamberId", null)).statusCode()).as("shared articles are the operator's").isEqualTo(403);
    assertThat(advisor.post("/api/v1/kb", in.copy().put("check", "Not A Check")).statusCode()).isEqualTo(400);
    var plain = advisor.post("/api/v1/kb", new JsonObject().put("chamberId", f.chamberA).put("title", new JsonObject().put("ja", "手順"))
        .put("body", new JsonObject().put("ja", "1行目\n2行目\n\n<次の段落>")));
    assertThat(plain.bodyAsJsonObject().getJsonObject("body").getString("ja")).isEqualTo("<p>1行目<br>2行目</p><p>&lt;次の段落&gt;</p>");
    assertThat(advisor.call(io.vertx.core.http.HttpMethod.DELETE, "/api/v1/kb/" + id, null).statusCode()).isEqualTo(204);
    assertThat(advisor.get("/api/v1/kb/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void cannedAnswersAreRenderedForTheTicket() throws Exception {
    long ticket = f.consultFromBox("相談", "本文");
    ApiClient advisor = f.login("advisor-a@example.jp");
    JsonArray shared = advisor.get("/api/v1/canned-answers?ticketId=" + ticket).bodyAsJsonArray();
    JsonObject received = shared.stream().map(o -> (JsonObject) o).filter(o -> o.getString("title").equals("受付しました")).findFirst().orElseThrow();
    assertThat(received.getString("rendered")).startsWith("さくら製作所 佐倉 一郎 様\n").contains("相談員のadvisor-aが担当");
    var mine = advisor.post("/api/v1/canned-answers", new JsonObject().put("chamberId", f.chamberA).put("title", "大阪の窓口").put("body", "{contact} 様 大阪の窓口です"));
    assertThat(mine.statusCode()).as(mine.bodyAsString()).isEqualTo(201);
    long id = mine.bodyAsJsonObject().getLong("id");
    assertThat(f.login("advisor-b@example.jp").get("/api/v1/canned-answers").bodyAsString()).doesNotContain("大阪の窓口");
    assertThat(f.login("advisor-b@example.jp").put("/api/v1/canned-answers/" + id, new JsonObject().put("title", "x")).statusCode()).isEqualTo(404);
    assertThat(f.login("owner-a@example.jp").get("/api/v1/canned-answers").statusCode()).isEqualTo(403);
    assertThat(advisor.put("/api/v1/canned-answers/" + id, new JsonObject().put("body", "{contact} 様 変更しました")).bodyAsJsonObject().getString("body"))
        .isEqualTo("{contact} 様 変更しました");
    assertThat(advisor.get("/api/v1/canned-answers?ticketId=" + ticket).bodyAsString()).contains("佐倉 一郎 様 変更しました");
  }
}
