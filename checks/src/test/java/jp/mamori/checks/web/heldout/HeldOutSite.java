package jp.mamori.checks.web.heldout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import jp.mamori.checks.web.site.TestSite.Reply;
import jp.mamori.checks.web.site.TestSite.Request;

/**
 * One held-out base site, loaded from {@code heldout/<name>/site.txt} and its page files, served with the noise real
 * sites have (nonces, CSRF tokens, rotating banners, request ids, timestamps). Variants edit it the way a person (or
 * an attacker) edits a site: insert before a marker, replace text, add a page or a file, append to a script. Every
 * edit must change something, so a variant can never silently test nothing.
 */
public final class HeldOutSite implements Function<Request, Reply> {
  private static final String BASE = "jp/mamori/checks/web/heldout/";
  private static final Path DEBIAN_JS = Path.of("/usr/share/javascript");

  /** One served path: an HTML page, a text file, a redirect or a fixed status. */
  private record Entry(String type, String text, byte[] bytes, int status) {
    boolean html() {
      return type.startsWith("text/html");
    }
  }

  public final String name;
  public final String host;
  public final String scheme;
  private final Charset charset;
  private final boolean charsetHeader;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Random random = new Random();
  private int banner;
  /** scheme://host:port the site is served under, set by the environment. */
  volatile String origin;
  /** Answers first when it returns non-null (conditional redirects, cloaking, outages). */
  public Function<Request, Reply> override = r -> null;

  private HeldOutSite(String name, String host, String scheme, Charset charset, boolean charsetHeader) {
    this.name = name;
    this.host = host;
    this.scheme = scheme;
    this.charset = charset;
    this.charsetHeader = charsetHeader;
  }

  private static final Map<String, HeldOutSite> PROTOTYPES = new java.util.concurrent.ConcurrentHashMap<>();

  /** A fresh, editable copy of the named base site (its files are read once per test run). */
  public static HeldOutSite load(String name) {
    HeldOutSite p = PROTOTYPES.computeIfAbsent(name, HeldOutSite::read);
    HeldOutSite copy = new HeldOutSite(p.name, p.host, p.scheme, p.charset, p.charsetHeader);
    copy.entries.putAll(p.entries);
    copy.headers.putAll(p.headers);
    return copy;
  }

