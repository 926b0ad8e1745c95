package jp.mamori.console.portal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.boxes.BoxRoutes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.I18n;

/**
 * {@code GET /api/v1/box/status}: what the box's own page shows its company — the five-point scorecard
 * (the portal's {@link Scorecard}, with its words in Japanese and English) and a light for the website
 * patrol. Only the calling box's company, never another.
 */
public final class BoxStatusRoutes {
  private final Services s;
  private final PortalServices ps;

  public BoxStatusRoutes(Services s) {
    this.s = s;
    this.ps = s.portal();
  }

  public void mount(Router r) {
    r.get("/api/v1/box/status").handler(ctx -> Http.api(ctx, this::status, 200));
  }

  private Future<JsonObject> status(RoutingContext ctx) {
    return BoxRoutes.box(s, ctx).compose(box -> s.db().read(c -> status(c, box.smeId())));
  }

  JsonObject status(Connection c, long smeId) throws SQLException {
    record Sme(String name, String website) {}
    Sme sme = Jdbc.one(c, "SELECT name, website FROM smes WHERE id = ?", rs -> new Sme(rs.getString(1), rs.getString(2)), smeId)
        .orElseThrow(() -> ApiError.notFound("company " + smeId));
    Scorecard.Card card = ps.scorecard.forSme(c, smeId);
    JsonArray points = new JsonArray();
    for (Scorecard.Point p : card.points()) {
      JsonArray alerts = new JsonArray();
      for (Scorecard.AlertRef a : p.alerts()) {
        alerts.add(alert(c, a.id(), a.severity(), a.target(), a.titleJa(), a.titleEn()));
      }
      points.add(new JsonObject().put("point", p.point()).put("light", p.light().wire()).put("reason", p.reason())
          .put("checkedAt", p.checkedAt() == null ? null : p.checkedAt().toString())
          .put("name", both("point." + p.point() + ".name")).put("reasonText", both("reason." + p.reason()))
          .put("advice", both("point." + p.point() + ".advice")).put("alerts", alerts));
    }
    List<WebsiteLight.Alert> web = Jdbc.list(c, "SELECT id, severity, target, title_ja, title_en FROM alerts WHERE sme_id = ? AND status = 'open' "
            + "AND check_id LIKE 'web.%' AND severity <> 'info' ORDER BY last_seen_at DESC LIMIT 20",
        rs -> new WebsiteLight.Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), smeId);
    Instant lastPatrol = Jdbc.one(c, "SELECT MAX(received_at) FROM runs WHERE sme_id = ? AND checks LIKE '%\"web.%'",
        rs -> rs.getObject(1) == null ? null : Instant.ofEpochMilli(rs.getLong(1)), smeId).orElse(null);
    WebsiteLight.Light light = WebsiteLight.of(sme.website(), web, lastPatrol, s.clock().instant());
    JsonArray webAlerts = new JsonArray();
    for (WebsiteLight.Alert a : web) {
      webAlerts.add(alert(c, a.id(), a.severity(), a.target(), a.titleJa(), a.titleEn()));
    }
    return new JsonObject().put("company", new JsonObject().put("name", sme.name())).put("generatedAt", s.clock().instant().toString())
        .put("score", card.score()).put("points", points)
        .put("website", new JsonObject().put("url", sme.website()).put("light", light.light()).put("reason", light.reason())
            .put("lastPatrolAt", lastPatrol == null ? null : lastPatrol.toString()).put("alerts", webAlerts));
  }

  private JsonObject alert(Connection c, long id, String severity, String target, String titleJa, String titleEn) throws SQLException {
    List<JsonObject> latest = s.alerts().findings(c, id, 1);
    JsonObject advice = latest.isEmpty() ? null : latest.get(0).getJsonObject("advice");
    return new JsonObject().put("severity", severity).put("target", target).put("title", new JsonObject().put("ja", titleJa).put("en", titleEn))
        .put("advice", advice == null ? null : new JsonObject().put("ja", advice.getString("ja")).put("en", advice.getString("en")));
  }

  private static JsonObject both(String key) {
    return new JsonObject().put("ja", I18n.t("ja", key)).put("en", I18n.t("en", key));
  }
}
