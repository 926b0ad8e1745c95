package jp.mamori.checks.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;

/**
 * Reads JavaScript (inline or fetched) for the signs of injected code: obfuscation, skimmers, cryptominers,
 * redirects to other sites (also those that only fire for search-engine visitors), off-site beacons and defacing
 * rewrites. It reads the source together with what the source hides in its string literals ({@link ScriptDecoder}).
 * Patterns are simple and bounded, and the case-insensitive ones run on a lower-cased copy: CASE_INSENSITIVE
 * matching is several times slower on the large libraries a site serves. Hostile input is cut before it is scanned.
 */
public final class ScriptScanner {
  static final int MAX_SCAN = 256 * 1024;
  private static final Pattern EVAL_DECODE = Pattern.compile(
      "\\b(eval|Function|setTimeout|setInterval)\\s*\\(\\s*([\\w$]{1,20}\\s*\\.\\s*)?(atob|unescape|decodeURIComponent|escape|"
          + "String\\s*\\.\\s*fromCharCode|function\\s*\\(\\s*p\\s*,\\s*a\\s*,\\s*c\\s*,\\s*k\\s*,\\s*e)");
  private static final Pattern DYNAMIC_CODE = Pattern.compile("\\b(eval|Function)\\s*\\(\\s*[A-Za-z_$][\\w$]*\\s*\\)");
  /** eval of a string being taken apart and put back together: eval(s.split('').reverse().join('')). */
  private static final Pattern EVAL_EXPRESSION = Pattern.compile(
      "\\b(eval|Function)\\s*\\(\\s*[\\w$.\\[\\]'\"]{1,80}\\.\\s*(split|reverse|replace|join|map|slice|substr|substring|concat)\\s*\\(");
  /** A variable given decoded text, run later: var c=decodeURIComponent('%76...'); setTimeout(c, 10). */
  private static final Pattern DECODED_VARIABLE = Pattern.compile(
      "([A-Za-z_$][\\w$]*)\\s*=\\s*([\\w$]{1,20}\\s*\\.\\s*)?(atob|unescape|decodeURIComponent|String\\s*\\.\\s*fromCharCode)\\s*\\(");
  private static final Pattern RUN_VARIABLE = Pattern.compile(
      "\\b(eval|Function|setTimeout|setInterval)\\s*\\(\\s*([A-Za-z_$][\\w$]*)\\s*[,)]");
  /** obfuscator.io's string-array rotation, whatever it names things: while(!![]){...a.push(a.shift())...parseInt}. */
  private static final Pattern ROTATION_LOOP = Pattern.compile("while\\s*\\(\\s*!!\\[\\]\\s*\\)");
  private static final Pattern ROTATION_STEP = Pattern.compile("\\.\\s*push\\s*\\(\\s*[\\w$]+\\s*\\.\\s*shift\\s*\\(\\s*\\)\\s*\\)");
  /** Function reached through a constructor: []['filter']['constructor'](code), (()=>{}).constructor("code"). */
  private static final Pattern CONSTRUCTOR_CALL = Pattern.compile(
      "\\.\\s*constructor\\s*\\(\\s*([\"'`]|([\\w$]{1,20}\\s*\\.\\s*)?(atob|unescape|decodeURIComponent|String\\s*\\.\\s*fromCharCode)\\s*\\()");
  /** Where analytics tags take data: a skimmer can report to its own property through them. */
  private static final Pattern ANALYTICS_SINK = Pattern.compile(
      "datalayer\\s*\\.\\s*push\\s*\\(|\\bgtag\\s*\\(\\s*[\"']event|\\bga\\s*\\(\\s*[\"']send|\\bfbq\\s*\\(\\s*[\"']track|_gaq\\s*\\.\\s*push\\s*\\(");
  /** A string table read through hex indexes: c(0x1e4), d(0x1eb), ... */
  private static final Pattern HEX_LOOKUP = Pattern.compile(
      "(?<!fromCharCode|fromCodePoint)\\b[\\w$]{1,12}\\s*\\(\\s*0x[0-9a-fA-F]{1,6}\\s*\\)");
  private static final Pattern FROM_CHAR_CODE = Pattern.compile("fromCharCode\\s*\\(([\\d\\s,x+a-fA-F-]{0,4000})\\)");
  private static final Pattern CHAR_CODE_APPLY = Pattern.compile(
      "fromCharCode\\s*(\\.\\s*apply\\s*\\(\\s*(null|this|String|window)\\s*,|\\(\\s*\\.\\.\\.)");
  private static final Pattern ENCODED_REDIRECT = Pattern.compile(
      "location(\\.href)?\\s*=\\s*(window\\.)?(atob|unescape|decodeuricomponent|string\\.fromcharcode)\\s*\\(|"
          + "location\\.(replace|assign)\\s*\\(\\s*(window\\.)?(atob|unescape|string\\.fromcharcode)\\s*\\(");
  private static final Pattern HEX_IDENT = Pattern.compile("\\b_0x[0-9a-fA-F]{3,}\\b");
  private static final Pattern HEX_ESCAPE = Pattern.compile("\\\\x[0-9a-fA-F]{2}");
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u00[0-9a-fA-F]{2}");
  private static final Pattern JSFUCK = Pattern.compile("[\\[\\]()!+]{60,}");
  private static final Pattern LONG_B64 = Pattern.compile("[\"'`]([A-Za-z0-9+/]{160,}={0,2})[\"'`]");
  private static final Pattern LONG_HEX = Pattern.compile("[\"'`]([0-9a-fA-F]{200,})[\"'`]");
  private static final Pattern URL = Pattern.compile(
      "([hH][tT][tT][pP][sS]?:|[wW][sS][sS]?:)?//([a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})(:\\d+)?"
          + "[^\\s\"'`)<>\\\\]*");
  // the patterns below run on the lower-cased text
  private static final Pattern LOCATION_SET = Pattern.compile(
      "(window\\.|document\\.|top\\.|self\\.|parent\\.)?location(\\.href)?\\s*=(?!=)\\s*|location\\.(replace|assign)\\s*\\(|"
          + "window\\.open\\s*\\(|http-equiv\\s*=\\s*[\"']?refresh|\\[\\s*[\"']location[\"']\\s*\\]"
          + "(\\s*\\[\\s*[\"']href[\"']\\s*\\])?\\s*=(?!=)\\s*|location\\s*\\[\\s*[\"']href[\"']\\s*\\]\\s*=(?!=)\\s*");
  private static final Pattern REFERRER_ENGINE = Pattern.compile("(google|bing|yahoo|yandex|baidu|duckduckgo|naver)");
  private static final Pattern MOBILE_CHECK = Pattern.compile("navigator\\.useragent[^;]{0,120}(iphone|android|mobile|ipad)|"
      + "(iphone|android|mobile|ipad)[^;]{0,120}navigator\\.useragent");
  private static final Pattern HARVEST = Pattern.compile(
      "\\.value\\b|\\.val\\(\\s*\\)|new\\s+formdata|\\.serialize(array)?\\s*\\(|queryselectorall\\s*\\(\\s*[\"'](input|select|form)|"
          + "getelementsbytagname\\s*\\(\\s*[\"'](input|select)|\\.elements\\b|document\\.forms");
  /** Reading the whole form (or every field) at once, not one value. */
  private static final Pattern BULK = Pattern.compile(
      "new\\s+formdata|\\.serialize(array)?\\s*\\(|queryselectorall\\s*\\(\\s*[\"'][^\"']{0,60}\\b(input|select|textarea|form)\\b|"
          + "getelementsbytagname\\s*\\(\\s*[\"'](input|select|textarea)|\\.elements\\b|document\\.forms|"
          + "\\$\\(\\s*[\"'](input|select|textarea|:input)|"
          // a keylogger: one listener on the whole document hears every field
          + "(document|window|body)\\.addeventlistener\\s*\\(\\s*[\"'](input|change|keyup|keydown|keypress)[\"']");
  private static final Pattern EXFIL = Pattern.compile(
      "new\\s+image\\s*\\(|createelement\\s*\\(\\s*[\"'](img|image)[\"']|\\.setattribute\\s*\\(\\s*[\"']src[\"']|\\.src\\s*=|"
          + "sendbeacon\\s*\\(|\\bfetch\\s*\\(|xmlhttprequest|\\.ajax\\s*\\(|\\$\\.(post|get|getjson)\\s*\\(|"
          + "jquery\\.(post|get|ajax)\\s*\\(|new\\s+websocket\\s*\\(|axios\\.(post|get)\\s*\\(|"
          // a sender called through Reflect.apply or kept in a variable first (var W=window.WebSocket; new W(url))
          + "reflect\\.apply\\s*\\(\\s*(window\\.|self\\.|globalthis\\.)?(fetch|navigator\\.sendbeacon)\\b|"
          + "=\\s*(window\\.|self\\.|globalthis\\.)?(websocket|xmlhttprequest|fetch)\\s*[;,)]");
  private static final Pattern SERIALISE = Pattern.compile(
      "btoa\\s*\\(|json\\.stringify|encodeuricomponent\\s*\\(|\\.serialize(array)?\\s*\\(|new\\s+formdata|\\bescape\\s*\\(");
  private static final Pattern CARD_WORDS = Pattern.compile(
      "card.?number|cc.?num|cvv|cvc|card.?holder|expir|billing|checkout|payment|password|passwd");
  private static final Pattern EXFIL_TARGET = Pattern.compile(
      "(sendbeacon\\s*\\(|\\.setattribute\\s*\\(\\s*[\"']src[\"']\\s*,|\\bfetch\\s*\\(|\\.open\\s*\\(\\s*[\"'](post|get)[\"']\\s*,|\\.src\\s*=|new\\s+websocket\\s*\\(|"
          + "\\$\\.(post|get|getjson)\\s*\\(|jquery\\.(post|get)\\s*\\(|axios\\.(post|get)\\s*\\()\\s*[\"'`]"
          + "(?<url>(https?:|wss?:)?//[^\"'`\\s]+)");
  private static final Pattern URL_PROPERTY = Pattern.compile(
      "\\b(url|action|endpoint|gate|server)\\s*[:=]\\s*[\"'`]((https?:)?//[^\"'`\\s]+)");
  /** A form's action set by script: $(f).attr('action', url), f.setAttribute('formaction', url). */
  private static final Pattern ACTION_SET = Pattern.compile(
      "\\.(attr|prop|setattribute)\\s*\\(\\s*[\"'](form)?action[\"']\\s*,\\s*[\"'`]((https?:)?//[^\"'`\\s]+)");
  private static final Pattern LOADER = Pattern.compile(
      "createelement\\s*\\(\\s*[\"'](script|iframe)[\"']|document\\.write(ln)?\\s*\\(|\\.innerhtml\\s*=|"
          + "insertadjacenthtml\\s*\\(|\\$\\.getscript\\s*\\(|importscripts\\s*\\(|\\bimport\\s*\\(\\s*[\"'`]|"
          + "\\bimport\\b[^;\\n]{0,200}\\bfrom\\s*[\"'`]|^\\s*import\\s*[\"'`]");
  /** The tag-snippet shape: (function(d,s){var e=d.createElement(s);...})(document,'script'). */
  private static final Pattern LOADER_BY_NAME = Pattern.compile(
      "createelement\\s*\\(\\s*[a-z_$][\\w$]{0,20}\\s*\\)[\\s\\S]{0,2000}[\"'](script|iframe)[\"']|"
          + "[\"'](script|iframe)[\"'][\\s\\S]{0,2000}createelement\\s*\\(\\s*[a-z_$][\\w$]{0,20}\\s*\\)");
  private static final Pattern QUOTED_URL = Pattern.compile(
      "[\"'`=]\\s*((https?:|wss?:)?//([a-z0-9.-]+\\.[a-z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})(:\\d+)?[^\\s\"'`)<>\\\\]*)");
  private static final Pattern IFRAME_TAG = Pattern.compile("<iframe[^>]{0,400}>");
  private static final Pattern WRITE_CALL = Pattern.compile(
      "document\\.write(ln)?\\s*\\(|\\.innerhtml\\s*=|insertadjacenthtml\\s*\\(|\\.src\\s*=\\s*(?=[\"'`])|\\$\\.getscript\\s*\\(|"
          + "\\bimport\\s*\\(\\s*(?=[\"'`])|\\bfrom\\s*(?=[\"'`])|importscripts\\s*\\(");
  private static final Pattern DOM_REWRITE = Pattern.compile(
      "document\\.title\\s*=|\\.innerhtml\\s*=|\\.outerhtml\\s*=|document\\.write(ln)?\\s*\\(|\\.textcontent\\s*=|"
          + "\\.innertext\\s*=");
  private static final Pattern MINER_API = Pattern.compile("new\\s+[\\w$.]{0,40}\\.anonymous\\s*\\(");
  private static final Pattern MINING_WORDS = Pattern.compile("monero|\\bxmr\\b|wallet|cryptonight|\\bmining\\b|\\bminer\\b|\\bpool\\b");
  private static final Pattern CLIPBOARD_COMMAND = Pattern.compile(
      "powershell|pwsh|mshta|cmd(\\.exe)?\\s+/[ck]|invoke-expression|invoke-webrequest|\\biex\\b|\\biwr\\b|certutil|bitsadmin|"
          + "rundll32|regsvr32|wscript|cscript|curl\\s[^\"'`]{0,200}\\|\\s*(ba)?sh");
  private static final Pattern POOL_LOGIN = Pattern.compile(
      "method\\s*[:=]\\s*[\"'](login|submit|mining\\.subscribe|mining\\.authorize)[\"']|"
          // Coinhive's protocol, kept by its clones (CoinImp, webminerpool): {type:'auth',params:{site_key:…}}
          + "type\\s*[:=]\\s*[\"']auth[\"'][^;]{0,200}site_?key");