  /** Reads a base site from its manifest: "key value" settings, then "PATH FILE [key=value ...]" lines. */
  private static HeldOutSite read(String name) {
    String manifest = resource(name + "/site.txt");
    Map<String, String> settings = new LinkedHashMap<>();
    for (String raw : manifest.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("/")) {
        continue;
      }
      int sp = line.indexOf(' ');
      String key = sp < 0 ? line : line.substring(0, sp);
      String value = sp < 0 ? "" : line.substring(sp + 1).strip();
      if (key.equals("header")) {
        settings.put("header." + value.substring(0, value.indexOf(' ')), value.substring(value.indexOf(' ') + 1));
      } else {
        settings.put(key, value);
      }
    }
    HeldOutSite site = new HeldOutSite(name, settings.get("host"), settings.getOrDefault("scheme", "http"),
        Charset.forName(settings.getOrDefault("charset", "UTF-8")), !settings.containsKey("no-charset-header"));
    settings.forEach((k, v) -> {
      if (k.startsWith("header.")) {
        site.headers.put(k.substring(7), v);
      }
    });
    for (String raw : manifest.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("/")) {
        site.entry(name, line);
      }
    }
    return site;
  }

  private void entry(String site, String line) {
    // PATH SOURCE [key=value]... where SOURCE is a page file, debian:<file>, redirect:<location> or status:<code>
    String[] head = line.split("\\s+", 3);
    String path = head[0];
    String source = head[1];
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("path", path);
    if (head.length > 2) {
      for (String kv : head[2].split("\\s+(?=[a-z]+=)")) {
        int eq = kv.indexOf('=');
        vars.put(kv.substring(0, eq), kv.substring(eq + 1).strip());
      }
    }
    if (source.startsWith("redirect:")) {
      entries.put(path, new Entry("redirect", source.substring(9), null, 302));
    } else if (source.startsWith("status:")) {
      entries.put(path, new Entry("text/html", "<h1>" + source.substring(7) + "</h1>", null,
          Integer.parseInt(source.substring(7))));
    } else if (source.startsWith("debian:")) {
      Path file = DEBIAN_JS.resolve(source.substring(7));
      try {
        entries.put(path, new Entry(typeOf(path), Files.readString(file, StandardCharsets.UTF_8), null, 200));
      } catch (IOException e) {
        throw new IllegalStateException("held-out site " + site + " needs " + file + " (Debian libjs-* packages from "
            + ".ci/test-packages.txt): " + e.getMessage(), e);
      }
    } else {
      String text = resource(site + "/" + source);
      String layout = vars.get("layout");
      if (layout != null) {
        text = resource(site + "/" + layout).replace("{{content}}", text);
      }
      for (int i = 0; i < 3 && text.contains("{{include:"); i++) {
        int at = text.indexOf("{{include:");
        int end = text.indexOf("}}", at);
        text = text.substring(0, at) + resource(site + "/" + text.substring(at + 10, end)) + text.substring(end + 2);
      }
      for (Map.Entry<String, String> v : vars.entrySet()) {
        text = text.replace("{{" + v.getKey() + "}}", v.getValue());
      }
      String type = vars.getOrDefault("type", typeOf(path.endsWith("/") ? path + "index.html" : path));
      entries.put(path, new Entry(type, text, null, 200));
    }
  }

  private static String typeOf(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".js")) {
      return "application/javascript";
    } else if (p.endsWith(".css")) {
      return "text/css";
    } else if (p.endsWith(".xml")) {
      return "application/xml";
    } else if (p.endsWith(".txt")) {
      return "text/plain";
    } else if (p.endsWith(".json")) {
      return "application/json";
    }
    return "text/html";
  }

  static String resource(String name) {
    try (InputStream in = HeldOutSite.class.getClassLoader().getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing held-out resource " + BASE + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read held-out resource " + BASE + name, e);
    }
  }

  // ---- edits ----

  private List<String> targets(String path, String needle) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      boolean match = path.equals("*") ? e.getValue().html() : e.getKey().equals(path);
      if (match && e.getValue().text() != null && e.getValue().text().contains(needle)) {
        out.add(e.getKey());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(name + ": no page " + path + " contains '" + needle + "'");
    }
    return out;
  }

  private void rewrite(String path, String text) {
    Entry e = entries.get(path);
    entries.put(path, new Entry(e.type(), text, e.bytes(), e.status()));
  }

  /** Inserts html before the first occurrence of marker on the page ("*": every HTML page that has it). */
  public HeldOutSite insertBefore(String path, String marker, String html) {
    for (String p : targets(path, marker)) {
      String t = entries.get(p).text();
      int at = t.indexOf(marker);
      rewrite(p, t.substring(0, at) + html + t.substring(at));
    }
    return this;
  }

  public HeldOutSite insertAfter(String path, String marker, String html) {
    for (String p : targets(path, marker)) {
      String t = entries.get(p).text();
      int at = t.indexOf(marker) + marker.length();
      rewrite(p, t.substring(0, at) + html + t.substring(at));
    }
    return this;
  }

  /** Replaces every occurrence of from on the page ("*": on every HTML page that has it). */
  public HeldOutSite replace(String path, String from, String to) {
    for (String p : targets(path, from)) {
      rewrite(p, entries.get(p).text().replace(from, to));
    }
    return this;
  }

  /** Adds or replaces a page or file (type from the path). */
  public HeldOutSite put(String path, String text) {
    entries.put(path, new Entry(typeOf(path.endsWith("/") ? path + "index.html" : path), text, null, 200));
    return this;
  }

  /** Adds a page using the layout of an existing page: its text between start and end markers is replaced. */
  public HeldOutSite putLike(String path, String like, String startMarker, String endMarker, String content) {
    String t = text(like);
    int a = t.indexOf(startMarker);
    int b = t.indexOf(endMarker, a);
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException(name + ": " + like + " has no '" + startMarker + "' … '" + endMarker + "'");
    }
    return put(path, t.substring(0, a + startMarker.length()) + content + t.substring(b));
  }

  public HeldOutSite append(String path, String text) {
    Entry e = entries.get(path);
    if (e == null || e.text() == null) {
      throw new IllegalArgumentException(name + ": no text file " + path);
    }
    rewrite(path, e.text() + text);
    return this;
  }

  public HeldOutSite remove(String path) {
    if (entries.remove(path) == null) {
      throw new IllegalArgumentException(name + ": no page " + path);
    }
    return this;
  }

  public HeldOutSite header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public HeldOutSite dropHeader(String name) {
    headers.remove(name);
    return this;
  }

  public String text(String path) {
    Entry e = entries.get(path);
    if (e == null || e.text() == null) {
      throw new IllegalArgumentException(name + ": no text page " + path);
    }
    return e.text();
  }

  public boolean has(String path) {
    return entries.containsKey(path);
  }

  public List<String> htmlPaths() {
    return entries.entrySet().stream().filter(e -> e.getValue().html() && e.getValue().status() == 200)
        .map(Map.Entry::getKey).toList();
  }

  // ---- serving ----

  /** What a visitor gets for this request (the override aside), as a reply. */
  public Reply serve(Request r) {
    String path = r.path();
    Entry e = entries.get(path);
    if (e == null && !path.endsWith("/") && entries.containsKey(path + "/")) {
      return Reply.redirect(301, origin + path + "/");
    }
    if (e == null) {
      return html(404, "<!DOCTYPE html><html lang=\"ja\"><head><title>404 Not Found</title></head><body>"
          + "<h1>ページが見つかりません</h1></body></html>");
    }
    if (e.type().equals("redirect")) {
      String to = e.text().startsWith("/") ? origin + e.text() : e.text();
      return Reply.redirect(e.status(), to);
    }
    String text = expand(e.text(), path);
    if (e.html()) {
      return html(e.status(), text);
    }
    String type = e.type() + (e.type().startsWith("application/javascript") || e.type().startsWith("text/")
        ? "; charset=UTF-8" : "");
    return new Reply(e.status(), type, text.getBytes(StandardCharsets.UTF_8), Map.of(), false);
  }

  private Reply html(int status, String text) {
    String type = charsetHeader ? "text/html; charset=" + charset.name() : "text/html";
    return new Reply(status, type, text.getBytes(charset), Map.of(), false).withHeaders(headers);
  }

  @Override
  public Reply apply(Request r) {
    Reply o = override.apply(r);
    return o != null ? o : serve(r);
  }

  private String expand(String text, String path) {
    if (!text.contains("{{")) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 256);
    int from = 0;
    while (true) {
      int at = text.indexOf("{{", from);
      if (at < 0) {
        sb.append(text, from, text.length());
        return sb.toString();
      }
      int end = text.indexOf("}}", at);
      sb.append(text, from, at);
      String token = text.substring(at + 2, end);
      sb.append(switch (token) {
        case "origin" -> origin;
        case "origin_json" -> origin.replace("/", "\\/");
        case "host" -> host;
        case "nonce" -> Long.toHexString(random.nextLong() & 0xffffffffffL);
        case "csrf" -> UUID.randomUUID().toString().replace("-", "") + Integer.toHexString(random.nextInt());
        case "uuid" -> UUID.randomUUID().toString();
        case "banner" -> String.valueOf(1 + (banner++ % 4));
        case "time" -> String.valueOf(System.currentTimeMillis());
        case "rand" -> String.valueOf(random.nextInt(1_000_000));
        case "page" -> path;
        default -> throw new IllegalStateException(name + ": unknown token {{" + token + "}} on " + path);
      });
      from = end + 2;
    }
  }
}
