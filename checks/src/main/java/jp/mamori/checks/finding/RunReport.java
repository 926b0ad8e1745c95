package jp.mamori.checks.finding;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one run of checks covered: which checks, on which targets, and the fingerprints it still saw.
 * The console resolves an open alert when a later run covers its check and target but no longer reports
 * its fingerprint. Check patterns ending in "." match by prefix ("web." covers every website check).
 * Target patterns: exact; a URL ending in "/" covers every URL below it; a bare host covers host:port.
 */
public record RunReport(
    UUID runId, List<String> checks, List<String> targets, Instant startedAt, Instant finishedAt, Set<String> fingerprints) {

  public static final int MAX_FINGERPRINTS = 10_000;

  public RunReport {
    checks = List.copyOf(checks);
    targets = List.copyOf(targets);
    fingerprints = Set.copyOf(new LinkedHashSet<>(fingerprints));
  }

  public boolean covers(String check, String target) {
    return coversCheck(check) && coversTarget(target);
  }

  boolean coversCheck(String check) {
    for (String p : checks) {
      if (p.endsWith(".") ? check.startsWith(p) : check.equals(p)) {
        return true;
      }
    }
    return false;
  }

  boolean coversTarget(String target) {
    for (String t : targets) {
      if (target.equals(t)
          || (t.endsWith("/") && target.startsWith(t))
          || (!t.contains("/") && target.startsWith(t + ":"))) {
        return true;
      }
    }
    return false;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("runId", runId.toString())
        .put("checks", new JsonArray(checks))
        .put("targets", new JsonArray(targets))
        .put("startedAt", startedAt.toString())
        .put("finishedAt", finishedAt.toString())
        .put("fingerprints", new JsonArray(List.copyOf(fingerprints)));
  }

  public static RunReport fromJson(JsonObject json) {
    if (json == null) {
      throw new InvalidFindingException("run must be a JSON object");
    }
    UUID runId;
    try {
      runId = UUID.fromString(json.getString("runId", ""));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new InvalidFindingException("run.runId is not a UUID");
    }
    List<String> checks = strings(json, "checks", 200);
    List<String> targets = strings(json, "targets", 5000);
    List<String> fingerprints = strings(json, "fingerprints", MAX_FINGERPRINTS);
    if (checks.isEmpty() || targets.isEmpty()) {
      throw new InvalidFindingException("run.checks and run.targets must not be empty");
    }
    return new RunReport(runId, checks, targets, instant(json, "startedAt"), instant(json, "finishedAt"),
        new LinkedHashSet<>(fingerprints));
  }

  private static List<String> strings(JsonObject json, String field, int max) {
    Object raw = json.getValue(field);
    if (!(raw instanceof JsonArray a)) {
      throw new InvalidFindingException("run." + field + " must be an array of strings");
    }
    if (a.size() > max) {
      throw new InvalidFindingException("run." + field + " has more than " + max + " entries");
    }
    for (Object o : a) {
      if (!(o instanceof String s) || s.isBlank() || s.length() > Finding.MAX_TARGET) {
        throw new InvalidFindingException("run." + field + " must hold non-empty strings");
      }
    }
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) (List<?>) a.getList();
    return list;
  }

  private static Instant instant(JsonObject json, String field) {
    try {
      return Instant.parse(json.getString(field, ""));
    } catch (DateTimeParseException | ClassCastException e) {
      throw new InvalidFindingException("run." + field + " is not an ISO-8601 instant");
    }
  }
}
