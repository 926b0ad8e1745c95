package jp.mamori.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.agentpackages.TestDebs;
import jp.mamori.console.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The operator publishes an agent package and releases it to one chamber from the page, in real Chromium. */
class AgentPackagesBrowserTest {
  @TempDir Path tmp;

  @Test
  void operatorUploadsADebSeesARefusalForAnythingElseAndReleasesToOneChamber() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC());
        Browser b = new Browser(Browser.Device.DESKTOP, "ja")) {
      console.chamber("osaka-test", "大阪テスト商工会議所");
      long kyoto = console.chamber("kyoto-test", "京都テスト商工会議所");
      console.user("operator@example.jp", Role.OPERATOR, Set.of(), null);
      Path deb = TestDebs.build(tmp, "mamori-agent", "0.2.0", "all", "gzip");
      Path notDeb = Files.writeString(tmp.resolve("memo.deb"), "パッケージではないファイル");

      WebDriver d = b.driver();
      DeskBrowserTest.login(b, console.url(), "operator@example.jp");
      d.findElement(By.linkText("エージェントの更新")).click();
      b.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "エージェントの更新"));

      d.findElement(By.cssSelector("form.agent-package-upload input[type=file]")).sendKeys(notDeb.toString());
      d.findElement(By.cssSelector("form.agent-package-upload button[type=submit]")).click();
      b.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".attach-status"), "not a Debian package"));

      d.findElement(By.cssSelector("form.agent-package-upload input[type=file]")).clear();
      d.findElement(By.cssSelector("form.agent-package-upload input[type=file]")).sendKeys(deb.toString());
      d.findElement(By.cssSelector("form.agent-package-upload button[type=submit]")).click();
      b.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.agent-package")));
      assertThat(d.findElement(By.cssSelector("tr.agent-package")).getText()).contains("0.2.0").contains("未リリース");

      new Select(d.findElement(By.cssSelector("tr.agent-package select[name=chamberId]"))).selectByVisibleText("京都テスト商工会議所");
      d.findElement(By.cssSelector("tr.agent-package form[action$='/release'] button")).click();
      b.waiting().until(ExpectedConditions.textToBe(By.cssSelector("tr.agent-package td.released"), "京都テスト商工会議所"));
      b.screenshot("agent-packages");
      assertThat(console.count("SELECT COUNT(*) FROM agent_releases WHERE chamber_id = ? AND version = '0.2.0'", kyoto)).isEqualTo(1);
    }
  }
}
