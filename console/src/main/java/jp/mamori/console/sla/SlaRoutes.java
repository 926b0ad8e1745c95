package jp.mamori.console.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.desk.DeskRoutes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/** Chamber desk calendars and SLA targets, SLA compliance figures, and the holiday list. */
public final class SlaRoutes {
  private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
  private final Services s;

  public SlaRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/chambers/:id/calendar").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> s.desk().calendars().calendar(conn, DeskRoutes.chamber(conn, p, id)).toJson());
    }, 200));
    r.put("/api/v1/chambers/:id/calendar").handler(ctx -> Http.api(ctx, this::putCalendar, 200));
    r.get("/api/v1/chambers/:id/sla-policy").handler(ctx -> Http.api(ctx, c -> {
      Principal p = Http.principal(c);
      long id = Http.idParam(c, "id");
      return s.db().read(conn -> policies(s.desk().calendars().policies(conn, DeskRoutes.chamber(conn, p, id))));
    }, 200));
    r.put("/api/v1/chambers/:id/sla-policy").handler(ctx -> Http.api(ctx, this::putPolicy, 200));
    r.get("/api/v1/sla/compliance").handler(ctx -> Http.api(ctx, this::compliance, 200));
    r.get("/api/v1/holidays").handler(ctx -> Http.api(ctx, this::holidays, 200));
  }

  private Future<JsonObject> putCalendar(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      DeskRoutes.administered(c, p, id);
      BusinessCalendar cal = BusinessCalendar.fromJson(Http.body(ctx));
      s.desk().calendars().saveCalendar(c, id, cal);
      int moved = s.desk().sla().rescheduleChamber(c, id, false);
      s.desk().audit().change(c, p, "chamber.calendar", "chamber", id, id, null, cal.toJson().put("ticketsRescheduled", moved));
      return cal.toJson();
    });
  }

  private Future<JsonObject> putPolicy(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      DeskRoutes.administered(c, p, id);
      JsonObject body = Http.body(ctx);
      for (String sev : body.fieldNames()) {
        if (!SlaPolicy.SEVERITIES.contains(sev)) {
          throw ApiError.badRequest("keys must be severities " + SlaPolicy.SEVERITIES + ", got: " + sev);
        }
        if (!(body.getValue(sev) instanceof JsonObject j)) {
          throw ApiError.badRequest(sev + " must be an object {firstResponseMinutes, resolutionMinutes, warnPercent}");
        }
        s.desk().calendars().savePolicy(c, id, SlaPolicy.fromJson(sev, j));
      }
      int moved = s.desk().sla().rescheduleChamber(c, id, true);
      JsonObject out = policies(s.desk().calendars().policies(c, id));
      s.desk().audit().change(c, p, "chamber.sla-policy", "chamber", id, id, null, out.copy().put("ticketsRescheduled", moved));
      return out;
    });
  }

  private static JsonObject policies(Map<String, SlaPolicy> all) {
    JsonObject out = new JsonObject();
    all.forEach((k, v) -> out.put(k, v.toJson()));
    return out;
  }

  private Future<JsonObject> compliance(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (!p.role().desk()) {
      throw ApiError.forbidden("SLA figures are for the chamber's desk");
    }
    LocalDate today = LocalDate.ofInstant(s.clock().instant(), JST);
    Instant from = instant(ctx, "from", today.withDayOfMonth(1));
    Instant to = instant(ctx, "to", today.withDayOfMonth(1).plusMonths(1));
    Long chamber = Http.queryLong(ctx, "chamberId");
    Long smeId = Http.queryLong(ctx, "smeId");
    return s.db().read(c -> {
      if (smeId != null && s.tenants().sme(c, p, smeId).isEmpty()) {
        throw ApiError.notFound("company " + smeId);
      }
      if (chamber != null) {
        long id = DeskRoutes.chamber(c, p, chamber);
        return s.desk().slaCompliance().forChamber(c, id, smeId, from, to).toJson();
      }
      return s.desk().slaCompliance().visibleTo(c, p, smeId, from, to).toJson();
    });
  }

  private Future<JsonArray> holidays(RoutingContext ctx) {
    Http.principal(ctx);
    Long y = Http.queryLong(ctx, "year");
    int year = y == null ? LocalDate.ofInstant(s.clock().instant(), JST).getYear() : y.intValue();
    if (year < JapaneseHolidays.FIRST_YEAR || year > JapaneseHolidays.LAST_YEAR) {
      throw ApiError.badRequest("year must be " + JapaneseHolidays.FIRST_YEAR + "-" + JapaneseHolidays.LAST_YEAR + ", got " + year);
    }
    JsonArray out = new JsonArray();
    JapaneseHolidays.of(year).forEach((d, name) -> out.add(new JsonObject().put("date", d.toString()).put("name", name)));
    return Future.succeededFuture(out);
  }

  /** A date (start of day in Japan) or an ISO instant. */
  private static Instant instant(RoutingContext ctx, String name, LocalDate fallback) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return fallback.atStartOfDay(JST).toInstant();
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(JST).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be a date (2026-04-01) or an ISO instant, got: " + v);
    }
  }

}
