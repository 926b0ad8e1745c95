package jp.mamori.console.tickets;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/** The advisor's queue and ticket page, and the same through the API. */
public final class TicketRoutes {
  private final Services s;

  public TicketRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/tickets").handler(ctx -> Http.api(ctx, this::apiList, 200));
    r.get("/api/v1/tickets/:id").handler(ctx -> Http.api(ctx, c -> view(c).map(View::toJson), 200));
    r.post("/api/v1/tickets/:id/messages").handler(ctx -> Http.api(ctx, this::apiMessage, 201));
    r.patch("/api/v1/tickets/:id").handler(ctx -> Http.api(ctx, this::apiPatch, 200));
    r.get("/").handler(ctx -> ctx.redirect(ctx.get(Http.PRINCIPAL) == null ? "/login"
        : ((Principal) ctx.get(Http.PRINCIPAL)).role().portal() ? "/portal" : "/tickets"));
    r.get("/tickets").handler(this::listPage);
    r.get("/tickets/:id").handler(this::ticketPage);
    r.post("/tickets/:id/messages").handler(this::formMessage);
    r.post("/tickets/:id/status").handler(this::formStatus);
  }

  record View(Tickets.Ticket ticket, Tenants.Sme sme, Alerts.Alert alert, List<JsonObject> findings, List<Tickets.Message> messages) {
    JsonObject toJson() {
      JsonArray msgs = new JsonArray();
      messages.forEach(m -> msgs.add(m.toJson()));
      return ticket.toJson().put("company", sme.toJson()).put("alert", alert == null ? null : alert.toJson())
          .put("findings", new JsonArray(findings)).put("messages", msgs);
    }
  }

  private Future<View> view(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      Tenants.Sme sme = s.tenants().sme(c, t.smeId()).orElseThrow();
      Alerts.Alert alert = t.alertId() == null ? null : s.alerts().get(c, p, t.alertId()).orElse(null);
      List<JsonObject> findings = alert == null ? List.of() : s.alerts().findings(c, alert.id(), 20);
      return new View(t, sme, alert, findings, s.tickets().messages(c, t.id(), p.role().desk()));
    });
  }

  private Future<JsonArray> apiList(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Set<String> statuses = new HashSet<>();
    String status = ctx.request().getParam("status");
    if (status == null || status.equals("live")) {
      statuses.addAll(Tickets.LIVE);
    } else if (!status.equals("all")) {
      for (String st : status.split(",")) {
        if (!Tickets.STATUSES.contains(st)) {
          throw ApiError.badRequest("status must be live, all or a comma list of new, open, waiting, referred, resolved, closed; got " + st);
        }
        statuses.add(st);
      }
    }
    int limit = intParam(ctx, "limit", 100);
    int offset = intParam(ctx, "offset", 0);
    String sme = ctx.request().getParam("smeId");
    Long smeId = sme == null ? null : parseLong(sme, "smeId");
    return s.db().read(c -> Tickets.toJson(s.tickets().list(c, p, new Tickets.Filter(statuses, smeId, limit, offset))));
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String v = ctx.request().getParam(name);
    return v == null ? fallback : (int) parseLong(v, name);
  }

  private static long parseLong(String v, String name) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a number, got: " + v);
    }
  }

  private Future<JsonObject> apiMessage(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return addMessage(ctx, body.getString("kind", "reply"), body.getString("body")).map(Tickets.Message::toJson);
  }

  private Future<Tickets.Message> addMessage(RoutingContext ctx, String kind, String text) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      return s.tickets().addMessage(c, p, t, kind, text);
    });
  }

  private Future<JsonObject> apiPatch(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    return setStatus(ctx, body.getString("status")).map(Tickets.Ticket::toJson);
  }

  private Future<Tickets.Ticket> setStatus(RoutingContext ctx, String status) {
    Principal p = Http.principal(ctx);
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk changes a ticket's status");
    }
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      s.tickets().setStatus(c, t, status);
      return s.tickets().get(c, p, id).orElseThrow();
    });
  }

  private static boolean requireLogin(RoutingContext ctx) {
    if (ctx.get(Http.PRINCIPAL) == null) {
      ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.request().path(), java.nio.charset.StandardCharsets.UTF_8));
      return false;
    }
    return true;
  }

  private void listPage(RoutingContext ctx) {
    if (!requireLogin(ctx)) {
      return;
    }
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    boolean all = "all".equals(ctx.request().getParam("status"));
    s.db().read(c -> s.tickets().list(c, p, new Tickets.Filter(all ? Tickets.STATUSES : Tickets.LIVE, null, 200, 0))).onSuccess(list -> {
      StringBuilder rows = new StringBuilder();
      for (Tickets.Ticket t : list) {
        rows.append("<tr class=\"ticket\"><td>#").append(t.id()).append("</td><td>").append(Layout.badge(lang, t.severity() == null ? "medium" : t.severity()))
            .append("</td><td><a href=\"/tickets/").append(t.id()).append("\">").append(esc(t.subject())).append("</a></td><td>")
            .append(esc(t.smeName())).append("</td><td>").append(esc(I18n.t(lang, "status." + t.status()))).append("</td><td>")
            .append(Html.time(t.updatedAt())).append("</td></tr>");
      }
      String body = "<h1>" + esc(I18n.t(lang, p.role().desk() ? "tickets.title" : "nav.mytickets")) + "</h1>"
          + "<p class=\"filters\"><a href=\"/tickets\">" + esc(I18n.t(lang, "tickets.live")) + "</a> · <a href=\"/tickets?status=all\">"
          + esc(I18n.t(lang, "tickets.all")) + "</a></p>"
          + (list.isEmpty() ? "<p class=\"empty\">" + esc(I18n.t(lang, "tickets.none")) + "</p>"
              : "<table class=\"list\"><thead><tr><th>#</th><th>" + esc(I18n.t(lang, "tickets.severity")) + "</th><th>"
                  + esc(I18n.t(lang, "tickets.subject")) + "</th><th>" + esc(I18n.t(lang, "tickets.company")) + "</th><th>"
                  + esc(I18n.t(lang, "tickets.status")) + "</th><th>" + esc(I18n.t(lang, "tickets.updated")) + "</th></tr></thead><tbody>"
                  + rows + "</tbody></table>");
      Layout.page(ctx, 200, I18n.t(lang, "tickets.title"), body);
    }).onFailure(ctx::fail);
  }

  private void ticketPage(RoutingContext ctx) {
    if (!requireLogin(ctx)) {
      return;
    }
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    view(ctx).onSuccess(v -> Layout.page(ctx, 200, "#" + v.ticket().id() + " " + v.ticket().subject(), render(ctx, lang, p, v)))
        .onFailure(e -> {
          if (e instanceof ApiError a && a.status() == 404) {
            Layout.page(ctx, 404, I18n.t(lang, "error.title"), "<p>" + esc(I18n.t(lang, "error.notfound")) + "</p>");
          } else {
            ctx.fail(e);
          }
        });
  }

  private String render(RoutingContext ctx, String lang, Principal p, View v) {
    Tickets.Ticket t = v.ticket();
    StringBuilder b = new StringBuilder();
    b.append("<h1>#").append(t.id()).append(" ").append(esc(v.alert() != null ? v.alert().title(lang) : t.subject())).append("</h1>");
    b.append("<dl class=\"facts\"><dt>").append(esc(I18n.t(lang, "tickets.company"))).append("</dt><dd>").append(esc(v.sme().name()))
        .append("</dd><dt>").append(esc(I18n.t(lang, "tickets.status"))).append("</dt><dd class=\"status\">")
        .append(esc(I18n.t(lang, "status." + t.status()))).append("</dd><dt>").append(esc(I18n.t(lang, "tickets.severity")))
        .append("</dt><dd>").append(Layout.badge(lang, t.severity() == null ? "medium" : t.severity())).append("</dd><dt>")
        .append(esc(I18n.t(lang, "tickets.created"))).append("</dt><dd>").append(Html.time(t.createdAt())).append("</dd></dl>");
    if (v.alert() != null) {
      Alerts.Alert a = v.alert();
      b.append("<section class=\"alert\"><h2>").append(esc(I18n.t(lang, "alert.title"))).append("</h2><p>")
          .append(esc(I18n.t(lang, "alert.summary", a.occurrences(), Html.time(a.firstSeenAt()), Html.time(a.lastSeenAt()))))
          .append(" <span class=\"alert-status\">").append(esc(I18n.t(lang, "alert." + a.status()))).append("</span></p>");
      if (p.role().desk()) {
        b.append("<p class=\"ioc-link\"><a href=\"/alerts/").append(a.id()).append("/iocs\">").append(esc(I18n.t(lang, "ioc.promote")))
            .append("</a></p>");
      }
      b.append("<table class=\"findings\"><thead><tr><th>").append(esc(I18n.t(lang, "finding.observed"))).append("</th><th>")
          .append(esc(I18n.t(lang, "finding.target"))).append("</th><th>").append(esc(I18n.t(lang, "finding.detail")))
          .append("</th></tr></thead><tbody>");
      for (JsonObject f : v.findings()) {
        JsonObject title = f.getJsonObject("title", new JsonObject());
        JsonObject advice = f.getJsonObject("advice", new JsonObject());
        b.append("<tr class=\"finding\"><td>").append(Html.time(java.time.Instant.parse(f.getString("observedAt")))).append("</td><td><code>")
            .append(esc(f.getString("target"))).append("</code></td><td><strong>").append(esc(title.getString(lang, title.getString("ja"))))
            .append("</strong><p class=\"advice\">").append(esc(advice.getString(lang, advice.getString("ja")))).append("</p>")
            .append("<pre class=\"evidence\">").append(esc(f.getJsonObject("evidence", new JsonObject()).encodePrettily())).append("</pre></td></tr>");
      }
      b.append("</tbody></table></section>");
    }
    b.append("<section class=\"messages\"><h2>").append(esc(I18n.t(lang, "messages.title"))).append("</h2>");
    for (Tickets.Message m : v.messages()) {
      b.append("<article class=\"msg msg-").append(esc(m.kind())).append("\"><header>")
          .append(esc(m.authorName() == null ? I18n.t(lang, "messages.system") : m.authorName())).append(" · ")
          .append(esc(I18n.t(lang, "messages.kind." + m.kind()))).append(" · ").append(Html.time(m.createdAt()))
          .append("</header><p>").append(Html.paragraphs(m.text(lang))).append("</p></article>");
    }
    b.append("</section>");
    b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/messages\" class=\"reply\">").append(Layout.csrfField(ctx))
        .append("<label>").append(esc(I18n.t(lang, "reply.label"))).append("<textarea name=\"body\" rows=\"5\" required></textarea></label>");
    if (p.role().desk()) {
      b.append("<label class=\"inline\"><input type=\"radio\" name=\"kind\" value=\"reply\" checked> ").append(esc(I18n.t(lang, "messages.kind.reply")))
          .append("</label><label class=\"inline\"><input type=\"radio\" name=\"kind\" value=\"note\"> ")
          .append(esc(I18n.t(lang, "messages.kind.note"))).append("</label>");
    } else {
      b.append("<input type=\"hidden\" name=\"kind\" value=\"reply\">");
    }
    b.append("<button type=\"submit\">").append(esc(I18n.t(lang, "reply.submit"))).append("</button></form>");
    if (p.role().desk()) {
      b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/status\" class=\"status-form\">").append(Layout.csrfField(ctx))
          .append("<label>").append(esc(I18n.t(lang, "tickets.status"))).append(" <select name=\"status\">");
      for (String st : List.of("new", "open", "waiting", "referred", "resolved", "closed")) {
        b.append("<option value=\"").append(st).append("\"").append(st.equals(t.status()) ? " selected" : "").append(">")
            .append(esc(I18n.t(lang, "status." + st))).append("</option>");
      }
      b.append("</select></label><button type=\"submit\">").append(esc(I18n.t(lang, "status.change"))).append("</button></form>");
    }
    return b.toString();
  }

  private void formMessage(RoutingContext ctx) {
    if (!requireLogin(ctx)) {
      return;
    }
    long id = Http.idParam(ctx, "id");
    addMessage(ctx, Optional.ofNullable(ctx.request().getFormAttribute("kind")).orElse("reply"), ctx.request().getFormAttribute("body"))
        .onSuccess(m -> ctx.redirect("/tickets/" + id))
        .onFailure(e -> formError(ctx, e));
  }

  private void formStatus(RoutingContext ctx) {
    if (!requireLogin(ctx)) {
      return;
    }
    long id = Http.idParam(ctx, "id");
    setStatus(ctx, ctx.request().getFormAttribute("status")).onSuccess(t -> ctx.redirect("/tickets/" + id)).onFailure(e -> formError(ctx, e));
  }

  private static void formError(RoutingContext ctx, Throwable e) {
    String lang = Http.lang(ctx);
    int status = e instanceof ApiError a ? a.status() : e instanceof IllegalArgumentException ? 400 : 500;
    Layout.page(ctx, status, I18n.t(lang, "error.title"), "<p class=\"error\">" + esc(status == 500 ? I18n.t(lang, "error.internal")
        : status == 404 ? I18n.t(lang, "error.notfound") : e.getMessage()) + "</p><p><a href=\"/tickets\">"
        + esc(I18n.t(lang, "error.back")) + "</a></p>");
  }
}
