package jp.mamori.checks.lan;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Severity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Web pages of devices: server strings against the EOL table, Elasticsearch without auth, vendor default
 * logins on ANY login found (HTTP Basic/Digest and HTML login forms on the entry page, its frames or a few
 * of its same-device links, judged against a deliberately wrong baseline login), and management consoles
 * that open without any login.
 */
public final class HttpCheck {
  private HttpCheck() {}

  private static final Pattern META_REFRESH = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\" >;]+)");
  private static final Pattern JS_LOCATION = Pattern.compile("(?i)(?:window\\.|top\\.|document\\.)?location(?:\\.href)?\\s*=\\s*['\"]([^'\"]{1,200})['\"]");

  public static void check(Target t, boolean tls, LanContext ctx) {
    String scheme = tls ? "https" : "http";
    Http.Response r;
    String path = "/";
    try {
      r = Http.get(t, tls, path, ctx);
      for (int hop = 0; hop < 3; hop++) {
        String next = nextPath(r, path, t);
        if (next == null) {
          break;
        }
        path = next;
        r = Http.get(t, tls, path, ctx);
      }
    } catch (IOException e) {
      ctx.unfinished(t, scheme + " " + t + ": " + e.getMessage());
      return;
    }
    String server = String.join(" ", r.headers("server")) + " " + String.join(" ", r.headers("x-powered-by"));
    Inventory.Device dev = ctx.inventory().device(t.hostText());
    dev.service("tcp/" + t.port(), scheme + (server.isBlank() ? "" : " " + clip(server.strip(), 80)));
    if (!server.isBlank()) {
      Eol.report(t, "http-server", server.strip(), ctx);
    }
    String body = r.text();
    if (r.status() == 200 && body.contains("\"cluster_name\"") && (body.contains("You Know, for Search") || body.contains("\"lucene_version\""))) {
      dev.service("tcp/" + t.port(), "elasticsearch (no auth)");
      ctx.add(ctx.finding("lan.no-auth", t).arg("service", "Elasticsearch").identity("service", "elasticsearch")
          .evidence("answer", clip(body, 300)));
      return;
    }
    String challenge = r.header("www-authenticate");
    if (r.status() == 401 && challenge != null) {
      headerLogin(t, tls, path, challenge, ctx);
      return;
    }
    Document doc = Jsoup.parse(body);
    if (r.status() == 401 || r.status() == 403) {
      // some devices send their login page itself with 401/403 and no challenge
      Element form = loginForm(doc);
      if (form != null) {
        formLogin(t, tls, path, r, form, ctx);
      }
      return;
    }
    if (r.status() != 200) {
      return;
    }
    Element form = loginForm(doc);
    if (form != null) {
      formLogin(t, tls, path, r, form, ctx);
      return;
    }
    // the login may sit in a frame or behind a link; only when there is none is this page an open console
    Map<String, Document> frames = new java.util.LinkedHashMap<>();
    for (Linked link : linkedPages(doc, path, t)) {
      String p = link.path();
      Http.Response lr;
      try {
        lr = Http.get(t, tls, p, ctx);
        String next = nextPath(lr, p, t);
        if (next != null) {
          p = next;
          lr = Http.get(t, tls, p, ctx);
        }
      } catch (IOException e) {
        continue;
      }
      String ch = lr.header("www-authenticate");
      if (lr.status() == 401 && ch != null) {
        headerLogin(t, tls, p, ch, ctx);
        return;
      }
      if (lr.status() == 200 || lr.status() == 401 || lr.status() == 403) {
        Document d = Jsoup.parse(lr.text());
        Element f = loginForm(d);
        if (f != null) {
          formLogin(t, tls, p, lr, f, ctx);
          return;
        }
        if (link.frame() && lr.status() == 200) {
          frames.put(p, d);
        }
      }
    }
    if (!consoleOpen(t, tls, path, doc, ctx)) {
      for (Map.Entry<String, Document> f : frames.entrySet()) {
        if (consoleOpen(t, tls, f.getKey(), f.getValue(), ctx)) {
          return;
        }
      }
    }
  }

  /** A management console open without login: console words in the title or first headings, or enough administration offered. */
  private static boolean consoleOpen(Target t, boolean tls, String path, Document doc, LanContext ctx) {
    String title = doc.title().strip();
    String heading = doc.select("h1, h2, h3").stream().limit(3).map(Element::text).reduce("", (a, b) -> a + " " + b).strip();
    String seen = (title + " " + heading).toLowerCase(Locale.ROOT);
    String keyword = ctx.data().consoleWords().stream().filter(w -> mentions(seen, w)).findFirst().orElse(null);
    if (keyword == null) {
      List<String> actions = adminActions(doc, ctx.data());
      keyword = actions.size() >= MIN_ACTIONS ? String.join(", ", actions) : null;
    }
    if (keyword == null) {
      return false;
    }
    String scheme = tls ? "https" : "http";
    ctx.add(ctx.finding("lan.console-open", t).arg("title", clip(title.isEmpty() ? heading : title, 60))
        .identity("path", path).evidence("url", scheme + "://" + t.text() + path).evidence("title", title)
        .evidence("keyword", keyword), Severity.HIGH);
    return true;
  }

  /** Latin words match whole words only ("admin" is not in "badminton"); Japanese ones anywhere. */
  static boolean mentions(String text, String word) {
    if (!word.chars().allMatch(c -> c < 0x80)) {
      return text.contains(word);
    }
    int at = text.indexOf(word);
    while (at >= 0) {
      boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      int end = at + word.length();
      boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      at = text.indexOf(word, at + 1);
    }
    return false;
  }

  /** Three kinds of administration on one open page: a device console, not an intranet page with a help link or two. */
  static final int MIN_ACTIONS = 3;

  /** Distinct device-administration actions (firmware update, reboot, factory reset ...) offered as links or buttons. */
  static List<String> adminActions(Document doc, LanData data) {
    StringBuilder texts = new StringBuilder();
    for (Element e : doc.select("a, button, input[type=submit], input[type=button], option")) {
      texts.append(' ').append(e.text()).append(' ').append(e.attr("value"));
    }
    String all = texts.toString().toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    for (List<String> spellings : data.consoleActions()) {
      spellings.stream().filter(w -> mentions(all, w)).findFirst().ifPresent(found::add);
    }
    return found;
  }

  private static final int MAX_LINKED = 4;
  private static final Pattern STATIC = Pattern.compile("(?i)\\.(css|js|png|jpe?g|gif|ico|svg|pdf|zip|txt|xml|woff2?)(\\?.*)?$");
  private static final Pattern ADMINISH = Pattern.compile("(?i)(admin|login|logon|setup|config|setting|manage|管理|設定|ログイン)");

  record Linked(String path, boolean frame) {}

  /** Frames first, then same-device links (admin-looking ones first), at most {@value #MAX_LINKED} pages. */
  static List<Linked> linkedPages(Document doc, String current, Target t) {
    List<String> frames = new ArrayList<>();
    List<String> adminish = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (Element f : doc.select("frame[src], iframe[src]")) {
      frames.add(f.attr("src"));
    }
    for (Element a : doc.select("a[href]")) {
      String href = a.attr("href");
      (ADMINISH.matcher(href + " " + a.text()).find() ? adminish : other).add(href);
    }
    Map<String, Linked> out = new java.util.LinkedHashMap<>();
    for (List<String> group : List.of(frames, adminish, other)) {
      for (String href : group) {
        String p = samePath(href, current, t);
        if (p != null && !p.equals(current) && !STATIC.matcher(p).find() && out.size() < MAX_LINKED) {
          out.putIfAbsent(p, new Linked(p, group == frames));
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** The path of {@code href} when it stays on this device and port, else null. */
  private static String samePath(String href, String current, Target t) {
    String h = href.strip();
    if (h.isEmpty() || h.startsWith("#") || h.regionMatches(true, 0, "javascript:", 0, 11) || h.regionMatches(true, 0, "mailto:", 0, 7)) {
      return null;
    }
    try {
      URI u = URI.create("http://" + t.text() + current).resolve(h);
      if (u.getHost() != null && !(u.getHost().equals(t.hostText()) || u.getHost().equals("[" + t.hostText() + "]"))) {
        return null;
      }
      if (u.getPort() != -1 && u.getPort() != t.port()) {
        return null;
      }
      return (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String nextPath(Http.Response r, String current, Target t) {
    String loc = null;
    if (r.status() >= 300 && r.status() < 400) {
      loc = r.header("location");
    } else if (r.status() == 200 && r.body().length < 4096) {
      String b = r.text();
      Document d = Jsoup.parse(b);
      loc = refreshTarget(d);
      if (loc == null && d.select("input[type=password]").isEmpty()) {
        Matcher m = JS_LOCATION.matcher(b);
        loc = m.find() ? m.group(1) : null;
      }
    }
    if (loc == null || loc.isBlank()) {
      return null;
    }
    String p = samePath(loc, current, t);
    return p == null || p.equals(current) ? null : p;
  }

  private static String refreshTarget(Document d) {
    Element meta = d.selectFirst("meta[http-equiv~=(?i)refresh]");
    if (meta == null) {
      return null;
    }
    Matcher m = META_REFRESH.matcher(meta.attr("content"));
    return m.find() ? m.group(1) : null;
  }

  static Element loginForm(Document doc) {
    for (Element pw : doc.select("input[type=password]")) {
      Element form = pw.closest("form");
      if (form != null) {
        return form;
      }
    }
    return null;
  }

  private static void headerLogin(Target t, boolean tls, String path, String challenge, LanContext ctx) {
    boolean digest = challenge.toLowerCase(Locale.ROOT).startsWith("digest");
    String scheme = digest ? "digest" : "basic";
    if (!ctx.tryLogins()) {
      return;
    }
    try {
      int baseline = headerAttempt(t, tls, path, digest, "mamori-" + random(), random(), ctx);
      if (baseline != 401 && baseline != 403) {
        return;
      }
      for (LanData.Credential c : Attempts.plan(ctx.data(), "http", 1)) {
        int status = headerAttempt(t, tls, path, digest, c.user(), c.password(), ctx);
        if (status == 429 || status == 503) {
          Pace.backOff(Duration.ofSeconds(3));
          if (headerAttempt(t, tls, path, digest, "mamori-" + random(), random(), ctx) >= 429) {
            ctx.unfinished(t, "http login " + t + ": still HTTP " + status + " after backing off; default logins not tried to the end");
            return;
          }
          continue;
        }
        if (status >= 200 && status < 400) {
          ctx.add(defaultLogin(t, tls, path, "web admin (HTTP " + scheme + ")", c, ctx).evidence("auth", scheme)
              .evidence("status", status), Severity.HIGH);
          return;
        }
      }
    } catch (IOException e) {
      ctx.unfinished(t, "http login " + t + ": " + e.getMessage());
    }
  }

  private static int headerAttempt(Target t, boolean tls, String path, boolean digest, String user, String pass, LanContext ctx)
      throws IOException {
    Http.Request req = Http.Request.get(path);
    if (digest) {
      Http.Response first = Http.send(t, tls, req, ctx);
      String ch = first.header("www-authenticate");
      if (first.status() != 401 || ch == null) {
        return first.status();
      }
      req = req.with("Authorization", Http.digest(ch, "GET", path, user, pass));
    } else {
      req = req.with("Authorization", Http.basic(user, pass));
    }
    return Http.send(t, tls, req, ctx).status();
  }

  /** How a device answered one form login: what differs from a wrong-password answer marks a success. */
  private record Outcome(int status, String location, boolean passwordForm, int length, boolean failureWords, boolean setsCookie) {
    boolean sameAs(Outcome o) {
      return status == o.status && java.util.Objects.equals(location, o.location) && passwordForm == o.passwordForm
          && (setsCookie == o.setsCookie || !setsCookie) && Math.abs(length - o.length) <= Math.max(64, o.length / 10);
    }
  }

  private static final Pattern FAILURE = Pattern.compile(
      "(?i)(invalid|incorrect|failed|failure|wrong|denied|error|not match|誤り|間違|失敗|違います|できません|正しくありません|一致しません)");

  /** What a login form posts: method, action path, the user and password fields and the fields sent as they are. */
  private record FormSpec(String method, String actionPath, String userField, String passField, List<String[]> fixed) {
    boolean hasHidden() {
      return !fixed.isEmpty();
    }
  }

  static FormSpec formSpec(Target t, String pagePath, Element form) {
    String method = form.attr("method").equalsIgnoreCase("get") ? "GET" : "POST";
    String action = form.attr("action").isBlank() ? pagePath : form.attr("action").strip();
    String actionPath = URI.create("http://" + t.text() + pagePath).resolve(action).getRawPath();
    if (actionPath == null || actionPath.isEmpty()) {
      actionPath = pagePath;
    }
    String userField = null;
    String passField = null;
    List<String[]> fixed = new ArrayList<>();
    for (Element in : form.select("input, select")) {
      String name = in.attr("name");
      if (name.isEmpty()) {
        continue;
      }
      String type = in.attr("type").toLowerCase(Locale.ROOT);
      if (type.equals("password") && passField == null) {
        passField = name;
      } else if (userField == null && (type.isEmpty() || type.equals("text") || type.equals("email"))
          && !in.tagName().equals("select")) {
        userField = name;
      } else if (type.equals("hidden") || type.equals("submit") || in.tagName().equals("select")) {
        String v = in.tagName().equals("select") ? in.select("option").stream().findFirst().map(o -> o.attr("value")).orElse("") : in.attr("value");
        if (!type.equals("submit") || !v.isEmpty()) {
          fixed.add(new String[] {name, v});
        }
      }
    }
    return passField == null ? null : new FormSpec(method, actionPath, userField, passField, fixed);
  }

  /**
   * Tries the list on a login form after a wrong-password baseline. Forms with hidden fields or a session
   * cookie are fetched again before every attempt (one-time tokens); password-only forms get each password once.
   */
  private static void formLogin(Target t, boolean tls, String pagePath, Http.Response page, Element form, LanContext ctx) {
    if (!ctx.tryLogins()) {
      return;
    }
    FormSpec spec = formSpec(t, pagePath, form);
    if (spec == null) {
      return;
    }
    String cookie = cookies(page, null);
    boolean refetch = spec.hasHidden() || cookie != null;
    List<LanData.Credential> plan = spec.userField() == null ? Attempts.passwords(ctx.data(), "http", 1) : Attempts.plan(ctx.data(), "http", 1);
    try {
      Outcome baseline = null;
      List<LanData.Credential> tries = new ArrayList<>();
      tries.add(new LanData.Credential("http", "mamori-" + random(), random()));
      tries.addAll(plan);
      for (LanData.Credential c : tries) {
        if (refetch && baseline != null) {
          Http.Response again = Http.send(t, tls, cookie == null ? Http.Request.get(pagePath) : Http.Request.get(pagePath).with("Cookie", cookie), ctx);
          Element f = again.status() == 200 || again.status() == 401 ? loginForm(Jsoup.parse(again.text())) : null;
          FormSpec fresh = f == null ? null : formSpec(t, pagePath, f);
          if (fresh != null) {
            spec = fresh;
            cookie = cookies(again, cookie);
          }
        }
        Outcome o = formAttempt(t, tls, spec, cookie, c.user(), c.password(), ctx);
        if (baseline == null) {
          baseline = o;
          continue;
        }
        if (o.status == 429 || o.status == 503) {
          Pace.backOff(Duration.ofSeconds(3));
          continue;
        }
        boolean success = !o.sameAs(baseline) && !o.passwordForm && !o.failureWords && o.status < 400;
        if (success) {
          LanData.Credential shown = spec.userField() == null ? new LanData.Credential("http", Telnet.NO_USER, c.password()) : c;
          ctx.add(defaultLogin(t, tls, pagePath, "web admin (login form)", shown, ctx).evidence("auth", "form")
              .evidence("status", o.status), Severity.HIGH);
          return;
        }
      }
    } catch (IOException e) {
      ctx.unfinished(t, "form login " + t + ": " + e.getMessage());
    }
  }

  private static Outcome formAttempt(Target t, boolean tls, FormSpec spec, String cookie, String user, String pass, LanContext ctx)
      throws IOException {
    String method = spec.method();
    String path = spec.actionPath();
    String userField = spec.userField();
    String passField = spec.passField();
    List<String[]> fixed = spec.fixed();
    StringBuilder q = new StringBuilder();
    for (String[] f : fixed) {
      q.append(q.length() == 0 ? "" : "&").append(enc(f[0])).append('=').append(enc(f[1]));
    }
    if (userField != null) {
      q.append(q.length() == 0 ? "" : "&").append(enc(userField)).append('=').append(enc(user));
    }
    q.append(q.length() == 0 ? "" : "&").append(enc(passField)).append('=').append(enc(pass));
    Http.Request req = method.equals("GET")
        ? Http.Request.get(path + (path.contains("?") ? "&" : "?") + q)
        : new Http.Request("POST", path, new java.util.LinkedHashMap<>(java.util.Map.of(
            "Content-Type", "application/x-www-form-urlencoded")), q.toString().getBytes(StandardCharsets.UTF_8));
    if (cookie != null) {
      req = req.with("Cookie", cookie);
    }
    Http.Response r = Http.send(t, tls, req, ctx);
    String text = r.text();
    Document d = Jsoup.parse(text);
    String visible = d.body() == null ? "" : d.body().text();
    String location = r.header("location") != null ? r.header("location") : refreshTarget(d);
    return new Outcome(r.status(), location, !d.select("input[type=password]").isEmpty(), r.body().length,
        FAILURE.matcher(visible).find(), !r.headers("set-cookie").isEmpty());
  }

  private static jp.mamori.checks.finding.Finding.Builder defaultLogin(Target t, boolean tls, String path, String service,
      LanData.Credential c, LanContext ctx) {
    return ctx.finding("lan.default-login", t).arg("service", service).arg("user", c.user())
        .identity("service", "http").identity("user", c.user())
        .evidence("url", (tls ? "https" : "http") + "://" + t.text() + path).evidence("user", c.user())
        .evidence("password", c.password().isEmpty() ? "(empty)" : "(vendor default, see list)");
  }

  /** The Cookie header after {@code r}: cookies it sets replace same-named ones of {@code before}. */
  private static String cookies(Http.Response r, String before) {
    java.util.Map<String, String> jar = new java.util.LinkedHashMap<>();
    if (before != null) {
      for (String c : before.split(";\\s*")) {
        jar.put(c.split("=", 2)[0], c);
      }
    }
    for (String sc : r.headers("set-cookie")) {
      String c = sc.split(";", 2)[0].strip();
      jar.put(c.split("=", 2)[0], c);
    }
    return jar.isEmpty() ? null : String.join("; ", jar.values());
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String random() {
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static String clip(String s, int n) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= n ? one : one.substring(0, n);
  }
}
