package jp.mamori.console.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The website's traffic light on the box's page, from the open patrol alerts and the last patrol run:
 * red for a high or critical alert, amber for a low or medium one, green after a recent clean patrol, grey
 * when there is no website, no patrol yet, or none for {@link #STALE} (the box patrols twice a day).
 */
public final class WebsiteLight {
  public static final Duration STALE = Duration.ofDays(3);

  public record Alert(long id, String severity, String target, String titleJa, String titleEn) {}

  /** {@code light}: green, amber, red or grey; {@code reason}: none, never, stale, severe, problems or ok. */
  public record Light(String light, String reason) {}

  private WebsiteLight() {}

  public static Light of(String website, List<Alert> openAlerts, Instant lastPatrol, Instant now) {
    if (openAlerts.stream().anyMatch(a -> a.severity().equals("high") || a.severity().equals("critical"))) {
      return new Light("red", "severe");
    }
    if (!openAlerts.isEmpty()) {
      return new Light("amber", "problems");
    }
    if (website == null || website.isBlank()) {
      return new Light("grey", "none");
    }
    if (lastPatrol == null) {
      return new Light("grey", "never");
    }
    if (lastPatrol.isBefore(now.minus(STALE))) {
      return new Light("grey", "stale");
    }
    return new Light("green", "ok");
  }
}
