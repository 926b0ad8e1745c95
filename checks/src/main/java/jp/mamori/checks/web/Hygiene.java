package jp.mamori.checks.web;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Severity;

/** Low-key checks: CMS version support, security headers (Observatory-style), security.txt (RFC 9116). */
public final class Hygiene {
  private static final Pattern README_VERSION = Pattern.compile("(?i)version\\s+(\\d+(?:\\.\\d+){1,3})");
  private static final Pattern FEED_VERSION = Pattern.compile("wordpress\\.org/\\?v=(\\d+(?:\\.\\d+){1,3})");

  private Hygiene() {}

  /** Which CMS a generator string names, as a key of cms-eol.json. */
  static Optional<String> cmsKey(String generator) {
    if (generator == null) {
      return Optional.empty();
    }
    String g = generator.toLowerCase(Locale.ROOT);
    if (g.contains("wordpress")) {
      return Optional.of("wordpress");
    } else if (g.contains("joomla")) {
      return Optional.of("joomla");
    } else if (g.contains("drupal")) {
      return Optional.of("drupal");
    } else if (g.contains("movable type")) {
      return Optional.of("movabletype");
    } else if (g.contains("ec-cube")) {
      return Optional.of("ec-cube");
    }
    return Optional.empty();
  }

  public static Optional<String> versionFromReadme(byte[] body) {
    Matcher m = README_VERSION.matcher(Bodies.cut(new String(body, StandardCharsets.UTF_8), 20_000));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  public static Optional<String> versionFromFeed(byte[] body) {
    Matcher m = FEED_VERSION.matcher(Bodies.cut(new String(body, StandardCharsets.UTF_8), 20_000));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Support status of one CMS version against the rule table; empty when current or unknown. */
  public static Optional<Observation> cms(WebRules rules, String key, String version) {
    JsonObject row = rules.cmsTable.getJsonObject(key);
    if (row == null || version == null) {
      return Optional.empty();
    }
    String name = row.getString("name");
    if (compare(version, row.getString("oldestSupported")) < 0) {
      return Optional.of(Observation.of("web.cms-unsupported", Severity.MEDIUM, key, name + " " + version)
          .with("cms", name).with("version", version).with("latest", row.getString("latest")));
    }
    if (compare(lineOf(version), row.getString("latest")) < 0) {
      return Optional.of(Observation.of("web.cms-outdated", Severity.LOW, key, name + " " + version)
          .with("cms", name).with("version", version).with("latest", row.getString("latest")));
    }
    return Optional.empty();
  }

  private static String lineOf(String version) {
    String[] parts = version.split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parse(x[i]) : 0;
      int q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Missing security headers on the home page's answer, Observatory-style. */
  public static Optional<Observation> headers(Fetcher.Response home, boolean https) {
    List<String> missing = new ArrayList<>();
    String csp = home.header("content-security-policy");
    if (https && home.header("strict-transport-security") == null) {
      missing.add("Strict-Transport-Security");
    }
    if (csp == null) {
      missing.add("Content-Security-Policy");
    }
    if (home.header("x-frame-options") == null && (csp == null || !csp.contains("frame-ancestors"))) {
      missing.add("X-Frame-Options");
    }
    String xcto = home.header("x-content-type-options");
    if (xcto == null || !xcto.toLowerCase(Locale.ROOT).contains("nosniff")) {
      missing.add("X-Content-Type-Options");
    }
    if (home.header("referrer-policy") == null) {
      missing.add("Referrer-Policy");
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    // Observatory starts at 100 and takes points off per missing protection
    int score = Math.max(0, 100 - missing.size() * 15);
    return Optional.of(Observation.of("web.security-headers", Severity.LOW, "headers", String.join(", ", missing))
        .with("missing", String.join(", ", missing)).with("score", String.valueOf(score)));
  }

  /** security.txt: missing (a 404, or HTML served instead), or its Expires in the past. */
  public static Optional<Observation> securityTxt(Fetcher.Response r, Instant now) {
    String type = r.header("content-type") == null ? "" : r.header("content-type").toLowerCase(Locale.ROOT);
    String body = new String(r.body(), StandardCharsets.UTF_8);
    boolean looksRight = r.ok() && !type.contains("html") && body.toLowerCase(Locale.ROOT).contains("contact:");
    if (!looksRight) {
      return Optional.of(Observation.of("web.security-txt-missing", Severity.INFO, "missing",
          r.error() != null ? r.error() : "HTTP " + r.status()));
    }
    for (String line : body.split("\n")) {
      String l = line.strip();
      if (l.toLowerCase(Locale.ROOT).startsWith("expires:")) {
        String value = l.substring(8).strip();
        try {
          Instant expires = OffsetDateTime.parse(value).toInstant();
          if (expires.isBefore(now)) {
            return Optional.of(Observation.of("web.security-txt-expired", Severity.LOW, "expired", l)
                .with("expires", value));
          }
        } catch (DateTimeParseException e) {
          return Optional.of(Observation.of("web.security-txt-expired", Severity.LOW, "expired", l)
              .with("expires", value + " (unreadable)"));
        }
      }
    }
    return Optional.empty();
  }
}
