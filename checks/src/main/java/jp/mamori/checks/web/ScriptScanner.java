package jp.mamori.checks.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;

/**
 * Reads JavaScript (inline or fetched) for the signs of injected code: obfuscation, skimmers, cryptominers,
 * redirects to other sites (also those that only fire for search-engine visitors) and off-site beacons.
 * Patterns are simple and bounded; hostile input is cut before it is scanned.
 */
public final class ScriptScanner {
  static final int MAX_SCAN = 256 * 1024;
  private static final Pattern EVAL_DECODE = Pattern.compile(
      "\\b(eval|Function)\\s*\\(\\s*(window\\s*\\.\\s*)?(atob|unescape|decodeURIComponent|escape|String\\s*\\.\\s*fromCharCode|"
          + "function\\s*\\(\\s*p\\s*,\\s*a\\s*,\\s*c\\s*,\\s*k\\s*,\\s*e)");
  private static final Pattern FROM_CHAR_CODE = Pattern.compile("fromCharCode\\s*\\(([\\d\\s,x+a-fA-F-]{0,4000})\\)");
  private static final Pattern ENCODED_REDIRECT = Pattern.compile(
      "(?i)location(\\.href)?\\s*=\\s*(window\\.)?(atob|unescape|decodeURIComponent|String\\.fromCharCode)\\s*\\(|"
          + "location\\.(replace|assign)\\s*\\(\\s*(window\\.)?(atob|unescape|String\\.fromCharCode)\\s*\\(");
  private static final Pattern HEX_IDENT = Pattern.compile("\\b_0x[0-9a-fA-F]{3,}\\b");
  private static final Pattern HEX_ESCAPE = Pattern.compile("\\\\x[0-9a-fA-F]{2}");
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u00[0-9a-fA-F]{2}");
  private static final Pattern LONG_B64 = Pattern.compile("[\"'`]([A-Za-z0-9+/]{160,}={0,2})[\"'`]");
  private static final Pattern SHORT_B64 = Pattern.compile("[\"'`]([A-Za-z0-9+/]{16,2048}={0,2})[\"'`]");
  private static final Pattern LONG_HEX = Pattern.compile("[\"'`]([0-9a-fA-F]{200,})[\"'`]");
  private static final Pattern URL = Pattern.compile("(?i)(https?:)?//([a-z0-9.-]+\\.[a-z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})(:\\d+)?[^\\s\"'`)<>]*");
  private static final Pattern LOCATION_SET = Pattern.compile(
      "(?i)(window\\.|document\\.|top\\.|self\\.|parent\\.)?location(\\.href)?\\s*=(?!=)\\s*|location\\.(replace|assign)\\s*\\(|"
          + "window\\.open\\s*\\(|http-equiv\\s*=\\s*[\"']?refresh");
  private static final Pattern REFERRER_ENGINE = Pattern.compile("(?i)(google|bing|yahoo|yandex|baidu|duckduckgo|naver)");
  private static final Pattern HARVEST = Pattern.compile(
      "(?i)(\\.value\\b|\\.val\\(\\s*\\)|new\\s+FormData|\\.serialize(Array)?\\s*\\(|querySelectorAll\\s*\\(\\s*[\"'](input|select|form)|"
          + "getElementsByTagName\\s*\\(\\s*[\"'](input|select)|\\.elements\\b|document\\.forms)");
  private static final Pattern EXFIL = Pattern.compile(
      "(?i)(new\\s+Image\\s*\\(|\\.src\\s*=|sendBeacon\\s*\\(|\\bfetch\\s*\\(|XMLHttpRequest|\\.ajax\\s*\\(|\\$\\.post\\s*\\(|"
          + "new\\s+WebSocket\\s*\\()");
  private static final Pattern CARD_WORDS = Pattern.compile(
      "(?i)(card.?number|cc.?num|cvv|cvc|card.?holder|expir|billing|checkout|payment|password|passwd)");
  private static final Pattern EXFIL_TARGET = Pattern.compile(
      "(?i)(sendBeacon\\s*\\(|\\bfetch\\s*\\(|\\.open\\s*\\(\\s*[\"'](POST|GET)[\"']\\s*,|\\.src\\s*=|new\\s+WebSocket\\s*\\()\\s*[\"'`]"
          + "((https?:|wss?:)?//[^\"'`\\s]+)");
  private static final Pattern URL_PROPERTY = Pattern.compile(
      "(?i)\\b(url|action|endpoint|gate|server)\\s*[:=]\\s*[\"'`]((https?:)?//[^\"'`\\s]+)");
  private static final Pattern LOADER = Pattern.compile(
      "(?i)(createElement\\s*\\(\\s*[\"'](script|iframe)[\"']|document\\.write(ln)?\\s*\\(|\\.innerHTML\\s*=|"
          + "insertAdjacentHTML\\s*\\(|\\$\\.getScript\\s*\\(|importScripts\\s*\\()");
  private static final Pattern QUOTED_URL = Pattern.compile(
      "(?i)[\"'`=]\\s*((https?:)?//([a-z0-9.-]+\\.[a-z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})(:\\d+)?[^\\s\"'`)<>\\\\]*)");
  private static final Pattern IFRAME_TAG = Pattern.compile("(?i)<iframe[^>]{0,400}>");