  /** Scan results by rule set, then by kind, site and script hash: a few hundred small entries at most. */
  private static final Map<WebRules, Map<String, Result>> RESULTS = new WeakHashMap<>();
  static final int CACHED = 256;

  private final WebRules rules;
  private final OriginRules origins;

  public ScriptScanner(WebRules rules) {
    this.rules = rules;
    this.origins = new OriginRules(rules);
  }

  /**
   * What one script says about itself; beacons are off-site URLs it sends data to (sentTo: those written right into a
   * send call), formActions off-site URLs it makes the page's forms post to.
   */
  public record Result(List<Observation> observations, Set<URI> beacons, Set<URI> loads, Set<String> hostsMentioned,
      List<String> iframeTags, Set<URI> formActions, Set<URI> sentTo) {}

  public Result scan(String source, URI page) {
    return scan(source, page, false);
  }

  /**
   * @param file true for fetched script files (libraries): only the strongest signs count there, because
   *     minified libraries legitimately mention other sites, read form values and escape characters
   */
  public Result scan(String source, URI page, boolean file) {
    // every page of a site carries the same header scripts, and its files rarely change between patrols
    String key = (file ? "f:" : "i:") + Sites.siteKey(page) + ":" + PageAnalyzer.sha256(source);
    Map<String, Result> cache;
    synchronized (RESULTS) {
      cache = RESULTS.computeIfAbsent(rules, r -> new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
          return size() > CACHED;
        }
      });
      Result known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    Result r = scanNow(source, page, file);
    synchronized (RESULTS) {
      cache.put(key, r);
    }
    return r;
  }

  private Result scanNow(String source, URI page, boolean file) {
    String js = source.length() > MAX_SCAN ? source.substring(0, MAX_SCAN) : source;
    ScriptDecoder.Decoded hidden = ScriptDecoder.decode(js);
    String decoded = hidden.all();
    // the code as written plus the code with its string folding undone: patterns see self.location.href, not
    // self['loc'+'ation']['hr'+'ef']
    String code = hidden.normalised().isEmpty() ? js : js + "\n" + hidden.normalised();
    String all = decoded.isEmpty() ? code : code + "\n" + decoded;
    if (js.contains("\\/")) {
      // JSON written by PHP (wp_localize_script, json_encode) escapes every slash: https:\/\/host\/x.js
      all = all + "\n" + Bodies.cut(js, 256 * 1024).replace("\\/", "/");
    }
    String lower = all.toLowerCase(Locale.ROOT);
    List<Observation> out = new ArrayList<>();
    String snippet = Finding.snippet(js.strip());

    List<String> obf = obfuscation(js, code, file);
    if (!obf.isEmpty()) {
      out.add(Observation.of("web.obfuscated-js", Severity.HIGH, String.join(",", obf), snippet).with("signals",
          String.join(", ", obf)));
    }

    String miner = minerSign(lower);
    if (miner != null) {
      out.add(Observation.of("web.cryptominer", Severity.CRITICAL, miner, snippet).with("marker", miner));
    }

    Set<String> offsiteHosts = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    Matcher m = URL.matcher(all);
    int count = 0;
    while (m.find() && count++ < 500) {
      String host = m.group(2).toLowerCase(Locale.ROOT);
      hosts.add(host);
      URI u = resolve(page, m.group());
      if (u != null && !Sites.sameSite(page, u)) {
        offsiteHosts.add(host);
        if (rules.isMinerHost(host) && out.stream().noneMatch(o -> o.check().equals("web.cryptominer"))) {
          out.add(Observation.of("web.cryptominer", Severity.CRITICAL, host, snippet).with("host", host));
        }
      }
    }

    boolean loader = LOADER.matcher(lower).find()
        || lower.contains("createelement") && LOADER_BY_NAME.matcher(Bodies.cut(lower, 64 * 1024)).find();
    Set<URI> loads = new LinkedHashSet<>();
    Set<URI> beacons = new LinkedHashSet<>();
    Matcher t = EXFIL_TARGET.matcher(lower);
    Set<URI> sent = new LinkedHashSet<>();
    while (t.find()) {
      addOffsite(sent, page, t.group("url"));
      URI to = resolve(page, t.group("url"));
      // the visitor's cookies handed straight to a send call to another site: session theft, whatever else the code does
      if (to != null && !Sites.sameSite(page, to) && !rules.isKnownPlatform(Sites.host(to))
          && lower.substring(t.end(), Math.min(lower.length(), t.end() + 300)).contains("document.cookie")
          && out.stream().noneMatch(o -> o.check().equals("web.skimmer"))) {
        out.add(Observation.of("web.skimmer", Severity.CRITICAL, Sites.host(to), snippet).with("sendsTo", Sites.host(to))
            .with("takes", "cookies"));
      }
    }
    beacons.addAll(sent);
    Set<URI> formActions = new LinkedHashSet<>();
    Matcher up = URL_PROPERTY.matcher(lower);
    while (up.find()) {
      addOffsite(up.group(1).equals("action") ? formActions : beacons, page, up.group(2));
    }
    Matcher as = ACTION_SET.matcher(lower);
    while (as.find()) {
      addOffsite(formActions, page, as.group(3));
    }
    Set<URI> quoted = new LinkedHashSet<>();
    Matcher q = QUOTED_URL.matcher(lower);
    int n = 0;
    while (q.find() && n++ < 200) {
      addOffsite(quoted, page, q.group(1));
    }
    // URLs the literals only spell out once decoded ('https://'+'evil'+'.com') count as quoted ones
    Matcher dq = URL.matcher(decoded);
    while (dq.find() && n++ < 300) {
      addOffsite(quoted, page, dq.group());
    }
    if (loader && !file) {
      // code that writes or creates script/iframe elements loads the off-site URLs it quotes
      loads.addAll(quoted);
      beacons.removeAll(loads);
    } else if (loader) {
      // a library quotes URLs for many reasons: only what it writes into the page or sets as a new element's src
      loads.addAll(written(page, lower));
    }
    if (!file) {
      // a script file's address in inline code is there to be loaded, often by another file (a plugin's config object)
      for (URI u : quoted) {
        if (u.getPath() != null && u.getPath().toLowerCase(Locale.ROOT).endsWith(".js")) {
          loads.add(u);
        }
      }
      beacons.removeAll(loads);
    }
    List<String> iframes = new ArrayList<>();
    Matcher ifr = IFRAME_TAG.matcher(lower);
    while (ifr.find() && iframes.size() < 10) {
      iframes.add(ifr.group().replace("\\\"", "\"").replace("\\'", "'"));
    }

    skimmer(page, file, hidden.encoded(), lower, offsiteHosts, quoted, beacons, obf, snippet, out);
    redirects(page, file, lower, snippet, out);
    defacement(js, lower, snippet, out);
    clipboardCommand(lower, snippet, out);

    for (String h : offsiteHosts) {
      origins.typosquatOf(h).ifPresent(real -> out.add(Observation.of("web.cdn-typosquat", Severity.CRITICAL, h, snippet)
          .with("host", h).with("imitates", real)));
    }
    return new Result(List.copyOf(out), Collections.unmodifiableSet(beacons), Collections.unmodifiableSet(loads),
        Collections.unmodifiableSet(hosts), List.copyOf(iframes), Collections.unmodifiableSet(formActions),
        Collections.unmodifiableSet(sent));
  }

  /** Off-site URLs a script writes into the page (document.write, innerHTML) or gives a created element as its src. */
  private static Set<URI> written(URI page, String lower) {
    Set<URI> out = new LinkedHashSet<>();
    Matcher w = WRITE_CALL.matcher(lower);
    int n = 0;
    while (w.find() && n++ < 50) {
      Matcher u = URL.matcher(lower.substring(w.end(), Math.min(lower.length(), w.end() + 400)));
      if (u.find()) {
        addOffsite(out, page, u.group());
      }
    }
    return out;
  }

  private static URI resolve(URI page, String url) {
    String u = url.startsWith("//") ? "https:" + url : url.replaceFirst("^(?i)ws", "http");
    return Sites.resolve(page, u);
  }

  private static void addOffsite(Set<URI> into, URI page, String raw) {
    URI u = resolve(page, raw);
    if (u != null && !Sites.sameSite(page, u)) {
      into.add(u);
    }
  }

  /** Reads what visitors type and sends it to another site. */
  private void skimmer(URI page, boolean file, String decoded, String lower, Set<String> offsiteHosts, Set<URI> quoted,
      Set<URI> beacons, List<String> obf, String snippet, List<Observation> out) {
    boolean harvest = HARVEST.matcher(lower).find();
    boolean exfil = EXFIL.matcher(lower).find();
    boolean tag = ANALYTICS_SINK.matcher(lower).find();
    if (!harvest || !exfil && !tag) {
      return;
    }
    Set<String> foreign = new LinkedHashSet<>();
    for (String h : offsiteHosts) {
      if (!rules.isKnownPlatform(h)) {
        foreign.add(h);
      }
    }
    URI beacon = beacons.stream().filter(b -> !rules.isKnownPlatform(Sites.host(b))).findFirst().orElse(null);
    // a drop URL hidden in the literals is as telling as one handed straight to a send call
    Set<String> foreignDecoded = new LinkedHashSet<>();
    Matcher d = URL.matcher(decoded);
    while (d.find()) {
      URI u = resolve(page, d.group());
      if (u != null && !Sites.sameSite(page, u) && !rules.isKnownPlatform(Sites.host(u))) {
        foreignDecoded.add(Sites.host(u));
      }
    }
    boolean cardish = CARD_WORDS.matcher(lower).find() || lower.contains("btoa(");
    boolean serialises = SERIALISE.matcher(lower).find();
    // a lookup that sends one field to an API (postal code, search suggestions) is not a skimmer: a skimmer takes the
    // whole form, card or password fields, or packs what it read before sending it
    boolean takes = cardish || serialises || BULK.matcher(lower).find();
    String to = null;
    if (beacon != null && takes) {
      to = Sites.host(beacon);
    } else if (!foreignDecoded.isEmpty()) {
      to = foreignDecoded.iterator().next();
    } else if (!file && !foreign.isEmpty() && !obf.isEmpty() && cardish) {
      to = foreign.iterator().next();
    } else if ((BULK.matcher(lower).find() || cardish) && serialises) {
      // the whole form serialised and a quoted off-site URL next to the send call: the URL is the drop
      for (URI u : quoted) {
        if (!rules.isKnownPlatform(Sites.host(u))) {
          beacons.add(u);
          to = to == null ? Sites.host(u) : to;
        }
      }
    }
    if (to == null && tag && BULK.matcher(lower).find() && lower.contains("btoa(")) {
      // the whole form packed with btoa and handed to a tag: Magecart reporting to its own analytics property, where
      // no off-site URL ever appears
      to = "analytics-tag";
    }
    if (to != null) {
      out.add(Observation.of("web.skimmer", Severity.CRITICAL, to, snippet).with("sendsTo", to));
    }
  }

  /**
   * Redirects written in script: to another site, or only for visitors from search engines or on phones. In
   * script files (libraries) only the conditional ones count: a library may navigate where a visitor clicked.
   */
  private void redirects(URI page, boolean file, String lower, String snippet, List<Observation> out) {
    boolean referrer = lower.contains("document.referrer") && REFERRER_ENGINE.matcher(lower).find();
    boolean conditional = referrer || MOBILE_CHECK.matcher(lower).find();
    Matcher loc = LOCATION_SET.matcher(lower);
    while (loc.find()) {
      int end = Math.min(lower.length(), loc.end() + 300);
      Matcher u = URL.matcher(lower.substring(loc.end(), end));
      // in a library only a conditional redirect, or an off-site address written right into the assignment (code
      // appended to the file), counts: a library navigates where a visitor clicked, to addresses it is given
      if (u.find() && u.start() < (file && !conditional ? 3 : 120)
          && (!file || conditional || runsAtLoad(lower, loc.start()))) {
        URI target = resolve(page, u.group());
        if (target != null && !Sites.sameSite(page, target) && !rules.isKnownPlatform(Sites.host(target))) {
          boolean windowOpen = loc.group().startsWith("window.open");
          if (insideHandler(lower, loc.start())) {
            continue;
          }
          if (referrer) {
            out.add(Observation.of("web.redirect-search-referrer", Severity.CRITICAL, Sites.host(target), snippet)
                .with("to", target.toString()).with("how", "script"));
          } else if (!windowOpen) {
            out.add(Observation.of("web.redirect-offsite", Severity.CRITICAL, Sites.host(target), snippet)
                .with("to", target.toString()).with("how", conditional ? "script, for phones" : "script"));
          }
          return;
        }
      }
    }
  }

  private static final Pattern CALLED_AT_LOAD = Pattern.compile(
      "(settimeout|setinterval|requestanimationframe|addeventlistener\\s*\\(\\s*[\"'](load|domcontentloaded|pageshow)[\"']\\s*,"
          + "|\\$\\(\\s*document\\s*\\)\\s*\\.\\s*ready|jquery|\\$|[(!~+;,]|^)\\s*\\(?\\s*$");
  private static final Pattern FUNCTION_HEAD = Pattern.compile("(async\\s+)?function\\s*([\\w$]*)\\s*\\([^)]{0,200}\\)\\s*$|"
      + "(\\([^)]{0,200}\\)|[\\w$]+)\\s*=>\\s*$");

  /**
   * Whether code at {@code at} runs when the script loads: at the top level, or in a function that is run at once, by a
   * timer or on page load, rather than in one something else calls later (a library's navigate(url)).
   */
  static boolean runsAtLoad(String lower, int at) {
    // walk out through enclosing blocks (if, try, for, object literals) to the function around them; a few levels at most
    for (int level = 0; level < 12; level++) {
      int depth = 0;
      int open = -1;
      for (int i = at - 1; i >= 0 && at - i < 4000; i--) {
        char c = lower.charAt(i);
        if (c == '}') {
          depth++;
        } else if (c == '{') {
          if (depth == 0) {
            open = i;
            break;
          }
          depth--;
        }
      }
      if (open < 0) {
        return true;
      }
      String before = lower.substring(Math.max(0, open - 240), open);
      Matcher f = FUNCTION_HEAD.matcher(before);
      if (!f.find()) {
        // a block or an object literal: what decides is the function around it
        at = open;
        continue;
      }
      if (f.group(2) != null && !f.group(2).isEmpty()) {
        return false;
      }
      String head = before.substring(0, f.start());
      return CALLED_AT_LOAD.matcher(head).find() && !head.stripTrailing().endsWith("=") && !head.stripTrailing().endsWith(":");
    }
    return false;
  }

  /** Redirects inside click/submit handlers are navigation the visitor asked for, not hijacks. */
  private static boolean insideHandler(String lower, int at) {
    String before = lower.substring(Math.max(0, at - 200), at);
    return before.contains("addeventlistener(\"click") || before.contains("addeventlistener('click")
        || before.contains("onclick") || before.contains(".click(") || before.contains("on('click")
        || before.contains("on(\"click") || before.contains("submit");
  }

  /** A script that rewrites the page or its title with a defacement message (stored XSS, hijacked CMS widgets). */
  private void defacement(String js, String lower, String snippet, List<Observation> out) {
    if (!DOM_REWRITE.matcher(lower).find()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (ScriptDecoder.Literal l : ScriptDecoder.literals(js)) {
      if (text.length() > 64 * 1024) {
        break;
      }
      text.append(l.value().replaceAll("<[^>]{0,200}>", " ")).append(' ');
    }
    String phrase = Texts.defacementPhrase(text.toString(), rules.defacement);
    if (phrase != null) {
      out.add(Observation.of("web.defacement", Severity.CRITICAL, "phrase", Finding.snippet(phrase))
          .with("how", "script").with("title", Finding.snippet(phrase)));
    }
  }

  /** NoCoin markers, and the shapes every browser miner shares (worker per core, pool job protocol, Anonymous API). */
  private String minerSign(String lower) {
    for (String marker : rules.minerMarkers) {
      if (lower.contains(marker)) {
        return marker;
      }
    }
    boolean throttle = lower.contains("throttle");
    if (MINER_API.matcher(lower).find() && (throttle || lower.contains(".start("))) {
      return "anonymous-miner-api";
    }
    boolean perCore = lower.contains("hardwareconcurrency") || lower.contains("new worker");
    if (lower.contains("webassembly.instantiate") && perCore && (lower.contains("hash") || lower.contains("nonce"))
        && (lower.contains("job") || lower.contains("target"))) {
      return "wasm-worker-miner";
    }
    if (lower.contains("new websocket") && POOL_LOGIN.matcher(lower).find() && (lower.contains("job") || throttle)) {
      return "pool-protocol";
    }
    if (perCore && lower.contains("new worker") && (lower.contains("hash") || lower.contains("nonce"))
        && MINING_WORDS.matcher(lower).find()) {
      return "worker-per-core-miner";
    }
    return null;
  }

  /** ClickFix: a fake check ("I am not a robot") that puts a command on the clipboard for the visitor to run. */
  private void clipboardCommand(String lower, String snippet, List<Observation> out) {
    if (!(lower.contains("clipboard.writetext") || lower.contains("execcommand('copy'") || lower.contains("execcommand(\"copy\""))) {
      return;
    }
    Matcher c = CLIPBOARD_COMMAND.matcher(lower);
    if (c.find()) {
      Matcher u = URL.matcher(lower.substring(c.start(), Math.min(lower.length(), c.start() + 600)));
      String host = u.find() ? u.group(2) : "clipboard";
      out.add(Observation.of("web.fake-update", Severity.CRITICAL, host, snippet).with("host", host)
          .with("how", "a command for the visitor to paste: " + c.group()));
    }
  }

  List<String> obfuscation(String js, boolean file) {
    return obfuscation(js, js + "\n" + ScriptDecoder.decode(js).normalised(), file);
  }

  /** @param code the source plus its normalised view (string folding undone) */
  List<String> obfuscation(String js, String code, boolean file) {
    List<String> signals = new ArrayList<>();
    if (EVAL_DECODE.matcher(code).find() || EVAL_EXPRESSION.matcher(code).find()) {
      signals.add("eval-decode");
    }
    if (CONSTRUCTOR_CALL.matcher(code).find()) {
      signals.add("function-constructor");
    }
    Matcher f = FROM_CHAR_CODE.matcher(js);
    int calls = 0;
    int longest = 0;
    while (f.find()) {
      calls++;
      longest = Math.max(longest, f.group(1).split(",").length);
    }
    if (longest >= 12 || calls >= 8 || CHAR_CODE_APPLY.matcher(js).find() && longNumberArray(js)) {
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
    if (ENCODED_REDIRECT.matcher(lower).find()) {
      signals.add("encoded-redirect");
    }
    if (escapedProperty(js)) {
      signals.add("escaped-property-names");
    }
    if (JSFUCK.matcher(js).find()) {
      signals.add("jsfuck");
    }
    if (js.contains("ﾟωﾟﾉ") || js.contains("ﾟДﾟ") || js.contains("$=~[];") && js.contains("$={___:++$")) {
      signals.add("aa/jj-encode");
    }
    if (!signals.contains("eval-decode") && (DYNAMIC_CODE.matcher(js).find()
        && (lower.contains("atob(") || lower.contains("fromcharcode") || lower.contains("unescape(")) || runsDecoded(code))) {
      signals.add("decoded-code-run");
    }
    if (ROTATION_LOOP.matcher(code).find() && ROTATION_STEP.matcher(code).find() && lower.contains("parseint(")) {
      signals.add("string-array-rotation");
    }
    if (count(HEX_LOOKUP, js, 8) >= 8) {
      signals.add("hex-indexed-lookups");
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

  /** A variable holding decoded text that is then run as code. */
  private static boolean runsDecoded(String code) {
    Matcher d = DECODED_VARIABLE.matcher(code);
    Set<String> names = new HashSet<>();
    while (d.find() && names.size() < 20) {
      names.add(d.group(1));
    }
    if (names.isEmpty()) {
      return false;
    }
    Matcher r = RUN_VARIABLE.matcher(code);
    while (r.find()) {
      if (names.contains(r.group(2))) {
        return true;
      }
    }
    return false;
  }

  /** window["\x65\x76\x61\x6c"]: a property name written in escapes, which no minifier does. */
  private static boolean escapedProperty(String js) {
    int from = 0;
    while (true) {
      int at = js.indexOf("[", from);
      if (at < 0 || at > js.length() - 8) {
        return false;
      }
      int k = at + 1;
      while (k < js.length() && js.charAt(k) == ' ') {
        k++;
      }
      int b = at - 1;
      while (b >= 0 && js.charAt(b) == ' ') {
        b--;
      }
      // obj["..."] (not an array literal such as a JSON translation list) with an identifier written in escapes
      boolean access = b >= 0 && (Character.isLetterOrDigit(js.charAt(b)) || "_$])".indexOf(js.charAt(b)) >= 0);
      if (access && k + 2 < js.length() && (js.charAt(k) == '"' || js.charAt(k) == '\'') && js.charAt(k + 1) == '\\') {
        char quote = js.charAt(k);
        int escapes = 0;
        int p = k + 1;
        boolean identifier = true;
        while (p + 1 < js.length() && js.charAt(p) == '\\' && (js.charAt(p + 1) == 'x' || js.charAt(p + 1) == 'u')) {
          int len = js.charAt(p + 1) == 'x' ? 2 : 4;
          int v = p + 2 + len <= js.length() ? Character.digit(js.charAt(p + 2), 16) : -1;
          for (int q = p + 3; v >= 0 && q < p + 2 + len; q++) {
            int d = Character.digit(js.charAt(q), 16);
            v = d < 0 ? -1 : v * 16 + d;
          }
          identifier &= v >= 0 && v < 128 && (Character.isLetterOrDigit(v) || v == '_' || v == '$');
          p += 2 + len;
          escapes++;
        }
        if (escapes >= 3 && identifier && p < js.length() && js.charAt(p) == quote) {
          return true;
        }
      }
      from = at + 1;
    }
  }

  /** An array literal of at least 12 small numbers (character codes waiting for fromCharCode.apply). */
  private static boolean longNumberArray(String js) {
    int at = js.indexOf('[');
    while (at >= 0) {
      int numbers = 0;
      int k = at + 1;
      boolean digit = false;
      while (k < js.length() && k - at < 20_000) {
        char c = js.charAt(k);
        if (Character.isDigit(c)) {
          digit = true;
        } else if (c == ',' || c == ' ' || c == ']') {
          numbers += digit ? 1 : 0;
          digit = false;
          if (c == ']') {
            break;
          }
        } else {
          break;
        }
        k++;
      }
      if (numbers >= 12) {
        return true;
      }
      at = js.indexOf('[', Math.max(k, at + 1));
    }
    return false;
  }

  private static int count(Pattern p, String s, int enough) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (n < enough && m.find()) {
      n++;
    }
    return n;
  }
}
