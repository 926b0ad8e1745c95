package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.web.site.TestSite;
import jp.mamori.checks.web.site.TestSite.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyword-hack sitemap check against a loopback site whose robots.txt, sitemaps and pages the test sets. */
class SitemapCheckTest {
  static final String HOST = "www.sitemap-test.test";
  @TempDir
  Path dir;
  final Map<String, String> files = new LinkedHashMap<>();

  static String urlset(URI home, String prefix, int from, int count) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    for (int n = from; n < from + count; n++) {
      sb.append("<url><loc>").append(home.resolve(prefix + n + ".html")).append("</loc></url>");
    }
    return sb.append("</urlset>").toString();
  }

  List<Finding> patrol(TestSite site, PatrolState state) throws Exception {
    StaticResolver resolver = new StaticResolver(null).map(HOST, "127.0.0.1");
    try (Fetcher fetcher = new Fetcher(PatrolOptions.defaults(), resolver, true, Clock.systemUTC())) {
      Findings found = new Findings(Clock.systemUTC());
      new SitemapCheck(fetcher, new PageAnalyzer(WebRules.get())).run(state, site.url(HOST), Set.of(), found);
      state.json().put("runs", state.runs() + 1).put("homeFetches", state.json().getInteger("homeFetches", 0) + 2);
      return found.build();
    }
  }

  TestSite site() throws Exception {
    TestSite site = TestSite.http();
    site.handler(r -> {
      String body = files.get(r.path());
      if (body == null) {
        return Reply.status(404);
      }
      if (r.path().startsWith("/kw/") && !r.isBot()) {
        return Reply.status(404);
      }
      String type = r.path().endsWith(".html") ? "text/html; charset=UTF-8" : "text/plain";
      return new Reply(200, type, body.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    });
    return site;
  }

  @Test
  void spamPagesInANewSitemapAreFoundAsGooglebotSeesThem() throws Exception {
    try (TestSite site = site()) {
      URI home = site.url(HOST);
      files.put("/robots.txt", "User-agent: *\nSitemap: " + home.resolve("/sitemap.xml") + "\n");
      files.put("/sitemap.xml", urlset(home, "/page", 1, 8));
      PatrolState state = PatrolState.load(dir);
      assertThat(patrol(site, state)).isEmpty();
      int before = site.requests();
      assertThat(patrol(site, state)).isEmpty();
      assertThat(site.requests() - before).as("robots.txt and the one sitemap").isEqualTo(2);

      files.put("/robots.txt", files.get("/robots.txt") + "Sitemap: " + home.resolve("/sitemap-jp.xml") + "\n");
      files.put("/sitemap-jp.xml", urlset(home, "/kw/", 1, 3000));
      for (int n = 2990; n < 3001; n++) {
        files.put("/kw/" + n + ".html", "<html><head><title>ルイヴィトン 財布 スーパーコピー</title></head><body><p>ロレックス "
            + "スーパーコピー N級品 激安 通販 代引き</p></body></html>");
      }
      List<Finding> found = patrol(site, state);
      assertThat(found).extracting(Finding::check).containsExactly("web.seo-spam");
      assertThat(found.get(0).evidence().getString("how")).contains("new sitemap").contains("3000 URLs");
    }
  }

  @Test
  void aSitemapThatGrowsWithRealPagesStaysQuiet() throws Exception {
    try (TestSite site = site()) {
      URI home = site.url(HOST);
      files.put("/sitemap.xml", urlset(home, "/products/item-", 1, 40));
      PatrolState state = PatrolState.load(dir);
      patrol(site, state);
      files.put("/sitemap.xml", urlset(home, "/products/item-", 1, 900));
      for (int n = 890; n < 901; n++) {
        files.put("/products/item-" + n + ".html", "<html><head><title>精密シャフト " + n + "</title></head><body><p>価格 1,200円"
            + "</p></body></html>");
      }
      assertThat(patrol(site, state)).isEmpty();
    }
  }

  @Test
  void aBigSpamSitemapIsCheckedOnTheFirstPatrolTooAndHostileOnesStayBounded() throws Exception {
    try (TestSite site = site()) {
      URI home = site.url(HOST);
      StringBuilder robots = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        robots.append("Sitemap: ").append(home.resolve("/s" + i + ".xml")).append('\n');
      }
      files.put("/robots.txt", robots.toString());
      files.put("/s0.xml", urlset(home, "/kw/", 1, SitemapCheck.BIG + 10));
      files.put("/kw/" + (SitemapCheck.BIG + 10) + ".html", "<html><body><p>オンラインカジノ 入金不要ボーナス ネットカジノ</p></body></html>");
      files.put("/s1.xml", "<loc>".repeat(200_000));
      int before = site.requests();
      List<Finding> found = patrol(site, PatrolState.load(dir));
      assertThat(found).extracting(Finding::check).containsExactly("web.seo-spam");
      assertThat(site.requests() - before).isLessThanOrEqualTo(1 + SitemapCheck.MAX_SITEMAPS + SitemapCheck.SAMPLES);
    }
  }

  @Test
  void gzipSitemapsAreReadAndBombsStayCapped() throws Exception {
    String xml = "<urlset><url><loc>https://www.example.jp/a</loc></url><url><loc>https://www.example.jp/b</loc></url></urlset>";
    assertThat(SitemapCheck.read(SitemapCheck.text(jp.mamori.checks.web.site.Corpus.gzip(xml.getBytes())),
        java.net.URI.create("https://www.example.jp/")).count()).isEqualTo(2);
    byte[] bomb = jp.mamori.checks.web.site.Corpus.gzip(new byte[64 * 1024 * 1024]);
    assertThat(SitemapCheck.text(bomb).length()).isLessThanOrEqualTo(1024 * 1024);
    assertThat(SitemapCheck.text(new byte[] {0x1f, (byte) 0x8b, 1, 2})).isEmpty();
  }
}
