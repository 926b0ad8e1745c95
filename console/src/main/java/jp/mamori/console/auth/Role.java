package jp.mamori.console.auth;

import java.util.Locale;

public enum Role {
  OPERATOR, CHAMBER_ADMIN, ADVISOR, OWNER, STAFF, PARTNER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    for (Role r : values()) {
      if (r.wire().equals(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role must be one of operator, chamber_admin, advisor, owner, staff, partner, got: " + s);
  }

  /** Chamber-side people who work tickets. */
  public boolean desk() {
    return this == OPERATOR || this == CHAMBER_ADMIN || this == ADVISOR;
  }

  public boolean portal() {
    return this == OWNER || this == STAFF;
  }
}
