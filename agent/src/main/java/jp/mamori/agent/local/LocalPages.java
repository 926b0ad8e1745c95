package jp.mamori.agent.local;

import static jp.mamori.common.HtmlEscape.esc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import jp.mamori.agent.health.BoxProblem;
import jp.mamori.agent.lan.ScopeProposal;
import jp.mamori.agent.selfcheck.SelfCheckJob;

/**
 * The box's own pages as HTML (phone first, Japanese by default): setup, LAN scope consent, home and
 * 相談する. No script or style inline (the CSP forbids them); every value is escaped; every form carries
 * the CSRF field. Plain functions of their inputs, so they are tested without a server.
 */
public final class LocalPages {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

  private final String lang;
  private final String csrf;
  private final ZoneId zone;

  public LocalPages(String lang, String csrf, ZoneId zone) {
    this.lang = LocalText.lang(lang);
    this.csrf = csrf;
    this.zone = zone;
  }

  String t(String key, Object... args) {
    return LocalText.t(lang, key, args);
  }

  String time(Instant at) {
    return at == null ? "" : TIME.format(at.atZone(zone));
  }

  private String csrfField() {
    return "<input type=\"hidden\" name=\"" + Csrf.FIELD + "\" value=\"" + esc(csrf) + "\">";
  }

  /** The frame of every page; {@code path} is the page itself, for the language switch. */
  public String layout(String title, String path, String body) {
    String other = t("lang.other.code");
    String switchTo = path + (path.contains("?") ? "&" : "?") + "lang=" + other;
    return "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + " - " + esc(t("app.name")) + "</title>"
        + "<link rel=\"stylesheet\" href=\"/static/local.css\"><script src=\"/static/local.js\" defer></script></head>"
        + "<body><header><a class=\"brand\" href=\"/\">" + esc(t("app.name")) + "</a>"
        + "<a class=\"lang\" href=\"" + esc(switchTo) + "\" hreflang=\"" + other + "\">" + esc(t("lang.other")) + "</a></header>"
        + "<main>" + body + "</main><footer><p>" + esc(t("footer")) + "</p></footer></body></html>";
  }

  private static String error(String message) {
    return message == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(message) + "</p>";
  }

  // ---- setup --------------------------------------------------------------------------------------

  public String setup(String consoleUrl, String token, String errorKey, Object... errorArgs) {
    String body = "<h1>" + esc(t("setup.title")) + "</h1><p>" + esc(t("setup.intro")) + "</p>"
        + error(errorKey == null ? null : t(errorKey, errorArgs))
        + "<form class=\"setup\" method=\"post\" action=\"/setup\">" + csrfField()
        + "<label for=\"console\">" + esc(t("setup.console")) + "</label>"
        + "<input id=\"console\" name=\"console\" type=\"url\" inputmode=\"url\" autocomplete=\"off\" autocapitalize=\"none\" required"
        + " placeholder=\"https://console.example.jp\" value=\"" + esc(consoleUrl) + "\">"
        + "<p class=\"help\">" + esc(t("setup.console.help")) + "</p>"
        + "<label for=\"token\">" + esc(t("setup.token")) + "</label>"
        + "<input id=\"token\" name=\"token\" autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" required value=\""
        + esc(token) + "\">"
        + "<p class=\"help\">" + esc(t("setup.token.help")) + "</p>"
        + "<button type=\"submit\">" + esc(t("setup.submit")) + "</button></form>";
    return layout(t("setup.title"), "/setup", body);
  }

  public String setupClosed() {
    return layout(t("setup.closed.title"), "/setup", "<h1>" + esc(t("setup.closed.title")) + "</h1><p>" + esc(t("setup.closed"))
        + "</p><p><a class=\"button\" href=\"/\">" + esc(t("nav.home")) + "</a></p>");
  }

  // ---- scope --------------------------------------------------------------------------------------

  /** What the owner decided about the LAN range so far. */
  public record ScopeState(String consentedScope, String consentedAt, String consentedBy, String declinedAt, String declinedBy) {
    public boolean consented() {
      return consentedScope != null && consentedAt != null;
    }

    public boolean declined() {
      return !consented() && declinedAt != null;
    }

    public boolean decided() {
      return consented() || declined();
    }
  }

