package jp.mamori.console.portal;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.advisories.Advisories;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.chamber.MonthlyReports;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/**
 * The member company's portal (owner and staff; the chamber's desk may look too): box state, the five-point
 * scorecard, website patrol, 相談する, advisories with acknowledgement, the SECURITY ACTION helper and the
 * monthly reports. Pages and the same through {@code /api/v1/smes/{id}/...}.
 */
public final class PortalRoutes {
  /** An industry average is shown only over at least this many companies, so nobody can be singled out. */
  public static final int MIN_PEERS = 3;

  private final Services s;
  private final PortalServices ps;

  public PortalRoutes(Services s) {
    this.s = s;
    this.ps = s.portal();
  }

  public void mount(Router r) {
    Buffer css = Buffer.buffer(resource("static/portal.css") + MonthlyReports.css());
    Buffer js = Buffer.buffer(resource("static/portal.js"));
    r.get("/static/portal.css").handler(ctx -> ctx.response().putHeader("content-type", "text/css; charset=utf-8")
        .putHeader("Cache-Control", "max-age=3600").end(css));
    r.get("/static/portal.js").handler(ctx -> ctx.response().putHeader("content-type", "text/javascript; charset=utf-8")
        .putHeader("Cache-Control", "max-age=3600").end(js));

    r.get("/api/v1/smes/:id/portal").handler(ctx -> Http.api(ctx, c -> withSme(c, (conn, p, sme) -> overview(conn, p, sme)), 200));
    r.get("/api/v1/smes/:id/scorecard").handler(ctx -> Http.api(ctx, c -> withSme(c, (conn, p, sme) -> ps.scorecard.forSme(conn, sme.id()).toJson()), 200));
    r.post("/api/v1/smes/:id/consultations").handler(ctx -> Http.api(ctx, this::apiConsult, 201));
    r.get("/api/v1/smes/:id/advisories").handler(ctx -> Http.api(ctx, c -> withSme(c, (conn, p, sme) -> {
      JsonArray a = new JsonArray();
      ps.advisories.forSme(conn, sme.chamberId(), sme.id(), 100).forEach(x -> a.add(x.toJson()));
      return a;
    }), 200));
    r.post("/api/v1/smes/:id/advisories/:advisoryId/ack").handler(ctx -> Http.api(ctx, c -> ack(c, Http.idParam(c, "id"),
        Http.idParam(c, "advisoryId")).map(x -> (Void) null), 204));
    r.get("/api/v1/self-check/items").handler(ctx -> Http.api(ctx, c -> Future.succeededFuture(SelfCheck.itemsJson()), 200));
    r.get("/api/v1/smes/:id/security-action").handler(ctx -> Http.api(ctx, c -> withSme(c, (conn, p, sme) -> securityAction(conn, sme)), 200));
    r.put("/api/v1/smes/:id/security-action/declaration").handler(ctx -> Http.api(ctx, c -> {
      JsonObject body = Http.body(c);
      return portalWrite(c, Http.idParam(c, "id"), (conn, p, sme) -> ps.securityAction.declare(conn, sme.id(), body.getJsonObject("points"), p.userId()).toJson());
    }, 200));
    r.put("/api/v1/smes/:id/security-action/policy").handler(ctx -> Http.api(ctx, c -> {
      JsonObject body = Http.body(c);
      return portalWrite(c, Http.idParam(c, "id"), (conn, p, sme) -> ps.securityAction.savePolicy(conn, sme.id(), body.getJsonObject("fields"), p.userId()).toJson());
    }, 200));
    r.get("/api/v1/smes/:id/self-checks").handler(ctx -> Http.api(ctx, c -> withSme(c, (conn, p, sme) -> {
      JsonArray a = new JsonArray();
      ps.selfCheck.history(conn, sme.id(), 50).forEach(x -> a.add(x.toJson()));
      return a;
    }), 200));
    r.post("/api/v1/smes/:id/self-checks").handler(ctx -> Http.api(ctx, c -> {
      JsonObject body = Http.body(c);
      return portalWrite(c, Http.idParam(c, "id"), (conn, p, sme) -> ps.selfCheck.submit(conn, sme.id(), answers(body.getValue("answers")),
          p.userId()).toJson());
    }, 201));
    r.get("/api/v1/smes/:id/reports/:month").handler(ctx -> Http.api(ctx, c -> {
      YearMonth month = month(c);
      return withSme(c, (conn, p, sme) -> ps.reports.build(conn, sme, month).toJson());
    }, 200));
    r.get("/api/v1/smes/:id/reports/:month/pdf").handler(this::pdf);

    r.get("/portal").handler(this::portalPage);
    r.get("/portal/consult").handler(ctx -> page(ctx, (c, p, sme, lang) -> consultForm(ctx, lang, null)));
    r.post("/portal/consult").handler(this::consultPost);
    r.get("/portal/advisories").handler(ctx -> page(ctx, (c, p, sme, lang) -> advisoriesPage(ctx, c, sme, lang)));
    r.post("/portal/advisories/:advisoryId/ack").handler(this::ackPost);
    r.get("/portal/security-action").handler(ctx -> page(ctx, (c, p, sme, lang) -> securityActionPage(ctx, c, sme, lang)));
    r.post("/portal/security-action/declaration").handler(this::declarePost);
    r.get("/portal/self-check").handler(ctx -> page(ctx, (c, p, sme, lang) -> selfCheckForm(ctx, lang)));
    r.post("/portal/self-check").handler(this::selfCheckPost);
    r.get("/portal/self-check/:resultId").handler(ctx -> page(ctx, (c, p, sme, lang) -> selfCheckResult(c, sme, lang, Http.idParam(ctx, "resultId"))));
    r.get("/portal/policy").handler(ctx -> page(ctx, (c, p, sme, lang) -> policyForm(ctx, c, sme, lang)));
    r.post("/portal/policy").handler(this::policyPost);
    r.get("/portal/policy/print").handler(ctx -> page(ctx, (c, p, sme, lang) -> policyPrint(c, sme, lang)));
    r.get("/portal/reports").handler(ctx -> page(ctx, (c, p, sme, lang) -> reportsIndex(sme, lang)));
    r.get("/portal/reports/:month").handler(ctx -> page(ctx, (c, p, sme, lang) -> MonthlyReports.body(ps.reports.build(c, sme, month(ctx)), lang)
        + "<p class=\"actions\"><a class=\"button\" href=\"/api/v1/smes/" + sme.id() + "/reports/" + month(ctx) + "/pdf\">"
        + esc(I18n.t(lang, "report.pdf")) + "</a></p>"));
  }

