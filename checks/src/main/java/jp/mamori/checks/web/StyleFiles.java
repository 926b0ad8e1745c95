package jp.mamori.checks.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.web.PageFacts.Kind;
import jp.mamori.checks.web.PageFacts.Resource;

/**
 * The site's own stylesheet files: code appended to a theme's {@code style.css} ({@code @import} of another site's
 * sheet, fonts and images from an attacker's host) never shows in the pages. Which files a patrol reads and what it
 * takes from them; the patrol fetches them.
 */
final class StyleFiles {
  static final int MAX_FILES = 6;
  static final int MAX_BYTES = 256 * 1024;
  private static final int MAX_SCAN = 512 * 1024;
  private static final Pattern IMPORT = Pattern.compile(
      "(?i)@import\\s+(?:url\\(\\s*)?[\"']?([^\"')\\s;]+)");
  private static final Pattern URL_FN = Pattern.compile("(?i)url\\(\\s*[\"']?([^\"')\\s]+)");

  /** What one stylesheet file loads from other sites, and every host it names (for the IoC list). */
  record Read(List<URI> imports, Set<String> hosts) {}

  private StyleFiles() {}

  /**
   * Same-site stylesheets the pages reference, at most {@link #MAX_FILES}, the ones owners and attackers edit first:
   * a child theme's, a theme's and uploaded custom CSS before plugins' files and the CMS core's.
   */
  static Map<URI, URI> choose(List<PageFacts> pages) {
    Map<String, URI[]> byPath = new LinkedHashMap<>();
    for (PageFacts p : pages) {
      for (Resource r : p.resources()) {
        if (r.kind() == Kind.STYLESHEET && Sites.sameSite(p.uri(), r.url()) && byPath.size() < 200) {
          byPath.putIfAbsent(r.url().getPath() == null ? r.url().toString() : r.url().getPath(), new URI[] {r.url(), p.uri()});
        }
      }
    }
    List<URI[]> files = new ArrayList<>(byPath.values());
    files.sort(Comparator.comparingInt(f -> rank(f[0])));
    Map<URI, URI> out = new LinkedHashMap<>();
    for (URI[] f : files.subList(0, Math.min(MAX_FILES, files.size()))) {
      out.put(f[0], f[1]);
    }
    return out;
  }

  private static int rank(URI file) {
    String p = file.getPath() == null ? "" : file.getPath().toLowerCase(Locale.ROOT);
    if (p.contains("child")) {
      return 0;
    } else if (p.contains("/wp-includes/") || p.contains("/wp-admin/")) {
      return 3;
    } else if (p.contains("/plugins/") || p.contains("/vendor/") || p.contains("/lib/")) {
      return 2;
    }
    return p.endsWith(".min.css") ? 1 : 0;
  }

  static Read read(String css, URI file) {
    String text = withoutComments(css.length() > MAX_SCAN ? css.substring(0, MAX_SCAN) : css);
    List<URI> imports = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    Matcher im = IMPORT.matcher(text);
    while (im.find() && imports.size() < 50) {
      URI u = Sites.resolve(file, im.group(1));
      if (u != null && u.getHost() != null) {
        hosts.add(Sites.host(u));
        if (!Sites.sameSite(file, u)) {
          imports.add(u);
        }
      }
    }
    Matcher m = URL_FN.matcher(text);
    while (m.find() && hosts.size() < 200) {
      String raw = m.group(1);
      if (raw.startsWith("data:")) {
        continue;
      }
      URI u = Sites.resolve(file, raw);
      if (u != null && u.getHost() != null) {
        hosts.add(Sites.host(u));
      }
    }
    return new Read(imports, hosts);
  }

  /** Comments blanked in one pass (a regex with a lazy .*? is quadratic on a file of unclosed comment openers). */
  static String withoutComments(String css) {
    StringBuilder sb = new StringBuilder(css.length());
    int i = 0;
    while (i < css.length()) {
      int open = css.indexOf("/*", i);
      if (open < 0) {
        sb.append(css, i, css.length());
        break;
      }
      sb.append(css, i, open).append(' ');
      int close = css.indexOf("*/", open + 2);
      i = close < 0 ? css.length() : close + 2;
    }
    return sb.toString();
  }
}