  private final WebRules rules;
  private final OriginRules origins;

  public ScriptScanner(WebRules rules) {
    this.rules = rules;
    this.origins = new OriginRules(rules);
  }

  /** What one script says about itself; beacons are off-site URLs it sends data to. */
  public record Result(List<Observation> observations, Set<URI> beacons, Set<URI> loads, Set<String> hostsMentioned,
      List<String> iframeTags) {}

  public Result scan(String source, URI page) {
    return scan(source, page, false);
  }

  /**
   * @param file true for fetched script files (libraries): only the strongest signs count there, because
   *     minified libraries legitimately mention other sites, read form values and escape characters
   */
  public Result scan(String source, URI page, boolean file) {
    String js = source.length() > MAX_SCAN ? source.substring(0, MAX_SCAN) : source;
    String decoded = decodedLiterals(js);
    String all = decoded.isEmpty() ? js : js + "\n" + decoded;
    String lower = all.toLowerCase(Locale.ROOT);
    List<Observation> out = new ArrayList<>();
    String snippet = Finding.snippet(js.strip());

    List<String> obf = obfuscation(js, file);
    if (!obf.isEmpty()) {
      out.add(Observation.of("web.obfuscated-js", Severity.HIGH, String.join(",", obf), snippet).with("signals",
          String.join(", ", obf)));
    }

    for (String marker : rules.minerMarkers) {
      if (lower.contains(marker)) {
        out.add(Observation.of("web.cryptominer", Severity.CRITICAL, marker, snippet).with("marker", marker));
        break;
      }
    }

    Set<String> offsiteHosts = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    Matcher m = URL.matcher(all);
    int count = 0;
    while (m.find() && count++ < 500) {
      String host = m.group(2).toLowerCase(Locale.ROOT);
      hosts.add(host);
      URI u = Sites.resolve(page, (m.group(1) == null ? "https:" : "") + m.group());
      if (u != null && !Sites.sameSite(page, u)) {
        offsiteHosts.add(host);
        if (rules.isMinerHost(host) && out.stream().noneMatch(o -> o.check().equals("web.cryptominer"))) {
          out.add(Observation.of("web.cryptominer", Severity.CRITICAL, host, snippet).with("host", host));
        }
      }
    }

    boolean loader = LOADER.matcher(all).find();
    Set<URI> loads = new LinkedHashSet<>();
    Set<URI> beacons = new LinkedHashSet<>();
    Matcher t = EXFIL_TARGET.matcher(all);
    while (t.find()) {
      addOffsite(beacons, page, t.group(3));
    }
    Matcher up = URL_PROPERTY.matcher(all);
    while (up.find()) {
      addOffsite(beacons, page, up.group(2));
    }
    if (loader) {
      // code that writes or creates script/iframe elements loads the off-site URLs it quotes
      Matcher q = QUOTED_URL.matcher(all);
      int n = 0;
      while (q.find() && n++ < 200) {
        addOffsite(loads, page, q.group(1));
      }
      beacons.removeAll(loads);
    }
    List<String> iframes = new ArrayList<>();
    Matcher ifr = IFRAME_TAG.matcher(all);
    while (ifr.find() && iframes.size() < 10) {
      iframes.add(ifr.group().replace("\\\"", "\"").replace("\\'", "'"));
    }

    // skimmer: reads what visitors type and sends it to another site
    boolean harvest = HARVEST.matcher(all).find();
    boolean exfil = EXFIL.matcher(all).find();
    Set<String> foreign = new LinkedHashSet<>();
    for (String h : offsiteHosts) {
      if (!rules.isKnownPlatform(h)) {
        foreign.add(h);
      }
    }
    boolean beaconForeign = beacons.stream().anyMatch(b -> !rules.isKnownPlatform(Sites.host(b)));
    // a drop URL hidden in base64 is as telling as one handed straight to a send call
    Set<String> foreignDecoded = new LinkedHashSet<>();
    Matcher d = URL.matcher(decoded);
    while (d.find()) {
      URI u = Sites.resolve(page, (d.group(1) == null ? "https:" : "") + d.group());
      if (u != null && !Sites.sameSite(page, u) && !rules.isKnownPlatform(Sites.host(u))) {
        foreignDecoded.add(Sites.host(u));
      }
    }
    boolean cardish = CARD_WORDS.matcher(all).find() || lower.contains("btoa(");
    if (harvest && exfil && (beaconForeign || !foreignDecoded.isEmpty()
        || (!file && !foreign.isEmpty() && !obf.isEmpty() && cardish))) {
      String to = beaconForeign ? Sites.host(beacons.stream().filter(b -> !rules.isKnownPlatform(Sites.host(b)))
          .findFirst().orElseThrow()) : !foreignDecoded.isEmpty() ? foreignDecoded.iterator().next() : foreign.iterator().next();
      out.add(Observation.of("web.skimmer", Severity.CRITICAL, to, snippet).with("sendsTo", to));
    }

    // redirects written in script: to another site, or only for visitors from search engines
    Matcher loc = LOCATION_SET.matcher(all);
    while (!file && loc.find()) {
      int end = Math.min(all.length(), loc.end() + 300);
      Matcher u = URL.matcher(all.substring(loc.end(), end));
      if (u.find() && u.start() < 120) {
        URI target = Sites.resolve(page, (u.group(1) == null ? "https:" : "") + u.group());
        if (target != null && !Sites.sameSite(page, target) && !rules.isKnownPlatform(Sites.host(target))) {
          boolean windowOpen = loc.group().toLowerCase(Locale.ROOT).startsWith("window.open");
          boolean referrer = lower.contains("document.referrer") && REFERRER_ENGINE.matcher(all).find();
          if (referrer) {
            out.add(Observation.of("web.redirect-search-referrer", Severity.CRITICAL, Sites.host(target), snippet)
                .with("to", target.toString()).with("how", "script"));
          } else if (!windowOpen && !insideHandler(all, loc.start())) {
            out.add(Observation.of("web.redirect-offsite", Severity.CRITICAL, Sites.host(target), snippet)
                .with("to", target.toString()).with("how", "script"));
          }
          break;
        }
      }
    }
    for (String h : offsiteHosts) {
      origins.typosquatOf(h).ifPresent(real -> out.add(Observation.of("web.cdn-typosquat", Severity.CRITICAL, h, snippet)
          .with("host", h).with("imitates", real)));
    }
    return new Result(out, beacons, loads, hosts, iframes);
  }

