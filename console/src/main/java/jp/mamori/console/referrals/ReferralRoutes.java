package jp.mamori.console.referrals;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.auth.Users;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/** Partner responders, their people, and referrals of tickets to them. */
public final class ReferralRoutes {
  private static final Set<String> STATUSES = Set.of("requested", "accepted", "declined", "completed", "withdrawn");
  private final Services s;

  public ReferralRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/partners").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      return s.db().read(conn -> {
        JsonArray a = new JsonArray();
        s.desk().referrals().partners(conn, p).forEach(x -> a.add(x.toJson()));
        return a;
      });
    }, 200));
    r.post("/api/v1/partners").handler(ctx -> Http.api(ctx, this::createPartner, 201));
    r.post("/api/v1/partners/:id/chambers").handler(ctx -> Http.api(ctx, this::linkChamber, 200));
    r.post("/api/v1/partners/:id/users").handler(ctx -> Http.api(ctx, this::createPartnerUser, 201));
    r.post("/api/v1/tickets/:id/referrals").handler(ctx -> Http.api(ctx, this::refer, 201));
    r.get("/api/v1/tickets/:id/referrals").handler(ctx -> Http.api(ctx, this::forTicket, 200));
    r.get("/api/v1/referrals").handler(ctx -> Http.api(ctx, this::list, 200));
    r.get("/api/v1/referrals/:id").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> referral(conn, p, id).toJson());
    }, 200));
    for (String action : new String[] {"accept", "decline", "complete", "withdraw"}) {
      r.post("/api/v1/referrals/:id/" + action).handler(ctx -> Http.api(ctx, c -> act(c, action), 200));
    }
  }

  private Referrals.Referral referral(java.sql.Connection c, Principal p, long id) throws java.sql.SQLException {
    return s.desk().referrals().get(c, p, id).orElseThrow(() -> ApiError.notFound("referral " + id));
  }

  private Future<JsonObject> createPartner(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject b = Http.body(ctx);
    return s.db().write(c -> {
      long id = s.desk().referrals().createPartner(c, p, b);
      return s.desk().referrals().partner(c, p, id).orElseThrow().toJson();
    });
  }

  private Future<JsonObject> linkChamber(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    JsonObject b = Http.body(ctx);
    Long chamberId = b.getLong("chamberId");
    if (chamberId == null) {
      throw ApiError.badRequest("chamberId is required");
    }
    return s.db().write(c -> {
      s.desk().referrals().link(c, p, id, chamberId);
      return s.desk().referrals().partner(c, p, id).map(Referrals.Partner::toJson).orElse(new JsonObject().put("id", id));
    });
  }

  private Future<JsonObject> createPartnerUser(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    if (!p.operator()) {
      throw ApiError.forbidden("only the operator creates partner accounts");
    }
    JsonObject b = Http.body(ctx);
    String password = b.getString("password");
    Users.NewUser u = new Users.NewUser(b.getString("email"), b.getString("displayName", b.getString("email")), password, Role.PARTNER,
        Set.of(), null);
    return s.hashing().executeBlocking(() -> s.users().hash(password), false).compose(hash -> s.db().write(c -> {
      if (Jdbc.count(c, "SELECT COUNT(*) FROM partners WHERE id = ?", id) == 0) {
        throw ApiError.notFound("partner " + id);
      }
      long userId = s.users().create(c, u, hash);
      Jdbc.update(c, "UPDATE users SET partner_id = ? WHERE id = ?", id, userId);
      s.desk().audit().change(c, p, "partner.user", "partner", id, null, null, new JsonObject().put("userId", userId));
      return s.users().principal(c, userId).orElseThrow().toJson().put("partnerId", id);
    }));
  }

  private Future<JsonObject> refer(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long ticketId = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Tickets.Ticket t = s.tickets().forDesk(c, p, ticketId);
      long id = s.desk().referrals().refer(c, p, t, Http.body(ctx));
      return referral(c, p, id).toJson();
    });
  }

  private Future<JsonArray> forTicket(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long ticketId = Http.idParam(ctx, "id");
    return s.db().read(c -> {
      s.tickets().get(c, p, ticketId).orElseThrow(() -> ApiError.notFound("ticket " + ticketId));
      JsonArray a = new JsonArray();
      s.desk().referrals().forTicket(c, p, ticketId).forEach(x -> a.add(x.toJson()));
      return a;
    });
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String status = ctx.request().getParam("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest("status must be one of " + STATUSES + ", got: " + status);
    }
    return s.db().read(c -> {
      JsonArray a = new JsonArray();
      s.desk().referrals().list(c, p, status).forEach(x -> a.add(x.toJson()));
      return a;
    });
  }

  private Future<JsonObject> act(RoutingContext ctx, String action) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    JsonObject body = Http.bodyOrEmpty(ctx);
    return s.db().write(c -> {
      Referrals.Referral r = referral(c, p, id);
      s.desk().referrals().act(c, p, r, action, body);
      // a partner no longer sees a referral it declined: answer with the row as it is now
      return s.desk().referrals().byId(c, id).orElseThrow().toJson();
    });
  }
}
