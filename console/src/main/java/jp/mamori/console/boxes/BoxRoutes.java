package jp.mamori.console.boxes;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import jp.mamori.console.Services;
import jp.mamori.console.agentpackages.AgentPackages;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;
import jp.mamori.console.web.Paging;

/** Enrollment, heartbeats and box management. */
public final class BoxRoutes {
  private final Services s;

  public BoxRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.post("/api/v1/enroll").handler(ctx -> Http.api(ctx, this::enroll, 201));
    r.post("/api/v1/heartbeat").handler(ctx -> Http.api(ctx, this::heartbeat, 200));
    r.get("/api/v1/boxes").handler(ctx -> Http.api(ctx, this::list, 200));
    r.get("/api/v1/boxes/:id").handler(ctx -> Http.api(ctx, c -> box(c).map(Boxes.Box::toJson), 200));
    r.post("/api/v1/boxes/:id/revoke").handler(ctx -> Http.api(ctx, this::revoke, 200));
    r.post("/api/v1/boxes/:id/run-checks").handler(ctx -> Http.api(ctx, this::runChecks, 202));
    r.get("/boxes").handler(this::page);
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Paging.Page page = Paging.of(ctx, String.class, Long.class, String.class);
    return s.db().read(c -> s.boxes().list(c, p, page)).map(boxes -> toJson(Paging.serve(ctx, page, boxes, Boxes::key)));
  }

  /** Authenticates the calling box from its bearer credential. */
  public static Future<Boxes.BoxIdentity> box(Services s, RoutingContext ctx) {
    String credential = credential(ctx);
    return s.db().read(c -> s.boxes().authenticate(c, credential));
  }

  /** The bearer credential of the request, or null (for a box call that authenticates inside its own read). */
  public static String credential(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
  }

  private Future<JsonObject> enroll(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return s.db().write(c -> s.boxes().enroll(c, body.getString("token"), body.getString("hostname"), body.getString("agentVersion")))
        .map(e -> new JsonObject().put("boxId", e.boxId()).put("credential", e.credential()).put("smeId", e.smeId())
            .put("smeName", e.smeName()).put("chamberName", e.chamberName()).put("sites", new JsonArray(e.sites()))
            .put("heartbeatSeconds", Boxes.HEARTBEAT.toSeconds())
            .put("rulesPublicKey", s.portal().rulesKeys.publicKeyBase64()).put("rulesKeyId", s.portal().rulesKeys.keyId()));
  }

  private Future<JsonObject> heartbeat(RoutingContext ctx) {
    JsonObject status = Http.body(ctx);
    return box(s, ctx).compose(id -> s.db().write(c -> new JsonObject()
        .put("commands", AgentPackages.withUpdate(c, id.chamberId(), status.getString("agentVersion"), s.boxes().heartbeat(c, id.boxId(), status)))
        .put("rulesVersion", s.portal().iocs.version(c, id.chamberId())))).map(answer -> {
          s.metrics().heartbeat();
          return answer.put("serverTime", s.clock().instant().toString()).put("heartbeatSeconds", Boxes.HEARTBEAT.toSeconds());
        });
  }

  private Future<Boxes.Box> box(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String id = ctx.pathParam("id");
    return s.db().read(c -> s.boxes().get(c, p, id).orElseThrow(() -> ApiError.notFound("box " + id)));
  }

  private Future<JsonObject> revoke(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    return box(ctx).compose(b -> {
      if (!p.administers(b.chamberId())) {
        throw ApiError.forbidden("only the chamber's administrators may revoke its boxes");
      }
      return s.db().write(c -> {
        s.boxes().revoke(c, b.id());
        return s.boxes().get(c, p, b.id()).orElseThrow().toJson();
      });
    });
  }

  private Future<JsonObject> runChecks(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk may ask a box to run its checks");
    }
    return box(ctx).compose(b -> s.db().write(c -> {
      s.boxes().queueCommand(c, b.id(), new JsonObject().put("type", "run-checks"));
      return new JsonObject().put("boxId", b.id()).put("queued", "run-checks")
          .put("message", "the box runs its checks after its next heartbeat (within " + Boxes.HEARTBEAT.toSeconds() + " s); "
              + "on a small box a website patrol then takes about a minute and a LAN scan a few minutes, "
              + "and each check's findings arrive when it finishes");
    }));
  }

  /** The rule data a box reported: the signed version it uses, or that it runs on its bundled data, and why it cannot update. */
  static String rulesCell(String lang, JsonObject status) {
    if (status == null) {
      return "";
    }
    Object version = status.getValue("rulesVersion");
    String used = version instanceof Number n ? "v" + n.longValue() : I18n.t(lang, "boxes.rulesBundled");
    String error = status.getValue("rulesError") instanceof String e ? e : null;
    return esc(used) + (error == null ? "" : " <span class=\"error rules-error\" title=\"" + esc(error) + "\">"
        + esc(I18n.t(lang, "boxes.rulesError")) + "</span>");
  }

  private static JsonArray toJson(List<Boxes.Box> boxes) {
    JsonArray a = new JsonArray();
    boxes.forEach(b -> a.add(b.toJson()));
    return a;
  }

  private void page(RoutingContext ctx) {
    Principal p = ctx.get(Http.PRINCIPAL);
    if (p == null) {
      ctx.redirect("/login?next=/boxes");
      return;
    }
    String lang = Http.lang(ctx);
    Paging.Page page = Paging.of(ctx, String.class, Long.class, String.class);
    s.db().read(c -> s.boxes().list(c, p, page)).onSuccess(fetched -> {
      List<Boxes.Box> boxes = Paging.serve(ctx, page, fetched, Boxes::key);
      StringBuilder rows = new StringBuilder();
      for (Boxes.Box b : boxes) {
        String state = b.revokedAt() != null ? "revoked" : b.online() ? "online" : "offline";
        rows.append("<tr class=\"box ").append(state).append("\"><td>").append(esc(b.smeName())).append("</td><td>")
            .append(esc(b.hostname())).append("</td><td><span class=\"state state-").append(state).append("\">")
            .append(esc(I18n.t(lang, "box." + state))).append("</span></td><td>").append(Html.time(b.lastHeartbeatAt()))
            .append("</td><td>").append(esc(b.agentVersion())).append("</td><td>").append(rulesCell(lang, b.status())).append("</td></tr>");
      }
      String body = "<h1>" + esc(I18n.t(lang, "boxes.title")) + "</h1>"
          + (boxes.isEmpty() ? "<p>" + esc(I18n.t(lang, "boxes.none")) + "</p>"
              : "<table class=\"list\"><thead><tr><th>" + esc(I18n.t(lang, "boxes.company")) + "</th><th>"
                  + esc(I18n.t(lang, "boxes.hostname")) + "</th><th>" + esc(I18n.t(lang, "boxes.state")) + "</th><th>"
                  + esc(I18n.t(lang, "boxes.lastHeartbeat")) + "</th><th>" + esc(I18n.t(lang, "boxes.version")) + "</th><th>"
                  + esc(I18n.t(lang, "boxes.rules")) + "</th></tr></thead><tbody>" + rows + "</tbody></table>")
          + (boxes.size() < fetched.size()
              ? Layout.nextLink(lang, Paging.nextUrl(ctx, boxes.get(boxes.size() - 1), Boxes::key)) : "");
      Layout.page(ctx, 200, I18n.t(lang, "boxes.title"), body);
    }).onFailure(ctx::fail);
  }
}
