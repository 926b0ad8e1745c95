package jp.mamori.checks.lan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The login-attempt budget of one service: at most {@value #MAX_PER_SERVICE} attempts, at most
 * {@value #MAX_PER_USER} per account name (below common lockout thresholds), stop at the first success.
 */
public final class Attempts {
  public static final int MAX_PER_SERVICE = 10;
  public static final int MAX_PER_USER = 4;

  private Attempts() {}

  /** The curated list for a service, trimmed to the budget (baseline attempts count against it). */
  public static List<LanData.Credential> plan(LanData data, String service, int reserved) {
    Map<String, Integer> perUser = new HashMap<>();
    List<LanData.Credential> out = new ArrayList<>();
    for (LanData.Credential c : data.credentials(service)) {
      if (out.size() + reserved >= MAX_PER_SERVICE) {
        break;
      }
      int n = perUser.merge(c.user().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
      if (n <= MAX_PER_USER) {
        out.add(c);
      }
    }
    return out;
  }

  /** For prompts that ask only for a password: each distinct password of the list once, within the budget. */
  public static List<LanData.Credential> passwords(LanData data, String service, int reserved) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<LanData.Credential> out = new ArrayList<>();
    for (LanData.Credential c : data.credentials(service)) {
      if (out.size() + reserved >= MAX_PER_SERVICE) {
        break;
      }
      if (seen.add(c.password())) {
        out.add(c);
      }
    }
    return out;
  }
}
