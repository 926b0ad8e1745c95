package jp.mamori.console.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.attachments.Attachments;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.knowledge.Knowledge;
import jp.mamori.console.referrals.Referrals;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;

/** Everything the ticket page and GET /tickets/{id} show, loaded in one read for one principal. */
public record TicketView(Tickets.Ticket ticket, Tenants.Sme sme, List<Alerts.Alert> alerts, List<JsonObject> findings,
    List<Tickets.Message> messages, List<Tickets.StatusChange> history, JsonObject sla, List<Attachments.Attachment> attachments,
    List<Referrals.Referral> referrals, Map<String, List<Knowledge.Article>> knowledge) {

  /** The alert the ticket was opened for, if any (merged tickets can carry more). */
  public Alerts.Alert alert() {
    return alerts.isEmpty() ? null : alerts.get(0);
  }

  public static TicketView load(Services s, Connection c, Principal p, long id) throws SQLException {
    Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
    Tenants.Sme sme = s.tenants().sme(c, t.smeId()).orElseThrow();
    List<Long> alertIds = new ArrayList<>();
    if (t.alertId() != null) {
      alertIds.add(t.alertId());
    }
    alertIds.addAll(Jdbc.list(c, "SELECT alert_id FROM ticket_alerts WHERE ticket_id = ? ORDER BY alert_id", rs -> rs.getLong(1), t.id()));
    List<Alerts.Alert> alerts = new ArrayList<>();
    List<JsonObject> findings = new ArrayList<>();
    for (long a : alertIds.stream().distinct().toList()) {
      s.alerts().get(c, a).ifPresent(alerts::add);
      findings.addAll(s.alerts().findings(c, a, 20));
    }
    Map<String, List<Knowledge.Article>> kb = new LinkedHashMap<>();
    for (Alerts.Alert a : alerts) {
      kb.computeIfAbsent(a.check(), k -> new ArrayList<>());
    }
    for (String check : kb.keySet()) {
      kb.put(check, s.desk().knowledge().forCheck(c, t.chamberId(), check));
    }
    return new TicketView(t, sme, alerts, findings, s.tickets().messages(c, t.id(), p.role().desk()), s.tickets().history(c, t.id()),
        s.tickets().sla().status(c, t.id()), s.desk().attachments().list(c, t.id(), p.role().desk()), s.desk().referrals().forTicket(c, p, t.id()),
        kb);
  }

  public JsonObject toJson() {
    JsonArray msgs = new JsonArray();
    messages.forEach(m -> msgs.add(m.toJson()));
    JsonArray hist = new JsonArray();
    history.forEach(h -> hist.add(h.toJson()));
    JsonArray al = new JsonArray();
    alerts.forEach(a -> al.add(a.toJson()));
    JsonArray att = new JsonArray();
    attachments.forEach(a -> att.add(a.toJson()));
    JsonArray refs = new JsonArray();
    referrals.forEach(r -> refs.add(r.toJson()));
    JsonObject kb = new JsonObject();
    knowledge.forEach((check, list) -> {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(new JsonObject().put("id", x.id()).put("check", x.checkKey()).put("title", x.toJson().getJsonObject("title"))));
      kb.put(check, a);
    });
    return ticket.toJson().put("company", sme.toJson()).put("alert", alert() == null ? null : alert().toJson()).put("alerts", al)
        .put("findings", new JsonArray(findings)).put("messages", msgs).put("history", hist).put("sla", sla)
        .put("attachments", att).put("referrals", refs).put("knowledge", kb);
  }
}
