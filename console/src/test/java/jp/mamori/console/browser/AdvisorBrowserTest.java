package jp.mamori.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.boxes.Boxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An advisor in a real Chromium: logs in, finds the escalated ticket, reads the finding, replies. */
class AdvisorBrowserTest {
  @TempDir Path tmp;

  @Test
  void advisorAnswersAnEscalatedTicketInJapanese() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp, Clock.systemUTC())) {
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", "https://sakura.example.jp/");
      console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamber), null);
      console.write(c -> c.createStatement().execute("INSERT INTO boxes(id, sme_id, credential_hash, enrolled_at) VALUES ('b', " + sme + ", 'x', 0)"));
      Finding f = Finding.builder("web.hidden-iframe").severity(Severity.HIGH).target("https://sakura.example.jp/")
          .title("ホームページに隠しiframeが埋め込まれています", "A hidden iframe was injected").advice("ホームページ制作会社に連絡してください", "Call your web agency")
          .evidence("snippet", "<iframe width=0 height=0 src=\"https://evil.example/\">").observedAt(Clock.systemUTC()).build();
      console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity("b", sme, chamber), new JsonArray().add(f.toJson()), new JsonArray()));

      try (Browser browser = new Browser(Browser.Device.DESKTOP, "ja")) {
        WebDriver d = browser.driver();
        d.get(console.url() + "tickets");
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("ログイン");
        browser.screenshot("desk-01-login");
        d.findElement(By.name("email")).sendKeys("advisor@example.jp");
        d.findElement(By.name("password")).sendKeys(ConsoleHarness.PASSWORD);
        d.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "相談チケット一覧"));
        browser.screenshot("desk-02-queue");
        d.findElement(By.linkText("ホームページに隠しiframeが埋め込まれています")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.finding")));
        assertThat(d.findElement(By.cssSelector("tr.finding pre.evidence")).getText()).contains("<iframe width=0 height=0");
        assertThat(d.findElement(By.cssSelector("tr.finding .advice")).getText()).contains("ホームページ制作会社に連絡してください");
        browser.screenshot("desk-03-ticket");
        d.findElement(By.name("body")).sendKeys("制作会社に連絡し、不審なiframeを削除してもらってください。");
        d.findElement(By.cssSelector("form.reply button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.messages"), "不審なiframeを削除"));
        assertThat(d.findElement(By.cssSelector("dd.status")).getText()).isEqualTo("対応中");
        browser.screenshot("desk-04-replied");
      }
    }
  }
}
