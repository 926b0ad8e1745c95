package jp.mamori.console.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.web.ApiError;

/** Everything the ticket page and GET /tickets/{id} show, loaded in one read for one principal. */
public record TicketView(Tickets.Ticket ticket, Tenants.Sme sme, List<Alerts.Alert> alerts, List<JsonObject> findings,
    List<Tickets.Message> messages, List<Tickets.StatusChange> history, JsonObject sla) {

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
    return new TicketView(t, sme, alerts, findings, s.tickets().messages(c, t.id(), p.role().desk()), s.tickets().history(c, t.id()),
        s.tickets().sla().status(c, t.id()));
  }

  public JsonObject toJson() {
    JsonArray msgs = new JsonArray();
    messages.forEach(m -> msgs.add(m.toJson()));
    JsonArray hist = new JsonArray();
    history.forEach(h -> hist.add(h.toJson()));
    JsonArray al = new JsonArray();
    alerts.forEach(a -> al.add(a.toJson()));
    return ticket.toJson().put("company", sme.toJson()).put("alert", alert() == null ? null : alert().toJson()).put("alerts", al)
        .put("findings", new JsonArray(findings)).put("messages", msgs).put("history", hist).put("sla", sla);
  }
}
