package jp.mamori.console.exports;

import static jp.mamori.console.desk.Pages.t;
import static jp.mamori.console.web.Html.esc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.desk.Pages;
import jp.mamori.console.web.Html;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;

/** Printable HTML of the evidence pack and the incident report, and the form the desk fills the report in with. */
public final class ExportPages {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private final Services s;

  public ExportPages(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/tickets/:id/evidence").handler(Pages.page(this::evidence));
    r.get("/tickets/:id/incident-report").handler(Pages.page(this::report));
    r.get("/tickets/:id/incident-report/edit").handler(Pages.page(this::edit));
    r.post("/tickets/:id/incident-report").handler(Pages.page(this::save));
  }

  private void evidence(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    String lang = Http.lang(ctx);
    long id = Http.idParam(ctx, "id");
    Pages.render(ctx, s.db().read(c -> EvidencePack.build(s, c, p, id)), pack -> {
      JsonObject t = pack.getJsonObject("ticket");
      JsonObject co = pack.getJsonObject("company");
      String title = I18n.t(lang, "desk.evidence") + " #" + t.getLong("id");
      StringBuilder b = new StringBuilder("<article class=\"printable evidence-pack\"><h1>").append(esc(title)).append("</h1>");
      b.append("<p class=\"print-actions\"><a href=\"/api/v1/tickets/").append(t.getLong("id")).append("/evidence\" download=\"evidence-")
          .append(t.getLong("id")).append(".json\">").append(t(lang, "desk.export.json")).append("</a> · <a href=\"/tickets/").append(t.getLong("id"))
          .append("\">").append(t(lang, "desk.export.back")).append("</a></p>");
      b.append("<dl class=\"facts\">");
      dd(b, lang, "tickets.company", esc(co.getString("name")) + "（" + esc(co.getString("address")) + "）");
      dd(b, lang, "tickets.subject", esc(t.getString("subject")));
      dd(b, lang, "tickets.status", t(lang, "status." + t.getString("status")));
      dd(b, lang, "tickets.created", Pages.time(t.getString("createdAt")));
      JsonObject ins = pack.getJsonObject("insurance");
      dd(b, lang, "desk.insurance", ins.getBoolean("candidate") ? t(lang, "desk.insurance.flagged") + " " + esc(ins.getString("note", ""))
          : t(lang, "desk.insurance.no"));
      dd(b, lang, "desk.export.generated", Pages.time(pack.getString("generatedAt")) + " · " + esc(pack.getJsonObject("generatedBy").getString("name")));
      b.append("</dl>");
      b.append("<h2>").append(t(lang, "desk.export.timeline")).append("</h2><table class=\"print-table\"><tbody>");
      for (Object o : pack.getJsonArray("timeline")) {
        JsonObject e = (JsonObject) o;
        b.append("<tr><td class=\"when\">").append(Pages.time(e.getString("at"))).append("</td><td>").append(esc(e.getJsonObject("summary")
            .getString("en".equals(lang) ? "en" : "ja"))).append("</td></tr>");
      }
      b.append("</tbody></table><h2>").append(t(lang, "desk.export.findings")).append("</h2><table class=\"print-table\"><thead><tr><th>")
          .append(t(lang, "finding.observed")).append("</th><th>").append(t(lang, "finding.target")).append("</th><th>").append(t(lang, "finding.detail"))
          .append("</th></tr></thead><tbody>");
      for (Object o : pack.getJsonArray("findings")) {
        JsonObject f = (JsonObject) o;
        b.append("<tr><td class=\"when\">").append(Pages.time(f.getString("observedAt"))).append("<br><span class=\"muted\">")
            .append(esc(f.getString("id"))).append("</span></td><td><code>").append(esc(f.getString("target"))).append("</code></td><td><strong>")
            .append(esc(f.getJsonObject("title").getString(lang, f.getJsonObject("title").getString("ja")))).append("</strong> <code>")
            .append(esc(f.getString("check"))).append("</code><pre class=\"evidence\">").append(esc(f.getJsonObject("evidence").encodePrettily()))
            .append("</pre></td></tr>");
      }
      b.append("</tbody></table><h2>").append(t(lang, "messages.title")).append("</h2>");
      for (Object o : pack.getJsonArray("messages")) {
        JsonObject m = (JsonObject) o;
        Object body = m.getValue("body");
        String text = body instanceof JsonObject j ? j.getString("en".equals(lang) ? "en" : "ja") : String.valueOf(body);
        b.append("<article class=\"msg msg-").append(esc(m.getString("kind"))).append("\"><header>")
            .append(esc(m.getString("authorName") == null ? I18n.t(lang, "messages.system") : m.getString("authorName"))).append(" · ")
            .append(t(lang, "messages.kind." + m.getString("kind"))).append(" · ").append(Pages.time(m.getString("createdAt")))
            .append("</header><p>").append(Html.paragraphs(text)).append("</p></article>");
      }
      JsonArray att = pack.getJsonArray("attachments");
      if (!att.isEmpty()) {
        b.append("<h2>").append(t(lang, "desk.export.attachments")).append("</h2><table class=\"print-table\"><tbody>");
        for (Object o : att) {
          JsonObject a = (JsonObject) o;
          b.append("<tr><td>").append(esc(a.getString("filename"))).append("</td><td>").append(esc(a.getString("contentType"))).append("</td><td><code>")
              .append(esc(a.getString("sha256"))).append("</code></td></tr>");
        }
        b.append("</tbody></table>");
      }
      b.append("<h2>").append(t(lang, "desk.export.integrity")).append("</h2><p><code class=\"digest\">SHA-256 ")
          .append(esc(pack.getJsonObject("integrity").getString("digest"))).append("</code></p><p class=\"muted\">").append(t(lang, "desk.export.integrity.help"))
          .append("</p></article>");
      return new String[] {title, b.toString()};
    });
  }

