package jp.mamori.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

/** An advisor's chamber side in Chromium: dashboard, publishing an advisory, sharing an IoC from a ticket. */
class ChamberBrowserTest {
  @TempDir Path tmp;

  @Test
  void advisorSeesTheDashboardPublishesAnAdvisoryAndSharesAnIoc() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp, Clock.systemUTC())) {
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long[] smes = new long[4];
      String[] names = {"さくら製作所", "ひまわり工業", "つばき精機", "もみじ商店"};
      String[] industries = {"製造業", "製造業", "製造業", "小売業"};
      for (int i = 0; i < 4; i++) {
        int k = i;
        smes[i] = console.write(c -> console.services().tenants().createSme(c, chamber, new JsonObject().put("name", names[k])
            .put("industry", industries[k]).put("website", "https://site" + k + ".example.jp/")));
      }
      console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamber), null);
      long now = System.currentTimeMillis();
      console.write(c -> c.createStatement().execute("INSERT INTO boxes(id, sme_id, hostname, credential_hash, enrolled_at, last_heartbeat_at) VALUES "
          + "('b0', " + smes[0] + ", 'box-sakura', 'x', 0, " + now + "), ('b1', " + smes[1] + ", 'box-himawari', 'y', 0, " + (now - 40 * 60_000) + ")"));
      Finding skimmer = Finding.builder("web.skimmer").severity(Severity.CRITICAL).target("https://site0.example.jp/checkout")
          .title("決済ページにカード情報を盗むスクリプトがあります", "A card skimmer is on the checkout page")
          .advice("すぐに制作会社とカード会社に連絡してください", "Call your web agency and card acquirer now")
          .evidence("script", "https://cdn-stats.evil-example.net/s.js").evidence("sha256", "b".repeat(64)).observedAt(Clock.systemUTC()).build();
      console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity("b0", smes[0], chamber), new JsonArray().add(skimmer.toJson()),
          new JsonArray()));

      try (Browser browser = new Browser(Browser.Device.DESKTOP, "ja")) {
        WebDriver d = browser.driver();
        d.get(console.url() + "chamber");
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        d.findElement(By.name("email")).sendKeys("advisor@example.jp");
        d.findElement(By.name("password")).sendKeys(ConsoleHarness.PASSWORD);
        d.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div.chamber")));
        assertThat(d.findElement(By.cssSelector(".card.boxes-online .value")).getText()).isEqualTo("1 / 2");
        assertThat(d.findElement(By.cssSelector(".card.boxes-offline .value")).getText()).isEqualTo("1");
        assertThat(d.findElement(By.cssSelector("tr.offline-box.alerted")).getText()).contains("ひまわり工業").contains("box-himawari");
        assertThat(d.findElement(By.cssSelector(".card.tickets-live .value")).getText()).isEqualTo("1");
        assertThat(d.findElements(By.cssSelector("tr.member"))).hasSize(4);
        assertThat(d.findElement(By.cssSelector("table.industries")).getText()).contains("製造業 3").contains("小売業 1 —");
        browser.screenshot("chamber-01-dashboard");

        d.findElement(By.linkText("注意喚起")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.publish")));
        d.findElement(By.name("titleJa")).sendKeys("VPN機器の更新をお願いします");
        d.findElement(By.name("bodyJa")).sendKeys("VPN機器に重大な脆弱性が見つかりました。製造元の更新を今週中に入れてください。");
        d.findElement(By.cssSelector("form.publish button")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.advisory-row")));
        assertThat(d.findElement(By.cssSelector("tr.advisory-row")).getText()).contains("VPN機器の更新をお願いします");
        assertThat(d.findElement(By.cssSelector("tr.advisory-row td.acks")).getText()).isEqualTo("0 / 4");
        browser.screenshot("chamber-02-advisory-published");

        d.get(console.url() + "tickets");
        d.findElement(By.linkText("決済ページにカード情報を盗むスクリプトがあります")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.ioc-link a")));
        d.findElement(By.cssSelector("p.ioc-link a")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.candidate")));
        assertThat(d.findElements(By.cssSelector("form.candidate"))).hasSize(2);
        d.findElement(By.cssSelector("form.candidate button")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("span.listed")));
        browser.screenshot("chamber-03-ioc-shared");
        d.get(console.url() + "chamber/iocs");
        assertThat(d.findElement(By.cssSelector("table.iocs")).getText()).contains("cdn-stats.evil-example.net");

        d.get(console.url() + "chamber?lang=en");
        assertThat(d.findElement(By.tagName("h1")).getText()).startsWith("Chamber dashboard");
        browser.screenshot("chamber-04-dashboard-en");
      }
    }
  }
}
