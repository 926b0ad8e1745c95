package jp.mamori.console.tickets;

import static jp.mamori.console.desk.Pages.field;
import static jp.mamori.console.desk.Pages.t;
import static jp.mamori.console.web.Html.esc;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mamori.console.Services;
import jp.mamori.console.attachments.Attachments;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.desk.Pages;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.knowledge.CannedAnswers;
import jp.mamori.console.knowledge.Knowledge;
import jp.mamori.console.knowledge.KnowledgeRoutes;
import jp.mamori.console.referrals.Referrals;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;
import jp.mamori.console.web.Paging;

/**
 * The queue, the ticket page and the forms behind them (server-rendered, Japanese by default, usable on a
 * phone). Every action posts a form with the CSRF field and redirects back; the only script is the file
 * upload in /static/desk.js.
 */
public final class TicketPages {
  private final Services s;

  TicketPages(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/").handler(ctx -> ctx.redirect(ctx.get(Http.PRINCIPAL) == null ? "/login"
        : ((Principal) ctx.get(Http.PRINCIPAL)).role().portal() ? "/portal" : "/tickets"));
    r.get("/tickets").handler(Pages.page(this::listPage));
    r.get("/tickets/new").handler(Pages.page(this::newPage));
    r.post("/tickets/new").handler(Pages.page(this::formNew));
    r.get("/tickets/:id").handler(Pages.page(this::ticketPage));
    r.post("/tickets/:id/messages").handler(Pages.page(this::formMessage));
    r.post("/tickets/:id/status").handler(Pages.page(ctx -> formChange(ctx, in -> in.put("status", field(ctx, "status")))));
    r.post("/tickets/:id/update").handler(Pages.page(ctx -> formChange(ctx, in -> {
      in.put("assigneeId", number(field(ctx, "assigneeId"))).put("queueId", number(field(ctx, "queueId")));
      Optional.ofNullable(field(ctx, "severity")).ifPresent(v -> in.put("severity", v));
      Optional.ofNullable(field(ctx, "stage")).ifPresent(v -> in.put("stage", v));
    })));
    r.post("/tickets/:id/insurance").handler(Pages.page(ctx -> formChange(ctx, in -> in.put("insuranceCandidate", "on".equals(field(ctx, "candidate")))
        .put("insuranceNote", field(ctx, "note")))));
    r.post("/tickets/:id/merge").handler(Pages.page(this::formMerge));
    r.post("/tickets/:id/referrals").handler(Pages.page(this::formRefer));
    r.post("/referrals/:id/:action").handler(Pages.page(this::formReferralAction));
    r.get("/referrals").handler(Pages.page(this::referralsPage));
  }

  private static Long number(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("not a number: " + v);
    }
  }

  // ---- queue

  private void listPage(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    Tickets.Filter f = TicketRoutes.filter(ctx, p);
    record Data(List<Tickets.Ticket> tickets, List<QueueRoutes.Queue> queues) {}
    Pages.render(ctx, s.db().read(c -> new Data(s.tickets().list(c, p, f.withLimit(f.limit() + 1)), QueueRoutes.queues(c, p))), d -> {
      List<Tickets.Ticket> tickets = TicketRoutes.page(ctx, f, d.tickets());
      boolean desk = p.role().desk();
      String title = I18n.t(lang, desk ? "tickets.title" : p.role() == Role.PARTNER ? "desk.partner.title" : "nav.mytickets");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1>");
      if (desk || p.role().portal()) {
        b.append("<p class=\"actions\"><a class=\"button\" href=\"/tickets/new\">").append(t(lang, desk ? "desk.new.desk" : "desk.new.portal"))
            .append("</a></p>");
      }
      b.append(filters(ctx, lang, p, d.queues()));
      if (tickets.isEmpty()) {
        b.append("<p class=\"empty\">").append(t(lang, "tickets.none")).append("</p>");
      } else {
        b.append("<table class=\"list queue\"><thead><tr><th>#</th><th>").append(t(lang, "tickets.severity")).append("</th><th>")
            .append(t(lang, "tickets.subject")).append("</th><th>").append(t(lang, "tickets.company")).append("</th><th>")
            .append(t(lang, "tickets.status")).append("</th><th>").append(t(lang, "desk.sla")).append("</th><th>").append(t(lang, "desk.assignee"))
            .append("</th><th>").append(t(lang, "tickets.updated")).append("</th></tr></thead><tbody>");
        for (Tickets.Ticket x : tickets) {
          Instant due = x.firstResponseAt() == null && x.firstDueAt() != null ? x.firstDueAt() : x.resolveDueAt();
          b.append("<tr class=\"ticket sla-row-").append(esc(x.slaState())).append("\"><td>#").append(x.id()).append("</td><td>")
              .append(Layout.badge(lang, x.severity() == null ? "medium" : x.severity())).append("</td><td><a href=\"/tickets/").append(x.id())
              .append("\">").append(esc(x.subject())).append("</a></td><td>").append(esc(x.smeName())).append("</td><td class=\"status\">")
              .append(t(lang, "status." + x.status())).append("</td><td>").append(Pages.slaBadge(lang, x.slaState(), due)).append("</td><td>")
              .append(esc(x.assigneeName() == null ? "—" : x.assigneeName())).append("</td><td>").append(Html.time(x.updatedAt()))
              .append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (tickets.size() < d.tickets().size()) {
          b.append(Layout.nextLink(lang, Paging.nextUrl(ctx, Map.of("offset", Integer.toString(f.offset() + f.limit())))));
        }
      }
      return new String[] {title, b.toString()};
    });
  }

  private static String filters(RoutingContext ctx, String lang, Principal p, List<QueueRoutes.Queue> queues) {
    String status = Optional.ofNullable(ctx.request().getParam("status")).orElse("live");
    StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/tickets\" class=\"filters\">");
    Map<String, String> st = new LinkedHashMap<>();
    st.put("live", I18n.t(lang, "tickets.live"));
    st.put("all", I18n.t(lang, "tickets.all"));
    for (String x : List.of("new", "open", "waiting", "referred", "resolved", "closed")) {
      st.put(x, I18n.t(lang, "status." + x));
    }
    b.append("<label>").append(t(lang, "tickets.status")).append(Pages.select("status", st, status, null)).append("</label>");
    if (p.role().desk()) {
      Map<String, String> as = new LinkedHashMap<>();
      as.put("", I18n.t(lang, "desk.filter.anyone"));
      as.put("me", I18n.t(lang, "desk.filter.me"));
      as.put("none", I18n.t(lang, "desk.filter.unassigned"));
      b.append("<label>").append(t(lang, "desk.assignee")).append(Pages.select("assignee", as,
          Optional.ofNullable(ctx.request().getParam("assignee")).orElse(""), null)).append("</label>");
      Map<String, String> sl = new LinkedHashMap<>();
      sl.put("", I18n.t(lang, "desk.filter.anyone"));
      for (String x : List.of("breached", "warning", "paused")) {
        sl.put(x, I18n.t(lang, "desk.sla.state." + x));
      }
      b.append("<label>").append(t(lang, "desk.sla")).append(Pages.select("sla", sl, Optional.ofNullable(ctx.request().getParam("sla")).orElse(""),
          null)).append("</label>");
      if (!queues.isEmpty()) {
        Map<String, String> qs = new LinkedHashMap<>();
        qs.put("", I18n.t(lang, "desk.filter.allQueues"));
        queues.forEach(q -> qs.put(Long.toString(q.id()), q.name()));
        b.append("<label>").append(t(lang, "desk.queue")).append(Pages.select("queueId", qs,
            Optional.ofNullable(ctx.request().getParam("queueId")).orElse(""), null)).append("</label>");
      }
      Map<String, String> so = new LinkedHashMap<>();
      for (String x : List.of("severity", "due", "updated", "created")) {
        so.put(x, I18n.t(lang, "desk.sort." + x));
      }
      b.append("<label>").append(t(lang, "desk.sort")).append(Pages.select("sort", so, Optional.ofNullable(ctx.request().getParam("sort"))
          .orElse("severity"), null)).append("</label>");
      b.append("<label>").append(t(lang, "desk.search")).append("<input type=\"search\" name=\"q\" value=\"")
          .append(esc(Optional.ofNullable(ctx.request().getParam("q")).orElse(""))).append("\"></label>");
    }
    return b.append("<button type=\"submit\">").append(t(lang, "desk.filter.apply")).append("</button></form>").toString();
  }

  // ---- new ticket

  private void newPage(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    if (!p.role().desk() && !p.role().portal()) {
      throw ApiError.forbidden("only the desk and member companies open consultations");
    }
    Pages.render(ctx, s.db().read(c -> p.role().desk() ? s.tenants().smes(c, p) : List.<Tenants.Sme>of()), smes -> {
      boolean desk = p.role().desk();
      String title = I18n.t(lang, desk ? "desk.new.desk" : "desk.new.portal");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1>");
      b.append("<p class=\"lead\">").append(t(lang, desk ? "desk.new.desk.lead" : "desk.new.portal.lead")).append("</p>");
      b.append("<form method=\"post\" action=\"/tickets/new\" class=\"panel new-ticket\">").append(Pages.form(ctx));
      if (desk) {
        Map<String, String> companies = new LinkedHashMap<>();
        smes.forEach(x -> companies.put(Long.toString(x.id()), x.name()));
        b.append("<label>").append(t(lang, "tickets.company")).append(Pages.select("smeId", companies, null, null)).append("</label>");
        Map<String, String> channels = new LinkedHashMap<>();
        Tickets.CHANNELS.forEach(ch -> channels.put(ch, I18n.t(lang, "desk.channel." + ch)));
        b.append("<label>").append(t(lang, "desk.channel")).append(Pages.select("channel", channels, "phone", null)).append("</label>");
        Map<String, String> sev = new LinkedHashMap<>();
        for (String x : List.of("medium", "high", "critical", "low", "info")) {
          sev.put(x, I18n.t(lang, "severity." + x));
        }
        b.append("<label>").append(t(lang, "tickets.severity")).append(Pages.select("severity", sev, "medium", null)).append("</label>");
        b.append("<label>").append(t(lang, "desk.contactName")).append("<input type=\"text\" name=\"contactName\" maxlength=\"100\"></label>");
      }
      b.append("<label>").append(t(lang, "desk.contactPhone")).append("<input type=\"tel\" name=\"contactPhone\" maxlength=\"40\"></label>")
          .append("<label>").append(t(lang, "tickets.subject")).append("<input type=\"text\" name=\"subject\" maxlength=\"200\" required></label>")
          .append("<label>").append(t(lang, desk ? "desk.new.body.desk" : "desk.new.body.portal"))
          .append("<textarea name=\"body\" rows=\"8\" required></textarea></label>")
          .append("<button type=\"submit\">").append(t(lang, desk ? "desk.new.submit.desk" : "desk.new.submit.portal")).append("</button></form>");
      return new String[] {title, b.toString()};
    });
  }

  private void formNew(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject in = new JsonObject().put("subject", field(ctx, "subject")).put("body", ctx.request().getFormAttribute("body"))
        .put("contactPhone", field(ctx, "contactPhone"));
    if (p.role().desk()) {
      in.put("smeId", number(field(ctx, "smeId"))).put("channel", field(ctx, "channel")).put("severity", field(ctx, "severity"))
          .put("contactName", field(ctx, "contactName"));
    }
    s.db().write(c -> new TicketRoutes(s).create(c, p, in)).onSuccess(id -> ctx.redirect("/tickets/" + id)).onFailure(e -> Pages.error(ctx, e));
  }

  // ---- the ticket

  /** What the ticket page shows beyond the view: the desk's tools. */
  record DeskTools(List<QueueRoutes.Staff> staff, List<QueueRoutes.Queue> queues, List<CannedAnswers.Canned> canned,
      List<Referrals.Partner> partners) {}

  private void ticketPage(RoutingContext ctx) {
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    record Data(TicketView v, DeskTools tools) {}
    Pages.render(ctx, s.db().read(c -> {
      TicketView v = TicketView.load(s, c, p, id);
      return new Data(v, p.role().desk() ? tools(c, p, v.ticket()) : null);
    }), d -> new String[] {"#" + d.v().ticket().id() + " " + d.v().ticket().subject(), render(ctx, lang, p, d.v(), d.tools())});
  }

  private DeskTools tools(Connection c, Principal p, Tickets.Ticket t) throws SQLException {
    List<Referrals.Partner> partners = s.desk().referrals().partners(c, p).stream().filter(x -> x.chamberIds().contains(t.chamberId())).toList();
    return new DeskTools(QueueRoutes.staff(c, t.chamberId()), QueueRoutes.queues(c, p).stream().filter(q -> q.chamberId() == t.chamberId()).toList(),
        s.desk().canned().list(c, p, t.chamberId()), partners);
  }

  private String render(RoutingContext ctx, String lang, Principal p, TicketView v, DeskTools tools) {
    Tickets.Ticket t = v.ticket();
    boolean desk = p.role().desk();
    StringBuilder b = new StringBuilder();
    b.append("<h1>#").append(t.id()).append(" ").append(esc(v.alert() != null ? v.alert().title(lang) : t.subject())).append("</h1>");
    if (t.mergedInto() != null) {
      b.append("<p class=\"notice\">").append(t(lang, "desk.mergedInto", t.mergedInto().toString())).append(" <a href=\"/tickets/").append(t.mergedInto())
          .append("\">#").append(t.mergedInto()).append("</a></p>");
    }
    b.append(Pages.stages(lang, t.stage(), Tickets.STAGES));
    b.append("<div class=\"ticket-grid\"><div class=\"ticket-main\">");
    b.append(facts(lang, v));
    b.append(slaBox(lang, v.sla()));
    if (!v.alerts().isEmpty()) {
      b.append(findings(lang, v, desk));
    }
    b.append(messages(lang, v));
    b.append(replyForm(ctx, lang, p, t, tools));
    b.append(attachForm(ctx, lang, p, t));
    b.append("</div><aside class=\"ticket-side\">");
    if (desk) {
      b.append(deskPanel(ctx, lang, t, tools));
    }
    b.append(referrals(ctx, lang, p, v));
    if (desk) {
      b.append(referForm(ctx, lang, v, tools));
    }
    b.append("</aside></div>");
    return b.toString();
  }

  private static String facts(String lang, TicketView v) {
    Tickets.Ticket t = v.ticket();
    StringBuilder b = new StringBuilder("<dl class=\"facts\">");
    fact(b, lang, "tickets.company", esc(v.sme().name()));
    b.append("<dt>").append(t(lang, "tickets.status")).append("</dt><dd class=\"status\">").append(t(lang, "status." + t.status())).append("</dd>");
    fact(b, lang, "tickets.severity", Layout.badge(lang, t.severity() == null ? "medium" : t.severity()));
    fact(b, lang, "desk.source", t(lang, "desk.source." + t.source())
        + (t.source().equals("advisor") && t.channel() != null ? " · " + t(lang, "desk.channel." + t.channel()) : ""));
    fact(b, lang, "tickets.created", Html.time(t.createdAt()));
    if (t.contactName() != null || t.contactPhone() != null) {
      fact(b, lang, "desk.contact", esc(Optional.ofNullable(t.contactName()).orElse("")) + " " + esc(Optional.ofNullable(t.contactPhone()).orElse("")));
    }
    fact(b, lang, "desk.assignee", esc(t.assigneeName() == null ? "—" : t.assigneeName()));
    if (t.queueName() != null) {
      fact(b, lang, "desk.queue", esc(t.queueName()));
    }
    if (t.insuranceCandidate()) {
      fact(b, lang, "desk.insurance", "<strong class=\"insurance\">" + t(lang, "desk.insurance.flagged") + "</strong>"
          + (t.insuranceNote() == null ? "" : " " + esc(t.insuranceNote())));
    }
    return b.append("</dl>").toString();
  }

  private static void fact(StringBuilder b, String lang, String key, String html) {
    b.append("<dt>").append(t(lang, key)).append("</dt><dd>").append(html).append("</dd>");
  }

  private static String slaBox(String lang, JsonObject sla) {
    String clock = sla.getString("clock");
    StringBuilder b = new StringBuilder("<section class=\"sla-box sla-clock-").append(esc(clock)).append("\"><h2>").append(t(lang, "desk.sla"))
        .append("</h2><p class=\"sla-clock\">").append(t(lang, "desk.sla.clock." + clock)).append(" · ")
        .append(t(lang, "desk.sla.used", sla.getLong("businessMinutesUsed"))).append("</p><dl class=\"facts\">");
    for (String target : List.of("firstResponse", "resolution")) {
      JsonObject x = sla.getJsonObject(target);
      b.append("<dt>").append(t(lang, "desk.sla." + target)).append("</dt><dd><span class=\"sla sla-").append(esc(x.getString("state")))
          .append("\">").append(t(lang, "desk.sla.state." + x.getString("state"))).append("</span> ")
          .append(t(lang, "desk.sla.target", x.getInteger("targetMinutes")))
          .append(x.getString("dueAt") == null ? "" : " · " + t(lang, "desk.sla.due") + " " + Pages.time(x.getString("dueAt"))).append("</dd>");
    }
    return b.append("</dl></section>").toString();
  }

  private static String findings(String lang, TicketView v, boolean desk) {
    StringBuilder b = new StringBuilder();
    for (Alerts.Alert a : v.alerts()) {
      b.append("<section class=\"alert\"><h2>").append(t(lang, "alert.title")).append("</h2><p>")
          .append(t(lang, "alert.summary", a.occurrences(), Html.time(a.firstSeenAt()), Html.time(a.lastSeenAt())))
          .append(" <span class=\"alert-status\">").append(t(lang, "alert." + a.status())).append("</span> <code>").append(esc(a.check()))
          .append("</code></p>");
      if (desk) {
        b.append("<p class=\"ioc-link\"><a href=\"/alerts/").append(a.id()).append("/iocs\">").append(t(lang, "ioc.promote")).append("</a></p>");
      }
      b.append("<div class=\"finding-kb\"><table class=\"findings\"><thead><tr><th>").append(t(lang, "finding.observed"))
          .append("</th><th>").append(t(lang, "finding.target")).append("</th><th>").append(t(lang, "finding.detail"))
          .append("</th></tr></thead><tbody>");
      for (JsonObject f : v.findings()) {
        if (!a.fingerprint().equals(f.getString("fingerprint"))) {
          continue;
        }
        JsonObject title = f.getJsonObject("title", new JsonObject());
        JsonObject advice = f.getJsonObject("advice", new JsonObject());
        b.append("<tr class=\"finding\"><td>").append(Html.time(Instant.parse(f.getString("observedAt")))).append("</td><td><code>")
            .append(esc(f.getString("target"))).append("</code></td><td><strong>").append(esc(title.getString(lang, title.getString("ja"))))
            .append("</strong><p class=\"advice\">").append(esc(advice.getString(lang, advice.getString("ja")))).append("</p>")
            .append("<pre class=\"evidence\">").append(esc(f.getJsonObject("evidence", new JsonObject()).encodePrettily())).append("</pre></td></tr>");
      }
      b.append("</tbody></table>");
      List<Knowledge.Article> kb = v.knowledge().getOrDefault(a.check(), List.of());
      b.append("<aside class=\"kb\"><h3>").append(t(lang, "desk.kb.related")).append("</h3>");
      if (kb.isEmpty()) {
        b.append("<p class=\"empty\">").append(t(lang, "desk.kb.none")).append("</p>");
      }
      boolean first = true;
      for (Knowledge.Article k : kb) {
        b.append("<details class=\"kb-article\"").append(first ? " open" : "").append("><summary>").append(esc(k.title(lang)))
            .append("</summary><div class=\"kb-body\">").append(k.body(lang)).append("</div><p><a href=\"/kb/").append(k.id()).append("\">")
            .append(t(lang, "desk.kb.open")).append("</a></p></details>");
        first = false;
      }
      b.append("</aside></div></section>");
    }
    return b.toString();
  }

  private static String messages(String lang, TicketView v) {
    Map<Long, Attachments.Attachment> byMessage = new LinkedHashMap<>();
    v.attachments().forEach(a -> {
      if (a.messageId() != null) {
        byMessage.put(a.messageId(), a);
      }
    });
    StringBuilder b = new StringBuilder("<section class=\"messages\"><h2>").append(t(lang, "messages.title")).append("</h2>");
    for (Tickets.Message m : v.messages()) {
      String author = m.authorName() != null ? m.authorName()
          : m.kind().equals("consultation") && v.ticket().contactName() != null ? v.ticket().contactName() : I18n.t(lang, "messages.system");
      b.append("<article class=\"msg msg-").append(esc(m.kind())).append("\"><header>").append(esc(author)).append(" · ")
          .append(t(lang, "messages.kind." + m.kind())).append(" · ").append(Html.time(m.createdAt())).append("</header><p>")
          .append(Html.paragraphs(m.text(lang))).append("</p>");
      Attachments.Attachment a = byMessage.get(m.id());
      if (a != null) {
        b.append("<p class=\"attachment\"><a href=\"").append(esc(a.toJson().getString("url"))).append("\" download>").append(esc(a.filename()))
            .append("</a> <span class=\"muted\">").append(esc(a.contentType())).append(" · sha256 ").append(esc(a.sha256().substring(0, 12)))
            .append("…</span></p>");
      }
      b.append("</article>");
    }
    return b.append("</section>").toString();
  }

  private String replyForm(RoutingContext ctx, String lang, Principal p, Tickets.Ticket t, DeskTools tools) {
    if (t.status().equals("closed")) {
      return "<p class=\"notice\">" + t(lang, "desk.closed") + "</p>";
    }
    String prefill = "";
    String canned = ctx.request().getParam("canned");
    if (tools != null && canned != null) {
      prefill = tools.canned().stream().filter(x -> Long.toString(x.id()).equals(canned)).findFirst()
          .map(x -> x.render(KnowledgeRoutes.placeholders(t, p))).orElse("");
    }
    StringBuilder b = new StringBuilder("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/messages\" class=\"reply\" id=\"reply\">")
        .append(Pages.form(ctx)).append("<label>").append(t(lang, "reply.label")).append("<textarea name=\"body\" rows=\"6\" required>")
        .append(esc(prefill)).append("</textarea></label>");
    if (tools != null) {
      if (!tools.canned().isEmpty()) {
        b.append("<details class=\"canned\"><summary>").append(t(lang, "desk.canned")).append("</summary><ul>");
        for (CannedAnswers.Canned x : tools.canned()) {
          b.append("<li><a href=\"/tickets/").append(t.id()).append("?canned=").append(x.id()).append("#reply\">").append(esc(x.title()))
              .append("</a></li>");
        }
        b.append("</ul></details>");
      }
      b.append("<label class=\"inline\"><input type=\"radio\" name=\"kind\" value=\"reply\" checked> ").append(t(lang, "messages.kind.reply"))
          .append("</label><label class=\"inline\"><input type=\"radio\" name=\"kind\" value=\"note\"> ").append(t(lang, "messages.kind.note"))
          .append("</label>");
      Map<String, String> then = new LinkedHashMap<>();
      then.put("", I18n.t(lang, "desk.then.keep"));
      for (String x : Tickets.TRANSITIONS.getOrDefault(t.status(), java.util.Set.of()).stream().sorted().toList()) {
        then.put(x, I18n.t(lang, "desk.then." + x));
      }
      b.append("<label>").append(t(lang, "desk.then")).append(Pages.select("then", then, "", null)).append("</label>");
    } else {
      b.append("<input type=\"hidden\" name=\"kind\" value=\"reply\">");
    }
    return b.append("<button type=\"submit\">").append(t(lang, "reply.submit")).append("</button></form>").toString();
  }

  private static String attachForm(RoutingContext ctx, String lang, Principal p, Tickets.Ticket t) {
    if (t.status().equals("closed")) {
      return "";
    }
    StringBuilder b = new StringBuilder("<form class=\"attach panel\" data-ticket=\"").append(t.id()).append("\"><h3>").append(t(lang, "desk.attach"))
        .append("</h3>").append(Pages.form(ctx)).append("<input type=\"file\" name=\"file\" required>");
    if (p.role().desk()) {
      b.append("<label class=\"inline\"><input type=\"checkbox\" name=\"internal\"> ").append(t(lang, "desk.attach.internal")).append("</label>");
    }
    return b.append("<button type=\"submit\">").append(t(lang, "desk.attach.submit")).append("</button><p class=\"muted attach-help\">")
        .append(t(lang, "desk.attach.help", Attachments.MAX_BYTES / (1024 * 1024))).append("</p><p class=\"attach-status\" role=\"status\"></p></form>")
        .toString();
  }

  private static String deskPanel(RoutingContext ctx, String lang, Tickets.Ticket t, DeskTools tools) {
    StringBuilder b = new StringBuilder("<section class=\"panel desk-tools\"><h2>").append(t(lang, "desk.tools")).append("</h2>");
    if (!Tickets.TRANSITIONS.get(t.status()).isEmpty()) {
      Map<String, String> st = new LinkedHashMap<>();
      for (String x : Tickets.TRANSITIONS.get(t.status()).stream().sorted().toList()) {
        st.put(x, I18n.t(lang, "status." + x));
      }
      b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/status\" class=\"status-form\">").append(Pages.form(ctx))
          .append("<label>").append(t(lang, "tickets.status")).append(Pages.select("status", st, null, null)).append("</label><button type=\"submit\">")
          .append(t(lang, "status.change")).append("</button></form>");
    }
    Map<String, String> staff = new LinkedHashMap<>();
    staff.put("", I18n.t(lang, "desk.unassigned"));
    tools.staff().forEach(x -> staff.put(Long.toString(x.id()), x.displayName()));
    Map<String, String> queues = new LinkedHashMap<>();
    queues.put("", I18n.t(lang, "desk.noQueue"));
    tools.queues().forEach(q -> queues.put(Long.toString(q.id()), q.name()));
    Map<String, String> sev = new LinkedHashMap<>();
    for (String x : List.of("critical", "high", "medium", "low", "info")) {
      sev.put(x, I18n.t(lang, "severity." + x));
    }
    Map<String, String> stages = new LinkedHashMap<>();
    Tickets.STAGES.forEach(x -> stages.put(x, I18n.t(lang, "desk.stage." + x)));
    b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/update\" class=\"update-form\">").append(Pages.form(ctx))
        .append("<label>").append(t(lang, "desk.assignee")).append(Pages.select("assigneeId", staff, t.assigneeId() == null ? "" : t.assigneeId().toString(),
            null)).append("</label><label>").append(t(lang, "desk.queue"))
        .append(Pages.select("queueId", queues, t.queueId() == null ? "" : t.queueId().toString(), null)).append("</label><label>")
        .append(t(lang, "tickets.severity")).append(Pages.select("severity", sev, t.severity() == null ? "medium" : t.severity(), null))
        .append("</label><label>").append(t(lang, "desk.stage")).append(Pages.select("stage", stages, t.stage(), null)).append("</label>")
        .append("<button type=\"submit\">").append(t(lang, "desk.save")).append("</button></form>");
    b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/insurance\" class=\"insurance-form\">").append(Pages.form(ctx))
        .append("<label class=\"inline\"><input type=\"checkbox\" name=\"candidate\"").append(t.insuranceCandidate() ? " checked" : "").append("> ")
        .append(t(lang, "desk.insurance.candidate")).append("</label><label>").append(t(lang, "desk.insurance.note"))
        .append("<input type=\"text\" name=\"note\" maxlength=\"2000\" value=\"").append(esc(Optional.ofNullable(t.insuranceNote()).orElse("")))
        .append("\"></label><button type=\"submit\">").append(t(lang, "desk.save")).append("</button></form>");
    b.append("<p class=\"exports\"><a class=\"button\" href=\"/tickets/").append(t.id()).append("/evidence\">").append(t(lang, "desk.evidence"))
        .append("</a> <a class=\"button\" href=\"/tickets/").append(t.id()).append("/incident-report\">").append(t(lang, "desk.incident"))
        .append("</a></p>");
    if (!t.status().equals("closed")) {
      b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/merge\" class=\"merge-form\">").append(Pages.form(ctx))
          .append("<label>").append(t(lang, "desk.merge.into")).append("<input type=\"number\" name=\"into\" min=\"1\" required></label>")
          .append("<button type=\"submit\">").append(t(lang, "desk.merge")).append("</button></form>");
    }
    return b.append("</section>").toString();
  }

  private static String referrals(RoutingContext ctx, String lang, Principal p, TicketView v) {
    if (v.referrals().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section class=\"panel referrals\"><h2>").append(t(lang, "desk.referrals")).append("</h2>");
    for (Referrals.Referral r : v.referrals()) {
      b.append("<article class=\"referral referral-").append(esc(r.status())).append("\"><h3>").append(esc(r.partnerName())).append(" · ")
          .append(t(lang, "desk.referral.status." + r.status())).append("</h3><dl class=\"facts\">");
      fact(b, lang, "desk.referral.kind", t(lang, r.onSite() ? "desk.referral.onsite" : "desk.referral.remote"));
      if (r.address() != null) {
        fact(b, lang, "desk.referral.address", esc(r.address()));
      }
      if (r.windowStart() != null) {
        fact(b, lang, "desk.referral.window", Html.time(r.windowStart()) + " – " + Html.time(r.windowEnd()));
      }
      if (r.contactName() != null || r.contactPhone() != null) {
        fact(b, lang, "desk.contact", esc(Optional.ofNullable(r.contactName()).orElse("")) + " " + esc(Optional.ofNullable(r.contactPhone()).orElse("")));
      }
      if (r.request() != null) {
        fact(b, lang, "desk.referral.request", Html.paragraphs(r.request()));
      }
      if (r.partnerReport() != null) {
        fact(b, lang, "desk.referral.report", Html.paragraphs(r.partnerReport()));
      }
      b.append("</dl>");
      b.append(referralActions(ctx, lang, p, r));
      b.append("</article>");
    }
    return b.append("</section>").toString();
  }

  static String referralActions(RoutingContext ctx, String lang, Principal p, Referrals.Referral r) {
    StringBuilder b = new StringBuilder();
    String base = "/referrals/" + r.id() + "/";
    if (p.role() == Role.PARTNER) {
      if (r.status().equals("requested")) {
        b.append("<form method=\"post\" action=\"").append(base).append("accept\" class=\"inline-form\">").append(Pages.form(ctx))
            .append("<button type=\"submit\">").append(t(lang, "desk.referral.accept")).append("</button></form>");
      }
      if (r.status().equals("accepted")) {
        b.append("<form method=\"post\" action=\"").append(base).append("complete\" class=\"complete-form\">").append(Pages.form(ctx))
            .append("<label>").append(t(lang, "desk.referral.report")).append("<textarea name=\"report\" rows=\"4\" required></textarea></label>")
            .append("<button type=\"submit\">").append(t(lang, "desk.referral.complete")).append("</button></form>");
      }
      if (Referrals.ACTIVE.contains(r.status())) {
        b.append("<form method=\"post\" action=\"").append(base).append("decline\" class=\"decline-form\">").append(Pages.form(ctx))
            .append("<label>").append(t(lang, "desk.referral.reason")).append("<input type=\"text\" name=\"reason\" maxlength=\"2000\"></label>")
            .append("<button type=\"submit\" class=\"secondary\">").append(t(lang, "desk.referral.decline")).append("</button></form>");
      }
    } else if (p.role().desk() && Referrals.ACTIVE.contains(r.status())) {
      b.append("<form method=\"post\" action=\"").append(base).append("withdraw\" class=\"inline-form\">").append(Pages.form(ctx))
          .append("<button type=\"submit\" class=\"secondary\">").append(t(lang, "desk.referral.withdraw")).append("</button></form>");
    }
    return b.toString();
  }

  private static String referForm(RoutingContext ctx, String lang, TicketView v, DeskTools tools) {
    Tickets.Ticket t = v.ticket();
    if (!Tickets.LIVE.contains(t.status())) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section class=\"panel refer\"><h2>").append(t(lang, "desk.refer")).append("</h2>");
    if (tools.partners().isEmpty()) {
      return b.append("<p class=\"empty\">").append(t(lang, "desk.refer.nopartners")).append("</p></section>").toString();
    }
    Map<String, String> partners = new LinkedHashMap<>();
    tools.partners().forEach(x -> partners.put(Long.toString(x.id()), x.name()));
    b.append("<form method=\"post\" action=\"/tickets/").append(t.id()).append("/referrals\" class=\"refer-form\">").append(Pages.form(ctx))
        .append("<label>").append(t(lang, "desk.refer.partner")).append(Pages.select("partnerId", partners, null, null)).append("</label>")
        .append("<label class=\"inline\"><input type=\"checkbox\" name=\"onSite\" checked> ").append(t(lang, "desk.referral.onsite")).append("</label>")
        .append("<label>").append(t(lang, "desk.referral.address")).append("<input type=\"text\" name=\"address\" maxlength=\"300\" value=\"")
        .append(esc(Optional.ofNullable(v.sme().address()).orElse(""))).append("\"></label>")
        .append("<label>").append(t(lang, "desk.refer.windowStart")).append("<input type=\"datetime-local\" name=\"windowStart\"></label>")
        .append("<label>").append(t(lang, "desk.refer.windowEnd")).append("<input type=\"datetime-local\" name=\"windowEnd\"></label>")
        .append("<label>").append(t(lang, "desk.contactName")).append("<input type=\"text\" name=\"contactName\" maxlength=\"100\" value=\"")
        .append(esc(Optional.ofNullable(t.contactName()).orElse(Optional.ofNullable(v.sme().contactName()).orElse("")))).append("\"></label>")
        .append("<label>").append(t(lang, "desk.contactPhone")).append("<input type=\"tel\" name=\"contactPhone\" maxlength=\"40\" value=\"")
        .append(esc(Optional.ofNullable(t.contactPhone()).orElse(Optional.ofNullable(v.sme().contactPhone()).orElse("")))).append("\"></label>")
        .append("<label>").append(t(lang, "desk.referral.request")).append("<textarea name=\"request\" rows=\"4\"></textarea></label>")
        .append("<button type=\"submit\">").append(t(lang, "desk.refer.submit")).append("</button></form>");
    return b.append("</section>").toString();
  }

  // ---- form actions

  private void formMessage(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    String kind = Optional.ofNullable(field(ctx, "kind")).orElse("reply");
    String body = ctx.request().getFormAttribute("body");
    String then = field(ctx, "then");
    Pages.act(ctx, s.db().write(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      return s.tickets().addMessage(c, p, t, kind, body, then);
    }), "/tickets/" + id);
  }

  private void formChange(RoutingContext ctx, java.util.function.Consumer<JsonObject> fill) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    JsonObject in = new JsonObject();
    fill.accept(in);
    Pages.act(ctx, s.db().write(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      s.tickets().update(c, p, t, in);
      return null;
    }), "/tickets/" + id);
  }

  private void formMerge(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    Long into = number(field(ctx, "into"));
    Pages.act(ctx, s.db().write(c -> {
      Tickets.Ticket source = s.tickets().forDesk(c, p, id);
      Tickets.Ticket target = into == null ? null : s.tickets().get(c, p, into).orElse(null);
      if (target == null) {
        throw ApiError.notFound("ticket " + into);
      }
      s.tickets().merge(c, p, source, target);
      return null;
    }), "/tickets/" + into);
  }

  private void formRefer(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    JsonObject in = new JsonObject().put("partnerId", number(field(ctx, "partnerId"))).put("onSite", "on".equals(field(ctx, "onSite")))
          .put("request", field(ctx, "request"))
          .put("dispatch", new JsonObject().put("address", field(ctx, "address")).put("windowStart", field(ctx, "windowStart"))
              .put("windowEnd", field(ctx, "windowEnd")).put("contactName", field(ctx, "contactName")).put("contactPhone", field(ctx, "contactPhone")));
    Pages.act(ctx, s.db().write(c -> s.desk().referrals().refer(c, p, s.tickets().forDesk(c, p, id), in)), "/tickets/" + id);
  }

  private void formReferralAction(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String action = ctx.pathParam("action");
    long id = Http.idParam(ctx, "id");
    if (!List.of("accept", "decline", "complete", "withdraw").contains(action)) {
      throw ApiError.notFound("action " + action);
    }
    JsonObject in = new JsonObject().put("reason", field(ctx, "reason")).put("report", ctx.request().getFormAttribute("report"));
    s.db().write(c -> {
      Referrals.Referral r = s.desk().referrals().get(c, p, id).orElseThrow(() -> ApiError.notFound("referral " + id));
      s.desk().referrals().act(c, p, r, action, in);
      return r.ticketId();
    }).onSuccess(ticketId -> ctx.redirect(action.equals("decline") && p.role() == Role.PARTNER ? "/tickets" : "/tickets/" + ticketId))
        .onFailure(e -> Pages.error(ctx, e));
  }

  private void referralsPage(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    if (!p.role().desk() && p.role() != Role.PARTNER) {
      throw ApiError.forbidden("referrals are for the desk and partners");
    }
    Pages.render(ctx, s.db().read(c -> s.desk().referrals().list(c, p, null)), list -> {
      String title = I18n.t(lang, "desk.referrals");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1>");
      if (list.isEmpty()) {
        b.append("<p class=\"empty\">").append(t(lang, "desk.referrals.none")).append("</p>");
      } else {
        b.append("<table class=\"list\"><thead><tr><th>#</th><th>").append(t(lang, "tickets.subject")).append("</th><th>")
            .append(t(lang, "tickets.company")).append("</th><th>").append(t(lang, "desk.refer.partner")).append("</th><th>")
            .append(t(lang, "tickets.status")).append("</th><th>").append(t(lang, "desk.referral.window")).append("</th></tr></thead><tbody>");
        for (Referrals.Referral r : list) {
          b.append("<tr class=\"referral-row\"><td>#").append(r.ticketId()).append("</td><td><a href=\"/tickets/").append(r.ticketId()).append("\">")
              .append(esc(r.subject())).append("</a></td><td>").append(esc(r.smeName())).append("</td><td>").append(esc(r.partnerName()))
              .append("</td><td>").append(t(lang, "desk.referral.status." + r.status())).append("</td><td>")
              .append(r.windowStart() == null ? "—" : Html.time(r.windowStart()) + " – " + Html.time(r.windowEnd())).append("</td></tr>");
        }
        b.append("</tbody></table>");
      }
      return new String[] {title, b.toString()};
    });
  }
}
