package jp.mamori.checks.web;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The patrol's rule data (known platforms, CDN names, shorteners, NoCoin names, spam vocabulary, defacement
 * phrases, CMS support table), loaded from {@code jp/mamori/checks/web/*}. Data, not code: edit the files.
 */
public final class WebRules {
  private static final String BASE = "jp/mamori/checks/web/";
  private static volatile WebRules defaults;

  final Set<String> knownOrigins;
  final List<String> cdnNames;
  final Map<String, Set<String>> cdnBrands;
  final Set<String> shorteners;
  final Set<String> minerHosts;
  final List<String> minerMarkers;
  final Map<String, Integer> spamWords;
  final List<Pattern> defacement;
  final Set<String> suspiciousTlds;
  final Set<String> pasteHosts;
  final List<String> botProtection;
  final JsonObject cmsTable;

  private WebRules(ClassLoader loader) {
    knownOrigins = new TreeSet<>(lines(loader, "known-origins.txt"));
    cdnNames = lines(loader, "cdn-names.txt");
    cdnBrands = new LinkedHashMap<>();
    for (String line : lines(loader, "cdn-brands.txt")) {
      String[] parts = line.split("\\s+");
      cdnBrands.put(parts[0], new TreeSet<>(List.of(parts).subList(1, parts.length)));
    }
    shorteners = new TreeSet<>(lines(loader, "shorteners.txt"));
    minerHosts = new TreeSet<>();
    minerMarkers = new ArrayList<>();
    for (String line : lines(loader, "nocoin.txt")) {
      if (line.startsWith("host:")) {
        minerHosts.add(line.substring(5).strip());
      } else if (line.startsWith("marker:")) {
        minerMarkers.add(line.substring(7).strip());
      } else {
        throw new IllegalStateException("nocoin.txt: line must start with host: or marker:, got " + line);
      }
    }
    spamWords = new LinkedHashMap<>();
    for (String line : lines(loader, "spam-words.txt")) {
      int sp = line.indexOf(' ');
      if (sp < 0) {
        throw new IllegalStateException("spam-words.txt: expected 'weight term', got " + line);
      }
      spamWords.put(line.substring(sp + 1).strip(), Integer.parseInt(line.substring(0, sp)));
    }
    defacement = new ArrayList<>();
    // patterns keep their case: lower-casing would turn \S into \s (they match case-insensitively anyway)
    for (String line : lines(loader, "defacement.txt", false)) {
      defacement.add(Pattern.compile(line, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
    suspiciousTlds = new TreeSet<>(lines(loader, "suspicious-tlds.txt"));
    pasteHosts = new TreeSet<>(lines(loader, "paste-hosts.txt"));
    botProtection = lines(loader, "bot-protection.txt");
    cmsTable = cmsTable(new JsonObject(read(loader, BASE + "cms-eol.json")), "cms-eol.json");
  }

  private WebRules(WebRules base, JsonObject cms) {
    knownOrigins = base.knownOrigins;
    cdnNames = base.cdnNames;
    cdnBrands = base.cdnBrands;
    shorteners = base.shorteners;
    minerHosts = base.minerHosts;
    minerMarkers = base.minerMarkers;
    spamWords = base.spamWords;
    defacement = base.defacement;
    suspiciousTlds = base.suspiciousTlds;
    pasteHosts = base.pasteHosts;
    botProtection = base.botProtection;
    cmsTable = cms;
  }

  /**
   * These rules with the CMS support table of verified rule data ({@code data.web.cmsEol}, the shape of
   * {@link #cmsTableJson()}); everything else is shared. A malformed row refuses the whole table with an
   * {@link IllegalArgumentException} naming the row.
   */
  public WebRules withCmsTable(JsonObject table) {
    try {
      return new WebRules(this, cmsTable(table, "web.cmsEol"));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The CMS support table as the console serves it inside its signed rule data ({@code data.web.cmsEol}). */
  public JsonObject cmsTableJson() {
    return cmsTable.copy();
  }

  private static final Pattern VERSION_LINE = Pattern.compile("\\d{1,4}(\\.\\d{1,4}){0,3}");

  private static JsonObject cmsTable(JsonObject table, String name) {
    if (table == null) {
      throw new IllegalStateException(name + " must be an object of cms: {name, latest, oldestSupported}");
    }
    JsonObject out = new JsonObject();
    for (String key : table.fieldNames()) {
      if (key.startsWith("$")) {
        continue;
      }
      String where = name + " '" + key + "'";
      if (!(table.getValue(key) instanceof JsonObject row)) {
        throw new IllegalStateException(where + " must be an object {name, latest, oldestSupported}");
      }
      if (!(row.getValue("name") instanceof String n) || n.isBlank()) {
        throw new IllegalStateException(where + ": name must be a non-empty string");
      }
      for (String field : new String[] {"latest", "oldestSupported"}) {
        if (!(row.getValue(field) instanceof String v) || !VERSION_LINE.matcher(v).matches()) {
          throw new IllegalStateException(where + ": " + field + " must be a version like 6.8, got " + row.getValue(field));
        }
      }
      out.put(key, new JsonObject().put("name", row.getString("name")).put("latest", row.getString("latest"))
          .put("oldestSupported", row.getString("oldestSupported")));
    }
    return out;
  }

  public static WebRules get() {
    WebRules r = defaults;
    if (r == null) {
      synchronized (WebRules.class) {
        r = defaults;
        if (r == null) {
          r = new WebRules(WebRules.class.getClassLoader());
          defaults = r;
        }
      }
    }
    return r;
  }

  private static List<String> lines(ClassLoader loader, String name) {
    return lines(loader, name, true);
  }

  private static List<String> lines(ClassLoader loader, String name, boolean lowerCase) {
    List<String> out = new ArrayList<>();
    for (String line : read(loader, BASE + name).split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(lowerCase ? l.toLowerCase(Locale.ROOT) : l);
      }
    }
    return out;
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing rule file " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read rule file " + resource, e);
    }
  }

  /** True when host is listed or is a subdomain of a listed name. */
  static boolean listed(Set<String> names, String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (true) {
      if (names.contains(h)) {
        return true;
      }
      int dot = h.indexOf('.');
      if (dot < 0) {
        return false;
      }
      h = h.substring(dot + 1);
    }
  }

  public boolean isKnownPlatform(String host) {
    return listed(knownOrigins, host);
  }

  public boolean isShortener(String host) {
    return listed(shorteners, host);
  }

  public boolean isMinerHost(String host) {
    return listed(minerHosts, host);
  }

  public boolean isPasteHost(String host) {
    return listed(pasteHosts, host);
  }

  public boolean hasSuspiciousTld(String host) {
    int dot = host.lastIndexOf('.');
    return dot >= 0 && suspiciousTlds.contains(host.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