  public String scope(ScopeProposal.Proposal proposal, ScopeState state, String name, String errorKey) {
    StringBuilder b = new StringBuilder("<h1>").append(esc(t("scope.title"))).append("</h1>");
    b.append(error(errorKey == null ? null : t(errorKey)));
    if (state.consented()) {
      b.append("<p class=\"decided\">").append(esc(t("scope.consented", state.consentedScope(), when(state.consentedAt()),
          state.consentedBy() == null ? "?" : state.consentedBy()))).append("</p>");
    } else if (state.declined()) {
      b.append("<p class=\"decided\">").append(esc(t("scope.declined", when(state.declinedAt()),
          state.declinedBy() == null ? "?" : state.declinedBy()))).append("</p>");
    }
    b.append("<p>").append(esc(t("scope.intro"))).append("</p>");
    boolean offer = proposal != null && !(state.consented() && state.consentedScope().equals(proposal.scope().toString()));
    b.append("<form class=\"scope\" method=\"post\" action=\"/scope\">").append(csrfField());
    if (proposal != null) {
      b.append("<p>").append(esc(t("scope.proposal"))).append("</p><p class=\"range\" id=\"proposed-scope\">")
          .append(esc(proposal.scope().toString())).append("</p><p class=\"help\">")
          .append(esc(proposal.iface().equals("config") ? t("scope.configured")
              : t("scope.box", proposal.boxAddress().getHostAddress(), proposal.iface()))).append(" · ")
          .append(esc(t("scope.size", proposal.scope().size()))).append("</p>")
          .append("<input type=\"hidden\" name=\"scope\" value=\"").append(esc(proposal.scope().toString())).append("\">");
    } else {
      b.append("<p class=\"warning\">").append(esc(t("scope.none"))).append("</p>");
    }
    b.append("<label for=\"name\">").append(esc(t("scope.name"))).append("</label><input id=\"name\" name=\"name\" maxlength=\"60\" value=\"")
        .append(esc(name)).append("\" required>");
    if (offer) {
      b.append("<button type=\"submit\" name=\"decision\" value=\"accept\">").append(esc(t("scope.accept"))).append("</button>");
    }
    if (!state.declined()) {
      b.append("<button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"decline\">")
          .append(esc(t(state.consented() ? "scope.withdraw" : "scope.decline"))).append("</button>");
    }
    b.append("</form><p><a href=\"/\">").append(esc(t("nav.home"))).append("</a></p>");
    return layout(t("scope.title"), "/scope", b.toString());
  }

