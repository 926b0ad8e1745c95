package jp.mamori.console.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/** The audit log for the operator (everything) and chamber admins (their chambers). */
public final class AuditRoutes {
  private final Services s;

  public AuditRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/audit").handler(ctx -> Http.api(ctx, this::list, 200));
  }

  static void requireAuditor(Principal p) {
    if (!p.operator() && p.role() != Role.CHAMBER_ADMIN) {
      throw ApiError.forbidden("the audit log is for the operator and chamber administrators");
    }
  }

  static Audit.Filter filter(RoutingContext ctx) {
    return new Audit.Filter(Http.queryLong(ctx, "chamberId"), Http.queryLong(ctx, "userId"), text(ctx, "objectType"), text(ctx, "objectId"),
        text(ctx, "action"), instant(ctx, "from"), instant(ctx, "to"), Http.queryLong(ctx, "limit") == null ? 200 : Http.queryLong(ctx, "limit").intValue(),
        Http.queryLong(ctx, "before"));
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    requireAuditor(p);
    Audit.Filter f = filter(ctx);
    // rows of this very request and the ones just before it are still queued: write them first
    return s.desk().auditRecorder().flush(s.db()).otherwiseEmpty()
        .compose(x -> s.db().read(c -> Audit.toJson(s.desk().audit().query(c, p, f))));
  }

  private static String text(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Instant instant(RoutingContext ctx, String name) {
    String v = text(ctx, name);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be an ISO instant like 2026-04-01T00:00:00Z, got: " + v);
    }
  }
}
