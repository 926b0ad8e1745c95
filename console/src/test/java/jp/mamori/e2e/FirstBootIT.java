package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.browser.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The first boot as an owner lives it, on a phone, against a real console and the real agent daemon (the
 * built jar, unenrolled, local pages on a free loopback port): a wrong token and then the chamber's token
 * on the setup page, the LAN range accepted, the traffic lights, an advisory acknowledged, 相談する reaching
 * the desk as a ticket from the box's page. The proposed range is loopback (the daemon's LAN jobs refuse
 * loopback, so nothing is scanned); the website is a page this test serves on loopback.
 */
class FirstBootIT {
  @TempDir Path tmp;

  @Test
  void anOwnerSetsUpTheBoxOnAPhoneAndAsksForHelp() throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpServer site = vertx.createHttpServer().requestHandler(req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!doctype html><html lang=\"ja\"><head><title>さくら製作所</title></head><body><h1>さくら製作所</h1>"
            + "<p>大阪の町工場です。お問い合わせは電話で。</p></body></html>")).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    String siteUrl = "http://127.0.0.1:" + site.actualPort() + "/";
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("osaka-fb", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", siteUrl);
      long advisor = console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamber), null);
      String token = console.enrollmentToken(sme, advisor);
      ApiClient desk = new ApiClient(console.vertx, console.url()).login("advisor@example.jp", ConsoleHarness.PASSWORD);
      long advisoryId = desk.post("/api/v1/chambers/" + chamber + "/advisories", new JsonObject().put("severity", "warning")
          .put("title", "偽の請求書メールに注意").put("body", "振込先の変更は電話で確かめてください。")).bodyAsJsonObject().getLong("id");

      Path config = tmp.resolve("agent/agent.conf");
      Files.createDirectories(config.getParent());
      // what a chamber's image ships: the console preset, local pages on, no credential
      Files.writeString(config, "console.url = " + console.url() + "\ndata.dir = " + tmp.resolve("agent/data") + "\nlocal.port = 0\n"
          + "local.host = 127.0.0.1\nlocal.scope-proposal = 127.0.0.0/24\nheartbeat.seconds = 2\npatrol.jitter-minutes = 0\n",
          StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

      try (JarProcess agent = JarProcess.start(JarProcess.AGENT_JAR, tmp.resolve("agent.log"), "run", "--config", config.toString())) {
        String local = agent.await(Pattern.compile("local pages on (http://\\S+/)"), 90);
        agent.await(Pattern.compile("waiting for enrollment at http://mamori\\.local/"), 30);
        assertThat(console.count("SELECT COUNT(*) FROM boxes")).as("no enrollment, no heartbeat before the page").isZero();

        try (Browser browser = new Browser(Browser.Device.PHONE, "ja")) {
          WebDriver d = browser.driver();
          d.get(local);
          browser.waiting().until(ExpectedConditions.urlContains("/setup"));
          assertThat(d.findElement(By.id("console")).getAttribute("value")).as("console.url preset in the image").isEqualTo(console.url());
          assertNoSidewaysScrolling(d);
          browser.screenshot("firstboot-01-setup-phone");

          d.findElement(By.id("token")).sendKeys("not-the-letters-token");
          d.findElement(By.cssSelector("form.setup button")).click();
          browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
          assertThat(d.findElement(By.cssSelector("p.error")).getText()).contains("登録トークンが違います");
          assertThat(d.findElement(By.id("token")).getAttribute("value")).as("what was typed stays").isEqualTo("not-the-letters-token");
          assertThat(Files.readString(config)).doesNotContain("box.credential");
          browser.screenshot("firstboot-02-wrong-token");

          WebElement field = d.findElement(By.id("token"));
          field.clear();
          field.sendKeys(token);
          d.findElement(By.cssSelector("form.setup button")).click();
          browser.waiting().until(ExpectedConditions.urlContains("/scope"));
          assertThat(d.findElement(By.id("proposed-scope")).getText()).isEqualTo("127.0.0.0/24");
          assertThat(d.findElement(By.tagName("main")).getText()).contains("中のファイルを読んだり書き換えたりはしません");
          browser.screenshot("firstboot-03-scope-proposal");
          assertThat(Files.readString(config)).contains("box.credential=").contains("rules.public-key=");
          assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
          agent.await(Pattern.compile("( running: )"), 60);

          d.findElement(By.id("name")).sendKeys("山田太郎");
          d.findElement(By.cssSelector("button[value=accept]")).click();
          browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.lights")));
          String conf = Files.readString(config);
          assertThat(conf).contains("lan.scope=127.0.0.0/24").contains("lan.scope.consented-at=").contains("lan.scope.consented-by=");
          assertThat(jp.mamori.agent.config.AgentConfig.load(config).get("lan.scope.consented-by")).contains("山田太郎");
          assertThat(d.findElement(By.cssSelector("p.scope-state")).getText()).contains("127.0.0.0/24").contains("山田太郎");

          // the lights: five points and the website, once the patrol of the loopback site has reached the console
          long deadline = System.currentTimeMillis() + 120_000;
          while (System.currentTimeMillis() < deadline && d.findElements(By.cssSelector("li.website .reason")).stream()
              .noneMatch(e -> e.getText().contains("最終巡回"))) {
            Thread.sleep(3000);
            d.navigate().refresh();
          }
          List<WebElement> lights = d.findElements(By.cssSelector("li.point"));
          assertThat(lights).hasSize(6);
          assertThat(lights.get(0).getText()).contains("OSやソフトウェアを最新の状態にする");
          assertThat(lights.get(1).getAttribute("class")).contains("light-grey");
          assertThat(lights.get(1).getText()).contains("社内ネットワークからは確認できない項目です");
          assertThat(lights.get(4).getAttribute("class")).as("an unacknowledged advisory").contains("light-amber");
          WebElement website = lights.get(5);
          assertThat(website.getText()).contains("ホームページ").contains(siteUrl).contains("最終巡回");
          assertThat(website.getAttribute("class")).doesNotContain("light-grey");
          assertThat(d.findElements(By.cssSelector("li.job")).stream().map(WebElement::getText).toList())
              .anyMatch(t -> t.contains("ホームページ巡回") && t.contains("完了"));
          assertThat(d.findElement(By.cssSelector("a[href='/check']")).getText()).isEqualTo("パソコンの自己点検");
          assertNoSidewaysScrolling(d);
          browser.screenshot("firstboot-04-home-phone");

          WebElement advisory = d.findElement(By.id("advisory-" + advisoryId));
          assertThat(advisory.getText()).contains("偽の請求書メールに注意");
          advisory.findElement(By.name("by")).sendKeys("山田太郎");
          advisory.findElement(By.cssSelector("button")).click();
          browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#advisory-" + advisoryId + " .ack-state"),
              "山田太郎"));
          assertThat(console.read(c -> Jdbc.one(c, "SELECT acked_by_name || '/' || via FROM advisory_acks WHERE advisory_id = ? AND sme_id = ?",
              rs -> rs.getString(1), advisoryId, sme)).orElse(null)).isEqualTo("山田太郎/box");
          browser.screenshot("firstboot-05-advisory-acknowledged");

          d.findElement(By.cssSelector("a.consult")).click();
          browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("consult")));
          d.findElement(By.id("subject")).sendKeys("メールの添付を開いてしまいました");
          d.findElement(By.id("body")).sendKeys("請求書と書かれたメールの添付ファイルを経理のパソコンで開きました。どうすればよいですか。");
          d.findElement(By.id("contactName")).sendKeys("山田太郎");
          d.findElement(By.id("contactPhone")).sendKeys("06-1234-5678");
          assertNoSidewaysScrolling(d);
          browser.screenshot("firstboot-06-consult-form");
          d.findElement(By.cssSelector("form.consult button")).click();
          browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("consult-result")));
          WebElement result = d.findElement(By.id("consult-result"));
          assertThat(result.getAttribute("data-state")).isEqualTo("sent");
          JsonObject ticket = console.read(c -> Jdbc.one(c, "SELECT id, source, channel, subject, contact_name, contact_phone FROM tickets "
              + "WHERE sme_id = ? AND source = 'local'", rs -> new JsonObject().put("id", rs.getLong(1)).put("source", rs.getString(2))
              .put("channel", rs.getString(3)).put("subject", rs.getString(4)).put("contactName", rs.getString(5))
              .put("contactPhone", rs.getString(6)), sme)).orElseThrow();
          assertThat(ticket.getString("subject")).isEqualTo("メールの添付を開いてしまいました");
          assertThat(ticket.getString("contactName")).isEqualTo("山田太郎");
          assertThat(ticket.getString("contactPhone")).isEqualTo("06-1234-5678");
          assertThat(result.getText()).contains("受付番号 " + ticket.getLong("id"));
          JsonObject fromDesk = desk.get("/api/v1/tickets/" + ticket.getLong("id")).bodyAsJsonObject();
          assertThat(fromDesk.encode()).contains("local").contains("経理のパソコンで開きました");
          browser.screenshot("firstboot-07-consult-sent");

          d.findElement(By.cssSelector("header a.lang")).click();
          browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Ask for help"));
          d.get(local + "setup");
          assertThat(d.findElement(By.tagName("main")).getText()).contains("already registered");
          browser.screenshot("firstboot-08-setup-closed-en");
        }
        try (Browser desktop = new Browser(Browser.Device.DESKTOP, "ja")) {
          desktop.driver().get(local);
          desktop.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.lights")));
          assertThat(desktop.driver().findElements(By.cssSelector("li.point"))).hasSize(6);
          desktop.screenshot("firstboot-09-home-desktop");
        }
        assertThat(console.count("SELECT COUNT(*) FROM boxes WHERE sme_id = ? AND last_heartbeat_at IS NOT NULL", sme)).isEqualTo(1);
        assertThat(agent.stop()).as("SIGTERM ends the daemon").isIn(0, 143);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  static void assertNoSidewaysScrolling(WebDriver d) {
    Object wide = ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    assertThat(wide).as("the page fits the phone's width").isEqualTo(false);
  }
}