  private static void dd(StringBuilder b, String lang, String key, String html) {
    b.append("<dt>").append(t(lang, key)).append("</dt><dd>").append(html).append("</dd>");
  }

  private void report(RoutingContext ctx) {
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    Pages.render(ctx, new ExportRoutes(s).report(ctx), r -> {
      long id = r.getLong("ticketId");
      JsonObject f = r.getJsonObject("fields");
      List<String> prefilled = r.getJsonArray("prefilled").stream().map(String::valueOf).toList();
      List<String> missing = r.getJsonArray("missing").stream().map(String::valueOf).toList();
      String title = I18n.t(lang, "desk.incident");
      StringBuilder b = new StringBuilder("<article class=\"printable incident-report\"><h1>").append(esc(title)).append("</h1>");
      b.append("<p class=\"lead\">").append(t(lang, "desk.incident.lead")).append("</p>");
      b.append("<p class=\"print-actions\"><a href=\"/api/v1/tickets/").append(id).append("/incident-report\" download=\"incident-report-").append(id)
          .append(".json\">").append(t(lang, "desk.export.json")).append("</a>");
      if (p.role().desk()) {
        b.append(" · <a href=\"/tickets/").append(id).append("/incident-report/edit\">").append(t(lang, "desk.incident.edit")).append("</a>");
      }
      b.append(" · <a href=\"/tickets/").append(id).append("\">").append(t(lang, "desk.export.back")).append("</a></p>");
      if (!missing.isEmpty()) {
        b.append("<p class=\"notice missing\">").append(t(lang, "desk.incident.missing", missing.size())).append("</p>");
      }
      String section = null;
      b.append("<table class=\"print-table report-fields\"><tbody>");
      for (IncidentReports.Field field : IncidentReports.FIELDS) {
        String sec = field.path().contains(".") ? field.path().substring(0, field.path().indexOf('.')) : field.path();
        if (field.path().startsWith("ransomware.") && !"ransomware".equals(section)) {
          b.append("</tbody></table><h2>").append(t(lang, "desk.incident.ransomware")).append("</h2><table class=\"print-table report-fields\"><tbody>");
        }
        section = sec;
        Object v = IncidentReports.get(f, field.path());
        b.append("<tr class=\"field").append(missing.contains(field.path()) ? " is-missing" : "").append("\" data-field=\"").append(esc(field.path()))
            .append("\"><th>").append(esc("en".equals(lang) ? field.en() : field.ja()))
            .append(prefilled.contains(field.path()) ? " <span class=\"prefilled\">" + t(lang, "desk.incident.prefilled") + "</span>" : "")
            .append("</th><td>").append(value(lang, field, v)).append("</td></tr>");
      }
      b.append("</tbody></table><p class=\"muted\">").append(t(lang, "desk.incident.sources")).append("</p></article>");
      return new String[] {title, b.toString()};
    });
  }

