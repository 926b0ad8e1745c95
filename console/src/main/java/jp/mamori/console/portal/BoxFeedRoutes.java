package jp.mamori.console.portal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jp.mamori.console.Services;
import jp.mamori.console.boxes.BoxRoutes;
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

  /** {@code {payload, signature, keyId}}: the signature is Ed25519 over the payload text's UTF-8 bytes. */
  private Future<JsonObject> rules(RoutingContext ctx) {
    return BoxRoutes.box(s, ctx).compose(box -> s.db().read(c -> ps.iocs.payload(c, box.chamberId()))).map(payload ->
        new JsonObject().put("payload", payload).put("signature", ps.rulesKeys.sign(payload)).put("keyId", ps.rulesKeys.keyId()));
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
