package jp.mamori.checks.finding;

import java.util.Locale;

/** Ordered by urgency. Medium and above: a person should look. High and above: escalate to an advisor now. */
public enum Severity {
  INFO, LOW, MEDIUM, HIGH, CRITICAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean needsPerson() {
    return compareTo(MEDIUM) >= 0;
  }

  public boolean escalates() {
    return compareTo(HIGH) >= 0;
  }

  public static Severity parse(String value) {
    if (value != null) {
      for (Severity s : values()) {
        if (s.wire().equals(value)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("severity must be one of info, low, medium, high, critical, got: " + value);
  }

  public static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