  private String when(String iso) {
    try {
      return time(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  // ---- home ---------------------------------------------------------------------------------------

  /** One scheduled job as the home page lists it. */
  public record JobLine(String name, boolean running, Instant lastFinished, int lastFindings, String lastError, Instant nextRun) {}

  /** A cached answer of the console with the time it was fetched; {@code stale} when the last refresh failed. */
  public record Cached(JsonObject value, Instant fetchedAt, boolean stale) {}

  public record Home(String smeName, String chamberName, List<BoxProblem> problems, Cached status, Cached advisories,
      Map<Long, LocalRequests.Request> acks, List<JobLine> jobs, ScopeState scope) {}

  public String home(Home h) {
    StringBuilder b = new StringBuilder();
    if (!h.problems().isEmpty()) {
      b.append("<section class=\"problems\" role=\"alert\"><h2>").append(esc(t("problems.title"))).append("</h2><ul>");
      for (BoxProblem p : h.problems()) {
        b.append("<li class=\"problem problem-").append(esc(p.code())).append("\">").append(esc(p.text(lang))).append("</li>");
      }
      b.append("</ul></section>");
    }
    b.append("<h1>").append(esc(t("home.title"))).append("</h1>");
    if (h.smeName() != null) {
      b.append("<p class=\"company\">").append(esc(t("home.company", h.smeName(), h.chamberName() == null ? "" : h.chamberName())))
          .append("</p>");
    }
    b.append("<p class=\"actions\"><a class=\"button consult\" href=\"/consult\">").append(esc(t("nav.consult"))).append("</a></p>");
    if (!h.scope().decided()) {
      b.append("<p class=\"warning scope-pending\">").append(esc(t("scope.pending"))).append(" <a href=\"/scope\">")
          .append(esc(t("scope.decide"))).append("</a></p>");
    }
    lights(b, h.status());
    checks(b, h);
    advisories(b, h);
    b.append("<section class=\"selfcheck\"><h2>").append(esc(t("home.selfCheck"))).append("</h2><p>").append(esc(t("home.selfCheck.intro")))
        .append("</p><p><a class=\"button secondary\" href=\"/check\">").append(esc(t("nav.check"))).append("</a></p></section>");
    return layout(t("home.title"), "/", b.toString());
  }

  private void asOf(StringBuilder b, Cached c) {
    b.append("<p class=\"as-of").append(c.stale() ? " stale" : "").append("\">")
        .append(esc(c.stale() ? t("home.stale", time(c.fetchedAt())) : t("home.asOf", time(c.fetchedAt())))).append("</p>");
  }

  private String text(JsonObject jaEn) {
    if (jaEn == null) {
      return "";
    }
    String v = jaEn.getString(lang);
    return v == null || v.isBlank() ? jaEn.getString("ja", "") : v;
  }

  private String light(String wire) {
    String w = wire == null || !List.of("green", "amber", "red", "grey").contains(wire) ? "grey" : wire;
    return "<span class=\"light light-" + w + "\">" + esc(t("light." + w)) + "</span>";
  }

  private static String lightClass(String wire) {
    return wire == null || !List.of("green", "amber", "red", "grey").contains(wire) ? "grey" : wire;
  }

  private void lights(StringBuilder b, Cached status) {
    b.append("<section class=\"lights\"><h2>").append(esc(t("home.lights"))).append("</h2>");
    if (status == null || status.value() == null) {
      b.append("<p class=\"note\">").append(esc(t("home.noStatus"))).append("</p></section>");
      return;
    }
    asOf(b, status);
    b.append("<ol class=\"points\">");
    JsonArray points = status.value().getJsonArray("points", new JsonArray());
    for (int i = 0; i < points.size(); i++) {
      JsonObject p = points.getJsonObject(i);
      String light = lightClass(p.getString("light"));
      b.append("<li class=\"point light-").append(light).append("\" data-point=\"").append(p.getInteger("point", 0)).append("\">")
          .append(light(light)).append("<h3>").append(p.getInteger("point", 0)).append(". ").append(esc(text(p.getJsonObject("name"))))
          .append("</h3><p class=\"reason\">").append(esc(text(p.getJsonObject("reasonText")))).append("</p>");
      alerts(b, p.getJsonArray("alerts", new JsonArray()));
      b.append("<p class=\"advice\">").append(esc(text(p.getJsonObject("advice")))).append("</p></li>");
    }
    JsonObject web = status.value().getJsonObject("website", new JsonObject());
    String light = lightClass(web.getString("light"));
    b.append("<li class=\"point website light-").append(light).append("\" data-point=\"website\">").append(light(light))
        .append("<h3>").append(esc(t("home.website"))).append("</h3>");
    if (web.getString("url") != null) {
      b.append("<p class=\"site\"><code>").append(esc(web.getString("url"))).append("</code></p>");
    }
    String reason = web.getString("reason", "never");
    if (!List.of("none", "never", "severe", "problems", "ok", "stale").contains(reason)) {
      reason = "never";
    }
    b.append("<p class=\"reason\">").append(esc(t("website.reason." + reason)));
    if (web.getString("lastPatrolAt") != null) {
      b.append(" ").append(esc(t("website.last", when(web.getString("lastPatrolAt")))));
    }
    b.append("</p>");
    alerts(b, web.getJsonArray("alerts", new JsonArray()));
    b.append("</li></ol></section>");
  }

  private void alerts(StringBuilder b, JsonArray alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    b.append("<ul class=\"behind\">");
    for (int i = 0; i < Math.min(alerts.size(), 10); i++) {
      JsonObject a = alerts.getJsonObject(i);
      b.append("<li><strong>").append(esc(text(a.getJsonObject("title")))).append("</strong>");
      if (a.getString("target") != null) {
        b.append(" <code>").append(esc(a.getString("target"))).append("</code>");
      }
      String advice = text(a.getJsonObject("advice"));
      if (!advice.isEmpty()) {
        b.append("<br><span class=\"finding-advice\">").append(esc(advice)).append("</span>");
      }
      b.append("</li>");
    }
    b.append("</ul>");
  }

  String jobTitle(String name) {
    if (name.startsWith("patrol ")) {
      return t("home.job.patrol", name.substring(7));
    }
    if (name.startsWith("lan full ")) {
      return t("home.job.lanFull", name.substring(9));
    }
    if (name.startsWith("lan light ")) {
      return t("home.job.lanLight", name.substring(10));
    }
    if (name.startsWith("lan targets")) {
      return t("home.job.lanTargets");
    }
    if (name.equals(SelfCheckJob.NAME)) {
      return t("home.job.selfCheck");
    }
    return name;
  }

  private void checks(StringBuilder b, Home h) {
    b.append("<section class=\"checks\"><h2>").append(esc(t("home.checks"))).append("</h2>");
    if (h.scope().decided()) {
      b.append("<p class=\"scope-state\">").append(esc(h.scope().consented()
          ? t("scope.consented", h.scope().consentedScope(), when(h.scope().consentedAt()), nz(h.scope().consentedBy()))
          : t("scope.declined", when(h.scope().declinedAt()), nz(h.scope().declinedBy()))))
          .append(" <a href=\"/scope\">").append(esc(t("scope.change"))).append("</a></p>");
    }
    if (h.jobs().isEmpty()) {
      b.append("<p class=\"note\">").append(esc(t("home.checks.none"))).append("</p></section>");
      return;
    }
    b.append("<ul class=\"jobs\">");
    for (JobLine j : h.jobs()) {
      String state;
      String cls;
      if (j.running()) {
        state = t("home.check.running");
        cls = "running";
      } else if (j.lastFinished() == null) {
        state = t("home.check.never");
        cls = "never";
      } else if (j.lastError() != null) {
        state = t("home.check.failed", time(j.lastFinished()), j.lastError());
        cls = "failed";
      } else {
        state = t("home.check.ok", time(j.lastFinished()), j.lastFindings());
        cls = "ok";
      }
      b.append("<li class=\"job job-").append(cls).append("\"><strong>").append(esc(jobTitle(j.name()))).append("</strong><br>")
          .append(esc(state));
      if (j.nextRun() != null) {
        b.append(" · ").append(esc(t("home.check.next", time(j.nextRun()))));
      }
      b.append("</li>");
    }
    b.append("</ul></section>");
  }

  private static String nz(String s) {
    return s == null ? "?" : s;
  }

  private void advisories(StringBuilder b, Home h) {
    b.append("<section class=\"advisories\"><h2>").append(esc(t("home.advisories"))).append("</h2>");
    if (h.advisories() == null || h.advisories().value() == null) {
      b.append("<p class=\"note\">").append(esc(t("home.noStatus"))).append("</p></section>");
      return;
    }
    JsonArray list = h.advisories().value().getJsonArray("advisories", new JsonArray());
    if (list.isEmpty()) {
      b.append("<p>").append(esc(t("home.advisories.none"))).append("</p></section>");
      return;
    }
    if (h.advisories().stale()) {
      asOf(b, h.advisories());
    }
    for (int i = 0; i < list.size(); i++) {
      JsonObject a = list.getJsonObject(i);
      long id = a.getLong("id", 0L);
      boolean acked = a.getBoolean("acknowledged", false);
      LocalRequests.Request local = h.acks().get(id);
      b.append("<article class=\"advisory").append(acked || local != null ? "" : " unacked").append(" advisory-")
          .append(esc(a.getString("severity", "info"))).append("\" id=\"advisory-").append(id).append("\"><h3>")
          .append(esc(text(a.getJsonObject("title")))).append("</h3><p class=\"meta\">").append(esc(when(a.getString("publishedAt"))))
          .append("</p><p class=\"body\">").append(esc(text(a.getJsonObject("body")))).append("</p>");
      if (acked) {
        b.append("<p class=\"ack-state\">").append(esc(t("home.advisory.acked", nz(a.getString("acknowledgedBy")),
            when(a.getString("acknowledgedAt"))))).append("</p>");
      } else if (local != null && local.deliveredAt() != null) {
        b.append("<p class=\"ack-state\">").append(esc(t("home.advisory.acked", nz(local.body().getString("by")),
            time(local.createdAt())))).append("</p>");
      } else if (local != null && local.refusedAt() != null) {
        b.append("<p class=\"error\">").append(esc(t("home.advisory.ackRefused", nz(local.lastError())))).append("</p>");
      } else if (local != null) {
        b.append("<p class=\"ack-state pending\">").append(esc(t("home.advisory.ackPending"))).append("</p>");
      } else {
        b.append("<form class=\"ack\" method=\"post\" action=\"/advisories/").append(id).append("/ack\">").append(csrfField())
            .append("<label for=\"by-").append(id).append("\">").append(esc(t("home.advisory.name"))).append("</label>")
            .append("<input id=\"by-").append(id).append("\" name=\"by\" maxlength=\"100\" required>")
            .append("<button type=\"submit\">").append(esc(t("home.advisory.ack"))).append("</button></form>");
      }
      b.append("</article>");
    }
    b.append("</section>");
  }

  // ---- 相談する ------------------------------------------------------------------------------------

  /** What the owner typed; kept through every error. */
  public record Consultation(String subject, String body, String contactName, String contactPhone) {}

  public String consultForm(Consultation typed, String error, List<LocalRequests.Request> history) {
    Consultation c = typed == null ? new Consultation("", "", "", "") : typed;
    StringBuilder b = new StringBuilder("<h1>").append(esc(t("consult.title"))).append("</h1><p>").append(esc(t("consult.intro")))
        .append("</p>").append(error(error));
    b.append("<form class=\"consult\" id=\"consult\" method=\"post\" action=\"/consult\">").append(csrfField())
        .append("<label for=\"subject\">").append(esc(t("consult.subject"))).append("</label>")
        .append("<input id=\"subject\" name=\"subject\" maxlength=\"200\" placeholder=\"").append(esc(t("consult.subject.help")))
        .append("\" value=\"").append(esc(c.subject())).append("\">")
        .append("<label for=\"body\">").append(esc(t("consult.body"))).append("</label>")
        .append("<textarea id=\"body\" name=\"body\" rows=\"8\" maxlength=\"20000\" required placeholder=\"")
        .append(esc(t("consult.body.help"))).append("\">").append(esc(c.body())).append("</textarea>")
        .append("<label for=\"contactName\">").append(esc(t("consult.name"))).append("</label>")
        .append("<input id=\"contactName\" name=\"contactName\" maxlength=\"100\" autocomplete=\"name\" value=\"")
        .append(esc(c.contactName())).append("\">")
        .append("<label for=\"contactPhone\">").append(esc(t("consult.phone"))).append("</label>")
        .append("<input id=\"contactPhone\" name=\"contactPhone\" type=\"tel\" maxlength=\"40\" autocomplete=\"tel\" value=\"")
        .append(esc(c.contactPhone())).append("\">")
        .append("<button type=\"submit\">").append(esc(t("consult.submit"))).append("</button></form>");
    history(b, history);
    b.append("<p><a href=\"/\">").append(esc(t("consult.back"))).append("</a></p>");
    return layout(t("consult.title"), "/consult", b.toString());
  }

  /** After a send: delivered (with the ticket number), kept for later, or refused. */
  public String consultResult(LocalRequests.Request r, List<LocalRequests.Request> history) {
    StringBuilder b = new StringBuilder("<h1>").append(esc(t("consult.title"))).append("</h1>");
    if (r.deliveredAt() != null) {
      b.append("<p class=\"done\" id=\"consult-result\" data-state=\"sent\">")
          .append(esc(t("consult.sent", r.answer() == null ? "?" : r.answer().getValue("ticketId")))).append("</p>");
    } else if (r.refusedAt() != null) {
      b.append("<p class=\"error\" id=\"consult-result\" data-state=\"refused\">").append(esc(t("consult.refused", nz(r.lastError()))))
          .append("</p>");
    } else {
      b.append("<p class=\"warning\" id=\"consult-result\" data-state=\"queued\">").append(esc(t("consult.queued"))).append("</p>");
    }
    // the draft kept by local.js in the browser can go: the box has it now
    b.append("<p hidden id=\"draft-saved\" data-form=\"consult\"></p>");
    history(b, history);
    b.append("<p><a class=\"button\" href=\"/\">").append(esc(t("consult.back"))).append("</a></p>");
    return layout(t("consult.title"), "/consult", b.toString());
  }

  private void history(StringBuilder b, List<LocalRequests.Request> history) {
    if (history.isEmpty()) {
      return;
    }
    b.append("<section class=\"history\"><h2>").append(esc(t("consult.history"))).append("</h2><ul>");
    for (LocalRequests.Request r : history) {
      String subject = r.body().getString("subject");
      if (subject == null || subject.isBlank()) {
        String body = r.body().getString("body", "");
        subject = body.length() > 40 ? body.substring(0, 40) + "…" : body;
      }
      String state = r.deliveredAt() != null ? t("consult.state.sent", r.answer() == null ? "?" : r.answer().getValue("ticketId"))
          : r.refusedAt() != null ? t("consult.state.refused", nz(r.lastError())) : t("consult.state.queued");
      b.append("<li>").append(esc(time(r.createdAt()))).append(" <strong>").append(esc(subject)).append("</strong> — ")
          .append(esc(state)).append("</li>");
    }
    b.append("</ul></section>");
  }

  // ---- small pages --------------------------------------------------------------------------------

  public String message(String titleKey, String message) {
    return layout(t(titleKey), "/", "<h1>" + esc(t(titleKey)) + "</h1><p class=\"error\">" + esc(message) + "</p><p><a href=\"/\">"
        + esc(t("nav.home")) + "</a></p>");
  }
}