  private static String value(String lang, IncidentReports.Field field, Object v) {
    if (!IncidentReports.present(v)) {
      return "<span class=\"blank\">" + t(lang, "desk.incident.blank") + "</span>";
    }
    if (field.type().equals("systems") && v instanceof JsonArray a) {
      StringBuilder b = new StringBuilder("<ul>");
      for (Object o : a) {
        JsonObject sys = (JsonObject) o;
        b.append("<li>").append(esc(sys.getString("name"))).append("（").append(t(lang, "desk.incident.kind." + sys.getString("kind"))).append("）")
            .append(sys.getString("detail", "").isBlank() ? "" : " — " + esc(sys.getString("detail"))).append("</li>");
      }
      return b.append("</ul>").toString();
    }
    if (v instanceof JsonArray a) {
      StringBuilder b = new StringBuilder("<ul class=\"iocs\">");
      a.forEach(o -> b.append("<li><code>").append(esc(o)).append("</code></li>"));
      return b.append("</ul>").toString();
    }
    if (v instanceof Boolean bool) {
      return t(lang, bool ? "desk.yes" : "desk.no");
    }
    if (field.type().startsWith("choice:")) {
      return t(lang, "desk.incident.choice." + v);
    }
    if (field.type().equals("datetime")) {
      return Pages.time(String.valueOf(v));
    }
    return Html.paragraphs(String.valueOf(v));
  }

