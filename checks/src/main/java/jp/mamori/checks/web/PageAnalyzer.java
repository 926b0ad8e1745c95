package jp.mamori.checks.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.checks.web.PageFacts.Kind;
import jp.mamori.checks.web.PageFacts.Resource;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads one page: what it loads and from where, what its scripts do, hidden content, and the summaries the
 * baseline compares. Works on a Jsoup document and keeps nothing of it.
 */
public final class PageAnalyzer {
  private static final Pattern VER = Pattern.compile("[?&]ver=(\\d+(?:\\.\\d+){1,3})");
  private static final Pattern GENERATOR_VERSION = Pattern.compile("\\b(\\d+(?:\\.\\d+){0,3})\\b");
  private static final Pattern DEFACED_TITLE = Pattern.compile("(?i)\\b(hacked|defaced|pwned|0wned|owned\\s+by)\\b");
  /** A title that is only a crew handle in the "./name" style defacers sign with ("./Gh0stSec", "~ ./K4z ~"). */
  private static final Pattern HANDLE_TITLE = Pattern.compile("^[\\s~=*_.\\-|]*\\./[\\w.\\-]{2,40}[\\s~=*_\\-|]*$");
  /** ClickFix's instructions: open the Run dialog, paste, press Enter. */
  private static final Pattern RUN_DIALOG = Pattern.compile("(?i)(windows|win|⊞)\\s*(キー|key)?\\s*[+＋]\\s*[「\"']?r(?![a-z0-9])");
  private static final Pattern PASTE_KEYS = Pattern.compile("(?i)(ctrl|control)\\s*(キー|key)?\\s*[+＋]\\s*[「\"']?v(?![a-z0-9])");
  private static final Pattern GTM_ID = Pattern.compile("\\bGTM-[A-Z0-9]{4,10}\\b");
  private static final Pattern IMPORT = Pattern.compile("@import\\s+(?:url\\()?\\s*[\"']?([^\"')\\s;]+)");
  private static final Pattern HIDING_RULE = Pattern.compile("([.#][A-Za-z0-9_-]{1,80})\\s*\\{([^}]{0,400})\\}");
  private static final Pattern NEG_OFFSET = Pattern.compile(
      "(left|top|right|bottom|text-indent|margin-left|margin-top)\\s*:\\s*-\\s*(\\d{3,})");
  private static final Pattern TINY_FONT = Pattern.compile("font-size\\s*:\\s*(0|[01](\\.\\d+)?px|0?\\.\\d+(em|rem|pt)|1pt)\\s*(;|$|!)");
  private static final Pattern TINY_BOX = Pattern.compile("(^|;)\\s*(width|height)\\s*:\\s*[01](px)?\\s*(;|$|!)");
  private static final Pattern COLLAPSED_BOX = Pattern.compile(
      "(^|;)\\s*(width|height|max-width|max-height)\\s*:\\s*[01](px)?\\s*(;|$|!)");
  private static final Pattern SCALED_AWAY = Pattern.compile("transform\\s*:[^;]{0,40}scale[xy]?\\(\\s*0(\\.0+)?\\s*[,)]");
  private static final Pattern CLIPPED_AWAY = Pattern.compile("clip\\s*:\\s*rect\\(\\s*0|clip-path\\s*:\\s*(inset\\(\\s*50%|circle\\(\\s*0)");
  private static final Pattern TRANSPARENT = Pattern.compile("(^|;)\\s*opacity\\s*:\\s*0?(\\.0+)?\\s*(;|$|!)");
  private static final Pattern SCRIPT_HIDES = Pattern.compile(
      "getElementById\\(\\s*[\"']([\\w-]{1,80})[\"']\\s*\\)\\.style\\.(display\\s*=\\s*[\"']none|visibility\\s*=\\s*[\"']hidden)|"
          + "\\$\\(\\s*[\"']#([\\w-]{1,80})[\"']\\s*\\)\\.hide\\(\\s*\\)");
  private static final Pattern PIXEL_BOX = Pattern.compile("(^|;)(width|height):[01](px)?(;|$|!)");
  /** Class names and ids with long numbers are generated per build or per page: not part of the skeleton. */
  private static final Pattern GENERATED = Pattern.compile("\\d{3,}");
  private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?\\s*([^'\"\\s]+)");
  private static final Pattern DOWNLOAD = Pattern.compile(
      "(?i)\\.(exe|msi|msix|scr|zip|rar|7z|iso|img|vhd|hta|vbs|js|jse|wsf|bat|cmd|ps1|apk|dmg|pkg|jar|lnk)$");
  private static final Pattern UPDATE_WORDS = Pattern.compile(
      "(?i)(update|upgrade|out of date|outdated|アップデート|更新|最新版|最新ではありません|古いバージョン|バージョンが古)");
  private static final Pattern BROWSER_WORDS = Pattern.compile("(?i)(browser|chrome|firefox|edge|safari|flash player|ブラウザ)");
  private static final Pattern COLOR = Pattern.compile("(^|;)\\s*color\\s*:\\s*([^;!]+)");
  private static final Pattern BACKGROUND = Pattern.compile("background(-color)?\\s*:\\s*([^;!]+)");
  private static final Pattern SENSITIVE = Pattern.compile("(?i)(pass|card|cc[-_]?num|cvv|cvc|expir|secur|カード|暗証)");
  private static final Set<String> A11Y = Set.of("sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
      "screen-reader-only", "sr-text", "a11y-hidden", "assistive-text", "hidden-accessible", "skip-link", "skip-to-content",
      "element-invisible", "offscreen", "u-visually-hidden", "show-for-sr", "sr-only-focusable");
  private static final Set<String> NON_PAGE = Set.of("jpg", "jpeg", "png", "gif", "webp", "svg", "pdf", "zip", "doc", "docx",
      "xls", "xlsx", "ppt", "pptx", "mp4", "mp3", "mov", "css", "js", "ico", "xml", "txt", "csv", "gz", "rar", "7z", "exe");

  static final int MAX_TEXT = 200_000;
  /**
   * Elements read of one page (its first ones, as the byte cap keeps a body's first MiB): a parsed element costs
   * ~250 bytes of heap, the box has 32 MiB, and a 1 MiB page of short rows is 30,000 of them. Pages people build have
   * a few thousand (Lighthouse calls 1,400 excessive). Of the rest only the tags of {@link Bodies#tailTags} are read.
   */
  static final int MAX_ELEMENTS = 10_000;

  private final WebRules rules;
  private final ScriptScanner scripts;
  private final OriginRules origins;

  public PageAnalyzer(WebRules rules) {
    this.rules = rules;
    this.scripts = new ScriptScanner(rules);
    this.origins = new OriginRules(rules);
  }

  /**
   * Parses a capped body's first {@link #MAX_ELEMENTS} elements, its NUL bytes left out, and of the rest the tags that
   * load, send or point somewhere ({@link Bodies#tailTags}), and reads them; the document is dropped before this returns.
   */
  public PageFacts analyze(byte[] body, URI pageUrl, boolean keepShingles) {
    byte[] html = Bodies.withoutNuls(body);
    int length = Bodies.elementsCut(html, MAX_ELEMENTS);
    String head = new String(html, 0, Math.min(length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
    Document doc = Bodies.parse(html, length, pageUrl);
    if (length < html.length) {
      // attackers append to a page: its tail's scripts, frames, forms and links are read without the rows around them
      String tail = Bodies.tailTags(html, length, doc.charset());
      if (!tail.isEmpty()) {
        doc.body().appendChildren(org.jsoup.Jsoup.parseBodyFragment(tail, pageUrl.toString()).body().childNodes());
      }
    }
    return analyze(doc, pageUrl, keepShingles, isBlockedPage("", head), html);
  }

  public PageFacts analyze(Document doc, URI pageUrl, boolean keepShingles, boolean blocked) {
    return analyze(doc, pageUrl, keepShingles, blocked, null);
  }

  private PageFacts analyze(Document doc, URI pageUrl, boolean keepShingles, boolean blocked, byte[] raw) {
    // a planted <base href> moves every relative resource to another site
    URI page = pageUrl;
    Element baseTag = doc.selectFirst("base[href]");
    URI baseHref = baseTag == null ? null : Sites.resolve(pageUrl, baseTag.attr("href"));
    URI base = baseHref == null ? pageUrl : baseHref;
    List<Resource> resources = new ArrayList<>();
    List<Observation> obs = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> scriptHashes = new LinkedHashSet<>();
    Set<String> containers = new LinkedHashSet<>();
    Set<String> hiddenSelectors = hidingSelectors(doc);
    boolean clipboard = false;
    String pageConfig = metaConfig(doc);

    for (Element s : doc.getElementsByTag("script")) {
      String type = s.attr("type").toLowerCase(Locale.ROOT);
      String inline = s.hasAttr("src") ? dataScript(s.attr("src")) : null;
      if (s.hasAttr("src") && inline == null) {
        add(resources, Kind.SCRIPT, base, s.attr("src"), s, false, false);
        containers(s.attr("src"), containers);
      } else if (type.isEmpty() || type.contains("javascript") || type.equals("module")) {
        // a data: URL script is inline code in disguise
        String js = inline != null ? inline : s.data();
        if (js.isBlank()) {
          continue;
        }
        scriptHashes.add(sha256(js.strip()));
        containers(js, containers);
        clipboard |= js.contains("clipboard.writeText") || js.contains("execCommand('copy'") || js.contains("execCommand(\"copy\"");
        // skimmers keep their drop URL in the tag's own data- attributes and read it through dataset
        StringBuilder attrs = new StringBuilder();
        for (org.jsoup.nodes.Attribute a : s.attributes()) {
          if (a.getKey().startsWith("data-") && a.getValue().contains("//") && attrs.length() < 4096) {
            attrs.append("\n;'").append(a.getValue().replace("'", "")).append("';");
          }
        }
        attrs.append(pageConfig);
        ScriptScanner.Result r = scripts.scan(attrs.isEmpty() ? js : js + attrs, page);
        obs.addAll(r.observations());
        hosts.addAll(r.hostsMentioned());
        for (URI b : r.beacons()) {
          resources.add(new Resource(Kind.BEACON, b, Finding.snippet(js.strip()), false, false));
        }
        for (URI l : r.loads()) {
          resources.add(new Resource(Kind.SCRIPT, l, Finding.snippet(js.strip()), false, false));
        }
        for (URI f : r.formActions()) {
          resources.add(new Resource(Kind.FORM, f, Finding.snippet(js.strip()), false, false));
        }
        for (String tag : r.iframeTags()) {
          Element f = org.jsoup.Jsoup.parseBodyFragment(tag, page.toString()).selectFirst("iframe[src]");
          if (f != null) {
            add(resources, Kind.IFRAME, page, f.attr("src"), f, hidden(f, hiddenSelectors, true), false);
          }
        }
      }
    }
    int handlers = 0;
    for (Element e : doc.getAllElements()) {
      if (handlers > 200) {
        break;
      }
      for (org.jsoup.nodes.Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        if (key.startsWith("on") && a.getValue().length() > 30 && handlers++ <= 200) {
          ScriptScanner.Result r = scripts.scan(a.getValue(), page);
          obs.addAll(r.observations());
          r.beacons().forEach(b -> resources.add(new Resource(Kind.BEACON, b, Finding.snippet(e.outerHtml()), false, false)));
        } else if (key.equals("href") && a.getValue().strip().toLowerCase(Locale.ROOT).startsWith("javascript:")
            && a.getValue().length() > 30) {
          obs.addAll(scripts.scan(a.getValue(), page).observations());
        }
      }
    }
    for (Element f : doc.select("iframe[src], frame[src], embed[src], object[data]")) {
      String src = f.hasAttr("src") ? f.attr("src") : f.attr("data");
      add(resources, Kind.IFRAME, base, src, f, hidden(f, hiddenSelectors, true), false);
    }
    // a srcdoc frame is a document written into the page: what its scripts load, the page loads
    int frames = 0;
    for (Element f : doc.select("iframe[srcdoc]")) {
      if (frames++ > 20) {
        break;
      }
      boolean hiddenFrame = hidden(f, hiddenSelectors, true);
      Document inner = org.jsoup.Jsoup.parse(Bodies.cut(f.attr("srcdoc"), 64 * 1024), page.toString(),
          org.jsoup.parser.Parser.htmlParser().setMaxDepth(Bodies.MAX_DEPTH));
      for (Element sc : inner.getElementsByTag("script")) {
        URI u = sc.hasAttr("src") ? Sites.resolve(page, sc.attr("src")) : null;
        if (u != null) {
          resources.add(new Resource(Kind.SCRIPT, u, Finding.snippet(f.outerHtml()), false, false));
          resources.add(new Resource(Kind.IFRAME, u, Finding.snippet(f.outerHtml()), hiddenFrame, false));
        } else if (!sc.data().isBlank()) {
          ScriptScanner.Result r = scripts.scan(sc.data(), page);
          obs.addAll(r.observations());
          r.loads().forEach(l -> resources.add(new Resource(Kind.SCRIPT, l, Finding.snippet(f.outerHtml()), false, false)));
        }
      }
    }
    for (Element l : doc.select("link[href]")) {
      String rel = l.attr("rel").toLowerCase(Locale.ROOT);
      // rel=preload as=style is the loadCSS way of adding a stylesheet (it turns itself into one on load)
      if (rel.contains("stylesheet") || rel.contains("preload") && l.attr("as").equalsIgnoreCase("style")) {
        add(resources, Kind.STYLESHEET, base, l.attr("href"), l, false, false);
      } else if (rel.contains("modulepreload") || rel.contains("preload") && l.attr("as").equalsIgnoreCase("script")) {
        add(resources, Kind.SCRIPT, base, l.attr("href"), l, false, false);
      }
    }
    for (Element st : doc.getElementsByTag("style")) {
      Matcher m = IMPORT.matcher(Bodies.cut(st.data(), 100_000));
      while (m.find()) {
        add(resources, Kind.STYLESHEET, page, m.group(1), st, false, false);
      }
    }
    List<Element> forms = doc.getElementsByTag("form");
    boolean anySensitive = false;
    for (Element form : forms) {
      boolean sensitive = false;
      for (Element in : form.select("input, select")) {
        if (in.attr("type").equalsIgnoreCase("password") || SENSITIVE.matcher(in.attr("name") + " " + in.id() + " "
            + in.attr("autocomplete") + " " + in.attr("placeholder")).find()) {
          sensitive = true;
          break;
        }
      }
      anySensitive |= sensitive;
      String action = form.attr("action").strip();
      if (!action.isEmpty()) {
        add(resources, Kind.FORM, base, action, form.clone().empty(), false, sensitive);
      }
      // a submit button's formaction overrides the form's action
      for (Element b : form.select("button[formaction], input[formaction]")) {
        add(resources, Kind.FORM, base, b.attr("formaction"), b, false, sensitive);
      }
    }
    if (anySensitive && raw != null) {
      // a <form> inside another form is dropped by the parser (and by browsers), its fields joining the outer one; the
      // dropped tag still says where whoever added the card or password fields wanted them sent
      for (Element dropped : droppedForms(raw, forms)) {
        add(resources, Kind.FORM, base, dropped.attr("action").strip(), dropped, false, true);
      }
    }
    for (Element img : doc.select("img[src]")) {
      URI u = Sites.resolve(page, img.attr("src"));
      if (u != null && !Sites.sameSite(page, u) && (tinyImage(img) || hidden(img, hiddenSelectors, true))) {
        resources.add(new Resource(Kind.BEACON, u, Finding.snippet(img.outerHtml()), true, false));
      }
    }

    signatureChecks(page, resources, obs);

    URI refresh = null;
    for (Element meta : doc.select("meta[http-equiv]")) {
      if (meta.attr("http-equiv").equalsIgnoreCase("refresh")) {
        Matcher rm = REFRESH_URL.matcher(Bodies.cut(meta.attr("content"), 4096));
        if (rm.find()) {
          refresh = Sites.resolve(page, rm.group(1));
          if (refresh != null && !Sites.sameSite(page, refresh)) {
            obs.add(Observation.of("web.redirect-offsite", Severity.CRITICAL, Sites.host(refresh),
                Finding.snippet(meta.outerHtml())).with("to", refresh.toString()).with("how", "meta refresh"));
          }
        }
      }
    }

    List<URI> pageLinks = new ArrayList<>();
    Set<String> offsiteLinks = new LinkedHashSet<>();
    Set<URI> seen = new HashSet<>();
    for (Element a : doc.select("a[href], area[href]")) {
      URI u = Sites.resolve(page, a.attr("href"));
      if (u == null) {
        continue;
      }
      hosts.add(Sites.host(u));
      if (Sites.sameSite(page, u)) {
        URI clean = Sites.withoutFragment(u);
        if (isPage(clean) && seen.add(clean) && pageLinks.size() < 500) {
          pageLinks.add(clean);
        }
      } else if (!rules.isKnownPlatform(Sites.host(u))) {
        offsiteLinks.add(Sites.host(u));
      }
    }
    resources.forEach(r -> hosts.add(Sites.host(r.url())));
    attributeHosts(doc, hosts);
    Set<String> declared = new LinkedHashSet<>();
    for (Element l : doc.select("link[rel~=(?i)^(canonical|alternate|amphtml)$][href]")) {
      URI u = Sites.resolve(page, l.attr("href"));
      if (u != null && !Sites.sameSite(page, u) && !l.attr("type").toLowerCase(Locale.ROOT).contains("xml")
          && !l.attr("type").toLowerCase(Locale.ROOT).contains("json")) {
        declared.add(Sites.host(u));
      }
    }

    spam(doc, page, hiddenSelectors, obs);
    fakeUpdate(doc, page, obs);

    String title = Bodies.cut(doc.title(), 1000);
    // the text comparisons need the page's gist, not megabytes of it: cap before the copies below
    String bodyText = doc.body() == null ? "" : Bodies.cut(doc.body().text(), MAX_TEXT);
    String allText = title + " " + bodyText;
    String phrase = Texts.defacementPhrase(allText, rules.defacement);
    if (phrase == null && (DEFACED_TITLE.matcher(Texts.unleet(title.toLowerCase(Locale.ROOT))).find()
        || HANDLE_TITLE.matcher(title).matches())) {
      phrase = title;
    }
    if (clipboard && RUN_DIALOG.matcher(bodyText).find() && PASTE_KEYS.matcher(bodyText).find()) {
      obs.add(Observation.of("web.fake-update", Severity.CRITICAL, "clipboard",
          Finding.snippet(bodyText.substring(Math.max(0, indexOf(RUN_DIALOG, bodyText) - 200))))
          .with("how", "the page puts a command on the clipboard and tells visitors to run it (Win+R, Ctrl+V)"));
    }
    if (phrase != null) {
      obs.add(Observation.of("web.defacement", Severity.CRITICAL, "phrase", Finding.snippet(phrase)).with("title",
          Finding.snippet(title)));
    }
    Map<String, Integer> spamTerms = Texts.spamTerms(allText, rules.spamWords);

    String generator = doc.select("meta[name=generator]").eachAttr("content").stream().findFirst().orElse(null);
    Set<String> versions = new LinkedHashSet<>();
    boolean wordpress = false;
    if (generator != null && Hygiene.cmsKey(generator).isPresent()) {
      wordpress = generator.toLowerCase(Locale.ROOT).contains("wordpress");
      Matcher gm = GENERATOR_VERSION.matcher(generator);
      if (gm.find()) {
        versions.add(gm.group(1));
      }
    }
    for (Resource r : resources) {
      String u = r.url().toString();
      if (u.contains("/wp-includes/") || u.contains("/wp-content/")) {
        wordpress = true;
      }
      if (u.contains("/wp-includes/") && Sites.sameSite(page, r.url())) {
        Matcher vm = VER.matcher(u);
        if (vm.find()) {
          versions.add(vm.group(1));
        }
      }
    }

    String norm = Texts.normalise(allText);
    Set<Integer> sh = Texts.shingles(norm, 20_000);
    return new PageFacts(page, Finding.snippet(title), Texts.language(bodyText), bodyText.length(), resources, obs,
        pageLinks, offsiteLinks, hosts, generator, versions, wordpress, refresh, Texts.sketch(sh),
        Texts.sketch(structure(doc)), keepShingles ? sh : Set.of(), spamTerms, scriptHashes,
        blocked && isChallengeSized(bodyText, pageLinks), declared, containers);
  }

  private static void containers(String text, Set<String> into) {
    if (!text.contains("GTM-") || into.size() >= 20) {
      return;
    }
    Matcher m = GTM_ID.matcher(Bodies.cut(text, 256 * 1024));
    while (m.find() && into.size() < 20) {
      into.add(m.group());
    }
  }

  private static final Pattern ATTRIBUTE_URL = Pattern.compile(
      "(?i)(?:https?:)?//([a-z0-9.-]+\\.[a-z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})(?::\\d+)?");
  private static final Pattern STANDARD_META = Pattern.compile(
      "(?i)^(og:|twitter:|fb:|article:|al:|msapplication|apple-|description|keywords|viewport|generator|robots|googlebot|"
          + "referrer|theme-color|author|format-detection|thumbnail|image|url)");

  /**
   * Off-site URLs the page keeps in meta tags of its own naming: scripts read them as configuration
   * ({@code querySelector('meta[name=x]').content}), so they are read with each inline script.
   */
  private static String metaConfig(Document doc) {
    StringBuilder sb = new StringBuilder();
    for (Element m : doc.select("meta[name][content], meta[property][content]")) {
      String name = m.hasAttr("name") ? m.attr("name") : m.attr("property");
      String content = m.attr("content");
      if (content.contains("//") && !STANDARD_META.matcher(name).find() && sb.length() < 4096) {
        sb.append("\n;'").append(Bodies.cut(content, 1024).replace("'", "")).append("';");
      }
    }
    return sb.toString();
  }

  /** Hosts named in any attribute (srcset, inline style url(), data-src, poster, ...), for the IoC list. */
  private static void attributeHosts(Document doc, Set<String> hosts) {
    int seen = 0;
    for (Element e : doc.getAllElements()) {
      if (seen > 5000 || hosts.size() > 1000) {
        return;
      }
      for (org.jsoup.nodes.Attribute a : e.attributes()) {
        String v = a.getValue();
        if (v.length() > 8 && v.indexOf("//") >= 0 && seen++ <= 5000) {
          Matcher m = ATTRIBUTE_URL.matcher(Bodies.cut(v, 8192));
          while (m.find() && hosts.size() <= 1000) {
            hosts.add(m.group(1).toLowerCase(Locale.ROOT));
          }
        }
      }
    }
  }

  /**
   * A challenge page says little and links nowhere; a normal page of a site behind a bot-protection service carries
   * the same markers in its scripts (Cloudflare's challenge-platform snippet) and must still be checked.
   */
  static boolean isChallengeSized(String bodyText, List<URI> pageLinks) {
    return bodyText.length() < 1500 && pageLinks.size() < 5;
  }

  boolean isBlockedPage(String title, String html) {
    String lower = (title + " " + html).toLowerCase(Locale.ROOT);
    return rules.botProtection.stream().anyMatch(lower::contains);
  }

  private void signatureChecks(URI page, List<Resource> resources, List<Observation> obs) {
    for (Resource r : resources) {
      String host = Sites.host(r.url());
      if (Sites.sameSite(page, r.url())) {
        continue;
      }
      String what = r.kind().name().toLowerCase(Locale.ROOT);
      if (rules.isMinerHost(host) || rules.minerMarkers.stream().anyMatch(m -> r.url().toString().toLowerCase(Locale.ROOT)
          .contains(m))) {
        obs.add(Observation.of("web.cryptominer", Severity.CRITICAL, host, r.snippet()).with("host", host));
      }
      if (r.kind() != Kind.FORM && rules.isShortener(host)) {
        obs.add(Observation.of("web.url-shortener", Severity.HIGH, host, r.snippet()).with("host", host).with("kind", what));
      }
      origins.typosquatOf(host).ifPresent(real -> obs.add(Observation.of("web.cdn-typosquat", Severity.CRITICAL, host,
          r.snippet()).with("host", host).with("imitates", real)));
      if (r.kind() == Kind.IFRAME && r.hidden() && !rules.isKnownPlatform(host)) {
        obs.add(Observation.of("web.hidden-iframe", Severity.HIGH, host, r.snippet()).with("host", host));
      }
      if (r.kind() == Kind.FORM && r.sensitive() && !rules.isKnownPlatform(host)) {
        obs.add(Observation.of("web.form-offsite", Severity.CRITICAL, host, r.snippet()).with("host", host)
            .with("sensitive", "true"));
      }
      if (r.kind() != Kind.FORM && r.kind() != Kind.BEACON) {
        origins.suspicion(host).ifPresent(why -> obs.add(Observation.of("web.suspicious-origin", Severity.HIGH, host,
            r.snippet()).with("host", host).with("reason", why).with("kind", what)));
      }
    }
  }

  /** The code of a {@code data:} script URL (base64 or percent-encoded), or null for any other src. */
  static String dataScript(String src) {
    String s = src.strip();
    if (!s.regionMatches(true, 0, "data:", 0, 5)) {
      return null;
    }
    int comma = s.indexOf(',');
    if (comma < 0) {
      return "";
    }
    String meta = s.substring(5, comma).toLowerCase(Locale.ROOT);
    String payload = Bodies.cut(s.substring(comma + 1), ScriptScanner.MAX_SCAN * 2);
    try {
      if (meta.endsWith(";base64")) {
        return new String(java.util.Base64.getMimeDecoder().decode(payload), StandardCharsets.UTF_8);
      }
      return java.net.URLDecoder.decode(payload.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return payload;
    }
  }

  /**
   * The {@code <form>} start tags of the raw page that the parsed document lost (nested in another form), with an action
   * none of the parsed forms has. Only read for pages with card or password fields; a byte scan, no decoding.
   */
  static List<Element> droppedForms(byte[] raw, List<Element> parsed) {
    List<int[]> tags = new ArrayList<>();
    int n = raw.length;
    for (int i = 0; i + 5 < n && tags.size() < 50; i++) {
      if (raw[i] == '<' && (raw[i + 1] | 0x20) == 'f' && (raw[i + 2] | 0x20) == 'o' && (raw[i + 3] | 0x20) == 'r'
          && (raw[i + 4] | 0x20) == 'm' && (raw[i + 5] == ' ' || raw[i + 5] == '\t' || raw[i + 5] == '\n' || raw[i + 5] == '\r')) {
        int end = i;
        while (end < n && end - i < 2048 && raw[end] != '>') {
          end++;
        }
        tags.add(new int[] {i, end});
        i = end;
      }
    }
    if (tags.size() <= parsed.size()) {
      return List.of();
    }
    Set<String> known = new HashSet<>();
    parsed.forEach(f -> known.add(f.attr("action").strip()));
    List<Element> out = new ArrayList<>();
    for (int[] t : tags) {
      String tag = new String(raw, t[0], Math.min(n, t[1] + 1) - t[0], StandardCharsets.ISO_8859_1);
      Element f = org.jsoup.Jsoup.parseBodyFragment(tag + "</form>").selectFirst("form[action]");
      if (f != null && !f.attr("action").isBlank() && known.add(f.attr("action").strip())) {
        out.add(f);
      }
    }
    return out;
  }

  private void add(List<Resource> out, Kind kind, URI page, String href, Element e, boolean hidden, boolean sensitive) {
    String h = href.strip();
    if (h.startsWith("//")) {
      h = page.getScheme() + ":" + h;
    }
    URI u = Sites.resolve(page, h);
    if (u != null) {
      out.add(new Resource(kind, u, Finding.snippet(e.outerHtml()), hidden, sensitive));
    }
  }

  private static boolean isPage(URI u) {
    String path = u.getPath() == null ? "" : u.getPath().toLowerCase(Locale.ROOT);
    int dot = path.lastIndexOf('.');
    int slash = path.lastIndexOf('/');
    if (dot > slash) {
      return !NON_PAGE.contains(path.substring(dot + 1));
    }
    return !path.contains("/wp-admin") && !path.contains("/wp-json") && !path.contains("/feed");
  }

  private static boolean tinyImage(Element img) {
    String w = img.attr("width").strip();
    String h = img.attr("height").strip();
    boolean tiny = (w.equals("0") || w.equals("1")) && (h.equals("0") || h.equals("1"));
    return tiny || TINY_BOX.matcher(style(img)).find();
  }

  static String style(Element e) {
    return e.attr("style").toLowerCase(Locale.ROOT).replace("\n", " ");
  }

  /**
   * Class and id selectors that a page's own CSS hides (display:none, off-screen, ...), and ids its inline scripts
   * hide as soon as they run (spam shown to crawlers that do not run scripts).
   */
  private static Set<String> hidingSelectors(Document doc) {
    Set<String> out = new HashSet<>();
    for (Element st : doc.getElementsByTag("style")) {
      Matcher m = HIDING_RULE.matcher(Bodies.cut(st.data(), 100_000));
      while (m.find()) {
        if (hidingStyle(m.group(2).toLowerCase(Locale.ROOT))) {
          out.add(m.group(1));
        }
      }
    }
    int scripts = 0;
    for (Element sc : doc.getElementsByTag("script")) {
      if (scripts++ > 100 || sc.hasAttr("src")) {
        continue;
      }
      Matcher m = SCRIPT_HIDES.matcher(Bodies.cut(sc.data(), 100_000));
      while (m.find()) {
        out.add("#" + (m.group(1) != null ? m.group(1) : m.group(3)));
      }
    }
    return out;
  }

  static boolean hidingStyle(String css) {
    if (css.isEmpty()) {
      return false;
    }
    String s = css.replace(" ", "");
    if (s.contains("display:none") || s.contains("visibility:hidden") || TRANSPARENT.matcher(css).find()) {
      return true;
    }
    boolean positioned = s.contains("position:absolute") || s.contains("position:fixed");
    Matcher off = NEG_OFFSET.matcher(css);
    while (off.find()) {
      // far off-screen; a centring margin of a few hundred pixels is layout, not hiding
      int by = off.group(2).length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(off.group(2));
      String side = off.group(1);
      if (side.equals("text-indent") || by >= 900 && (positioned || side.startsWith("margin"))) {
        return true;
      }
    }
    if (TINY_FONT.matcher(css).find() || SCALED_AWAY.matcher(css).find()) {
      return true;
    }
    if (s.contains("overflow:hidden") && COLLAPSED_BOX.matcher(css).find()) {
      return true;
    }
    if (positioned && CLIPPED_AWAY.matcher(css).find()) {
      return true;
    }
    Matcher c = COLOR.matcher(css);
    Matcher b = BACKGROUND.matcher(css);
    return c.find() && b.find() && c.group(2).strip().equals(b.group(2).strip());
  }

  private static boolean selfHidden(Element e, Set<String> hiddenSelectors) {
    if (e.hasAttr("hidden") || hidingStyle(style(e))) {
      return true;
    }
    if (!e.id().isEmpty() && hiddenSelectors.contains("#" + e.id())) {
      return true;
    }
    for (String c : e.classNames()) {
      if (hiddenSelectors.contains("." + c)) {
        return true;
      }
    }
    return false;
  }

  private boolean accessible(Element e, URI page) {
    boolean a11y = e.attr("aria-hidden").equalsIgnoreCase("true") || e.hasAttr("aria-label") && e.text().length() < 80;
    for (String c : e.classNames()) {
      String lc = c.toLowerCase(Locale.ROOT);
      a11y |= A11Y.contains(lc) || lc.contains("sr-only") || lc.contains("visually-hidden") || lc.contains("screen-reader");
    }
    // text for screen readers describes the page; a list of links to other sites is not that, whatever its class says
    return a11y && offsiteLinks(e, page) < 2;
  }

  private int offsiteLinks(Element e, URI page) {
    int n = 0;
    for (Element a : e.select("a[href]")) {
      URI u = Sites.resolve(page, a.attr("href"));
      if (u != null && !Sites.sameSite(page, u) && !rules.isKnownPlatform(Sites.host(u)) && ++n >= 2) {
        return n;
      }
    }
    return n;
  }

  /** Hidden by its own attributes, its page's CSS or a hidden ancestor (iframes: also 0/1 pixel frames). */
  static boolean hidden(Element e, Set<String> hiddenSelectors, boolean pixelCheck) {
    if (pixelCheck) {
      String w = e.attr("width").strip().replace("px", "");
      String h = e.attr("height").strip().replace("px", "");
      if (w.equals("0") || w.equals("1") || h.equals("0") || h.equals("1")) {
        return true;
      }
      String st = style(e).replace(" ", "");
      if (PIXEL_BOX.matcher(st).find()) {
        return true;
      }
    }
    int depth = 0;
    for (Element cur = e; cur != null && depth < Bodies.MAX_DEPTH + 10; cur = cur.parent(), depth++) {
      if (selfHidden(cur, hiddenSelectors)) {
        return true;
      }
    }
    return false;
  }

  private void spam(Document doc, URI page, Set<String> hiddenSelectors, List<Observation> obs) {
    if (doc.body() == null) {
      return;
    }
    // outermost hidden elements, found in one pass (hostile pages nest thousands of them); <noscript> in the body
    // is hidden from every visitor with scripts on, and spam hides there for crawlers
    List<Element> roots = new ArrayList<>();
    int[] hiddenDepth = {-1};
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (hiddenDepth[0] < 0 && roots.size() < 200 && node instanceof Element e && !e.tagName().equals("script")
            && !e.tagName().equals("template") && (e.tagName().equals("noscript") || selfHidden(e, hiddenSelectors))
            && !accessible(e, page)) {
          roots.add(e);
          hiddenDepth[0] = depth;
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (depth == hiddenDepth[0]) {
          hiddenDepth[0] = -1;
        }
      }
    }, doc.body());
    for (Element root : roots) {
      Set<String> offsite = new LinkedHashSet<>();
      int links = 0;
      int offsiteLinks = 0;
      for (Element a : root.select("a[href]")) {
        URI u = Sites.resolve(page, a.attr("href"));
        links++;
        if (u != null && !Sites.sameSite(page, u) && !rules.isKnownPlatform(Sites.host(u))) {
          offsite.add(Sites.host(u));
          offsiteLinks++;
        }
      }
      String text = Bodies.cut(root.text(), MAX_TEXT);
      Map<String, Integer> terms = Texts.spamTerms(text, rules.spamWords);
      int score = Texts.score(terms);
      // without spam words, a hidden block is spam when it is mostly links to other sites (a hidden menu is not)
      boolean linkBlock = offsite.size() >= 3 && offsiteLinks * 2 > links;
      if ((!offsite.isEmpty() && (score >= 2 || linkBlock)) || score >= 3) {
        String id = offsite.isEmpty() ? "hidden-text" : offsite.iterator().next();
        obs.add(Observation.of("web.seo-spam", Severity.HIGH, "hidden:" + id, Finding.snippet(root.outerHtml()))
            .with("how", "hidden " + (offsite.isEmpty() ? "text" : "links")).with("terms", String.join(", ", terms.keySet()))
            .with("links", String.valueOf(offsite.size())));
        break;
      }
    }
    // visible spam: link anchors with strong spam words pointing elsewhere, or a page full of spam vocabulary
    int anchors = 0;
    int brandAnchors = 0;
    Element firstBrand = null;
    for (Element a : doc.body().select("a[href], area[href]")) {
      if (anchors++ > 1000) {
        break;
      }
      URI u = Sites.resolve(page, a.attr("href"));
      if (u == null || Sites.sameSite(page, u) || rules.isKnownPlatform(Sites.host(u))) {
        continue;
      }
      Map<String, Integer> terms = Texts.spamTerms(a.text() + " " + a.attr("title") + " " + a.attr("alt"), rules.spamWords);
      // a strong word, or a brand name with bargain words ("シャネル バッグ 激安 通販")
      if (Texts.strong(terms) >= 1 || terms.containsValue(2) && Texts.score(terms) >= 5) {
        obs.add(Observation.of("web.seo-spam", Severity.HIGH, "link:" + Sites.host(u), Finding.snippet(a.outerHtml()))
            .with("how", "spam link").with("terms", String.join(", ", terms.keySet())));
        return;
      }
      // one "ブランド 財布 激安" link is a mention; several to other sites are the keyword hack's link block
      if (terms.containsValue(2) && Texts.score(terms) >= 3 && ++brandAnchors == 1) {
        firstBrand = a;
      }
    }
    if (brandAnchors >= 2) {
      URI u = Sites.resolve(page, firstBrand.attr("href"));
      obs.add(Observation.of("web.seo-spam", Severity.HIGH, "link:" + Sites.host(u), Finding.snippet(firstBrand.outerHtml()))
          .with("how", brandAnchors + " links selling brand goods to other sites"));
      return;
    }
    Map<String, Integer> terms = Texts.spamTerms(doc.title() + " " + Bodies.cut(doc.body().text(), MAX_TEXT),
        rules.spamWords);
    if (Texts.strong(terms) >= 2 || Texts.score(terms) >= 7 && Texts.strong(terms) >= 1) {
      obs.add(Observation.of("web.seo-spam", Severity.HIGH, "vocabulary", Finding.snippet(String.join(", ", terms.keySet())))
          .with("how", "spam vocabulary").with("terms", String.join(", ", terms.keySet())));
    }
  }

  /**
   * A fake browser update (SocGholish, ClearFake and their copies): an off-site download of a program or an archive
   * offered with "update your browser" wording around it.
   */
  private void fakeUpdate(Document doc, URI page, List<Observation> obs) {
    if (doc.body() == null) {
      return;
    }
    int anchors = 0;
    int downloads = 0;
    for (Element a : doc.body().select("a[href]")) {
      if (anchors++ > 1000 || downloads > 20) {
        return;
      }
      URI u = Sites.resolve(page, a.attr("href"));
      if (u == null || Sites.sameSite(page, u) || rules.isKnownPlatform(Sites.host(u)) || u.getPath() == null
          || !DOWNLOAD.matcher(u.getPath()).find()) {
        continue;
      }
      downloads++;
      Element around = a;
      for (int up = 0; up < 2 && around.parent() != null && around.parent() != doc.body(); up++) {
        around = around.parent();
      }
      // the wording is often a heading or paragraph before a bare button, or the page's title
      StringBuilder words = new StringBuilder(Bodies.cut(around.text(), 2000)).append(' ').append(Bodies.cut(doc.title(), 300));
      Element before = around.previousElementSibling();
      for (int k = 0; k < 3 && before != null; k++, before = before.previousElementSibling()) {
        words.append(' ').append(Bodies.cut(before.text(), 500));
      }
      String text = words.toString();
      if (UPDATE_WORDS.matcher(text).find() && BROWSER_WORDS.matcher(text).find()) {
        String host = Sites.host(u);
        obs.add(Observation.of("web.fake-update", Severity.CRITICAL, host, Finding.snippet(around.outerHtml()))
            .with("host", host).with("download", u.toString()));
        return;
      }
    }
  }

  /** Tag and class tokens of the page skeleton, hashed: a structure that is replaced wholesale shares few. */
  private static Set<Integer> structure(Document doc) {
    Set<Integer> out = new HashSet<>();
    for (Element e : doc.getAllElements()) {
      if (out.size() >= 5000) {
        break;
      }
      Element parent = e.parent();
      String token = (parent == null ? "" : parent.tagName()) + ">" + e.tagName();
      out.add(Texts.mix(token.hashCode()));
      for (String c : e.classNames()) {
        if (c.length() < 60 && !GENERATED.matcher(c).find()) {
          out.add(Texts.mix((e.tagName() + "." + c).hashCode()));
        }
      }
      if (!e.id().isEmpty() && e.id().length() < 60 && !GENERATED.matcher(e.id()).find()) {
        out.add(Texts.mix((e.tagName() + "#" + e.id()).hashCode()));
      }
    }
    return out;
  }

  private static int indexOf(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.start() : 0;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