  private static void addOffsite(Set<URI> into, URI page, String raw) {
    String r = raw.startsWith("//") ? "https:" + raw : raw.replaceFirst("^(?i)ws", "http");
    URI u = Sites.resolve(page, r);
    if (u != null && !Sites.sameSite(page, u)) {
      into.add(u);
    }
  }

  /** Redirects inside click/submit handlers are navigation the visitor asked for, not hijacks. */
  private static boolean insideHandler(String js, int at) {
    int from = Math.max(0, at - 200);
    String before = js.substring(from, at).toLowerCase(Locale.ROOT);
    return before.contains("addeventlistener(\"click") || before.contains("addeventlistener('click")
        || before.contains("onclick") || before.contains(".click(") || before.contains("on('click")
        || before.contains("on(\"click") || before.contains("submit");
  }

  List<String> obfuscation(String js, boolean file) {
    List<String> signals = new ArrayList<>();
    if (EVAL_DECODE.matcher(js).find()) {
      signals.add("eval-decode");
    }
    Matcher f = FROM_CHAR_CODE.matcher(js);
    int calls = 0;
    int longest = 0;
    while (f.find()) {
      calls++;
      longest = Math.max(longest, f.group(1).split(",").length);
    }
    if (longest >= 12 || calls >= 8) {
      signals.add("fromCharCode-chain");
    }
    String lower = js.toLowerCase(Locale.ROOT);
    if (lower.contains("unescape(") && lower.contains("document.write")) {
      signals.add("unescape-document-write");
    }
    Set<String> ids = new HashSet<>();
    Matcher h = HEX_IDENT.matcher(js);
    while (h.find() && ids.size() < 10) {
      ids.add(h.group());
    }
    if (ids.size() >= 3) {
      signals.add("_0x-identifiers");
    }
    if (ENCODED_REDIRECT.matcher(js).find()) {
      signals.add("encoded-redirect");
    }
    if (file) {
      return signals;
    }
    if (count(HEX_ESCAPE, js, 40) >= 40 || count(UNICODE_ESCAPE, js, 60) >= 60) {
      signals.add("hex-escaped-strings");
    }
    boolean sink = lower.contains("eval(") || lower.contains("atob(") || lower.contains("document.write")
        || lower.contains("new function") || lower.contains("function(") && lower.contains("constructor");
    if (sink && (LONG_B64.matcher(js).find() || LONG_HEX.matcher(js).find())) {
      signals.add("long-encoded-literal");
    }
    return signals;
  }

  private static int count(Pattern p, String s, int enough) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (n < enough && m.find()) {
      n++;
    }
    return n;
  }

  /** Base64 string literals that decode to readable text: skimmers hide their drop URL that way. */
  static String decodedLiterals(String js) {
    StringBuilder sb = new StringBuilder();
    Matcher m = SHORT_B64.matcher(js);
    int n = 0;
    while (m.find() && n++ < 50 && sb.length() < 16 * 1024) {
      String lit = m.group(1);
      if (lit.length() % 4 != 0 || lit.chars().noneMatch(Character::isDigit) && lit.chars().allMatch(Character::isLetter)) {
        continue;
      }
      try {
        byte[] raw = Base64.getDecoder().decode(lit);
        String text = new String(raw, StandardCharsets.UTF_8);
        long printable = text.chars().filter(c -> c >= 0x20 && c < 0x7f).count();
        if (printable >= text.length() * 0.9 && text.length() >= 8) {
          sb.append(text).append('\n');
        }
      } catch (IllegalArgumentException ignored) {
        // not base64 after all
      }
    }
    return sb.toString();
  }
}
