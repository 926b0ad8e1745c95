package jp.mamori.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Totp;
import jp.mamori.console.desk.DeskFixture;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An advisor sets up the authenticator on the security page, then signs in with password and code; recovery codes shown once. */
class TotpBrowserTest {
  @TempDir Path tmp;

  @Test
  void advisorSetsUpTwoFactorSignInAndUsesIt() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-10T01:00:00Z"));
    try (DeskFixture f = new DeskFixture(tmp, clock); Browser b = new Browser(Browser.Device.PHONE, "ja")) {
      WebDriver d = b.driver();
      DeskBrowserTest.login(b, f.console.url(), "advisor-a@example.jp");
      d.get(f.console.url() + "account/security");
      assertThat(d.findElement(By.cssSelector("p.notice")).getText()).contains("2026-06-17 10:00");
      d.findElement(By.cssSelector("form[action='/account/security/start'] button")).click();
      b.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("code.secret")));
      String secret = d.findElement(By.cssSelector("code.secret")).getText();
      assertThat(d.findElement(By.cssSelector("code.otpauth")).getText()).startsWith("otpauth://totp/Mamori");
      b.screenshot("desk-20-totp-setup");
      d.findElement(By.name("code")).sendKeys(Totp.code(secret, Totp.step(clock.millis())));
      d.findElement(By.cssSelector("form[action='/account/security/confirm'] button")).click();
      b.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.recovery-codes")));
      List<String> codes = d.findElements(By.cssSelector("ul.recovery-codes code")).stream().map(WebElement::getText).toList();
      assertThat(codes).hasSize(10);
      b.screenshot("desk-21-recovery-codes");

      clock.advance(Duration.ofSeconds(60));
      d.manage().deleteAllCookies();
      d.get(f.console.url() + "tickets");
      d.findElement(By.name("email")).sendKeys("advisor-a@example.jp");
      d.findElement(By.name("password")).sendKeys(ConsoleHarness.PASSWORD);
      d.findElement(By.cssSelector("section.login button[type=submit]")).click();
      b.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "確認コードの入力"));
      d.findElement(By.name("code")).sendKeys("000000");
      d.findElement(By.cssSelector("section.login button[type=submit]")).click();
      b.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
      assertThat(d.findElement(By.cssSelector("p.error")).getText()).contains("コードが違う");
      d.findElement(By.name("code")).sendKeys(Totp.code(secret, Totp.step(clock.millis())));
      b.screenshot("desk-22-totp-code");
      d.findElement(By.cssSelector("section.login button[type=submit]")).click();
      b.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "相談チケット一覧"));
      assertThat(d.getCurrentUrl()).endsWith("/tickets");
    }
  }
}
