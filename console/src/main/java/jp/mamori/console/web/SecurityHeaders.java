package jp.mamori.console.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Headers every response carries: strict CSP (no inline script or style), no framing, no sniffing. */
public final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
      + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  @Override
  public void handle(RoutingContext ctx) {
    var h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    h.set("Cache-Control", "no-store");
    if (ctx.request().isSSL()) {
      h.set("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }
}
