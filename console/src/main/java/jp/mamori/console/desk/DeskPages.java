package jp.mamori.console.desk;

import static jp.mamori.console.desk.Pages.t;
import static jp.mamori.console.web.Html.esc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import jp.mamori.console.Services;
import jp.mamori.console.audit.Audit;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.knowledge.Knowledge;
import jp.mamori.console.sla.BusinessCalendar;
import jp.mamori.console.sla.JapaneseHolidays;
import jp.mamori.console.sla.SlaPolicy;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;

/** The knowledge base, the audit log and the chamber's desk calendar and SLA targets as pages. */
public final class DeskPages {
  private final Services s;

  public DeskPages(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/kb").handler(Pages.page(this::kbList));
    r.get("/kb/:id").handler(Pages.page(this::kbArticle));
    r.get("/audit").handler(Pages.page(this::audit));
    r.get("/settings/sla").handler(Pages.page(this::sla));
  }

  private void kbList(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    String q = ctx.request().getParam("q");
    Pages.render(ctx, s.db().read(c -> s.desk().knowledge().list(c, p, q)), list -> {
      String title = I18n.t(lang, "desk.kb");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1><form method=\"get\" action=\"/kb\" class=\"filters\"><label>")
          .append(t(lang, "desk.search")).append("<input type=\"search\" name=\"q\" value=\"").append(esc(q == null ? "" : q))
          .append("\"></label><button type=\"submit\">").append(t(lang, "desk.filter.apply")).append("</button></form><ul class=\"kb-list\">");
      for (Knowledge.Article a : list) {
        b.append("<li><a href=\"/kb/").append(a.id()).append("\">").append(esc(a.title(lang))).append("</a>")
            .append(a.checkKey() == null ? "" : " <code>" + esc(a.checkKey()) + "</code>")
            .append(a.chamberId() == null ? "" : " <span class=\"tag\">" + t(lang, "desk.kb.chamber") + "</span>").append("</li>");
      }
      return new String[] {title, b.append("</ul>").toString()};
    });
  }

  private void kbArticle(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    long id = Http.idParam(ctx, "id");
    Pages.render(ctx, s.db().read(c -> s.desk().knowledge().get(c, p, id).orElseThrow(() -> ApiError.notFound("article " + id))), a -> {
      String body = "<article class=\"kb-article-page\"><h1>" + esc(a.title(lang)) + "</h1>"
          + (a.checkKey() == null ? "" : "<p class=\"muted\"><code>" + esc(a.checkKey()) + "</code></p>")
          + "<div class=\"kb-body\">" + a.body(lang) + "</div><p class=\"muted\">" + t(lang, "desk.kb.updated") + " " + Html.time(a.updatedAt())
          + "</p><p><a href=\"/kb\">" + t(lang, "desk.kb") + "</a></p></article>";
      return new String[] {a.title(lang), body};
    });
  }

  private void audit(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    if (!p.operator() && p.role() != Role.CHAMBER_ADMIN) {
      throw ApiError.forbidden("the audit log is for administrators");
    }
    Audit.Filter f = new Audit.Filter(Http.queryLong(ctx, "chamberId"), Http.queryLong(ctx, "userId"), blank(ctx.request().getParam("objectType")),
        blank(ctx.request().getParam("objectId")), blank(ctx.request().getParam("action")), null, null, 300, Http.queryLong(ctx, "before"));
    Pages.render(ctx, s.desk().auditRecorder().flush(s.db()).otherwiseEmpty().compose(x -> s.db().read(c -> s.desk().audit().query(c, p, f))), list -> {
      String title = I18n.t(lang, "desk.audit");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1><form method=\"get\" action=\"/audit\" class=\"filters\">");
      for (String k : List.of("objectType", "objectId", "action")) {
        b.append("<label>").append(t(lang, "desk.audit." + k)).append("<input type=\"text\" name=\"").append(k).append("\" value=\"")
            .append(esc(ctx.request().getParam(k) == null ? "" : ctx.request().getParam(k))).append("\"></label>");
      }
      b.append("<button type=\"submit\">").append(t(lang, "desk.filter.apply")).append("</button></form><table class=\"list audit\"><thead><tr><th>")
          .append(t(lang, "desk.audit.at")).append("</th><th>").append(t(lang, "desk.audit.who")).append("</th><th>").append(t(lang, "desk.audit.action"))
          .append("</th><th>").append(t(lang, "desk.audit.object")).append("</th><th>").append(t(lang, "desk.audit.status")).append("</th></tr></thead><tbody>");
      for (Audit.Entry e : list) {
        b.append("<tr><td>").append(Html.time(e.at())).append("</td><td>").append(esc(e.userEmail() == null ? I18n.t(lang, "messages.system") : e.userEmail()))
            .append("</td><td><code>").append(esc(e.action())).append("</code>").append(e.detail() == null ? "" : " <span class=\"muted\">"
                + esc(e.detail().encode()) + "</span>").append("</td><td>").append(esc(e.objectType() == null ? "" : e.objectType() + " " + e.objectId()))
            .append("</td><td>").append(e.status() == null ? "" : e.status()).append("</td></tr>");
      }
      b.append("</tbody></table>");
      if (list.size() == 300) {
        b.append("<p><a href=\"/audit?before=").append(list.get(list.size() - 1).id()).append("\">").append(t(lang, "desk.audit.older")).append("</a></p>");
      }
      return new String[] {title, b.toString()};
    });
  }

  private static String blank(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Each chamber's desk hours, closed days, holidays of the year and SLA targets (changed through the API). */
  private void sla(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    if (!p.role().desk()) {
      throw ApiError.forbidden("desk settings are for the desk");
    }
    record Chamber(Tenants.Chamber chamber, BusinessCalendar calendar, Map<String, SlaPolicy> policies) {}
    Pages.render(ctx, s.db().read(c -> {
      List<Chamber> out = new java.util.ArrayList<>();
      for (Tenants.Chamber ch : s.tenants().chambers(c, p)) {
        out.add(new Chamber(ch, s.desk().calendars().calendar(c, ch.id()), s.desk().calendars().policies(c, ch.id())));
      }
      return out;
    }), chambers -> {
      String title = I18n.t(lang, "desk.settings.sla");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1><p class=\"lead\">").append(t(lang, "desk.settings.sla.lead")).append("</p>");
      int year = LocalDate.ofInstant(s.clock().instant(), ZoneId.of("Asia/Tokyo")).getYear();
      for (Chamber ch : chambers) {
        JsonObject cal = ch.calendar().toJson();
        b.append("<section class=\"panel\"><h2>").append(esc(ch.chamber().name())).append("</h2><dl class=\"facts hours\">");
        JsonObject hours = cal.getJsonObject("hours");
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
          JsonArray h = hours.getJsonArray(d);
          b.append("<dt>").append(t(lang, "desk.day." + d)).append("</dt><dd>").append(h.isEmpty() ? t(lang, "desk.closedDay")
              : esc(String.join(", ", h.stream().map(String::valueOf).toList()))).append("</dd>");
        }
        b.append("<dt>").append(t(lang, "desk.settings.holidays")).append("</dt><dd>").append(t(lang, cal.getBoolean("publicHolidays") ? "desk.yes" : "desk.no"))
            .append("</dd><dt>").append(t(lang, "desk.settings.yearEnd")).append("</dt><dd>").append(t(lang, cal.getBoolean("yearEnd") ? "desk.yes" : "desk.no"))
            .append("</dd><dt>").append(t(lang, "desk.settings.closedDays")).append("</dt><dd>")
            .append(esc(String.join(", ", cal.getJsonArray("closedDays").stream().map(String::valueOf).toList()))).append("</dd></dl>");
        b.append("<table class=\"list policies\"><thead><tr><th>").append(t(lang, "tickets.severity")).append("</th><th>")
            .append(t(lang, "desk.sla.firstResponse")).append("</th><th>").append(t(lang, "desk.sla.resolution")).append("</th></tr></thead><tbody>");
        for (SlaPolicy pol : ch.policies().values()) {
          b.append("<tr><td>").append(t(lang, "severity." + pol.severity())).append("</td><td>").append(t(lang, "desk.sla.target", pol.firstResponseMinutes()))
              .append("</td><td>").append(t(lang, "desk.sla.target", pol.resolutionMinutes())).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
      }
      b.append("<section class=\"panel\"><h2>").append(t(lang, "desk.settings.holidayList", Integer.toString(year))).append("</h2><ul class=\"holidays\">");
      JapaneseHolidays.of(year).forEach((d, name) -> b.append("<li>").append(d).append(" ").append(esc(name)).append("</li>"));
      b.append("</ul></section>");
      return new String[] {title, b.toString()};
    });
  }
}
