package jp.mamori.checks.web.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import jp.mamori.checks.web.site.TestSite.Reply;
import jp.mamori.checks.web.site.TestSite.Request;

/**
 * A small Japanese company's WordPress-style website (山田精工株式会社), rendered per request with the noise
 * real sites have: nonces, a rotating banner, a timestamp. Fields are the knobs the benign and compromised
 * variants turn; {@link #override} answers first when it returns non-null.
 */
public final class CompanySite implements Function<Request, Reply> {
  private final Random random = new Random();

  public String wpVersion = "6.8.1";
  public String themeVersion = "1.4.2";
  public String pluginVersion = "5.9.3";
  public int copyrightYear = 2026;
  public String intro = "山田精工株式会社は、大阪府東大阪市で精密部品の加工を行う町工場です。創業以来五十年、"
      + "自動車・医療機器・産業機械向けの部品を一つひとつ丁寧に作ってまいりました。小ロット・試作品のご相談もお気軽にどうぞ。";
  public List<String[]> menu = new ArrayList<>(List.of(
      new String[] {"ホーム", "/"}, new String[] {"会社概要", "/about/"}, new String[] {"製品紹介", "/products/"},
      new String[] {"お知らせ", "/news/"}, new String[] {"採用情報", "/recruit/"}, new String[] {"アクセス", "/access/"},
      new String[] {"お問い合わせ", "/contact/"}));
  public List<String[]> news = new ArrayList<>(List.of(
      new String[] {"2026.10.01", "秋季休業のお知らせ", "/news/autumn-holiday/"},
      new String[] {"2026.09.12", "新型五軸加工機を導入しました", "/news/new-machine/"},
      new String[] {"2026.08.01", "夏季休業のお知らせ", "/news/summer-holiday/"}));
  public Map<String, String> prices = new LinkedHashMap<>(Map.of("精密シャフト SH-10", "1,200円", "アルミブラケット AB-3",
      "850円", "ステンレスピン SP-5", "320円"));
  public String headExtra = "";
  public String homeExtra = "";
  public String footerExtra = "";
  public final Map<String, String> pageExtra = new LinkedHashMap<>();
  public final Map<String, String> extraPages = new LinkedHashMap<>();
  public String contactAction = "/contact/";
  public String contactFields = "";
  public boolean securityTxt = true;
  public boolean securityHeaders = true;
  public String phone = "06-1234-5678";
  public String address = "大阪府東大阪市高井田1-2-3";
  public int banners = 4;
  public Function<Request, Reply> override = r -> null;
  /** Replaces the whole home page body when set (defacement, wholesale replacement). */
  public String homeBody;
  public String homeTitle = "山田精工株式会社 | 東大阪の精密部品加工";
  public String lang = "ja";
  public boolean showGenerator = true;

  /** Static files (scripts) by path, served as JavaScript. */
  public final Map<String, String> files = new LinkedHashMap<>();

  {
    files.put("/wp-content/themes/yamada/js/navigation.js", "(function(){var t=document.querySelector('.menu-toggle');"
        + "if(!t){return;}t.addEventListener('click',function(){var n=document.getElementById('site-navigation');"
        + "n.classList.toggle('toggled');t.setAttribute('aria-expanded',n.classList.contains('toggled'));});})();");
    files.put("/wp-includes/js/jquery/jquery.min.js", "/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors | "
        + "jquery.org/license */!function(e,t){\"use strict\";e.jQuery=e.$=function(s){return document.querySelectorAll(s)};"
        + "e.jQuery.ajax=function(o){var x=new XMLHttpRequest;x.open(o.type||'GET',o.url);x.send(o.data);return x};"
        + "e.jQuery.fn={val:function(){return this[0].value}}}(window);");
    files.put("/wp-content/plugins/contact-form-7/includes/js/index.js", "(()=>{\"use strict\";const e=document"
        + ".querySelectorAll('.wpcf7-form');e.forEach(t=>{t.addEventListener('submit',n=>{n.preventDefault();"
        + "const o=new FormData(t);fetch(wpcf7.api.root+'contact-form-7/v1/contact-forms/42/feedback',{method:'POST',"
        + "body:o}).then(r=>r.json()).then(j=>{t.querySelector('.wpcf7-response-output').textContent=j.message})})})})();");
    extraPages.put("/privacy/", "<p>当社は、お客様の個人情報を適切に管理し、お問い合わせへの回答以外の目的には使用しません。</p>");
  }

