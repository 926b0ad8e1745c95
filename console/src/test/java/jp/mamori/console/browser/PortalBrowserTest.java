package jp.mamori.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.checks.finding.Severity;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.boxes.Boxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An owner on a phone: the scorecard, acknowledging an advisory, 相談する, and the ★★ self-check scoring. */
class PortalBrowserTest {
  @TempDir Path tmp;

  @Test
  void ownerUsesThePortalOnAPhoneInJapanese() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp, Clock.systemUTC())) {
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", "https://sakura.example.jp/");
      long adv = console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamber), null);
      console.user("owner@sakura.example.jp", Role.OWNER, Set.of(), sme);
      console.write(c -> c.createStatement().execute("INSERT INTO boxes(id, sme_id, hostname, credential_hash, enrolled_at, last_heartbeat_at) "
          + "VALUES ('b1', " + sme + ", 'mamori-box', 'x', 0, " + System.currentTimeMillis() + ")"));
      Finding weak = Finding.builder("lan.default-login").point(3).severity(Severity.HIGH).target("192.168.1.20:80")
          .title("複合機の管理画面が初期パスワードのままです", "The printer's admin page still uses its factory password")
          .advice("複合機の管理者パスワードを変更してください", "Change the printer's admin password").observedAt(Clock.systemUTC()).build();
      Instant now = Instant.now();
      JsonArray runs = new JsonArray().add(new RunReport(UUID.randomUUID(), List.of("lan."), List.of("192.168.1.20"), now.minusSeconds(60), now,
          Set.of(weak.fingerprint())).toJson());
      console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity("b1", sme, chamber), new JsonArray().add(weak.toJson()), runs));
      ApiClient advisor = new ApiClient(console.vertx, console.url()).login("advisor@example.jp", ConsoleHarness.PASSWORD);
      advisor.post("/api/v1/chambers/" + chamber + "/advisories", new JsonObject().put("severity", "warning").put("title", "偽の請求書メールに注意")
          .put("body", "取引先を装った請求書メールが届いています。振込先の変更は電話で確かめてください。"));

      try (Browser browser = new Browser(Browser.Device.PHONE, "ja")) {
        WebDriver d = browser.driver();
        d.get(console.url() + "portal");
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        d.findElement(By.name("email")).sendKeys("owner@sakura.example.jp");
        d.findElement(By.name("password")).sendKeys(ConsoleHarness.PASSWORD);
        d.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.scorecard")));
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("さくら製作所 のセキュリティ状況");
        List<WebElement> points = d.findElements(By.cssSelector("li.point"));
        assertThat(points).hasSize(5);
        assertThat(points.get(2).getAttribute("class")).contains("light-red");
        assertThat(points.get(2).getText()).contains("パスワードを強くする").contains("複合機の管理画面が初期パスワードのままです")
            .contains("複合機の管理者パスワードを変更してください");
        assertThat(points.get(1).getAttribute("class")).contains("light-grey");
        assertThat(points.get(1).getText()).contains("社内ネットワークからは確認できない項目です");
        assertThat(points.get(0).getAttribute("class")).contains("light-green");
        assertThat(d.findElement(By.cssSelector("p.score")).getText()).startsWith("スコア 50 / 100");
        assertThat(d.findElement(By.cssSelector("p.box")).getText()).contains("稼働中");
        assertNoSidewaysScrolling(d);
        browser.screenshot("portal-01-scorecard-phone");

        d.findElement(By.cssSelector("form.ack button")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.advisory.acked")));
        assertThat(d.findElement(By.cssSelector("article.advisory .ack-state")).getText()).startsWith("確認済み");
        assertThat(d.findElements(By.cssSelector("li.point")).get(4).getAttribute("class")).contains("light-green");
        browser.screenshot("portal-02-advisory-acknowledged");

        d.findElement(By.cssSelector("a.consult")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "相談する"));
        d.findElement(By.name("subject")).sendKeys("不審なメールの添付を開いてしまいました");
        d.findElement(By.name("body")).sendKeys("経理の担当者が請求書のZIPを開きました。どうしたらよいですか。");
        browser.screenshot("portal-03-consult-form");
        d.findElement(By.cssSelector("form.consult button")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.messages"), "請求書のZIPを開きました"));
        assertThat(d.getCurrentUrl()).contains("/tickets/");
        assertThat(d.findElement(By.cssSelector("dd.status")).getText()).isEqualTo("新規");
        browser.screenshot("portal-04-consultation-sent");

        d.get(console.url() + "portal/self-check");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.selfcheck")));
        int expected = 0;
        for (int n = 1; n <= 25; n++) {
          int v = n <= 18 ? 4 : n <= 22 ? 2 : n == 23 ? 0 : -1;
          expected += v;
          WebElement radio = d.findElement(By.cssSelector("input[name=q" + n + "][value='" + v + "']"));
          ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", radio);
          radio.click();
        }
        assertThat(expected).isEqualTo(72 + 8 + 0 - 2);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selfcheck-live"), "25 / 25 — " + expected));
        browser.screenshot("portal-05-selfcheck-form");
        WebElement submit = d.findElement(By.cssSelector("form.selfcheck button[type=submit]"));
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", submit);
        submit.click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.selfcheck-score")));
        assertThat(d.findElement(By.cssSelector("p.selfcheck-score .num")).getText()).isEqualTo(Integer.toString(expected));
        assertThat(d.findElement(By.cssSelector("p.band")).getText()).startsWith("対策に抜けがあります");
        assertThat(d.findElements(By.cssSelector("ol.answers li"))).hasSize(7);
        assertNoSidewaysScrolling(d);
        browser.screenshot("portal-06-selfcheck-result");

        d.get(console.url() + "portal/security-action");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.checklist")));
        assertThat(d.findElement(By.cssSelector("input[name=p1]")).isSelected()).as("prefilled from box evidence").isTrue();
        assertThat(d.findElement(By.cssSelector("input[name=p3]")).isSelected()).isFalse();
        for (int n = 1; n <= 5; n++) {
          WebElement box = d.findElement(By.cssSelector("input[name=p" + n + "]"));
          if (!box.isSelected()) {
            box.click();
          }
        }
        d.findElement(By.cssSelector("form.checklist button")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.declared")));
        assertThat(d.findElement(By.cssSelector("p.declared")).getText()).contains("宣言できます");
        assertThat(d.findElement(By.tagName("main")).getText()).as("a self-declaration, never a certification").doesNotContain("認証")
            .doesNotContain("取得");
        assertThat(d.findElement(By.cssSelector("table.history")).getText()).contains(Integer.toString(expected));
        browser.screenshot("portal-07-security-action");
      }
    }
  }

  static void assertNoSidewaysScrolling(WebDriver d) {
    Object wide = ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    assertThat(wide).as("the page fits a phone's width").isEqualTo(false);
  }
}
