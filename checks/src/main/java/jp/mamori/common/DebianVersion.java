package jp.mamori.common;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A Debian package version ({@code [epoch:]upstream[-revision]}) ordered as dpkg orders them
 * ({@code dpkg --compare-versions}): {@code 1.0~rc1 < 1.0 < 1.0+b1 < 1.0-1 < 1:0.9}. Used on both sides of agent
 * upgrades: the console offers a release only to boxes whose version is older, the box and its root-side
 * installer refuse one that is not newer.
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {
  private static final Pattern UPSTREAM = Pattern.compile("[0-9][A-Za-z0-9.+~:-]*");
  private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9.+~]+");

  /** Parses a version as dpkg accepts it; refuses anything else with a message naming the input. */
  public static DebianVersion parse(String text) {
    if (text == null || text.isBlank() || text.length() > 100) {
      throw new IllegalArgumentException("not a Debian version: '" + text + "'");
    }
    String v = text.strip();
    long epoch = 0;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      String e = v.substring(0, colon);
      if (!e.matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException("not a Debian version: '" + text + "' (the epoch before ':' must be a number)");
      }
      epoch = Long.parseLong(e);
      v = v.substring(colon + 1);
    }
    String revision = "";
    int dash = v.lastIndexOf('-');
    if (dash >= 0) {
      revision = v.substring(dash + 1);
      v = v.substring(0, dash);
      if (!REVISION.matcher(revision).matches()) {
        throw new IllegalArgumentException("not a Debian version: '" + text + "' (bad revision after the last '-')");
      }
    }
    if (!UPSTREAM.matcher(v).matches() || (colon < 0 && v.indexOf(':') >= 0)) {
      throw new IllegalArgumentException("not a Debian version: '" + text
          + "' (it must start with a digit and use only letters, digits and . + ~ - :)");
    }
    return new DebianVersion(epoch, v, revision);
  }

  /** True when {@code candidate} sorts after {@code current}. */
  public static boolean newer(String candidate, String current) {
    return parse(candidate).compareTo(parse(current)) > 0;
  }

  @Override
  public int compareTo(DebianVersion o) {
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareParts(upstream, o.upstream);
    return c != 0 ? c : compareParts(revision, o.revision);
  }

  /** dpkg's verrevcmp: alternating non-digit runs (by {@link #order}) and digit runs (numerically). */
  static int compareParts(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !Character.isDigit(a.charAt(i))) || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
        int ac = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
        int bc = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
        if (ac != bc) {
          return Integer.compare(ac, bc);
        }
        if (i < a.length() && !Character.isDigit(a.charAt(i))) {
          i++;
        }
        if (j < b.length() && !Character.isDigit(b.charAt(j))) {
          j++;
        }
      }
      int si = i;
      while (i < a.length() && Character.isDigit(a.charAt(i))) {
        i++;
      }
      int sj = j;
      while (j < b.length() && Character.isDigit(b.charAt(j))) {
        j++;
      }
      int c = number(a.substring(si, i)).compareTo(number(b.substring(sj, j)));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static BigInteger number(String digits) {
    return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits);
  }

  /** '~' sorts before everything, even the end of the part; letters before other characters. */
  private static int order(char c) {
    if (c == '~') {
      return -1;
    }
    return Character.isLetter(c) ? c : c + 256;
  }

  @Override
  public String toString() {
    return (epoch == 0 ? "" : epoch + ":") + upstream + (revision.isEmpty() ? "" : "-" + revision);
  }
}
