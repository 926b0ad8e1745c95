package jp.mamori.checks.web;

import java.util.LinkedHashMap;
import java.util.Map;
import jp.mamori.checks.finding.Severity;

/**
 * Something a detector saw on one page, before it becomes a finding: the check, how bad, what identifies it
 * (an origin, a phrase; never a snippet that changes between runs) and what to show.
 */
public record Observation(String check, Severity severity, String identity, String snippet, Map<String, String> facts) {
  public Observation {
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }

  public static Observation of(String check, Severity severity, String identity, String snippet) {
    return new Observation(check, severity, identity, snippet, Map.of());
  }

  public Observation with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(facts);
    if (value != null) {
      m.put(key, value);
    }
    return new Observation(check, severity, identity, snippet, m);
  }
}