  // ---- plumbing ------------------------------------------------------------------------------------

  @FunctionalInterface
  interface SmeWork<T> {
    T run(Connection c, Principal p, Tenants.Sme sme) throws Exception;
  }

  private <T> Future<T> withSme(RoutingContext ctx, SmeWork<T> work) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> work.run(c, p, s.tenants().sme(c, p, id).orElseThrow(() -> ApiError.notFound("company " + id))));
  }

  /** Changes only the company's own people make (the desk may look, not declare on their behalf). */
  private <T> Future<T> portalWrite(RoutingContext ctx, long smeId, SmeWork<T> work) {
    Principal p = Http.principal(ctx);
    return s.db().write(c -> {
      Tenants.Sme sme = s.tenants().sme(c, p, smeId).orElseThrow(() -> ApiError.notFound("company " + smeId));
      if (!p.role().portal()) {
        throw ApiError.forbidden("only the company's owner or staff can do this");
      }
      return work.run(c, p, sme);
    });
  }

  static List<Integer> answers(Object raw) {
    if (!(raw instanceof JsonArray a)) {
      throw ApiError.badRequest("answers must be an array of " + SelfCheck.ITEMS + " numbers (4, 2, 0 or -1)");
    }
    List<Integer> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof Number n) || n.doubleValue() != n.intValue()) {
        throw ApiError.badRequest("answers must be whole numbers (4, 2, 0 or -1), got: " + o);
      }
      out.add(n.intValue());
    }
    return out;
  }

  private static YearMonth month(RoutingContext ctx) {
    try {
      return MonthlyReports.parseMonth(ctx.pathParam("month"));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("report " + ctx.pathParam("month"));
    }
  }

  private Future<Long> consult(RoutingContext ctx, long smeId, String subject, String body) {
    Principal p = Http.principal(ctx);
    return s.db().write(c -> {
      Tenants.Sme sme = s.tenants().sme(c, p, smeId).orElseThrow(() -> ApiError.notFound("company " + smeId));
      if (!p.role().portal()) {
        throw ApiError.forbidden("consultations from the portal are opened by the company's owner or staff");
      }
      return s.tickets().openConsultation(c, new Tickets.Consultation(sme.id(), "portal", subject, body, null, null, p.userId()));
    });
  }

  private Future<JsonObject> apiConsult(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return consult(ctx, Http.idParam(ctx, "id"), body.getString("subject"), body.getString("body")).map(id -> new JsonObject().put("ticketId", id));
  }

  private Future<Boolean> ack(RoutingContext ctx, long smeId, long advisoryId) {
    Principal p = Http.principal(ctx);
    return s.db().write(c -> {
      Tenants.Sme sme = s.tenants().sme(c, p, smeId).orElseThrow(() -> ApiError.notFound("company " + smeId));
      if (!p.role().portal()) {
        throw ApiError.forbidden("advisories are acknowledged by the company's owner or staff");
      }
      ps.advisories.forSme(c, sme.chamberId(), sme.id(), advisoryId).orElseThrow(() -> ApiError.notFound("advisory " + advisoryId));
      return ps.advisories.acknowledge(c, advisoryId, sme.id(), p.userId(), p.displayName(), "portal");
    });
  }

  private void pdf(RoutingContext ctx) {
    Principal p;
    YearMonth m;
    long id;
    try {
      p = Http.principal(ctx);
      m = month(ctx);
      id = Http.idParam(ctx, "id");
    } catch (RuntimeException e) {
      Http.fail(ctx, e);
      return;
    }
    String lang = Http.lang(ctx);
    s.db().read(c -> s.tenants().sme(c, p, id).orElseThrow(() -> ApiError.notFound("company " + id)))
        .compose(sme -> ps.reportPdf(s.db(), s.tenants(), sme.id(), m, lang))
        .onSuccess(pdf -> ctx.response().putHeader("content-type", "application/pdf")
            .putHeader("Content-Disposition", "inline; filename=\"mamori-report-" + m + ".pdf\"").end(pdf))
        .onFailure(e -> Http.fail(ctx, e));
  }

  JsonObject overview(Connection c, Principal p, Tenants.Sme sme) throws SQLException {
    JsonArray boxes = new JsonArray();
    for (Boxes.Box b : s.boxes().list(c, p)) {
      if (b.smeId() == sme.id()) {
        boxes.add(b.toJson());
      }
    }
    JsonArray runs = new JsonArray();
    Jdbc.list(c, "SELECT checks, targets, finished_at, received_at, fingerprints FROM runs WHERE sme_id = ? ORDER BY received_at DESC LIMIT 10",
        rs -> new JsonObject().put("checks", new JsonArray(rs.getString(1))).put("targets", new JsonArray(rs.getString(2)))
            .put("finishedAt", Instant.ofEpochMilli(rs.getLong(3)).toString()).put("receivedAt", Instant.ofEpochMilli(rs.getLong(4)).toString())
            .put("problemsSeen", rs.getInt(5)), sme.id()).forEach(runs::add);
    Scorecard.Card card = ps.scorecard.forSme(c, sme.id());
    Peer peer = peer(c, sme, card);
    return new JsonObject().put("company", sme.toJson()).put("boxes", boxes).put("lastChecks", runs).put("scorecard", card.toJson())
        .put("industryAverage", peer.average()).put("industryPeers", peer.count()).put("patrol", patrol(c, sme))
        .put("advisoriesUnacknowledged", card.advisoriesUnacknowledged());
  }

  record Peer(Integer average, int count) {}

  /** The average score of the chamber's companies of the same industry (shown only over {@link #MIN_PEERS} or more). */
  Peer peer(Connection c, Tenants.Sme sme, Scorecard.Card own) throws SQLException {
    if (sme.industry() == null || sme.industry().isBlank()) {
      return new Peer(null, 0);
    }
    List<Long> ids = Jdbc.list(c, "SELECT id FROM smes WHERE chamber_id = ? AND industry = ?", rs -> rs.getLong(1), sme.chamberId(), sme.industry());
    if (ids.size() < MIN_PEERS) {
      return new Peer(null, ids.size());
    }
    Map<Long, Scorecard.Card> cards = ps.scorecard.forChamber(c, sme.chamberId());
    int sum = 0;
    for (long id : ids) {
      sum += cards.containsKey(id) ? cards.get(id).score() : 0;
    }
    return new Peer(Math.round((float) sum / ids.size()), ids.size());
  }

  JsonObject patrol(Connection c, Tenants.Sme sme) throws SQLException {
    JsonObject last = Jdbc.one(c, "SELECT finished_at, received_at, fingerprints, targets FROM runs WHERE sme_id = ? AND checks LIKE '%\"web.%' "
            + "ORDER BY received_at DESC LIMIT 1", rs -> new JsonObject().put("finishedAt", Instant.ofEpochMilli(rs.getLong(1)).toString())
            .put("receivedAt", Instant.ofEpochMilli(rs.getLong(2)).toString()).put("problemsSeen", rs.getInt(3))
            .put("targets", new JsonArray(rs.getString(4))), sme.id()).orElse(null);
    JsonArray open = new JsonArray();
    for (var a : s.alerts().list(c, principalFor(sme), "open", sme.id(), 200)) {
      if (a.check().startsWith("web.")) {
        open.add(a.toJson());
      }
    }
    return new JsonObject().put("website", sme.website()).put("lastPatrol", last).put("openFindings", open);
  }

  /** The company's own view, for reading its alerts through the scoped query. */
  private static Principal principalFor(Tenants.Sme sme) {
    return new Principal(0, "", "", jp.mamori.console.auth.Role.OWNER, java.util.Set.of(), sme.id());
  }

  JsonObject securityAction(Connection c, Tenants.Sme sme) throws SQLException {
    Scorecard.Card card = ps.scorecard.forSme(c, sme.id());
    JsonObject prefill = new JsonObject();
    card.points().forEach(pt -> prefill.put(Integer.toString(pt.point()), pt.light() == Scorecard.Light.GREEN));
    JsonArray history = new JsonArray();
    ps.selfCheck.history(c, sme.id(), 50).forEach(x -> history.add(x.toJson()));
    return new JsonObject().put("declaration", ps.securityAction.declaration(c, sme.id()).map(SecurityAction.Declaration::toJson).orElse(null))
        .put("prefill", prefill).put("selfChecks", history)
        .put("policy", ps.securityAction.policy(c, sme.id()).map(SecurityAction.Policy::toJson).orElse(null));
  }

  // ---- pages ---------------------------------------------------------------------------------------

  @FunctionalInterface
  interface PageWork {
    String render(Connection c, Principal p, Tenants.Sme sme, String lang) throws Exception;
  }

  /** The company a page is about: a portal user's own; the desk names one with ?smeId=. */
  private Future<Tenants.Sme> pageSme(RoutingContext ctx, Principal p) {
    String q = ctx.request().getParam("smeId");
    Long id = p.role().portal() ? p.smeId() : null;
    if (q != null && !p.role().portal()) {
      try {
        id = Long.parseLong(q);
      } catch (NumberFormatException e) {
        id = null;
      }
    }
    Long want = id;
    if (want == null) {
      return Future.failedFuture(p.role().desk()
          ? ApiError.forbidden("the desk opens a company's portal from the company's page (add ?smeId=)")
          : ApiError.forbidden("the portal is for a company's owner and staff"));
    }
    return s.db().read(c -> s.tenants().sme(c, p, want).orElseThrow(() -> ApiError.notFound("company " + want)));
  }

  private static boolean loggedIn(RoutingContext ctx) {
    if (ctx.get(Http.PRINCIPAL) == null) {
      String target = ctx.request().path() + (ctx.request().query() == null ? "" : "?" + ctx.request().query());
      ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
      return false;
    }
    return true;
  }

  private void page(RoutingContext ctx, PageWork work) {
    if (!loggedIn(ctx)) {
      return;
    }
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    pageSme(ctx, p).compose(sme -> s.db().read(c -> work.render(c, p, sme, lang)).map(html -> Map.entry(sme, html)))
        .onSuccess(e -> Layout.page(ctx, 200, e.getKey().name(), "<div class=\"portal\">" + e.getValue() + "</div>"))
        .onFailure(e -> error(ctx, e));
  }

  public static void error(RoutingContext ctx, Throwable e) {
    String lang = Http.lang(ctx);
    Throwable cause = e instanceof RuntimeException && e.getCause() instanceof ApiError a ? a : e;
    int status = cause instanceof ApiError a ? a.status() : cause instanceof IllegalArgumentException ? 400 : 500;
    String msg = status == 404 ? I18n.t(lang, "error.notfound") : status >= 500 ? I18n.t(lang, "error.internal") : cause.getMessage();
    Layout.page(ctx, status, I18n.t(lang, "error.title"), "<p class=\"error\">" + esc(msg) + "</p><p><a href=\"/\">"
        + esc(I18n.t(lang, "error.back")) + "</a></p>");
  }

  private String q(Principal p, Tenants.Sme sme) {
    return p.role().portal() ? "" : "?smeId=" + sme.id();
  }

  private void portalPage(RoutingContext ctx) {
    page(ctx, (c, p, sme, lang) -> {
      JsonObject o = overview(c, p, sme);
      StringBuilder b = new StringBuilder();
      b.append("<h1>").append(esc(I18n.t(lang, "portal.title", sme.name()))).append("</h1>");
      b.append("<p class=\"actions\"><a class=\"button consult\" href=\"/portal/consult").append(q(p, sme)).append("\">")
          .append(esc(I18n.t(lang, "portal.consult"))).append("</a> <a class=\"button secondary\" href=\"/tickets\">")
          .append(esc(I18n.t(lang, "portal.mytickets"))).append("</a></p>");
      // boxes
      b.append("<section class=\"boxes\"><h2>").append(esc(I18n.t(lang, "portal.boxes"))).append("</h2>");
      JsonArray boxes = o.getJsonArray("boxes");
      if (boxes.isEmpty()) {
        b.append("<p>").append(esc(I18n.t(lang, "portal.noBox"))).append("</p>");
      }
      for (Object x : boxes) {
        JsonObject bx = (JsonObject) x;
        String state = bx.getString("revokedAt") != null ? "revoked" : bx.getBoolean("online") ? "online" : "offline";
        b.append("<p class=\"box box-").append(state).append("\"><span class=\"state state-").append(state).append("\">")
            .append(esc(I18n.t(lang, "box." + state))).append("</span> ").append(esc(bx.getString("hostname", ""))).append(" · ")
            .append(esc(I18n.t(lang, "portal.lastHeartbeat"))).append(" ").append(time(bx.getString("lastHeartbeatAt"))).append("</p>");
      }
      JsonArray runs = o.getJsonArray("lastChecks");
      if (!runs.isEmpty()) {
        b.append("<ul class=\"runs\">");
        for (int i = 0; i < Math.min(5, runs.size()); i++) {
          JsonObject run = runs.getJsonObject(i);
          b.append("<li>").append(time(run.getString("finishedAt"))).append(" — ").append(esc(kinds(run.getJsonArray("checks"), lang)))
              .append(" — ").append(esc(I18n.t(lang, "portal.problemsSeen", run.getInteger("problemsSeen")))).append("</li>");
        }
        b.append("</ul>");
      }
      b.append("</section>");
      // scorecard
      Scorecard.Card card = ps.scorecard.forSme(c, sme.id());
      b.append("<section class=\"scorecard\"><h2>").append(esc(I18n.t(lang, "score.title"))).append("</h2><p class=\"score\">")
          .append(esc(I18n.t(lang, "score.total", card.score())));
      if (o.getInteger("industryAverage") != null) {
        b.append(" <span class=\"peer\">").append(esc(I18n.t(lang, "score.peer", o.getInteger("industryAverage"), o.getInteger("industryPeers"))))
            .append("</span>");
      }
      b.append("</p><ol class=\"points\">");
      for (Scorecard.Point pt : card.points()) {
        b.append("<li class=\"point light-").append(pt.light().wire()).append("\" data-point=\"").append(pt.point()).append("\">")
            .append("<span class=\"light light-").append(pt.light().wire()).append("\">").append(esc(I18n.t(lang, "light." + pt.light().wire())))
            .append("</span><h3>").append(pt.point()).append(". ").append(esc(I18n.t(lang, "point." + pt.point() + ".name"))).append("</h3>")
            .append("<p class=\"reason\">").append(esc(I18n.t(lang, "reason." + pt.reason()))).append("</p>")
            .append("<p class=\"advice\">").append(esc(I18n.t(lang, "point." + pt.point() + ".advice"))).append("</p>");
        if (!pt.alerts().isEmpty()) {
          b.append("<ul class=\"behind\">");
          for (Scorecard.AlertRef a : pt.alerts()) {
            b.append("<li>").append(Layout.badge(lang, a.severity())).append(" <strong>").append(esc("en".equals(lang) ? a.titleEn() : a.titleJa()))
                .append("</strong> <code>").append(esc(a.target())).append("</code>");
            List<JsonObject> f = s.alerts().findings(c, a.id(), 1);
            if (!f.isEmpty()) {
              JsonObject advice = f.get(0).getJsonObject("advice", new JsonObject());
              b.append("<p class=\"finding-advice\">").append(esc(advice.getString(lang, advice.getString("ja")))).append("</p>");
            }
            b.append("</li>");
          }
          b.append("</ul>");
        }
        b.append("</li>");
      }
      b.append("</ol><p class=\"note\">").append(esc(I18n.t(lang, "score.rule"))).append("</p></section>");
      // patrol
      JsonObject patrol = o.getJsonObject("patrol");
      b.append("<section class=\"patrol\"><h2>").append(esc(I18n.t(lang, "patrol.title"))).append("</h2>");
      if (patrol.getString("website") == null) {
        b.append("<p>").append(esc(I18n.t(lang, "patrol.noSite"))).append("</p>");
      } else {
        JsonObject last = patrol.getJsonObject("lastPatrol");
        b.append("<p>").append(esc(patrol.getString("website"))).append(" — ").append(esc(last == null ? I18n.t(lang, "patrol.never")
            : I18n.t(lang, "patrol.last", time(last.getString("finishedAt"))))).append("</p>");
        JsonArray open = patrol.getJsonArray("openFindings");
        b.append("<p class=\"patrol-state\">").append(esc(open.isEmpty() ? I18n.t(lang, "patrol.clean") : I18n.t(lang, "patrol.problems", open.size())))
            .append("</p>");
        if (!open.isEmpty()) {
          b.append("<ul class=\"behind\">");
          for (Object x : open) {
            JsonObject a = (JsonObject) x;
            b.append("<li>").append(Layout.badge(lang, a.getString("severity"))).append(" ")
                .append(esc(a.getJsonObject("title").getString("en".equals(lang) ? "en" : "ja"))).append(" <code>").append(esc(a.getString("target")))
                .append("</code></li>");
          }
          b.append("</ul>");
        }
      }
      b.append("</section>");
      // advisories
      List<Advisories.Advisory> advs = ps.advisories.forSme(c, sme.chamberId(), sme.id(), 5);
      b.append("<section class=\"advisories\"><h2>").append(esc(I18n.t(lang, "advisory.title"))).append("</h2>");
      b.append(advisoryList(ctx, advs, lang, p.role().portal()));
      b.append("<p><a href=\"/portal/advisories").append(q(p, sme)).append("\">").append(esc(I18n.t(lang, "advisory.all"))).append("</a></p></section>");
      b.append("<section class=\"more\"><h2>").append(esc(I18n.t(lang, "portal.more"))).append("</h2><ul>")
          .append("<li><a href=\"/portal/security-action").append(q(p, sme)).append("\">").append(esc(I18n.t(lang, "sa.title"))).append("</a></li>")
          .append("<li><a href=\"/portal/reports").append(q(p, sme)).append("\">").append(esc(I18n.t(lang, "report.list"))).append("</a></li></ul></section>");
      return b.toString();
    });
  }

  private static String kinds(JsonArray checks, String lang) {
    List<String> out = new ArrayList<>();
    for (Object o : checks) {
      String k = String.valueOf(o);
      String key = k.startsWith("web") ? "run.web" : k.startsWith("lan") ? "run.lan" : k.startsWith("pc") ? "run.pc" : "run.other";
      String t = I18n.t(lang, key);
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return String.join("・", out);
  }

  private static String time(String iso) {
    return iso == null ? "—" : Html.time(Instant.parse(iso));
  }

  String advisoryList(RoutingContext ctx, List<Advisories.Advisory> advs, String lang, boolean canAck) {
    if (advs.isEmpty()) {
      return "<p>" + esc(I18n.t(lang, "advisory.none")) + "</p>";
    }
    StringBuilder b = new StringBuilder();
    for (Advisories.Advisory a : advs) {
      b.append("<article class=\"advisory advisory-").append(esc(a.severity())).append(a.ackedAt() == null ? " unacked" : " acked")
          .append("\" data-advisory=\"").append(a.id()).append("\"><h3>").append(esc(a.title(lang))).append("</h3><p class=\"meta\">")
          .append(esc(I18n.t(lang, "advisory.sev." + a.severity()))).append(" · ").append(Html.time(a.publishedAt())).append("</p><p>")
          .append(Html.paragraphs(a.body(lang))).append("</p>");
      if (a.ackedAt() != null) {
        b.append("<p class=\"ack-state\">").append(esc(I18n.t(lang, "advisory.acked", Html.time(a.ackedAt()), a.ackedBy() == null ? "" : a.ackedBy())))
            .append("</p>");
      } else if (canAck) {
        b.append("<form method=\"post\" action=\"/portal/advisories/").append(a.id()).append("/ack\" class=\"ack\">").append(Layout.csrfField(ctx))
            .append("<button type=\"submit\">").append(esc(I18n.t(lang, "advisory.ack"))).append("</button></form>");
      } else {
        b.append("<p class=\"ack-state\">").append(esc(I18n.t(lang, "advisory.unacked"))).append("</p>");
      }
      b.append("</article>");
    }
    return b.toString();
  }

  private String advisoriesPage(RoutingContext ctx, Connection c, Tenants.Sme sme, String lang) throws SQLException {
    Principal p = Http.principal(ctx);
    return "<h1>" + esc(I18n.t(lang, "advisory.title")) + "</h1>" + advisoryList(ctx, ps.advisories.forSme(c, sme.chamberId(), sme.id(), 100), lang,
        p.role().portal());
  }

  /** The signed-in portal user's company for a form post, or null after answering (login redirect or 403). */
  private static Long ownCompany(RoutingContext ctx, String forbidden) {
    if (!loggedIn(ctx)) {
      return null;
    }
    Principal p = Http.principal(ctx);
    if (p.smeId() == null) {
      error(ctx, ApiError.forbidden(forbidden));
      return null;
    }
    return p.smeId();
  }

  private void ackPost(RoutingContext ctx) {
    Long sme = ownCompany(ctx, "only a company's owner or staff acknowledge advisories");
    if (sme == null) {
      return;
    }
    long advisoryId = Http.idParam(ctx, "advisoryId");
    ack(ctx, sme, advisoryId).onSuccess(x -> ctx.redirect("/portal#advisory-" + advisoryId)).onFailure(e -> error(ctx, e));
  }

  private String consultForm(RoutingContext ctx, String lang, String problem) {
    return "<h1>" + esc(I18n.t(lang, "consult.title")) + "</h1><p>" + esc(I18n.t(lang, "consult.intro")) + "</p>"
        + (problem == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(problem) + "</p>")
        + "<form method=\"post\" action=\"/portal/consult\" class=\"consult\">" + Layout.csrfField(ctx)
        + "<label>" + esc(I18n.t(lang, "consult.subject")) + "<input type=\"text\" name=\"subject\" maxlength=\"200\" required></label>"
        + "<label>" + esc(I18n.t(lang, "consult.body")) + "<textarea name=\"body\" rows=\"8\" required></textarea></label>"
        + "<button type=\"submit\">" + esc(I18n.t(lang, "consult.submit")) + "</button></form>";
  }

  private void consultPost(RoutingContext ctx) {
    Long sme = ownCompany(ctx, "consultations from the portal are opened by the company's owner or staff");
    if (sme == null) {
      return;
    }
    consult(ctx, sme, ctx.request().getFormAttribute("subject"), ctx.request().getFormAttribute("body"))
        .onSuccess(id -> ctx.redirect("/tickets/" + id))
        .onFailure(e -> error(ctx, e));
  }

  private String securityActionPage(RoutingContext ctx, Connection c, Tenants.Sme sme, String lang) throws SQLException {
    Principal p = Http.principal(ctx);
    JsonObject sa = securityAction(c, sme);
    JsonObject declared = sa.getJsonObject("declaration");
    JsonObject points = declared == null ? sa.getJsonObject("prefill") : declared.getJsonObject("points");
    JsonObject prefill = sa.getJsonObject("prefill");
    StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "sa.title"))).append("</h1><p class=\"note\">")
        .append(esc(I18n.t(lang, "sa.intro"))).append("</p>");
    b.append("<section class=\"star1\"><h2>").append(esc(I18n.t(lang, "sa.star1"))).append("</h2>");
    if (declared != null && declared.getBoolean("complete")) {
      b.append("<p class=\"declared\">").append(esc(I18n.t(lang, "sa.star1.done", time(declared.getString("declaredAt"))))).append("</p>");
    }
    b.append("<form method=\"post\" action=\"/portal/security-action/declaration\" class=\"checklist\">").append(Layout.csrfField(ctx));
    for (int n = 1; n <= 5; n++) {
      String k = Integer.toString(n);
      b.append("<label class=\"check\"><input type=\"checkbox\" name=\"p").append(n).append("\" value=\"1\"")
          .append(points.getBoolean(k, false) ? " checked" : "").append(p.role().portal() ? "" : " disabled").append("> ")
          .append(esc(I18n.t(lang, "point." + n + ".name")));
      if (prefill.getBoolean(k, false)) {
        b.append(" <span class=\"evidence-tag\">").append(esc(I18n.t(lang, "sa.boxEvidence"))).append("</span>");
      }
      b.append("</label>");
    }
    if (p.role().portal()) {
      b.append("<button type=\"submit\">").append(esc(I18n.t(lang, "sa.declare"))).append("</button>");
    }
    b.append("</form></section>");
    b.append("<section class=\"star2\"><h2>").append(esc(I18n.t(lang, "sa.star2"))).append("</h2><p>").append(esc(I18n.t(lang, "sa.star2.intro")))
        .append("</p><p class=\"actions\"><a class=\"button\" href=\"/portal/self-check").append(q(p, sme)).append("\">")
        .append(esc(I18n.t(lang, "selfcheck.start"))).append("</a> <a class=\"button secondary\" href=\"/portal/policy").append(q(p, sme)).append("\">")
        .append(esc(I18n.t(lang, "policy.title"))).append("</a></p>");
    JsonArray history = sa.getJsonArray("selfChecks");
    if (!history.isEmpty()) {
      b.append("<table class=\"list history\"><thead><tr><th>").append(esc(I18n.t(lang, "selfcheck.date"))).append("</th><th>")
          .append(esc(I18n.t(lang, "selfcheck.score"))).append("</th><th>").append(esc(I18n.t(lang, "selfcheck.band"))).append("</th></tr></thead><tbody>");
      for (Object o : history) {
        JsonObject h = (JsonObject) o;
        b.append("<tr><td><a href=\"/portal/self-check/").append(h.getLong("id")).append(q(p, sme)).append("\">").append(time(h.getString("createdAt")))
            .append("</a></td><td>").append(h.getInteger("score")).append("</td><td>").append(esc(I18n.t(lang, "band." + h.getString("band"))))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>");
    return b.toString();
  }

  private void declarePost(RoutingContext ctx) {
    Long sme = ownCompany(ctx, "only the company's owner or staff declare");
    if (sme == null) {
      return;
    }
    JsonObject points = new JsonObject();
    for (int n = 1; n <= 5; n++) {
      points.put(Integer.toString(n), "1".equals(ctx.request().getFormAttribute("p" + n)));
    }
    portalWrite(ctx, sme, (c, pr, company) -> ps.securityAction.declare(c, company.id(), points, pr.userId()))
        .onSuccess(d -> ctx.redirect("/portal/security-action")).onFailure(e -> error(ctx, e));
  }

  private String selfCheckForm(RoutingContext ctx, String lang) {
    StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "selfcheck.title"))).append("</h1><p class=\"note\">")
        .append(esc(I18n.t(lang, "selfcheck.intro"))).append("</p><form method=\"post\" action=\"/portal/self-check\" class=\"selfcheck\">")
        .append(Layout.csrfField(ctx));
    String group = "";
    for (SelfCheck.Item item : SelfCheck.items()) {
      if (!item.group().equals(group)) {
        if (!group.isEmpty()) {
          b.append("</fieldset>");
        }
        group = item.group();
        b.append("<fieldset class=\"group\"><legend>").append(esc(I18n.t(lang, "selfcheck.group." + group))).append("</legend>");
      }
      b.append("<div class=\"item\" data-item=\"").append(item.n()).append("\"><p class=\"q\">").append(item.n()).append(". ")
          .append(esc(item.text(lang))).append("</p><div class=\"choices\">");
      for (int v : SelfCheck.ANSWERS) {
        b.append("<label class=\"inline\"><input type=\"radio\" name=\"q").append(item.n()).append("\" value=\"").append(v).append("\" required> ")
            .append(esc(I18n.t(lang, "selfcheck.answer." + (v < 0 ? "m1" : Integer.toString(v))))).append("</label>");
      }
      b.append("</div></div>");
    }
    b.append("</fieldset><p class=\"live\" id=\"selfcheck-live\" aria-live=\"polite\"></p><script src=\"/static/portal.js\" defer></script>")
        .append("<button type=\"submit\">")
        .append(esc(I18n.t(lang, "selfcheck.submit"))).append("</button></form><p class=\"source\">")
        .append(esc(I18n.t(lang, "selfcheck.source"))).append("</p>");
    return b.toString();
  }

  private void selfCheckPost(RoutingContext ctx) {
    Long sme = ownCompany(ctx, "only the company's owner or staff take the self-check");
    if (sme == null) {
      return;
    }
    List<Integer> answers = new ArrayList<>();
    try {
      for (int n = 1; n <= SelfCheck.ITEMS; n++) {
        String v = ctx.request().getFormAttribute("q" + n);
        if (v == null) {
          throw new IllegalArgumentException(I18n.t(Http.lang(ctx), "selfcheck.missing", n));
        }
        answers.add(Integer.parseInt(v));
      }
    } catch (NumberFormatException e) {
      error(ctx, new IllegalArgumentException("answers must be 4, 2, 0 or -1"));
      return;
    } catch (IllegalArgumentException e) {
      error(ctx, e);
      return;
    }
    portalWrite(ctx, sme, (c, pr, company) -> ps.selfCheck.submit(c, company.id(), answers, pr.userId()))
        .onSuccess(r -> ctx.redirect("/portal/self-check/" + r.id())).onFailure(e -> error(ctx, e));
  }

  private String selfCheckResult(Connection c, Tenants.Sme sme, String lang, long id) throws SQLException {
    SelfCheck.Result r = ps.selfCheck.history(c, sme.id(), 500).stream().filter(x -> x.id() == id).findFirst()
        .orElseThrow(() -> ApiError.notFound("self-check " + id));
    StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "selfcheck.result"))).append("</h1>")
        .append("<p class=\"selfcheck-score band-").append(r.band()).append("\"><span class=\"num\">").append(r.score()).append("</span> / 100</p>")
        .append("<p class=\"band band-").append(r.band()).append("\"><strong>").append(esc(I18n.t(lang, "band." + r.band()))).append("</strong> — ")
        .append(esc(I18n.t(lang, "band." + r.band() + ".text"))).append("</p><ol class=\"answers\">");
    List<SelfCheck.Item> items = SelfCheck.items();
    for (int i = 0; i < items.size(); i++) {
      int v = r.answers().get(i);
      if (v < 4) {
        b.append("<li value=\"").append(i + 1).append("\">").append(esc(items.get(i).text(lang))).append(" — <em>")
            .append(esc(I18n.t(lang, "selfcheck.answer." + (v < 0 ? "m1" : Integer.toString(v))))).append("</em></li>");
      }
    }
    b.append("</ol><p><a href=\"/portal/security-action\">").append(esc(I18n.t(lang, "sa.title"))).append("</a></p>");
    return b.toString();
  }

  private String policyForm(RoutingContext ctx, Connection c, Tenants.Sme sme, String lang) throws SQLException {
    JsonObject fields = ps.securityAction.policy(c, sme.id()).map(SecurityAction.Policy::fields).orElse(defaults(sme, lang));
    StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "policy.title"))).append("</h1><p class=\"note\">")
        .append(esc(I18n.t(lang, "policy.intro"))).append("</p><form method=\"post\" action=\"/portal/policy\" class=\"policy\">")
        .append(Layout.csrfField(ctx));
    for (String f : SecurityAction.POLICY_FIELDS) {
      boolean short1 = f.equals("companyName") || f.equals("representative") || f.equals("enactedOn");
      b.append("<label>").append(esc(I18n.t(lang, "policy." + f)));
      if (short1) {
        b.append("<input type=\"text\" name=\"").append(f).append("\" value=\"").append(esc(fields.getString(f, ""))).append("\">");
      } else {
        b.append("<textarea name=\"").append(f).append("\" rows=\"4\">").append(esc(fields.getString(f, ""))).append("</textarea>");
      }
      b.append("</label>");
    }
    b.append("<button type=\"submit\">").append(esc(I18n.t(lang, "policy.save"))).append("</button></form><p><a href=\"/portal/policy/print")
        .append(Http.principal(ctx).role().portal() ? "" : "?smeId=" + sme.id()).append("\">").append(esc(I18n.t(lang, "policy.print")))
        .append("</a></p>");
    return b.toString();
  }

  static JsonObject defaults(Tenants.Sme sme, String lang) {
    JsonObject j = new JsonObject();
    for (String f : SecurityAction.POLICY_FIELDS) {
      j.put(f, f.equals("companyName") ? sme.name() : I18n.t(lang, "policy.default." + f));
    }
    return j;
  }

  private void policyPost(RoutingContext ctx) {
    Long sme = ownCompany(ctx, "only the company's owner or staff write the policy");
    if (sme == null) {
      return;
    }
    JsonObject fields = new JsonObject();
    for (String f : SecurityAction.POLICY_FIELDS) {
      String v = ctx.request().getFormAttribute(f);
      fields.put(f, v == null ? "" : v);
    }
    portalWrite(ctx, sme, (c, pr, company) -> ps.securityAction.savePolicy(c, company.id(), fields, pr.userId()))
        .onSuccess(x -> ctx.redirect("/portal/policy/print")).onFailure(e -> error(ctx, e));
  }

  private String policyPrint(Connection c, Tenants.Sme sme, String lang) throws SQLException {
    JsonObject f = ps.securityAction.policy(c, sme.id()).map(SecurityAction.Policy::fields).orElse(defaults(sme, lang));
    StringBuilder b = new StringBuilder("<article class=\"policy-print\"><h1>").append(esc(I18n.t(lang, "policy.heading")))
        .append("</h1><p class=\"company\">").append(esc(f.getString("companyName"))).append("</p>");
    for (String k : List.of("purpose", "scope", "measures", "training", "incident", "contact")) {
      b.append("<h2>").append(esc(I18n.t(lang, "policy." + k))).append("</h2><p>").append(Html.paragraphs(f.getString(k, ""))).append("</p>");
    }
    b.append("<p class=\"signature\">").append(esc(I18n.t(lang, "policy.enactedOn"))).append(": ").append(esc(f.getString("enactedOn")))
        .append("<br>").append(esc(I18n.t(lang, "policy.representative"))).append(": ").append(esc(f.getString("representative")))
        .append("</p></article><p class=\"noprint\"><button type=\"button\" class=\"print\">").append(esc(I18n.t(lang, "policy.printNow")))
        .append("</button></p><script src=\"/static/portal.js\" defer></script>");
    return b.toString();
  }

  private String reportsIndex(Tenants.Sme sme, String lang) {
    YearMonth now = YearMonth.now(ps.clock.withZone(MonthlyReports.JST));
    StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "report.list"))).append("</h1><ul class=\"reports\">");
    for (int i = 0; i < 12; i++) {
      YearMonth m = now.minusMonths(i);
      b.append("<li><a href=\"/portal/reports/").append(m).append("?smeId=").append(sme.id()).append("\">")
          .append(esc(I18n.t(lang, "report.title", m.getYear(), m.getMonthValue()))).append("</a> · <a href=\"/api/v1/smes/").append(sme.id())
          .append("/reports/").append(m).append("/pdf\">PDF</a></li>");
    }
    return b.append("</ul>").toString();
  }

  private static String resource(String name) {
    try (InputStream in = PortalRoutes.class.getResourceAsStream("/jp/mamori/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }
}