  @Override
  public Reply apply(Request r) {
    Reply o = override.apply(r);
    if (o != null) {
      return o;
    }
    String path = r.path();
    if (path.equals("/.well-known/security.txt")) {
      if (!securityTxt) {
        return Reply.status(404);
      }
      return new Reply(200, "text/plain; charset=UTF-8", ("Contact: mailto:security@yamada-seiko.test\n"
          + "Expires: 2030-12-31T23:59:59Z\nPreferred-Languages: ja, en\n").getBytes(), Map.of(), false);
    }
    if (path.equals("/readme.html")) {
      return Reply.status(404);
    }
    if (files.containsKey(path)) {
      return new Reply(200, "application/javascript; charset=UTF-8",
          files.get(path).getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of(), false);
    }
    String body = switch (path) {
      case "/" -> homeBody != null ? homeBody : home();
      case "/about/" -> about();
      case "/products/" -> products();
      case "/news/" -> newsList();
      case "/recruit/" -> section("採用情報", "<p>機械オペレーター（正社員）を募集しています。未経験の方も丁寧に指導します。"
          + "勤務時間 8:30〜17:30、土日祝休み。まずはお電話でご連絡ください。</p>");
      case "/access/" -> section("アクセス", "<p>近鉄けいはんな線「高井田駅」から徒歩5分。駐車場3台あり。</p><p>" + address + "</p>");
      case "/contact/" -> contact();
      default -> {
        if (extraPages.containsKey(path)) {
          yield section("ページ", extraPages.get(path));
        }
        for (String[] n : news) {
          if (n[2].equals(path)) {
            yield section(n[1], "<p>" + n[0] + "</p><p>いつも格別のご愛顧を賜り、誠にありがとうございます。" + n[1]
                + "について、下記のとおりご案内いたします。ご不便をおかけしますが、何卒よろしくお願い申し上げます。</p>");
          }
        }
        yield null;
      }
    };
    if (body == null) {
      return Reply.status(404);
    }
    String html = homeBody != null && path.equals("/") ? body : page(path, body);
    Reply reply = Reply.html(html);
    if (securityHeaders) {
      reply = reply.withHeaders(Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options", "SAMEORIGIN",
          "Referrer-Policy", "strict-origin-when-cross-origin", "Content-Security-Policy", "frame-ancestors 'self'",
          "Strict-Transport-Security", "max-age=31536000"));
    }
    return reply;
  }

  private String nonce() {
    return Long.toHexString(random.nextLong() & 0xffffffffffL);
  }

  private String page(String path, String content) {
    StringBuilder m = new StringBuilder();
    for (String[] item : menu) {
      m.append("<li class=\"menu-item\"><a href=\"").append(item[1]).append("\">").append(item[0]).append("</a>");
      if (item[1].equals("/products/")) {
        m.append("<ul class=\"sub-menu\" style=\"display:none\"><li><a href=\"/products/#shaft\">シャフト</a></li>"
            + "<li><a href=\"/products/#bracket\">ブラケット</a></li></ul>");
      }
      m.append("</li>");
    }
    return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"UTF-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + (path.equals("/") ? homeTitle : "山田精工株式会社") + "</title>"
        + (showGenerator ? "<meta name=\"generator\" content=\"WordPress " + wpVersion + "\">" : "")
        + "<link rel=\"stylesheet\" id=\"wp-block-library-css\" href=\"/wp-includes/css/dist/block-library/style.min.css?ver="
        + wpVersion + "\" media=\"all\">"
        + "<link rel=\"stylesheet\" href=\"/wp-content/themes/yamada/style.css?ver=" + themeVersion + "\">"
        + "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Noto+Sans+JP:wght@400;700&display=swap\">"
        + "<script src=\"/wp-includes/js/jquery/jquery.min.js?ver=3.7.1\" id=\"jquery-core-js\"></script>"
        + "<script src=\"/wp-content/plugins/contact-form-7/includes/js/index.js?ver=" + pluginVersion + "\"></script>"
        + "<script>window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/\","
        + "\"ext\":\".png\",\"source\":{\"concatemoji\":\"\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=" + wpVersion
        + "\"}};</script>"
        + "<script>var wpcf7 = {\"api\":{\"root\":\"\\/wp-json\\/\",\"namespace\":\"contact-form-7\\/v1\"},\"nonce\":\""
        + nonce() + "\",\"cached\":\"1\"};</script>"
        + "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ\"></script>"
        + "<script>window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}"
        + "gtag('js', new Date());gtag('config', 'G-ABC123XYZ');</script>"
        + headExtra
        + "</head><body class=\"home page-template-default\">"
        + "<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-K9X8Y7\" height=\"0\" width=\"0\" "
        + "style=\"display:none;visibility:hidden\"></iframe></noscript>"
        + "<a class=\"skip-link screen-reader-text\" href=\"#content\">コンテンツへスキップ</a>"
        + "<header id=\"masthead\" class=\"site-header\"><div class=\"site-branding\"><a href=\"/\">"
        + "<img src=\"/wp-content/uploads/logo.png\" alt=\"山田精工株式会社\"></a></div>"
        + "<nav id=\"site-navigation\" class=\"main-navigation\"><button class=\"menu-toggle\" aria-expanded=\"false\">"
        + "<span class=\"screen-reader-text\">メニュー</span></button><ul id=\"primary-menu\">" + m + "</ul></nav></header>"
        + "<main id=\"content\" class=\"site-main\">" + content + pageExtra.getOrDefault(path, "") + "</main>"
        + "<footer class=\"site-footer\"><div class=\"footer-info\"><p>山田精工株式会社</p><p>〒577-0065 " + address
        + "</p><p>TEL " + phone + "（平日 8:30〜17:30）</p></div>"
        + "<ul class=\"footer-links\"><li><a href=\"https://www.osaka.cci.or.jp/\">大阪商工会議所</a></li>"
        + "<li><a href=\"https://www.facebook.com/yamadaseiko\">Facebook</a></li>"
        + "<li><a href=\"https://line.me/R/ti/p/@yamadaseiko\">LINE</a></li>"
        + "<li><a href=\"/privacy/\">プライバシーポリシー</a></li></ul>"
        + footerExtra
        + "<p class=\"copyright\">&copy; " + copyrightYear + " Yamada Seiko Co., Ltd.</p></footer>"
        + "<script src=\"/wp-content/themes/yamada/js/navigation.js?ver=" + themeVersion + "\"></script>"
        + "<!-- page generated " + System.nanoTime() + " -->"
        + "</body></html>";
  }

  private String section(String title, String html) {
    return "<article class=\"page\"><h1 class=\"entry-title\">" + title + "</h1><div class=\"entry-content\">" + html
        + "</div></article>";
  }

  private String home() {
    int banner = 1 + random.nextInt(banners);
    StringBuilder n = new StringBuilder("<section class=\"news\"><h2>お知らせ</h2><ul>");
    for (String[] item : news) {
      n.append("<li><time>").append(item[0]).append("</time><a href=\"").append(item[2]).append("\">").append(item[1])
          .append("</a></li>");
    }
    n.append("</ul><a href=\"/news/\">お知らせ一覧</a></section>");
    return "<section class=\"hero\"><img src=\"/wp-content/uploads/banner-" + banner + ".jpg\" alt=\"工場の様子\" "
        + "class=\"hero-banner\"><h1>確かな技術で、ものづくりを支える。</h1></section>"
        + "<section class=\"intro\"><h2>私たちについて</h2><p>" + intro + "</p></section>"
        + "<section class=\"strengths\"><h2>山田精工の強み</h2><div class=\"cards\">"
        + "<div class=\"card\"><h3>高精度</h3><p>ミクロン単位の精度で加工します。</p></div>"
        + "<div class=\"card\"><h3>短納期</h3><p>試作品は最短3日でお届けします。</p></div>"
        + "<div class=\"card\"><h3>小ロット対応</h3><p>1個からご注文いただけます。</p></div></div></section>"
        + n + homeExtra
        + "<section class=\"cta\"><p>お見積り・ご相談は無料です。</p><a class=\"button\" href=\"/contact/\">お問い合わせ</a></section>";
  }

  private String about() {
    return section("会社概要", "<table class=\"company\"><tr><th>社名</th><td>山田精工株式会社</td></tr>"
        + "<tr><th>代表者</th><td>代表取締役 山田太郎</td></tr><tr><th>設立</th><td>1976年4月</td></tr>"
        + "<tr><th>従業員数</th><td>18名</td></tr><tr><th>所在地</th><td>" + address + "</td></tr></table>"
        + "<p>お客様の「困った」を技術で解決することが私たちの使命です。</p>");
  }

  private String products() {
    StringBuilder sb = new StringBuilder("<table class=\"products\">");
    prices.forEach((name, price) -> sb.append("<tr><td>").append(name).append("</td><td>").append(price)
        .append("（税込）</td></tr>"));
    sb.append("</table><p>価格は100個ロットの単価です。数量によりお見積りいたします。</p>")
        .append("<img src=\"/wp-content/uploads/products.jpg\" alt=\"製品写真\">");
    return section("製品紹介", sb.toString());
  }

  private String newsList() {
    StringBuilder sb = new StringBuilder("<ul class=\"news-list\">");
    for (String[] item : news) {
      sb.append("<li><time>").append(item[0]).append("</time> <a href=\"").append(item[2]).append("\">").append(item[1])
          .append("</a></li>");
    }
    return section("お知らせ", sb.append("</ul>").toString());
  }

  private String contact() {
    return section("お問い合わせ", "<p>以下のフォームよりお問い合わせください。</p>"
        + "<form class=\"wpcf7-form\" method=\"post\" action=\"" + contactAction + "\">"
        + "<input type=\"hidden\" name=\"_wpcf7\" value=\"42\"><input type=\"hidden\" name=\"_wpnonce\" value=\"" + nonce()
        + "\"><p><label>お名前<input type=\"text\" name=\"your-name\"></label></p>"
        + "<p><label>メールアドレス<input type=\"email\" name=\"your-email\"></label></p>"
        + "<p><label>お問い合わせ内容<textarea name=\"your-message\"></textarea></label></p>" + contactFields
        + "<p><input type=\"submit\" value=\"送信\"></p></form>");
  }
}
