package jp.mamori.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.console.auth.Role;
import jp.mamori.console.boxes.Boxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advisor's pages over HTTP as a browser uses them: form login, Japanese by default, escaping, CSRF on forms. */
class PagesTest {
  @TempDir Path tmp;
  ConsoleHarness console;
  WebClientSession browser;
  long ticketId;

  @BeforeEach
  void start() throws Exception {
    console = new ConsoleHarness(tmp, Clock.systemUTC());
    long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
    long sme = console.sme(chamber, "<b>さくら</b>製作所", null);
    console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamber), null);
    String boxId = console.write(c -> {
      c.createStatement().execute("INSERT INTO boxes(id, sme_id, credential_hash, enrolled_at) VALUES ('box-1', " + sme + ", 'x', 0)");
      return "box-1";
    });
    Finding hostile = Finding.builder("web.injected-script").severity(Severity.CRITICAL).target("https://sakura.example.jp/")
        .title("<script>alert('ja')</script>", "<script>alert('en')</script>").advice("<img src=x onerror=alert(1)>", "advice")
        .evidence("snippet", "<script src=\"https://evil.example/x.js\"></script>").observedAt(Clock.systemUTC()).build();
    console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity(boxId, sme, chamber),
        new JsonArray().add(hostile.toJson()), new JsonArray()));
    ticketId = console.count("SELECT id FROM tickets");
    browser = WebClientSession.create(WebClient.create(console.vertx, new WebClientOptions().setFollowRedirects(false)));
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return browser.getAbs(console.url() + path.substring(1)).send().await(10, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> form(String path, MultiMap fields) throws Exception {
    return browser.postAbs(console.url() + path.substring(1)).sendForm(fields).await(10, TimeUnit.SECONDS);
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("page carries a CSRF field").isTrue();
    return m.group(1);
  }

  @Test
  void advisorLogsInReadsTheTicketSafelyAndReplies() throws Exception {
    HttpResponse<Buffer> anonymous = get("/tickets");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.getHeader("Location")).startsWith("/login");

    HttpResponse<Buffer> loginPage = get("/login");
    assertThat(loginPage.bodyAsString()).contains("<html lang=\"ja\"").contains("ログイン");
    assertThat(loginPage.getHeader("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(loginPage.getHeader("X-Frame-Options")).isEqualTo("DENY");

    HttpResponse<Buffer> wrong = form("/login", MultiMap.caseInsensitiveMultiMap().add("email", "advisor@example.jp").add("password", "nope-nope-nope"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.bodyAsString()).contains("正しくありません");

    HttpResponse<Buffer> ok = form("/login", MultiMap.caseInsensitiveMultiMap().add("email", "advisor@example.jp")
        .add("password", ConsoleHarness.PASSWORD).add("next", "/tickets"));
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.getHeader("Location")).isEqualTo("/tickets");
    assertThat(ok.cookies()).anySatisfy(c -> assertThat(c).contains("mamori_session").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));

    String list = get("/tickets").bodyAsString();
    assertThat(list).contains("相談チケット一覧").contains("緊急").contains("&lt;b&gt;さくら&lt;/b&gt;製作所");
    assertThat(list).doesNotContain("<script>alert").doesNotContain("<b>さくら");

    String page = get("/tickets/" + ticketId).bodyAsString();
    assertThat(page).contains("検出内容").contains("&lt;script&gt;alert(&#39;ja&#39;)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;");
    // the only script element is the console's own static file
    assertThat(page.replace("<script src=\"/static/desk.js\" defer></script>", "")).doesNotContain("<script").doesNotContain("<img src=x");

    String english = get("/tickets/" + ticketId + "?lang=en").bodyAsString();
    assertThat(english).contains("<html lang=\"en\"").contains("What was detected").contains("&lt;script&gt;alert(&#39;en&#39;)");

    HttpResponse<Buffer> forged = form("/tickets/" + ticketId + "/messages", MultiMap.caseInsensitiveMultiMap().add("body", "x").add("kind", "reply"));
    assertThat(forged.statusCode()).isEqualTo(403);

    HttpResponse<Buffer> reply = form("/tickets/" + ticketId + "/messages", MultiMap.caseInsensitiveMultiMap()
        .add("_csrf", csrf(page)).add("body", "制作会社に連絡して、スクリプトを削除してもらいましょう。").add("kind", "reply"));
    assertThat(reply.statusCode()).isEqualTo(302);
    String after = get("/tickets/" + ticketId + "?lang=ja").bodyAsString();
    assertThat(after).contains("制作会社に連絡して、スクリプトを削除してもらいましょう。").contains("対応中");

    HttpResponse<Buffer> other = get("/tickets/999999");
    assertThat(other.statusCode()).isEqualTo(404);
  }
}
