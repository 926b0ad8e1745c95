package jp.mamori.checks.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an origin outside the site is: a mainstream platform, a look-alike of one, a shortener, or unknown. */
public final class OriginRules {
  private final WebRules rules;

  public OriginRules(WebRules rules) {
    this.rules = rules;
  }

  /** The well-known CDN host this host imitates, if it looks like a typo-squat of one. */
  public Optional<String> typosquatOf(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (rules.isKnownPlatform(h) || Sites.isIpLiteral(h)) {
      return Optional.empty();
    }
    if (h.contains("xn--")) {
      // an internationalised name read as its Latin skeleton: jquеry with a Cyrillic е is jquery
      String skeleton = skeleton(h);
      if (!skeleton.equals(h)) {
        for (String cdn : rules.cdnNames) {
          if (skeleton.equals(cdn) || Sites.registrableDomain(skeleton).equals(Sites.registrableDomain(cdn))) {
            return Optional.of(cdn);
          }
        }
        for (Map.Entry<String, Set<String>> brand : rules.cdnBrands.entrySet()) {
          if (skeleton.contains(brand.getKey())) {
            return Optional.of(brand.getValue().iterator().next());
          }
        }
      }
    }
    String folded = fold(h);
    for (String cdn : rules.cdnNames) {
      if (h.equals(cdn)) {
        return Optional.empty();
      }
      if (folded.equals(fold(cdn))) {
        return Optional.of(cdn);
      }
      int d = distance(h, cdn, 3);
      if (d > 0 && d <= 2 && cdn.length() >= 8) {
        return Optional.of(cdn);
      }
      String reg = Sites.registrableDomain(h);
      String cdnReg = Sites.registrableDomain(cdn);
      int rd = distance(reg, cdnReg, 2);
      if (rd > 0 && rd <= 1 && cdnReg.length() >= 8) {
        return Optional.of(cdn);
      }
    }
    String reg = Sites.registrableDomain(h);
    for (Map.Entry<String, Set<String>> brand : rules.cdnBrands.entrySet()) {
      if (fold(h).contains(fold(brand.getKey())) && !brand.getValue().contains(reg)) {
        return Optional.of(brand.getValue().iterator().next());
      }
    }
    return Optional.empty();
  }

  /** Cyrillic and Greek letters that look like Latin ones (after Unicode's confusables), as the Latin letter. */
  private static final String CONFUSABLE_FROM = "аеорсхуіјѕԁһӏκνοραετ";
  private static final String CONFUSABLE_TO = "aeopcxyijsdhlkvopaet";

  /** A punycode host as its Unicode form with look-alike letters written in Latin; the host itself when not IDN. */
  static String skeleton(String host) {
    String unicode;
    try {
      unicode = java.net.IDN.toUnicode(host, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return host;
    }
    StringBuilder sb = new StringBuilder(unicode.length());
    for (char c : unicode.toCharArray()) {
      int k = CONFUSABLE_FROM.indexOf(c);
      sb.append(k >= 0 ? CONFUSABLE_TO.charAt(k) : c);
    }
    return sb.toString();
  }

  /** Folds homoglyphs that typo-squats use: 0/o, 1/l/i, rn/m, vv/w, and drops hyphens. */
  static String fold(String s) {
    return s.toLowerCase(Locale.ROOT).replace("rn", "m").replace("vv", "w").replace('0', 'o').replace('1', 'l')
        .replace('i', 'l').replace("-", "").replace("ll", "l");
  }

  /** Damerau-Levenshtein (optimal string alignment) distance, or max+1 when it is larger than max. */
  static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return Math.min(d[a.length()][b.length()], max + 1);
  }

  /** Public CDNs that serve any GitHub user's files under a path naming the user. */
  private static final java.util.regex.Pattern USER_CONTENT = java.util.regex.Pattern.compile(
      "^/gh/([A-Za-z0-9_.-]{1,60})/");
  private static final Set<String> USER_CONTENT_CDNS = Set.of("cdn.jsdelivr.net", "fastly.jsdelivr.net",
      "gcore.jsdelivr.net", "cdn.statically.io");

  /**
   * The origin to compare for a resource on a CDN that serves anyone's GitHub files ({@code cdn.jsdelivr.net/gh/user}):
   * trusting the CDN would trust every user of it. Empty for other URLs.
   */
  public static Optional<String> userContentOrigin(java.net.URI url) {
    String host = Sites.host(url);
    if (!USER_CONTENT_CDNS.contains(host) || url.getRawPath() == null) {
      return Optional.empty();
    }
    java.util.regex.Matcher m = USER_CONTENT.matcher(url.getRawPath());
    return m.find() ? Optional.of(host + "/gh/" + m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** Why a resource from this host deserves a look even without a baseline, or empty. */
  public Optional<String> suspicion(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (rules.isKnownPlatform(h)) {
      return Optional.empty();
    }
    if (rules.isPasteHost(h)) {
      return Optional.of("paste-site");
    }
    if (Sites.isIpLiteral(h)) {
      // a private or loopback address is a misconfiguration (or a lab), not attacker infrastructure
      java.net.InetAddress a = Sites.literal(h);
      return a != null && Sites.isPrivate(a) ? Optional.empty() : Optional.of("ip-address");
    }
    if (rules.hasSuspiciousTld(h)) {
      return Optional.of("throw-away-tld");
    }
    return Optional.empty();
  }
}
