package jp.mamori.checks.web;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.checks.web.Fetcher.As;
import jp.mamori.checks.web.Fetcher.Response;

/**
 * The Japanese keyword hack leaves the home page alone: it generates thousands of spam pages, often shown only to
 * search robots, and lists them in a sitemap (a new one in robots.txt, a new child of the sitemap index, or a sitemap
 * that suddenly grows). This check reads robots.txt and the sitemaps it names (or /sitemap.xml), remembers how many
 * URLs each lists, and when a sitemap is new or has grown a lot, fetches a few of its pages the way Googlebot does
 * and looks for spam on them. A normal patrol costs two small requests; the page samples only happen on a change.
 */
final class SitemapCheck {
  static final int MAX_SITEMAPS = 5;
  static final int SAMPLES = 2;
  /** A first patrol samples a sitemap only when it is this big: small company sites list tens of pages, not thousands. */
  static final int BIG = 500;
  private static final int MAX_BYTES = 1024 * 1024;

  private final Fetcher fetcher;
  private final PageAnalyzer analyzer;

  SitemapCheck(Fetcher fetcher, PageAnalyzer analyzer) {
    this.fetcher = fetcher;
    this.analyzer = analyzer;
  }

  /** One sitemap as read: the page URLs it lists (up to a few kept) and the child sitemaps of an index. */
  record Read(int count, List<URI> pages, List<URI> children) {}

  void run(PatrolState state, URI home, Set<String> knownPages, Findings found) {
    JsonObject before = state.json().getJsonObject("sitemaps");
    boolean learned = before != null && state.hasBaseline();
    Map<String, Integer> now = new LinkedHashMap<>();
    List<URI> queue = new ArrayList<>(listed(home));
    Set<String> seen = new LinkedHashSet<>();
    int fetched = 0;
    int turn = state.json().getInteger("sitemapTurn", 0);
    state.json().put("sitemapTurn", (turn + 1) % 1000);
    while (!queue.isEmpty() && fetched < MAX_SITEMAPS) {
      URI sitemap = queue.remove(0);
      if (!seen.add(sitemap.toString())) {
        continue;
      }
      Integer previous = before == null ? null : before.getInteger(sitemap.toString());
      boolean isNew = learned && previous == null;
      // known child sitemaps are fetched again only while there is room; new ones always
      if (!isNew && fetched >= 2 && previous != null) {
        now.put(sitemap.toString(), previous);
        continue;
      }
      Response r = fetcher.get(sitemap, As.BOT, null, MAX_BYTES);
      fetched++;
      if (!r.ok()) {
        // remembered as missing, so it is not "new" on every later patrol
        now.put(sitemap.toString(), -1);
        continue;
      }
      Read read = read(text(r.body()), home);
      now.put(sitemap.toString(), read.count());
      // known children beyond the budget are re-read in turn, one patrol after another, so a child that grows is read
      // within a few patrols however many siblings come before it
      List<URI> kids = new ArrayList<>(read.children().stream().limit(20).toList());
      if (!kids.isEmpty()) {
        java.util.Collections.rotate(kids, -(turn % kids.size()));
      }
      queue.addAll(kids);
      boolean grew = previous != null && previous >= 0 && read.count() >= Math.max(previous * 3, previous + 200);
      boolean suspicious = learned ? isNew || grew : read.count() >= BIG;
      if (suspicious && !read.pages().isEmpty()) {
        sample(sitemap, read, knownPages, isNew ? "a new sitemap" : grew ? "a sitemap that grew from " + previous
            : "a sitemap", found);
      }
    }
    JsonObject keep = new JsonObject();
    if (before != null) {
      before.forEach(e -> keep.put(e.getKey(), e.getValue()));
    }
    now.forEach(keep::put);
    while (keep.size() > 30) {
      keep.remove(keep.fieldNames().iterator().next());
    }
    state.json().put("sitemaps", keep);
  }

