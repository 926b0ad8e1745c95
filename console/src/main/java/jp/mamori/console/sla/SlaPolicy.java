package jp.mamori.console.sla;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Targets in business minutes for one severity: first response, resolution, and when to warn (percent used). */
public record SlaPolicy(String severity, int firstResponseMinutes, int resolutionMinutes, int warnPercent) {
  public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

  /** Defaults for a chamber that set none; a consultation without severity counts as medium. */
  public static final Map<String, SlaPolicy> DEFAULTS = Map.of(
      "critical", new SlaPolicy("critical", 30, 8 * 60, 75),
      "high", new SlaPolicy("high", 60, 2 * 8 * 60, 75),
      "medium", new SlaPolicy("medium", 4 * 60, 3 * 8 * 60, 75),
      "low", new SlaPolicy("low", 8 * 60, 5 * 8 * 60, 75),
      "info", new SlaPolicy("info", 8 * 60, 5 * 8 * 60, 75));

  public SlaPolicy {
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("severity must be one of " + SEVERITIES + ", got: " + severity);
    }
    if (firstResponseMinutes < 1 || firstResponseMinutes > 100_000 || resolutionMinutes < 1 || resolutionMinutes > 1_000_000) {
      throw new IllegalArgumentException("SLA targets for " + severity + " must be positive minutes, got " + firstResponseMinutes
          + " and " + resolutionMinutes);
    }
    if (resolutionMinutes < firstResponseMinutes) {
      throw new IllegalArgumentException("resolution target for " + severity + " must not be shorter than the first-response target");
    }
    if (warnPercent < 10 || warnPercent > 99) {
      throw new IllegalArgumentException("warnPercent for " + severity + " must be 10-99, got " + warnPercent);
    }
  }

  public static String severityOf(String ticketSeverity) {
    return ticketSeverity == null || !SEVERITIES.contains(ticketSeverity) ? "medium" : ticketSeverity;
  }

  public JsonObject toJson() {
    return new JsonObject().put("severity", severity).put("firstResponseMinutes", firstResponseMinutes)
        .put("resolutionMinutes", resolutionMinutes).put("warnPercent", warnPercent);
  }

  public static SlaPolicy fromJson(String severity, JsonObject j) {
    SlaPolicy d = DEFAULTS.get(severityOf(severity));
    try {
      return new SlaPolicy(severity, j.getInteger("firstResponseMinutes", d.firstResponseMinutes()),
          j.getInteger("resolutionMinutes", d.resolutionMinutes()), j.getInteger("warnPercent", d.warnPercent()));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("SLA policy for " + severity + " needs whole numbers of minutes");
    }
  }
}
