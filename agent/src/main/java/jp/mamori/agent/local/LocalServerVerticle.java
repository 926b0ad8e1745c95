package jp.mamori.agent.local;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.io.IOException;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.health.HealthBanner;
import jp.mamori.agent.selfcheck.Attestation;
import jp.mamori.agent.selfcheck.AttestationStore;
import jp.mamori.agent.selfcheck.ClientInfo;
import jp.mamori.agent.selfcheck.SelfCheck;
import jp.mamori.agent.selfcheck.SelfCheckPage;
import jp.mamori.checks.finding.Finding;
import jp.mamori.common.DiskSpace;

/**
 * The box's own web server on the office LAN. For now it serves the PC self-check at {@code /check};
 * later pages mount on {@link #router()}. Thin: the logic lives in {@code jp.mamori.agent.selfcheck}.
 */
public final class LocalServerVerticle extends VerticleBase {
  static final String DEVICE_COOKIE = "mamori_device";

  private final String host;
  private final int port;
  private final AttestationStore store;
  private final Clock clock;
  private final Runnable onAttestation;
  private final BoxHealth health;
  private HttpServer server;
  private Router router;

  public LocalServerVerticle(String host, int port, AttestationStore store, Clock clock, Runnable onAttestation) {
    this(host, port, store, clock, onAttestation, new BoxHealth(clock));
  }

  /** {@code health}: its problems show as a banner on the pages, and a self-check that cannot be saved is reported to it. */
  public LocalServerVerticle(String host, int port, AttestationStore store, Clock clock, Runnable onAttestation, BoxHealth health) {
    this.host = host;
    this.port = port;
    this.store = store;
    this.clock = clock;
    this.onAttestation = onAttestation;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    router.get("/check").handler(rc -> html(rc, 200, HealthBanner.onto(SelfCheckPage.form(), health.problems())));
    router.get("/check/selfcheck.js").handler(rc -> rc.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
        .end(SelfCheckPage.js()));
    router.get("/check/selfcheck.css").handler(rc -> rc.response().putHeader("Content-Type", "text/css; charset=utf-8")
        .end(SelfCheckPage.css()));
    router.get("/check/eicar.com.txt").handler(rc -> rc.response().putHeader("Content-Type", "text/plain")
        .putHeader("Cache-Control", "no-store").end(SelfCheckPage.eicar()));
    router.post("/check/result").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(this::result);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  public Router router() {
    return router;
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private void result(RoutingContext rc) {
    var form = rc.request().formAttributes();
    String name = form.get("name") == null ? "" : form.get("name").strip();
    String av = form.get("av");
    String defs = form.get("defs");
    String updates = form.get("updates");
    if (name.isEmpty() || name.length() > 60 || !SelfCheck.ANSWERS.contains(av) || !SelfCheck.ANSWERS.contains(defs)
        || !SelfCheck.ANSWERS.contains(updates)) {
      html(rc, 400, "<!doctype html><meta charset=utf-8><p>名前を入れて、すべての質問に答えてください。"
          + "(name and all answers are required)</p><p><a href=\"/check\">戻る</a></p>");
      return;
    }
    Cookie cookie = rc.request().getCookie(DEVICE_COOKIE);
    String deviceId = cookie != null && cookie.getValue().matches("[0-9a-f-]{36}") ? cookie.getValue() : UUID.randomUUID().toString();
    String blocked = form.get("eicarBlocked");
    ClientInfo client = ClientInfo.parse(rc.request().getHeader("User-Agent"),
        first(form.get("platform"), rc.request().getHeader("Sec-CH-UA-Platform")),
        first(form.get("platformVersion"), rc.request().getHeader("Sec-CH-UA-Platform-Version")));
    Attestation a = new Attestation(deviceId, name, rc.request().remoteAddress().hostAddress(), client,
        "true".equals(blocked) ? Boolean.TRUE : "false".equals(blocked) ? Boolean.FALSE : null, av, defs, updates, clock.instant());
    vertx.executeBlocking(() -> {
      try {
        store.put(a);
        health.fileWritten(store.file());
      } catch (IOException e) {
        health.fileWriteFailed(store.file(), e);
        throw e;
      }
      return SelfCheck.evaluate(a, clock);
    }).onSuccess((List<Finding> findings) -> {
      rc.response().addCookie(Cookie.cookie(DEVICE_COOKIE, deviceId).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
          .setPath("/check").setMaxAge(10L * 365 * 24 * 3600));
      if (onAttestation != null) {
        onAttestation.run();
      }
      html(rc, 200, SelfCheckPage.result(name, findings));
    }).onFailure(e -> html(rc, 503, "<!doctype html><meta charset=utf-8><p>記録できませんでした。しばらくしてからもう一度お試しください。</p>"
        + (DiskSpace.isFull(e) ? "<p>ボックスの記録用の容量がいっぱいです。商工会議所の相談窓口にご連絡ください。"
            + "(The box's storage is full; please contact your chamber's help desk.)</p>" : "")));
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static void html(RoutingContext rc, int status, String body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY").putHeader("Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'")
        .end(body);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
