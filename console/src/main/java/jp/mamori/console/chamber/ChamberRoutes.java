package jp.mamori.console.chamber;

import static jp.mamori.console.web.Html.esc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.advisories.Advisories;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.notify.Events;
import jp.mamori.console.sla.SlaCompliance;
import jp.mamori.console.notify.Mailer;
import jp.mamori.console.portal.PortalRoutes;
import jp.mamori.console.portal.PortalServices;
import jp.mamori.console.portal.Scorecard;
import jp.mamori.console.rules.Iocs;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;
import jp.mamori.console.web.Layout;

/**
 * The chamber side: dashboard (boxes, tickets, SLA, members' five-point scores against their industry's
 * average), advisories, the shared IoC list (with promotion from an alert's evidence) and webhooks.
 */
public final class ChamberRoutes {
  private final Services s;
  private final PortalServices ps;

  public ChamberRoutes(Services s) {
    this.s = s;
    this.ps = s.portal();
  }

  public void mount(Router r) {
    r.get("/api/v1/chambers/:id/dashboard").handler(ctx -> Http.api(ctx, c -> withChamber(c, (conn, p, ch) -> dashboard(conn, ch)), 200));
    r.get("/api/v1/chambers/:id/advisories").handler(ctx -> Http.api(ctx, c -> withChamber(c, (conn, p, ch) -> {
      JsonArray a = new JsonArray();
      ps.advisories.forChamber(conn, ch.id(), 200).forEach(x -> a.add(x.toJson()));
      return a;
    }), 200));
    r.post("/api/v1/chambers/:id/advisories").handler(ctx -> Http.api(ctx, c -> {
      Advisories.Draft d = Advisories.Draft.from(Http.body(c));
      return publish(c, Http.idParam(c, "id"), d).map(Advisories.Advisory::toJson);
    }, 201));
    r.get("/api/v1/chambers/:id/advisories/:advisoryId/acks").handler(ctx -> Http.api(ctx, c -> withChamber(c, (conn, p, ch) -> {
      long aid = Http.idParam(c, "advisoryId");
      if (ps.advisories.chamberOf(conn, aid).filter(x -> x == ch.id()).isEmpty()) {
        throw ApiError.notFound("advisory " + aid);
      }
      JsonArray a = new JsonArray();
      ps.advisories.acks(conn, ch.id(), aid).forEach(x -> a.add(x.toJson()));
      return a;
    }), 200));
    r.get("/api/v1/chambers/:id/iocs").handler(ctx -> Http.api(ctx, c -> withChamber(c, (conn, p, ch) -> {
      JsonArray a = new JsonArray();
      ps.iocs.list(conn, ch.id()).forEach(x -> a.add(x.toJson()));
      return new JsonObject().put("version", ps.iocs.version(conn, ch.id())).put("iocs", a);
    }), 200));
    r.post("/api/v1/chambers/:id/iocs").handler(ctx -> Http.api(ctx, c -> {
      JsonObject body = Http.body(c);
      return deskWrite(c, Http.idParam(c, "id"), (conn, p, ch) -> ps.iocs.add(conn, ch.id(), body.getString("kind"), body.getString("value"),
          body.getString("note"), null, null, p.userId()).toJson());
    }, 201));
    r.delete("/api/v1/chambers/:id/iocs/:iocId").handler(ctx -> Http.api(ctx, c -> deskWrite(c, Http.idParam(c, "id"), (conn, p, ch) -> {
      if (!ps.iocs.remove(conn, ch.id(), Http.idParam(c, "iocId"))) {
        throw ApiError.notFound("ioc " + c.pathParam("iocId"));
      }
      return (Void) null;
    }), 204));
    r.get("/api/v1/alerts/:id/ioc-candidates").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> {
        Alerts.Alert a = s.alerts().get(conn, p, id).filter(x -> p.role().desk()).orElseThrow(() -> ApiError.notFound("alert " + id));
        return candidates(conn, a);
      });
    }, 200));
    r.post("/api/v1/alerts/:id/iocs").handler(ctx -> Http.api(ctx, c -> {
      JsonObject body = Http.body(c);
      return promote(c, Http.idParam(c, "id"), body.getString("kind"), body.getString("value"), body.getString("note")).map(Iocs.Ioc::toJson);
    }, 201));
    r.get("/api/v1/chambers/:id/webhooks").handler(ctx -> Http.api(ctx, c -> adminRead(c, (conn, p, ch) -> {
      JsonArray a = new JsonArray();
      ps.webhooks.list(conn, ch.id()).forEach(w -> a.add(w.toJson()));
      return a;
    }), 200));
    r.post("/api/v1/chambers/:id/webhooks").handler(ctx -> Http.api(ctx, c -> {
      JsonObject body = Http.body(c);
      Object events = body.getValue("events");
      if (events != null && !(events instanceof JsonArray)) {
        throw ApiError.badRequest("events must be an array of event types");
      }
      return adminWrite(c, (conn, p, ch) -> {
        var created = ps.webhooks.create(conn, ch.id(), body.getString("url"), (JsonArray) events, p.userId());
        return created.webhook().toJson().put("secret", created.secret());
      });
    }, 201));
    r.delete("/api/v1/chambers/:id/webhooks/:webhookId").handler(ctx -> Http.api(ctx, c -> adminWrite(c, (conn, p, ch) -> {
      long wid = Http.idParam(c, "webhookId");
      ps.webhooks.get(conn, wid).filter(w -> w.chamberId() == ch.id()).orElseThrow(() -> ApiError.notFound("webhook " + wid));
      ps.webhooks.disable(conn, wid);
      return (Void) null;
    }), 204));
    r.get("/api/v1/chambers/:id/webhooks/:webhookId/deliveries").handler(ctx -> Http.api(ctx, c -> adminRead(c, (conn, p, ch) -> {
      long wid = Http.idParam(c, "webhookId");
      ps.webhooks.get(conn, wid).filter(w -> w.chamberId() == ch.id()).orElseThrow(() -> ApiError.notFound("webhook " + wid));
      JsonArray a = new JsonArray();
      ps.webhooks.deliveries(conn, wid, 200).forEach(d -> a.add(d.toJson()));
      return a;
    }), 200));

    r.get("/chamber").handler(this::dashboardPage);
    r.get("/chamber/advisories").handler(this::advisoriesPage);
    r.post("/chamber/advisories").handler(this::publishPost);
    r.get("/chamber/iocs").handler(this::iocsPage);
    r.post("/chamber/iocs").handler(this::iocPost);
    r.get("/alerts/:id/iocs").handler(this::promotePage);
    r.post("/alerts/:id/iocs").handler(this::promotePost);
  }

  // ---- scoping -------------------------------------------------------------------------------------

  @FunctionalInterface
  interface ChamberWork<T> {
    T run(Connection c, Principal p, Tenants.Chamber ch) throws Exception;
  }

  private Tenants.Chamber visible(Connection c, Principal p, long id) throws SQLException {
    return s.tenants().chamber(c, id).filter(ch -> p.role().desk() && p.seesChamber(ch.id())).orElseThrow(() -> ApiError.notFound("chamber " + id));
  }

  private <T> Future<T> withChamber(RoutingContext ctx, ChamberWork<T> work) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> work.run(c, p, visible(c, p, id)));
  }

  private <T> Future<T> deskWrite(RoutingContext ctx, long chamberId, ChamberWork<T> work) {
    Principal p = Http.principal(ctx);
    return s.db().write(c -> work.run(c, p, visible(c, p, chamberId)));
  }

  private <T> Future<T> adminRead(RoutingContext ctx, ChamberWork<T> work) {
    return withChamber(ctx, (c, p, ch) -> {
      if (!p.administers(ch.id())) {
        throw ApiError.forbidden("webhooks are managed by the chamber's administrators");
      }
      return work.run(c, p, ch);
    });
  }

  private <T> Future<T> adminWrite(RoutingContext ctx, ChamberWork<T> work) {
    return deskWrite(ctx, Http.idParam(ctx, "id"), (c, p, ch) -> {
      if (!p.administers(ch.id())) {
        throw ApiError.forbidden("webhooks are managed by the chamber's administrators");
      }
      return work.run(c, p, ch);
    });
  }

  // ---- dashboard -----------------------------------------------------------------------------------

  JsonObject dashboard(Connection c, Tenants.Chamber ch) throws SQLException {
    long now = ps.clock.millis();
    long onlineSince = s.boxes().onlineSince();
    long alertAfter = now - OfflineMonitor.OFFLINE_AFTER.toMillis();
    JsonArray offline = new JsonArray();
    int total = 0;
    int online = 0;
    record B(String id, long smeId, String smeName, String hostname, Long hb, long enrolled) {}
    for (B b : Jdbc.list(c, "SELECT b.id, b.sme_id, s.name, b.hostname, b.last_heartbeat_at, b.enrolled_at FROM boxes b JOIN smes s ON s.id = b.sme_id "
        + "WHERE s.chamber_id = ? AND b.revoked_at IS NULL ORDER BY s.name", rs -> new B(rs.getString(1), rs.getLong(2), rs.getString(3),
        rs.getString(4), Jdbc.nullableLong(rs, "last_heartbeat_at"), rs.getLong(6)), ch.id())) {
      total++;
      long last = b.hb() == null ? b.enrolled() : b.hb();
      if (b.hb() != null && b.hb() >= onlineSince) {
        online++;
      } else {
        offline.add(new JsonObject().put("boxId", b.id()).put("smeId", b.smeId()).put("smeName", b.smeName()).put("hostname", b.hostname())
            .put("lastHeartbeatAt", b.hb() == null ? null : Instant.ofEpochMilli(b.hb()).toString())
            .put("offlineMinutes", Duration.ofMillis(now - last).toMinutes()).put("alerted", last < alertAfter));
      }
    }
    JsonObject byStatus = new JsonObject();
    int live = 0;
    for (var e : Jdbc.list(c, "SELECT status, COUNT(*) FROM tickets WHERE chamber_id = ? GROUP BY status", rs -> Map.entry(rs.getString(1), rs.getInt(2)),
        ch.id())) {
      byStatus.put(e.getKey(), e.getValue());
      live += Set.of("new", "open", "waiting", "referred").contains(e.getKey()) ? e.getValue() : 0;
    }
    JsonObject alerts = new JsonObject();
    for (var e : Jdbc.list(c, "SELECT a.severity, COUNT(*) FROM alerts a JOIN smes s ON s.id = a.sme_id WHERE s.chamber_id = ? AND a.status = 'open' "
        + "GROUP BY a.severity", rs -> Map.entry(rs.getString(1), rs.getInt(2)), ch.id())) {
      alerts.put(e.getKey(), e.getValue());
    }
    Instant to = Instant.ofEpochMilli(now);
    Instant from = to.minus(Duration.ofDays(30));
    SlaCompliance.Report report = s.desk().slaCompliance().forChamber(c, ch.id(), null, from, to);
    Double rate = report.firstResponse().rate();
    JsonObject sla = rate == null ? firstResponse(c, ch.id(), from, to)
        : report.toJson().put("source", "sla").put("percent", Math.round(rate * 1000) / 10.0);
    // members against their industry's average
    Map<Long, Scorecard.Card> cards = ps.scorecard.forChamber(c, ch.id());
    List<Tenants.Sme> smes = Jdbc.list(c, "SELECT id, chamber_id, name, industry, website, address, contact_name, contact_email, contact_phone "
        + "FROM smes WHERE chamber_id = ? ORDER BY name", rs -> new Tenants.Sme(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), ch.id());
    Map<String, int[]> industries = new TreeMap<>();
    int sum = 0;
    for (Tenants.Sme sme : smes) {
      int score = cards.get(sme.id()).score();
      sum += score;
      int[] agg = industries.computeIfAbsent(industry(sme), k -> new int[2]);
      agg[0]++;
      agg[1] += score;
    }
    JsonArray ind = new JsonArray();
    Map<String, Integer> avg = new LinkedHashMap<>();
    industries.forEach((k, v) -> {
      Integer a = v[0] >= PortalRoutes.MIN_PEERS ? Math.round((float) v[1] / v[0]) : null;
      avg.put(k, a);
      ind.add(new JsonObject().put("industry", k).put("members", v[0]).put("averageScore", a));
    });
    JsonArray members = new JsonArray();
    for (Tenants.Sme sme : smes) {
      Scorecard.Card card = cards.get(sme.id());
      Integer a = avg.get(industry(sme));
      members.add(new JsonObject().put("smeId", sme.id()).put("name", sme.name()).put("industry", sme.industry()).put("score", card.score())
          .put("lights", card.lights()).put("industryAverage", a).put("difference", a == null ? null : card.score() - a));
    }
    return new JsonObject().put("chamber", ch.toJson())
        .put("boxes", new JsonObject().put("total", total).put("online", online).put("offline", total - online).put("offlineBoxes", offline))
        .put("tickets", new JsonObject().put("live", live).put("byStatus", byStatus)).put("openAlerts", alerts).put("sla", sla)
        .put("chamberAverage", smes.isEmpty() ? null : Math.round((float) sum / smes.size())).put("industries", ind).put("members", members)
        .put("minPeers", PortalRoutes.MIN_PEERS);
  }

  private static String industry(Tenants.Sme sme) {
    return sme.industry() == null || sme.industry().isBlank() ? "—" : sme.industry().strip();
  }

  /** Before any ticket of the period has met or missed its first-response target: how quickly the desk answered. */
  private static JsonObject firstResponse(Connection c, long chamberId, Instant from, Instant to) throws SQLException {
    List<Long> waits = Jdbc.list(c, "SELECT first_response_at - created_at FROM tickets WHERE chamber_id = ? AND created_at >= ? AND created_at < ? "
        + "AND first_response_at IS NOT NULL ORDER BY 1", rs -> rs.getLong(1), chamberId, from.toEpochMilli(), to.toEpochMilli());
    long opened = Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE chamber_id = ? AND created_at >= ? AND created_at < ?", chamberId,
        from.toEpochMilli(), to.toEpochMilli());
    Long median = waits.isEmpty() ? null : Duration.ofMillis(waits.get(waits.size() / 2)).toMinutes();
    return new JsonObject().put("source", "first-response").put("configured", false).put("from", from.toString()).put("to", to.toString())
        .put("ticketsOpened", opened).put("answered", waits.size()).put("medianFirstResponseMinutes", median);
  }

  // ---- advisories, IoCs ----------------------------------------------------------------------------

  private Future<Advisories.Advisory> publish(RoutingContext ctx, long chamberId, Advisories.Draft d) {
    return deskWrite(ctx, chamberId, (c, p, ch) -> {
      long id = ps.advisories.publish(c, ch.id(), d, p.userId());
      Advisories.Advisory a = ps.advisories.forChamber(c, ch.id(), 500).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
      ps.events.raise(c, Events.ADVISORY_PUBLISHED, Events.ADVISORY_PUBLISHED + ":" + id, ch.id(), null,
          new JsonObject().put("advisoryId", id).put("severity", a.severity()).put("title", new JsonObject().put("ja", a.titleJa()).put("en", a.titleEn())));
      mailMembers(c, ch, a);
      return a;
    });
  }

  /** Every member company's contact address and portal accounts get the notice, once per address. */
  private void mailMembers(Connection c, Tenants.Chamber ch, Advisories.Advisory a) throws SQLException {
    Set<String> to = new LinkedHashSet<>();
    to.addAll(Jdbc.list(c, "SELECT lower(trim(contact_email)) FROM smes WHERE chamber_id = ? AND contact_email LIKE '%@%'", rs -> rs.getString(1), ch.id()));
    to.addAll(Jdbc.list(c, "SELECT u.email FROM users u JOIN smes s ON s.id = u.sme_id WHERE s.chamber_id = ? AND u.role IN ('owner', 'staff') "
        + "AND u.disabled_at IS NULL", rs -> rs.getString(1), ch.id()));
    String subject = "【" + ch.name() + "】" + a.titleJa();
    String link = ps.mailer.config().publicUrl().isBlank() ? "" : "\n" + ps.mailer.config().publicUrl().replaceAll("/+$", "") + "/portal/advisories";
    String text = a.bodyJa() + "\n\n" + "内容を確認したら、ポータルまたは見守りボックスの画面で「確認しました」を押してください。" + link
        + (a.titleEn() == null ? "" : "\n\n---\n" + a.titleEn() + "\n\n" + a.bodyEn());
    for (String addr : to) {
      ps.mailer.queue(c, new Mailer.Mail("advisory:" + a.id() + ":" + addr, "advisory", addr, subject, text, null, null, null));
    }
  }

  private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s\"'<>()]+");
  private static final Pattern HASH = Pattern.compile("\\b[0-9a-fA-F]{64}\\b|sha(?:256|384|512)-[A-Za-z0-9+/]{40,88}={0,2}");

  /** Domains and script hashes that appear in the alert's target and its findings' evidence, not yet on the list. */
  JsonObject candidates(Connection c, Alerts.Alert a) throws SQLException {
    Set<String> domains = new LinkedHashSet<>();
    Set<String> hashes = new LinkedHashSet<>();
    String own = host(s.tenants().sme(c, a.smeId()).map(Tenants.Sme::website).orElse(null));
    List<String> texts = new ArrayList<>();
    for (JsonObject f : s.alerts().findings(c, a.id(), 20)) {
      collect(f.getJsonObject("evidence", new JsonObject()), texts);
    }
    for (String t : texts) {
      Matcher m = URL.matcher(t);
      while (m.find()) {
        String h = host(m.group());
        if (h != null && !h.equals(own) && !h.equals("localhost") && !h.matches("[0-9.]+")) {
          try {
            domains.add(Iocs.normalise("domain", h));
          } catch (IllegalArgumentException ignored) {
            // not a domain name
          }
        }
      }
      Matcher hm = HASH.matcher(t);
      while (hm.find()) {
        try {
          hashes.add(Iocs.normalise("script_hash", hm.group()));
        } catch (IllegalArgumentException ignored) {
          // not a hash
        }
      }
    }
    Set<String> listed = new LinkedHashSet<>();
    ps.iocs.list(c, a.chamberId()).forEach(i -> listed.add(i.kind() + ":" + i.value()));
    JsonArray out = new JsonArray();
    domains.forEach(d -> out.add(new JsonObject().put("kind", "domain").put("value", d).put("listed", listed.contains("domain:" + d))));
    hashes.forEach(h -> out.add(new JsonObject().put("kind", "script_hash").put("value", h).put("listed", listed.contains("script_hash:" + h))));
    return new JsonObject().put("alertId", a.id()).put("chamberId", a.chamberId()).put("candidates", out);
  }

  private static void collect(Object v, List<String> out) {
    if (v instanceof String str) {
      out.add(str);
    } else if (v instanceof JsonObject o) {
      o.forEach(e -> collect(e.getValue(), out));
    } else if (v instanceof JsonArray arr) {
      arr.forEach(x -> collect(x, out));
    }
  }

  private static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      String h = URI.create(url.strip()).getHost();
      return h == null ? null : h.toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Future<Iocs.Ioc> promote(RoutingContext ctx, long alertId, String kind, String value, String note) {
    Principal p = Http.principal(ctx);
    return s.db().write(c -> {
      Alerts.Alert a = s.alerts().get(c, p, alertId).filter(x -> p.role().desk()).orElseThrow(() -> ApiError.notFound("alert " + alertId));
      String n = note == null || note.isBlank() ? "alert #" + a.id() + " (" + a.check() + ") " + a.smeName() : note;
      return ps.iocs.add(c, a.chamberId(), kind, value, n, a.smeId(), a.id(), p.userId());
    });
  }

  // ---- pages ---------------------------------------------------------------------------------------

  private boolean desk(RoutingContext ctx) {
    Principal p = ctx.get(Http.PRINCIPAL);
    if (p == null) {
      String target = ctx.request().path() + (ctx.request().query() == null ? "" : "?" + ctx.request().query());
      ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
      return false;
    }
    if (!p.role().desk()) {
      PortalRoutes.error(ctx, ApiError.forbidden("the chamber's pages are for its desk (administrators and advisors)"));
      return false;
    }
    return true;
  }

  /** The chamber a page is about: ?chamberId= or the first the person sees. */
  private Future<Tenants.Chamber> pageChamber(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String q = ctx.request().getParam("chamberId");
    return s.db().read(c -> {
      List<Tenants.Chamber> mine = s.tenants().chambers(c, p);
      if (q != null) {
        return mine.stream().filter(ch -> Long.toString(ch.id()).equals(q)).findFirst().orElseThrow(() -> ApiError.notFound("chamber " + q));
      }
      return mine.stream().findFirst().orElseThrow(() -> ApiError.notFound("chamber"));
    });
  }

  private String chamberSwitch(Connection c, Principal p, Tenants.Chamber current, String path) throws SQLException {
    List<Tenants.Chamber> mine = s.tenants().chambers(c, p);
    if (mine.size() < 2) {
      return "";
    }
    StringBuilder b = new StringBuilder("<p class=\"filters\">");
    for (Tenants.Chamber ch : mine) {
      b.append(ch.id() == current.id() ? "<strong>" + esc(ch.name()) + "</strong>" : "<a href=\"" + path + "?chamberId=" + ch.id() + "\">"
          + esc(ch.name()) + "</a>").append(" ");
    }
    return b.append("</p>").toString();
  }

  private void dashboardPage(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    pageChamber(ctx).compose(ch -> s.db().read(c -> chamberSwitch(c, p, ch, "/chamber") + renderDashboard(dashboard(c, ch), lang)))
        .onSuccess(html -> Layout.page(ctx, 200, I18n.t(lang, "chamber.title"), html)).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private String renderDashboard(JsonObject d, String lang) {
    JsonObject boxes = d.getJsonObject("boxes");
    JsonObject tickets = d.getJsonObject("tickets");
    JsonObject sla = d.getJsonObject("sla");
    StringBuilder b = new StringBuilder("<div class=\"chamber\"><h1>").append(esc(I18n.t(lang, "chamber.title"))).append(" — ")
        .append(esc(d.getJsonObject("chamber").getString("name"))).append("</h1><div class=\"cards\">");
    b.append(card("boxes-online", I18n.t(lang, "chamber.boxesOnline"), boxes.getInteger("online") + " / " + boxes.getInteger("total")));
    b.append(card("boxes-offline", I18n.t(lang, "chamber.boxesOffline"), Integer.toString(boxes.getInteger("offline"))));
    b.append(card("tickets-live", I18n.t(lang, "chamber.ticketsLive"), Integer.toString(tickets.getInteger("live"))));
    int high = d.getJsonObject("openAlerts").getInteger("high", 0) + d.getJsonObject("openAlerts").getInteger("critical", 0);
    b.append(card("alerts-high", I18n.t(lang, "chamber.alertsHigh"), Integer.toString(high)));
    b.append(card("sla", I18n.t(lang, "chamber.sla"), "sla".equals(sla.getString("source"))
        ? sla.getValue("percent") + " %" : sla.getValue("medianFirstResponseMinutes") == null ? "—"
        : I18n.t(lang, "chamber.sla.median", sla.getValue("medianFirstResponseMinutes"))));
    b.append("</div>");
    if (!"sla".equals(sla.getString("source"))) {
      b.append("<p class=\"note\">").append(esc(I18n.t(lang, "chamber.sla.pending", sla.getValue("answered"), sla.getValue("ticketsOpened"))))
          .append("</p>");
    }
    JsonArray offline = boxes.getJsonArray("offlineBoxes");
    b.append("<section class=\"offline\"><h2>").append(esc(I18n.t(lang, "chamber.offline"))).append("</h2>");
    if (offline.isEmpty()) {
      b.append("<p>").append(esc(I18n.t(lang, "chamber.allOnline"))).append("</p>");
    } else {
      b.append("<table class=\"list\"><tbody>");
      for (Object o : offline) {
        JsonObject x = (JsonObject) o;
        b.append("<tr class=\"offline-box").append(x.getBoolean("alerted") ? " alerted" : "").append("\"><td><a href=\"/portal?smeId=")
            .append(x.getLong("smeId")).append("\">").append(esc(x.getString("smeName"))).append("</a></td><td>").append(esc(x.getString("hostname")))
            .append("</td><td>").append(esc(I18n.t(lang, "chamber.offlineFor", x.getLong("offlineMinutes")))).append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section><section class=\"members\"><h2>").append(esc(I18n.t(lang, "chamber.members"))).append("</h2><p class=\"note\">")
        .append(esc(I18n.t(lang, "chamber.members.note", d.getInteger("minPeers")))).append("</p>");
    b.append("<table class=\"list industries\"><thead><tr><th>").append(esc(I18n.t(lang, "chamber.industry"))).append("</th><th>")
        .append(esc(I18n.t(lang, "chamber.count"))).append("</th><th>").append(esc(I18n.t(lang, "chamber.average"))).append("</th></tr></thead><tbody>");
    for (Object o : d.getJsonArray("industries")) {
      JsonObject x = (JsonObject) o;
      b.append("<tr><td>").append(esc(x.getString("industry"))).append("</td><td>").append(x.getInteger("members")).append("</td><td>")
          .append(x.getValue("averageScore") == null ? "—" : x.getValue("averageScore")).append("</td></tr>");
    }
    b.append("</tbody></table><table class=\"list members-table\"><thead><tr><th>").append(esc(I18n.t(lang, "tickets.company"))).append("</th><th>")
        .append(esc(I18n.t(lang, "chamber.industry"))).append("</th><th>").append(esc(I18n.t(lang, "chamber.score"))).append("</th><th>")
        .append(esc(I18n.t(lang, "chamber.vsIndustry"))).append("</th><th>").append(esc(I18n.t(lang, "chamber.points")))
        .append("</th></tr></thead><tbody>");
    for (Object o : d.getJsonArray("members")) {
      JsonObject x = (JsonObject) o;
      Integer diff = x.getInteger("difference");
      b.append("<tr class=\"member\" data-sme=\"").append(x.getLong("smeId")).append("\"><td><a href=\"/portal?smeId=").append(x.getLong("smeId"))
          .append("\">").append(esc(x.getString("name"))).append("</a></td><td>").append(esc(x.getString("industry"))).append("</td><td class=\"score\">")
          .append(x.getInteger("score")).append("</td><td>").append(diff == null ? "—" : (diff > 0 ? "+" : "") + diff).append("</td><td class=\"dots\">");
      JsonObject lights = x.getJsonObject("lights");
      for (int n = 1; n <= 5; n++) {
        String l = lights.getString(Integer.toString(n));
        b.append("<span class=\"dot light-").append(l).append("\" title=\"").append(n).append(": ").append(esc(I18n.t(lang, "light." + l)))
            .append("\">").append(n).append("</span>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table></section><p><a href=\"/chamber/iocs?chamberId=").append(d.getJsonObject("chamber").getLong("id")).append("\">")
        .append(esc(I18n.t(lang, "ioc.title"))).append("</a></p></div>");
    return b.toString();
  }

  private static String card(String cls, String label, String value) {
    return "<div class=\"card " + cls + "\"><span class=\"label\">" + esc(label) + "</span><span class=\"value\">" + esc(value) + "</span></div>";
  }

  private void advisoriesPage(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    pageChamber(ctx).compose(ch -> s.db().read(c -> {
      long members = Jdbc.count(c, "SELECT COUNT(*) FROM smes WHERE chamber_id = ?", ch.id());
      StringBuilder b = new StringBuilder(chamberSwitch(c, p, ch, "/chamber/advisories")).append("<h1>").append(esc(I18n.t(lang, "advisory.desk")))
          .append(" — ").append(esc(ch.name())).append("</h1><form method=\"post\" action=\"/chamber/advisories?chamberId=").append(ch.id())
          .append("\" class=\"publish\">").append(Layout.csrfField(ctx)).append("<label>").append(esc(I18n.t(lang, "advisory.severity")))
          .append("<select name=\"severity\">");
      for (String sev : List.of("info", "warning", "urgent")) {
        b.append("<option value=\"").append(sev).append("\">").append(esc(I18n.t(lang, "advisory.sev." + sev))).append("</option>");
      }
      b.append("</select></label><label>").append(esc(I18n.t(lang, "advisory.titleJa"))).append("<input type=\"text\" name=\"titleJa\" required maxlength=\"200\"></label>")
          .append("<label>").append(esc(I18n.t(lang, "advisory.bodyJa"))).append("<textarea name=\"bodyJa\" rows=\"6\" required></textarea></label>")
          .append("<label>").append(esc(I18n.t(lang, "advisory.titleEn"))).append("<input type=\"text\" name=\"titleEn\" maxlength=\"200\"></label>")
          .append("<label>").append(esc(I18n.t(lang, "advisory.bodyEn"))).append("<textarea name=\"bodyEn\" rows=\"4\"></textarea></label>")
          .append("<button type=\"submit\">").append(esc(I18n.t(lang, "advisory.publish"))).append("</button></form>");
      b.append("<table class=\"list advisories\"><thead><tr><th>").append(esc(I18n.t(lang, "advisory.published"))).append("</th><th>")
          .append(esc(I18n.t(lang, "advisory.titleJa"))).append("</th><th>").append(esc(I18n.t(lang, "advisory.acks"))).append("</th></tr></thead><tbody>");
      for (Advisories.Advisory a : ps.advisories.forChamber(c, ch.id(), 100)) {
        b.append("<tr class=\"advisory-row\"><td>").append(Html.time(a.publishedAt())).append("</td><td>").append(esc(a.title(lang)))
            .append("</td><td class=\"acks\">").append(a.ackCount()).append(" / ").append(members).append("</td></tr>");
      }
      return b.append("</tbody></table>").toString();
    })).onSuccess(html -> Layout.page(ctx, 200, I18n.t(lang, "advisory.desk"), html)).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private void publishPost(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    var f = ctx.request().formAttributes();
    Advisories.Draft d = new Advisories.Draft(f.get("severity"), f.get("titleJa"), f.get("bodyJa"), blank(f.get("titleEn")), blank(f.get("bodyEn")));
    pageChamber(ctx).compose(ch -> publish(ctx, ch.id(), d).map(a -> ch))
        .onSuccess(ch -> ctx.redirect("/chamber/advisories?chamberId=" + ch.id())).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private void iocsPage(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    pageChamber(ctx).compose(ch -> s.db().read(c -> {
      StringBuilder b = new StringBuilder(chamberSwitch(c, p, ch, "/chamber/iocs")).append("<h1>").append(esc(I18n.t(lang, "ioc.title"))).append(" — ")
          .append(esc(ch.name())).append("</h1><p class=\"note\">").append(esc(I18n.t(lang, "ioc.intro", ps.iocs.version(c, ch.id())))).append("</p>");
      b.append("<form method=\"post\" action=\"/chamber/iocs?chamberId=").append(ch.id()).append("\" class=\"publish\">").append(Layout.csrfField(ctx))
          .append("<label>").append(esc(I18n.t(lang, "ioc.kind"))).append("<select name=\"kind\"><option value=\"domain\">")
          .append(esc(I18n.t(lang, "ioc.kind.domain"))).append("</option><option value=\"script_hash\">").append(esc(I18n.t(lang, "ioc.kind.script_hash")))
          .append("</option></select></label><label>").append(esc(I18n.t(lang, "ioc.value"))).append("<input type=\"text\" name=\"value\" required></label>")
          .append("<label>").append(esc(I18n.t(lang, "ioc.note"))).append("<input type=\"text\" name=\"note\"></label><button type=\"submit\">")
          .append(esc(I18n.t(lang, "ioc.add"))).append("</button></form><table class=\"list iocs\"><tbody>");
      for (Iocs.Ioc i : ps.iocs.list(c, ch.id())) {
        b.append("<tr class=\"ioc\"><td>").append(esc(I18n.t(lang, "ioc.kind." + i.kind()))).append("</td><td><code>").append(esc(i.value()))
            .append("</code></td><td>").append(esc(i.note())).append("</td><td>").append(Html.time(i.createdAt())).append("</td></tr>");
      }
      return b.append("</tbody></table>").toString();
    })).onSuccess(html -> Layout.page(ctx, 200, I18n.t(lang, "ioc.title"), html)).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private void iocPost(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    var f = ctx.request().formAttributes();
    pageChamber(ctx).compose(ch -> deskWrite(ctx, ch.id(), (c, p, x) -> ps.iocs.add(c, x.id(), f.get("kind"), f.get("value"), f.get("note"), null,
        null, p.userId())).map(i -> ch)).onSuccess(ch -> ctx.redirect("/chamber/iocs?chamberId=" + ch.id())).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private void promotePage(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    s.db().read(c -> {
      Alerts.Alert a = s.alerts().get(c, p, id).orElseThrow(() -> ApiError.notFound("alert " + id));
      JsonObject cand = candidates(c, a);
      StringBuilder b = new StringBuilder("<h1>").append(esc(I18n.t(lang, "ioc.promote"))).append("</h1><p>").append(esc(a.smeName())).append(" — ")
          .append(esc(a.title(lang))).append("</p>");
      JsonArray list = cand.getJsonArray("candidates");
      if (list.isEmpty()) {
        b.append("<p>").append(esc(I18n.t(lang, "ioc.noCandidates"))).append("</p>");
      }
      for (Object o : list) {
        JsonObject x = (JsonObject) o;
        b.append("<form method=\"post\" action=\"/alerts/").append(a.id()).append("/iocs\" class=\"candidate\">").append(Layout.csrfField(ctx))
            .append("<input type=\"hidden\" name=\"kind\" value=\"").append(esc(x.getString("kind"))).append("\"><input type=\"hidden\" name=\"value\" value=\"")
            .append(esc(x.getString("value"))).append("\"><span>").append(esc(I18n.t(lang, "ioc.kind." + x.getString("kind")))).append(": <code>")
            .append(esc(x.getString("value"))).append("</code></span> ");
        if (x.getBoolean("listed")) {
          b.append("<span class=\"listed\">").append(esc(I18n.t(lang, "ioc.listed"))).append("</span>");
        } else {
          b.append("<button type=\"submit\">").append(esc(I18n.t(lang, "ioc.share"))).append("</button>");
        }
        b.append("</form>");
      }
      return b.toString();
    }).onSuccess(html -> Layout.page(ctx, 200, I18n.t(lang, "ioc.promote"), html)).onFailure(e -> PortalRoutes.error(ctx, e));
  }

  private void promotePost(RoutingContext ctx) {
    if (!desk(ctx)) {
      return;
    }
    long id = Http.idParam(ctx, "id");
    promote(ctx, id, ctx.request().getFormAttribute("kind"), ctx.request().getFormAttribute("value"), null)
        .onSuccess(i -> ctx.redirect("/alerts/" + id + "/iocs")).onFailure(e -> PortalRoutes.error(ctx, e));
  }
}
