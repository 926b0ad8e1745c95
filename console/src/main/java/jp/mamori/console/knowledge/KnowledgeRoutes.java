package jp.mamori.console.knowledge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/** Knowledge-base articles (everyone signed in reads; the desk writes) and canned answers (the desk's). */
public final class KnowledgeRoutes {
  private final Services s;

  public KnowledgeRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/kb").handler(ctx -> Http.api(ctx, this::listArticles, 200));
    r.post("/api/v1/kb").handler(ctx -> Http.api(ctx, this::createArticle, 201));
    r.get("/api/v1/kb/:id").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> article(conn, p, id).toJson());
    }, 200));
    r.put("/api/v1/kb/:id").handler(ctx -> Http.api(ctx, this::updateArticle, 200));
    r.delete("/api/v1/kb/:id").handler(ctx -> Http.api(ctx, this::deleteArticle, 204));
    r.get("/api/v1/canned-answers").handler(ctx -> Http.api(ctx, this::listCanned, 200));
    r.post("/api/v1/canned-answers").handler(ctx -> Http.api(ctx, this::createCanned, 201));
    r.put("/api/v1/canned-answers/:id").handler(ctx -> Http.api(ctx, this::updateCanned, 200));
    r.delete("/api/v1/canned-answers/:id").handler(ctx -> Http.api(ctx, this::deleteCanned, 204));
  }

  private Knowledge.Article article(java.sql.Connection c, Principal p, long id) throws java.sql.SQLException {
    return s.desk().knowledge().get(c, p, id).orElseThrow(() -> ApiError.notFound("article " + id));
  }

  private Future<JsonArray> listArticles(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String check = ctx.request().getParam("check");
    Long ticketId = Http.queryLong(ctx, "ticketId");
    return s.db().read(c -> {
      JsonArray a = new JsonArray();
      if (check != null && !check.isBlank()) {
        Long chamber = ticketId == null ? null : s.tickets().get(c, p, ticketId).map(Tickets.Ticket::chamberId)
            .orElseThrow(() -> ApiError.notFound("ticket " + ticketId));
        java.util.List<Long> mine = Knowledge.readable(c, p);
        long chamberId = chamber != null ? chamber : mine != null && mine.size() == 1 ? mine.get(0) : -1;
        s.desk().knowledge().forCheck(c, chamberId, check.strip()).forEach(x -> a.add(x.toJson()));
      } else {
        s.desk().knowledge().list(c, p, ctx.request().getParam("q")).forEach(x -> a.add(x.toJson()));
      }
      return a;
    });
  }

  private Future<JsonObject> createArticle(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject body = Http.body(ctx);
    return s.db().write(c -> {
      long id = s.desk().knowledge().create(c, p, body);
      Knowledge.Article a = article(c, p, id);
      s.desk().audit().change(c, p, "kb.create", "kb_article", id, a.chamberId(), null, new JsonObject().put("title", a.titleJa()));
      return a.toJson();
    });
  }

  private Future<JsonObject> updateArticle(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Knowledge.Article a = article(c, p, id);
      s.desk().knowledge().update(c, p, a, Http.body(ctx));
      s.desk().audit().change(c, p, "kb.update", "kb_article", id, a.chamberId(), null, null);
      return article(c, p, id).toJson();
    });
  }

  private Future<Void> deleteArticle(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Knowledge.Article a = article(c, p, id);
      s.desk().knowledge().delete(c, p, a);
      s.desk().audit().change(c, p, "kb.delete", "kb_article", id, a.chamberId(), null, new JsonObject().put("title", a.titleJa()));
      return null;
    });
  }

  private CannedAnswers.Canned canned(java.sql.Connection c, Principal p, long id) throws java.sql.SQLException {
    return s.desk().canned().get(c, p, id).orElseThrow(() -> ApiError.notFound("canned answer " + id));
  }

  /** With ticketId, each answer comes with {@code rendered}: its placeholders filled in for that ticket. */
  private Future<JsonArray> listCanned(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (!p.role().desk()) {
      throw ApiError.forbidden("canned answers are the chamber's desk's");
    }
    Long ticketId = Http.queryLong(ctx, "ticketId");
    return s.db().read(c -> {
      Map<String, String> values = null;
      Long chamber = null;
      if (ticketId != null) {
        Tickets.Ticket t = s.tickets().get(c, p, ticketId).orElseThrow(() -> ApiError.notFound("ticket " + ticketId));
        chamber = t.chamberId();
        values = placeholders(t, p);
      }
      JsonArray a = new JsonArray();
      for (CannedAnswers.Canned x : s.desk().canned().list(c, p, chamber)) {
        JsonObject j = x.toJson();
        if (values != null) {
          j.put("rendered", x.render(values));
        }
        a.add(j);
      }
      return a;
    });
  }

  public static Map<String, String> placeholders(Tickets.Ticket t, Principal p) {
    return Map.of("company", t.smeName(), "contact", t.contactName() == null ? "ご担当者" : t.contactName(), "advisor", p.displayName());
  }

  private Future<JsonObject> createCanned(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject b = Http.body(ctx);
    return s.db().write(c -> {
      long id = s.desk().canned().create(c, p, b.getLong("chamberId"), b.getString("title"), b.getString("body"));
      CannedAnswers.Canned x = canned(c, p, id);
      s.desk().audit().change(c, p, "canned.create", "canned_answer", id, x.chamberId(), null, new JsonObject().put("title", x.title()));
      return x.toJson();
    });
  }

  private Future<JsonObject> updateCanned(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      CannedAnswers.Canned x = canned(c, p, id);
      JsonObject b = Http.body(ctx);
      s.desk().canned().update(c, p, x, b.getString("title"), b.getString("body"));
      s.desk().audit().change(c, p, "canned.update", "canned_answer", id, x.chamberId(), null, null);
      return canned(c, p, id).toJson();
    });
  }

  private Future<Void> deleteCanned(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      CannedAnswers.Canned x = canned(c, p, id);
      s.desk().canned().delete(c, p, x);
      s.desk().audit().change(c, p, "canned.delete", "canned_answer", id, x.chamberId(), null, new JsonObject().put("title", x.title()));
      return null;
    });
  }
}