  private void edit(RoutingContext ctx) {
    String lang = Http.lang(ctx);
    Principal p = Http.principal(ctx);
    if (!p.role().desk()) {
      throw jp.mamori.console.web.ApiError.forbidden("the desk prepares the report");
    }
    Pages.render(ctx, new ExportRoutes(s).report(ctx), r -> {
      long id = r.getLong("ticketId");
      JsonObject f = r.getJsonObject("fields");
      String title = I18n.t(lang, "desk.incident.edit");
      StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append(" #").append(id).append("</h1>");
      b.append("<form method=\"post\" action=\"/tickets/").append(id).append("/incident-report\" class=\"panel incident-form\">").append(Pages.form(ctx));
      for (IncidentReports.Field field : IncidentReports.FIELDS) {
        String name = field.path();
        Object v = IncidentReports.get(f, name);
        String label = esc("en".equals(lang) ? field.en() : field.ja()) + (field.required() ? " <span class=\"req\">*</span>" : "");
        switch (field.type()) {
          case "textarea" -> b.append("<label>").append(label).append("<textarea name=\"").append(name).append("\" rows=\"4\">")
              .append(v == null ? "" : esc(v)).append("</textarea></label>");
          case "boolean" -> b.append("<label class=\"inline\"><input type=\"checkbox\" name=\"").append(name).append("\"")
              .append(Boolean.TRUE.equals(v) ? " checked" : "").append("> ").append(label).append("</label>");
          case "datetime" -> b.append("<label>").append(label).append("<input type=\"datetime-local\" name=\"").append(name).append("\" value=\"")
              .append(v == null ? "" : esc(LocalDateTime.ofInstant(Instant.parse(String.valueOf(v)), JST).withSecond(0).withNano(0))).append("\"></label>");
          case "systems" -> {
            StringBuilder lines = new StringBuilder();
            if (v instanceof JsonArray a) {
              for (Object o : a) {
                JsonObject sys = (JsonObject) o;
                lines.append(sys.getString("name")).append(" | ").append(sys.getString("kind")).append(" | ").append(sys.getString("detail", "")).append('\n');
              }
            }
            b.append("<label>").append(label).append("<span class=\"help\">").append(t(lang, "desk.incident.systems.help"))
                .append("</span><textarea name=\"").append(name).append("\" rows=\"4\">").append(esc(lines.toString().strip())).append("</textarea></label>");
          }
          case "list" -> b.append("<label>").append(label).append("<span class=\"help\">").append(t(lang, "desk.incident.list.help"))
              .append("</span><textarea name=\"").append(name).append("\" rows=\"4\">")
              .append(v instanceof JsonArray a ? esc(String.join("\n", a.stream().map(String::valueOf).toList())) : "").append("</textarea></label>");
          default -> {
            if (field.type().startsWith("choice:")) {
              Map<String, String> opts = new LinkedHashMap<>();
              opts.put("", "—");
              for (String c : field.type().substring(7).split(",")) {
                opts.put(c, I18n.t(lang, "desk.incident.choice." + c));
              }
              b.append("<label>").append(label).append(Pages.select(name, opts, v == null ? "" : String.valueOf(v), null)).append("</label>");
            } else {
              b.append("<label>").append(label).append("<input type=\"text\" name=\"").append(name).append("\" value=\"").append(v == null ? "" : esc(v))
                  .append("\"></label>");
            }
          }
        }
      }
      b.append("<button type=\"submit\">").append(t(lang, "desk.save")).append("</button></form>");
      return new String[] {title, b.toString()};
    });
  }

  /** The form's fields as the API's JSON: systems "name | kind | detail" per line, lists one per line, times in Japan time. */
  private void save(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    JsonObject in = new JsonObject();
    for (IncidentReports.Field field : IncidentReports.FIELDS) {
      String raw = ctx.request().getFormAttribute(field.path());
      Object v = switch (field.type()) {
        case "boolean" -> "on".equals(raw);
        case "datetime" -> raw == null || raw.isBlank() ? null : localTime(raw);
        case "systems" -> systems(raw);
        case "list" -> raw == null ? null : new JsonArray(raw.lines().map(String::strip).filter(x -> !x.isEmpty()).toList());
        default -> raw == null || raw.isBlank() ? null : raw;
      };
      IncidentReports.set(in, field.path(), v);
    }
    Pages.act(ctx, s.db().write(c -> {
      var t = s.tickets().forDesk(c, p, id);
      s.desk().incidentReports().save(c, p, t, in);
      s.tickets().raiseStage(c, t, "investigate");
      s.desk().audit().change(c, p, "incident-report.update", "ticket", id, t.chamberId(), t.smeId(), null);
      return null;
    }), "/tickets/" + id + "/incident-report");
  }

  private static String localTime(String raw) {
    try {
      return LocalDateTime.parse(raw.strip()).atZone(JST).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date and time must look like 2026-06-10T10:00, got: " + raw);
    }
  }

  private static JsonArray systems(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    JsonArray out = new JsonArray();
    for (String line : raw.lines().map(String::strip).filter(x -> !x.isEmpty()).toList()) {
      String[] parts = line.split("\\|", 3);
      String kind = parts.length > 1 ? parts[1].strip().toLowerCase(java.util.Locale.ROOT) : "onprem";
      out.add(new JsonObject().put("name", parts[0].strip()).put("kind", kind.isEmpty() ? "onprem" : kind)
          .put("detail", parts.length > 2 ? parts[2].strip() : ""));
    }
    return out;
  }
}
