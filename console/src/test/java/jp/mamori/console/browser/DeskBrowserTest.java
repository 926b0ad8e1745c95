package jp.mamori.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.desk.DeskFixture;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The help desk end to end in real Chromium: an owner asks for help from a phone, an advisor answers with a
 * canned answer and waits on the company (the SLA clock pauses while time passes), the owner answers, the
 * advisor attaches a file and refers the ticket to a partner, who sees only that ticket and accepts it; the
 * evidence pack and incident report render. Screenshots of each key page go to target/screenshots.
 */
class DeskBrowserTest {
  @TempDir Path tmp;

  static Instant jst(int y, int m, int d, int h, int min) {
    return ZonedDateTime.of(y, m, d, h, min, 0, 0, ZoneId.of("Asia/Tokyo")).toInstant();
  }

  static void login(Browser b, String url, String email) {
    WebDriver d = b.driver();
    d.manage().deleteAllCookies();
    d.get(url + "login");
    d.findElement(By.name("email")).sendKeys(email);
    d.findElement(By.name("password")).sendKeys(ConsoleHarness.PASSWORD);
    d.findElement(By.cssSelector("section.login button[type=submit]")).click();
    b.waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  static String slaClock(WebDriver d) {
    return d.findElement(By.cssSelector(".sla-box .sla-clock")).getText();
  }

  @Test
  void ownerAsksAdvisorAnswersWaitsRefersAndThePartnerSeesOnlyThatTicket() throws Exception {
    // Tuesday 10:00 in Osaka: the desk is open
    MutableClock clock = new MutableClock(jst(2026, 11, 24, 10, 0));
    try (DeskFixture f = new DeskFixture(tmp.resolve("console"), clock)) {
      String url = f.console.url();
      long unrelated = f.consultFromBox("別の会社の件ではないが別件", "パートナーには見せない相談");

      long ticket;
      try (Browser phone = new Browser(Browser.Device.PHONE, "ja")) {
        WebDriver d = phone.driver();
        login(phone, url, "owner-a@example.jp");
        phone.waiting().until(ExpectedConditions.urlContains("/portal"));
        d.findElement(By.linkText("わが社の相談")).click();
        phone.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "わが社の相談"));
        d.findElement(By.linkText("相談する")).click();
        phone.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "相談する"));
        d.findElement(By.name("subject")).sendKeys("取引先から不審なメールが来た");
        d.findElement(By.name("body")).sendKeys("取引先の名前で請求書のファイルが届き、開いてしまいました。大丈夫でしょうか。");
        d.findElement(By.name("contactPhone")).sendKeys("090-1234-5678");
        phone.screenshot("desk-10-owner-asks-phone");
        d.findElement(By.cssSelector("form.new-ticket button[type=submit]")).click();
        phone.waiting().until(ExpectedConditions.urlMatches("/tickets/\\d+$"));
        ticket = Long.parseLong(d.getCurrentUrl().replaceAll(".*/tickets/", ""));
        assertThat(d.findElement(By.cssSelector("dd.status")).getText()).isEqualTo("新規");
        assertThat(d.findElement(By.cssSelector("section.messages")).getText()).contains("開いてしまいました");
        assertThat(d.findElements(By.cssSelector(".desk-tools"))).as("no desk tools for the owner").isEmpty();
        phone.screenshot("desk-11-owner-sent-phone");
      }

      try (Browser desk = new Browser(Browser.Device.DESKTOP, "ja")) {
        WebDriver d = desk.driver();
        login(desk, url, "advisor-a@example.jp");
        desk.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "相談チケット一覧"));
        WebElement row = d.findElement(By.xpath("//tr[td/a[text()='取引先から不審なメールが来た']]"));
        assertThat(row.findElement(By.cssSelector(".sla")).getText()).isEqualTo("期限内");
        desk.screenshot("desk-12-queue");
        row.findElement(By.tagName("a")).click();
        desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.reply")));
        assertThat(slaClock(d)).contains("時計は動いています");
        // a canned answer fills the reply in; the advisor asks for a screenshot and waits on the company
        d.findElement(By.cssSelector("details.canned summary")).click();
        d.findElement(By.linkText("画面の写真をお願いします")).click();
        desk.waiting().until(ExpectedConditions.attributeContains(By.name("body"), "value", "owner-a 様"));
        new Select(d.findElement(By.name("then"))).selectByValue("waiting");
        desk.screenshot("desk-13-ticket-reply");
        d.findElement(By.cssSelector("form.reply button[type=submit]")).click();
        desk.waiting().until(ExpectedConditions.textToBe(By.cssSelector("dd.status"), "企業の回答待ち"));
        String paused = slaClock(d);
        assertThat(paused).contains("時計は止まっています");
        desk.screenshot("desk-14-waiting-clock-paused");

        // an hour and a half of desk hours pass while the company is silent: the clock does not move
        clock.advance(Duration.ofMinutes(90));
        d.navigate().refresh();
        desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".sla-box")));
        assertThat(slaClock(d)).isEqualTo(paused);
        d.get(url + "tickets?sla=paused");
        assertThat(d.findElement(By.cssSelector("table.queue")).getText()).contains("取引先から不審なメールが来た").contains("一時停止中");

        try (Browser phone = new Browser(Browser.Device.PHONE, "ja")) {
          login(phone, url, "owner-a@example.jp");
          phone.driver().get(url + "tickets/" + ticket);
          phone.driver().findElement(By.name("body")).sendKeys("写真はありませんが、ファイル名は「請求書.zip」でした。");
          phone.driver().findElement(By.cssSelector("form.reply button[type=submit]")).click();
          phone.waiting().until(ExpectedConditions.textToBe(By.cssSelector("dd.status"), "対応中"));
        }
        d.get(url + "tickets/" + ticket);
        assertThat(d.findElement(By.cssSelector("dd.status")).getText()).isEqualTo("対応中");
        assertThat(slaClock(d)).contains("時計は動いています");

        // the advisor attaches the partner's checklist (through desk.js) and refers the ticket with an on-site visit
        Path checklist = tmp.resolve("訪問前チェックリスト.txt");
        Files.writeString(checklist, "1. LANケーブルを抜く\n2. 電源は切らない\n", StandardCharsets.UTF_8);
        d.findElement(By.cssSelector("form.attach input[type=file]")).sendKeys(checklist.toString());
        d.findElement(By.cssSelector("form.attach button[type=submit]")).click();
        desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.attachment a")));
        assertThat(d.findElement(By.cssSelector("p.attachment a")).getText()).isEqualTo("訪問前チェックリスト.txt");
        WebElement refer = d.findElement(By.cssSelector("form.refer-form"));
        ((JavascriptExecutor) d).executeScript("arguments[0].value = '2026-11-25T10:00'; arguments[1].value = '2026-11-25T12:00';",
            refer.findElement(By.name("windowStart")), refer.findElement(By.name("windowEnd")));
        refer.findElement(By.name("request")).sendKeys("添付ファイルを開いたパソコンの確認と駆除をお願いします。");
        refer.findElement(By.cssSelector("button[type=submit]")).click();
        desk.waiting().until(ExpectedConditions.textToBe(By.cssSelector("dd.status"), "協力事業者へ依頼中"));
        assertThat(d.findElement(By.cssSelector("section.referrals")).getText()).contains("なにわITサポート").contains("大阪市北区1-1-1");
        assertThat(d.findElement(By.cssSelector("ol.stages li.current")).getText()).isEqualTo("復旧");
        desk.screenshot("desk-15-referred");

        d.findElement(By.cssSelector("form.insurance-form input[name=candidate]")).click();
        d.findElement(By.cssSelector("form.insurance-form button")).click();
        desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("strong.insurance")));
        d.findElement(By.linkText("証拠パッケージ")).click();
        desk.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("code.digest")));
        assertThat(d.findElement(By.cssSelector("article.evidence-pack")).getText()).contains("保険請求の候補").contains("訪問前チェックリスト.txt");
        desk.screenshot("desk-16-evidence-pack");
        d.get(url + "tickets/" + ticket + "/incident-report");
        assertThat(d.findElement(By.cssSelector("article.incident-report")).getText()).contains("届出者の住所（所在地）").contains("さくら製作所")
            .contains("ランサムウェアの種類");
        desk.screenshot("desk-17-incident-report");
      }

      try (Browser partner = new Browser(Browser.Device.DESKTOP, "ja")) {
        WebDriver d = partner.driver();
        login(partner, url, "partner@example.jp");
        partner.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "依頼された相談"));
        List<String> rows = d.findElements(By.cssSelector("tr.ticket")).stream().map(WebElement::getText).toList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("取引先から不審なメールが来た");
        d.get(url + "tickets/" + unrelated);
        assertThat(d.findElement(By.cssSelector("p.error")).getText()).contains("見つからない");
        d.get(url + "tickets/" + ticket);
        partner.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/accept'] button")));
        assertThat(d.findElement(By.cssSelector("section.referrals")).getText()).contains("2026-11-25 10:00");
        d.findElement(By.cssSelector("form[action$='/accept'] button")).click();
        partner.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.complete-form")));
        partner.screenshot("desk-18-partner-accepted");
      }
    }
  }
}
