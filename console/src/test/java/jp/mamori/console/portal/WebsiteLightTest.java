package jp.mamori.console.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebsiteLightTest {
  static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

  static WebsiteLight.Alert alert(String severity) {
    return new WebsiteLight.Alert(1, severity, "https://sakura.example.jp/", "t", "t");
  }

  @Test
  void openPatrolAlertsColourTheLightAndCleanRecentPatrolsAreGreen() {
    String site = "https://sakura.example.jp/";
    Instant recent = NOW.minus(Duration.ofHours(10));
    assertThat(WebsiteLight.of(site, List.of(alert("medium"), alert("critical")), recent, NOW)).isEqualTo(new WebsiteLight.Light("red", "severe"));
    assertThat(WebsiteLight.of(site, List.of(alert("low")), recent, NOW)).isEqualTo(new WebsiteLight.Light("amber", "problems"));
    assertThat(WebsiteLight.of(site, List.of(), recent, NOW)).isEqualTo(new WebsiteLight.Light("green", "ok"));
    assertThat(WebsiteLight.of(site, List.of(), NOW.minus(Duration.ofDays(4)), NOW)).isEqualTo(new WebsiteLight.Light("grey", "stale"));
    assertThat(WebsiteLight.of(site, List.of(), null, NOW)).isEqualTo(new WebsiteLight.Light("grey", "never"));
    assertThat(WebsiteLight.of(null, List.of(), null, NOW)).isEqualTo(new WebsiteLight.Light("grey", "none"));
    assertThat(WebsiteLight.of(" ", List.of(alert("high")), null, NOW).light()).as("an alert counts even if the site was removed").isEqualTo("red");
  }
}
