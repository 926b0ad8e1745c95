package jp.mamori.console.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.boxes.BoxRoutes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.Paging;

/** Where boxes deliver findings and run reports, and where people read alerts. */
public final class IngestRoutes {
  private final Services s;

  public IngestRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.post("/api/v1/findings").handler(ctx -> Http.api(ctx, this::ingest, 200));
    r.get("/api/v1/alerts").handler(ctx -> Http.api(ctx, this::list, 200));
    r.get("/api/v1/alerts/:id").handler(ctx -> Http.api(ctx, this::get, 200));
  }

  private Future<JsonObject> ingest(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    JsonArray findings = array(body, "findings");
    JsonArray runs = array(body, "runs");
    java.time.Instant sentAt = sentAt(body);
    // validated on a worker, so the single writer only stores
    return BoxRoutes.box(s, ctx)
        .compose(box -> s.vertx().executeBlocking(() -> Ingestion.parse(findings, runs), false)
            .compose(delivery -> s.db().write(c -> s.ingestion().ingest(c, box, delivery, sentAt))))
        .map(result -> {
          s.metrics().received(result.accepted().size(), result.duplicates().size(), result.rejected().size());
          return result.toJson();
        });
  }

  private static java.time.Instant sentAt(JsonObject body) {
    Object v = body.getValue("sentAt");
    if (v == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse((String) v).toInstant();
    } catch (ClassCastException | java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest("sentAt must be an ISO-8601 date-time (the box's clock when it sent this), got: " + v);
    }
  }

  private static JsonArray array(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw ApiError.badRequest(field + " must be an array");
    }
    return a;
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String status = ctx.request().getParam("status");
    if (status != null && !status.equals("open") && !status.equals("resolved")) {
      throw ApiError.badRequest("status must be open or resolved, got: " + status);
    }
    Long smeId = longParam(ctx, "smeId");
    Paging.Page page = Paging.of(ctx, Long.class, Long.class);
    return s.db().read(c -> s.alerts().list(c, p, status, smeId, page)).map(rows -> {
      JsonArray a = new JsonArray();
      Paging.serve(ctx, page, rows, Alerts::key).forEach(al -> a.add(al.toJson()));
      return a;
    });
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> {
      Alerts.Alert a = s.alerts().get(c, p, id).orElseThrow(() -> ApiError.notFound("alert " + id));
      return a.toJson().put("findings", new JsonArray(s.alerts().findings(c, id, 50)));
    });
  }

  static Long longParam(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a number, got: " + v);
    }
  }
}
