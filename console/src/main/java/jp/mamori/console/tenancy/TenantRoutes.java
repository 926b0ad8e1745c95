package jp.mamori.console.tenancy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.auth.Users;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.Paging;

/** Chambers, member companies, accounts and enrollment tokens. */
public final class TenantRoutes {
  private final Services s;

  public TenantRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/chambers").handler(ctx -> Http.api(ctx, c -> s.db().read(conn -> {
      JsonArray a = new JsonArray();
      s.tenants().chambers(conn, Http.principal(c)).forEach(ch -> a.add(ch.toJson()));
      return a;
    }), 200));
    r.post("/api/v1/chambers").handler(ctx -> Http.api(ctx, this::createChamber, 201));
    r.get("/api/v1/smes").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      Paging.Page page = Paging.of(c, String.class, Long.class);
      return s.db().read(conn -> s.tenants().smes(conn, p, page)).map(smes -> {
        JsonArray a = new JsonArray();
        Paging.serve(c, page, smes, Tenants::key).forEach(sme -> a.add(sme.toJson()));
        return a;
      });
    }, 200));
    r.post("/api/v1/smes").handler(ctx -> Http.api(ctx, this::createSme, 201));
    r.get("/api/v1/smes/:id").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> s.tenants().sme(conn, p, id).orElseThrow(() -> ApiError.notFound("company " + id)).toJson());
    }, 200));
    r.post("/api/v1/smes/:id/enrollment-tokens").handler(ctx -> Http.api(ctx, this::createToken, 201));
    r.post("/api/v1/users").handler(ctx -> Http.api(ctx, this::createUser, 201));
  }

  private Future<JsonObject> createChamber(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (!p.operator()) {
      throw ApiError.forbidden("only the operator may create chambers");
    }
    JsonObject body = Http.body(ctx);
    return s.db().write(c -> {
      long id = s.tenants().createChamber(c, body.getString("slug"), body.getString("name"));
      return s.tenants().chamber(c, id).orElseThrow().toJson();
    });
  }

  private Future<JsonObject> createSme(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject body = Http.body(ctx);
    Long chamberId = body.getLong("chamberId");
    if (chamberId == null) {
      throw ApiError.badRequest("chamberId is required");
    }
    if (!p.administers(chamberId)) {
      throw ApiError.forbidden("only the chamber's administrators may add member companies");
    }
    return s.db().write(c -> s.tenants().sme(c, s.tenants().createSme(c, chamberId, body)).orElseThrow().toJson());
  }

  private Future<JsonObject> createToken(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long smeId = Http.idParam(ctx, "id");
    JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : Http.body(ctx);
    int days = body.getInteger("validDays", (int) Boxes.DEFAULT_TOKEN_LIFETIME.toDays());
    if (days < 1 || days > 90) {
      throw ApiError.badRequest("validDays must be 1-90, got " + days);
    }
    return s.db().write(c -> {
      Tenants.Sme sme = s.tenants().sme(c, p, smeId).orElseThrow(() -> ApiError.notFound("company " + smeId));
      if (!p.administers(sme.chamberId())) {
        throw ApiError.forbidden("only the chamber's administrators may create enrollment tokens");
      }
      String token = s.boxes().createToken(c, smeId, p.userId(), Duration.ofDays(days));
      return new JsonObject().put("token", token).put("smeId", smeId)
          .put("expiresAt", Instant.ofEpochMilli(s.clock().millis()).plus(Duration.ofDays(days)).toString())
          .put("message", "shown once: give it to the company with the box (mamori-agent enroll --token ...)");
    });
  }

  private Future<JsonObject> createUser(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject body = Http.body(ctx);
    Role role = Role.parse(body.getString("role"));
    Set<Long> chambers = new HashSet<>();
    body.getJsonArray("chamberIds", new JsonArray()).forEach(o -> chambers.add(((Number) o).longValue()));
    Long smeId = body.getLong("smeId");
    String password = body.getString("password");
    Users.NewUser u = new Users.NewUser(body.getString("email"), body.getString("displayName", body.getString("email")), password, role,
        chambers, smeId);
    if (!p.operator()) {
      if (role == Role.OPERATOR || role == Role.CHAMBER_ADMIN || role == Role.PARTNER) {
        throw ApiError.forbidden("only the operator may create " + role.wire() + " accounts");
      }
      if (!chambers.stream().allMatch(p::administers)) {
        throw ApiError.forbidden("you may only add people to chambers you administer");
      }
    }
    return s.hashing().executeBlocking(() -> s.users().hash(password), false)
        .compose(hash -> s.db().write(c -> {
          if (smeId != null) {
            Tenants.Sme sme = s.tenants().sme(c, smeId).orElseThrow(() -> ApiError.badRequest("no company " + smeId));
            if (!p.administers(sme.chamberId())) {
              throw ApiError.forbidden("you may only add people to companies of chambers you administer");
            }
          }
          long id = s.users().create(c, u, hash);
          return s.users().principal(c, id).orElseThrow().toJson();
        }));
  }
}
