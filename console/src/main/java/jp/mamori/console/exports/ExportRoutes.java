package jp.mamori.console.exports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/** The escalation chain's documents as JSON: the evidence pack and the incident report (printable pages in ExportPages). */
public final class ExportRoutes {
  private final Services s;

  public ExportRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/tickets/:id/evidence").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> EvidencePack.build(s, conn, p, id));
    }, 200));
    r.get("/api/v1/tickets/:id/incident-report").handler(ctx -> Http.api(ctx, c -> report(c), 200));
    r.put("/api/v1/tickets/:id/incident-report").handler(ctx -> Http.api(ctx, this::save, 200));
    new ExportPages(s).mount(r);
  }

  Future<JsonObject> report(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> {
      s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      if (p.role() == Role.PARTNER) {
        throw ApiError.forbidden("the incident report is the company's and the chamber's desk's");
      }
      return s.desk().incidentReports().report(s, c, p, id);
    });
  }

  private Future<JsonObject> save(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    JsonObject body = Http.body(ctx);
    return s.db().write(c -> {
      Tickets.Ticket t = s.tickets().forDesk(c, p, id);
      s.desk().incidentReports().save(c, p, t, body);
      s.tickets().raiseStage(c, t, "investigate");
      s.desk().audit().change(c, p, "incident-report.update", "ticket", id, t.chamberId(), t.smeId(),
          new JsonObject().put("fields", new io.vertx.core.json.JsonArray(body.fieldNames().stream().sorted().toList())));
      return s.desk().incidentReports().report(s, c, p, id);
    });
  }
}
