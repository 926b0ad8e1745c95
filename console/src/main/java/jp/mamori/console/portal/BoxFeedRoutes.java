package jp.mamori.console.portal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jp.mamori.console.Services;
import jp.mamori.console.boxes.BoxRoutes;
import jp.mamori.console.rules.RulesFeed;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/**
 * What a box pulls besides commands (box credential): the chamber's signed rule data and the company's
 * advisories for the box's local page, where staff can acknowledge them.
 */
public final class BoxFeedRoutes {
  private final Services s;
  private final PortalServices ps;

  public BoxFeedRoutes(Services s) {
    this.s = s;
    this.ps = s.portal();
  }

  public void mount(Router r) {
    r.get("/api/v1/box/rules").handler(ctx -> Http.api(ctx, this::rules, 200));
    r.get("/api/v1/box/advisories").handler(ctx -> Http.api(ctx, this::advisories, 200));
    r.post("/api/v1/box/advisories/:id/ack").handler(ctx -> Http.api(ctx, this::ack, 204));
  }

  /**
   * {@code {payload, signature, keyId}}: the signature is Ed25519 over the payload text's UTF-8 bytes. Polled by
   * every box, so it is one read (credential, version, cached answer) and, when the box already has this version
   * ({@code If-None-Match} with the ETag, or {@code ?since=<version>}), a 304 without a body.
   */
  private Future<Void> rules(RoutingContext ctx) {
    Long since = Http.queryLong(ctx, "since");
    if (since != null && since < 0) {
      throw ApiError.badRequest("since must be the rules version the box has (0 or more), got: " + since);
    }
    String credential = BoxRoutes.credential(ctx);
    return s.db().read(c -> ps.rules.signed(c, s.boxes().authenticate(c, credential).chamberId())).map(signed -> {
      ctx.response().putHeader("ETag", signed.etag()).putHeader("Cache-Control", "no-cache");
      if (RulesFeed.notModified(signed, ctx.request().getHeader("If-None-Match"), since)) {
        ctx.response().setStatusCode(304).end();
      } else {
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json; charset=utf-8").end(signed.body());
      }
      return null;
    });
  }

  private Future<JsonObject> advisories(RoutingContext ctx) {
    return BoxRoutes.box(s, ctx).compose(box -> s.db().read(c -> {
      JsonArray a = new JsonArray();
      ps.advisories.forSme(c, box.chamberId(), box.smeId(), 50).forEach(x -> a.add(x.toJson()));
      return new JsonObject().put("advisories", a);
    }));
  }

  private Future<Void> ack(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : Http.body(ctx);
    Object by = body.getValue("by");
    if (by != null && !(by instanceof String)) {
      throw ApiError.badRequest("by must be the name of the person who read the advisory");
    }
    return BoxRoutes.box(s, ctx).compose(box -> s.db().write(c -> {
      ps.advisories.forSme(c, box.chamberId(), box.smeId(), id).orElseThrow(() -> ApiError.notFound("advisory " + id));
      ps.advisories.acknowledge(c, id, box.smeId(), null, (String) by, "box");
      return null;
    }));
  }
}
