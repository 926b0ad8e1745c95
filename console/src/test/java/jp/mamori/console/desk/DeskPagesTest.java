package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.console.ApiClient;
import org.junit.jupiter.api.Test;

/** Every desk page renders for the people who use it, in Japanese and in English, with no message key left untranslated. */
class DeskPagesTest extends DeskTestBase {
  static final Pattern RAW_KEY = Pattern.compile("\\b(desk|status|severity|tickets|messages)\\.[a-z][A-Za-z.]*[a-z]\\b");

  void renders(ApiClient who, String path) throws Exception {
    for (String lang : List.of("ja", "en")) {
      var r = who.get(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
      assertThat(r.statusCode()).as(path + " in " + lang).isEqualTo(200);
      String html = r.bodyAsString();
      assertThat(html).contains("<html lang=\"" + lang + "\"");
      String text = html.replaceAll("<[^>]+>", " ").replaceAll("(?s)<head>.*</head>", "");
      Matcher m = RAW_KEY.matcher(text);
      assertThat(m.find() ? m.group() : null).as("an untranslated message key on " + path + " in " + lang).isNull();
    }
  }

  @Test
  void deskPortalAndPartnerPagesRenderInBothLanguages() throws Exception {
    long ticket = f.escalate("web.injected-script", "p1");
    ApiClient advisor = f.login("advisor-a@example.jp");
    advisor.post("/api/v1/tickets/" + ticket + "/referrals", new JsonObject().put("partnerId", f.partnerId).put("onSite", false));
    advisor.patch("/api/v1/tickets/" + ticket, new JsonObject().put("insuranceCandidate", true));
    long article = advisor.get("/api/v1/kb?check=web.injected-script").bodyAsJsonArray().getJsonObject(0).getLong("id");
    for (String path : List.of("/tickets", "/tickets?status=all&sla=warning&assignee=me&sort=due", "/tickets/new", "/tickets/" + ticket,
        "/tickets/" + ticket + "/evidence", "/tickets/" + ticket + "/incident-report", "/tickets/" + ticket + "/incident-report/edit",
        "/referrals", "/kb", "/kb/" + article, "/settings/sla", "/account/security")) {
      renders(advisor, path);
    }
    renders(f.login("admin-a@example.jp"), "/audit");
    ApiClient owner = f.login("owner-a@example.jp");
    for (String path : List.of("/tickets", "/tickets/new", "/tickets/" + ticket, "/tickets/" + ticket + "/incident-report", "/kb")) {
      renders(owner, path);
    }
    ApiClient partner = f.login("partner@example.jp");
    for (String path : List.of("/tickets", "/tickets/" + ticket, "/referrals")) {
      renders(partner, path);
    }
  }
}