  /** The same-site sitemaps robots.txt lists, else /sitemap.xml. */
  private List<URI> listed(URI home) {
    List<URI> out = new ArrayList<>();
    Response robots = fetcher.get(home.resolve("/robots.txt"), As.BOT, null, 64 * 1024);
    String type = robots.header("content-type") == null ? "" : robots.header("content-type").toLowerCase(Locale.ROOT);
    if (robots.ok() && !type.contains("html")) {
      for (String line : new String(robots.body(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.regionMatches(true, 0, "sitemap:", 0, 8) && out.size() < MAX_SITEMAPS) {
          URI u = Sites.resolve(home, l.substring(8).strip());
          if (u != null && Sites.sameSite(home, u)) {
            out.add(u);
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add(home.resolve("/sitemap.xml"));
    }
    return out;
  }

  /**
   * A sitemap's text; a gzip-compressed one (sitemap.xml.gz, which search engines accept) is inflated up to the same cap
   * as any response, so a compressed bomb costs no more than a large file.
   */
  static String text(byte[] body) {
    if (body.length < 2 || (body[0] & 0xff) != 0x1f || (body[1] & 0xff) != 0x8b) {
      return new String(body, StandardCharsets.UTF_8);
    }
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** Counts &lt;loc&gt; entries without building a document (a sitemap may list 50,000 URLs). */
  static Read read(String xml, URI home) {
    boolean index = xml.contains("<sitemapindex");
    List<String> first = new ArrayList<>();
    String[] latest = new String[5];
    int count = 0;
    int from = 0;
    while (true) {
      int at = xml.indexOf("<loc>", from);
      if (at < 0) {
        break;
      }
      int end = xml.indexOf("</loc>", at);
      if (end < 0) {
        break;
      }
      if (end - at > 2100) {
        from = at + 5;
        continue;
      }
      String loc = xml.substring(at + 5, end);
      // keep the first few and the latest few: generated spam is usually appended
      if (first.size() < 10) {
        first.add(loc);
      } else {
        latest[count % latest.length] = loc;
      }
      count++;
      from = end;
    }
    List<URI> urls = new ArrayList<>();
    List<String> kept = new ArrayList<>(first);
    for (int k = 0; k < latest.length; k++) {
      String l = latest[(count + k) % latest.length];
      if (l != null) {
        kept.add(l);
      }
    }
    for (String loc : kept) {
      URI u = Sites.resolve(home, loc.strip().replace("&amp;", "&"));
      if (u != null && Sites.sameSite(home, u)) {
        urls.add(u);
      }
    }
    return index ? new Read(0, List.of(), urls) : new Read(count, urls, List.of());
  }

  private void sample(URI sitemap, Read read, Set<String> knownPages, String what, Findings found) {
    List<URI> candidates = new ArrayList<>();
    for (int i = read.pages().size() - 1; i >= 0 && candidates.size() < SAMPLES; i--) {
      URI u = read.pages().get(i);
      if (!knownPages.contains(u.toString())) {
        candidates.add(u);
      }
    }
    for (URI u : candidates) {
      Response r = fetcher.get(u, As.BOT, null, MAX_BYTES);
      String type = r.header("content-type") == null ? "" : r.header("content-type").toLowerCase(Locale.ROOT);
      if (!r.ok() || !type.contains("html")) {
        continue;
      }
      PageFacts p = analyzer.analyze(r.body(), u, false);
      Map<String, Integer> terms = p.spamTerms();
      boolean spam = p.observations().stream().anyMatch(o -> o.check().equals("web.seo-spam"))
          || Texts.strong(terms) >= 1 && Texts.score(terms) >= 5;
      if (spam) {
        String how = "spam pages listed in " + what + " (" + read.count() + " URLs)";
        found.add(u, Observation.of("web.seo-spam", Severity.HIGH, "sitemap:" + sitemap.getPath(),
            Finding.snippet(p.title() + " — " + String.join(", ", terms.keySet())))
            .with("how", how).with("sitemap", sitemap.toString()).with("terms", String.join(", ", terms.keySet())));
        return;
      }
    }
  }
}
