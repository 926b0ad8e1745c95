package jp.mamori.console.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.boxes.BoxRoutes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;
import jp.mamori.console.web.Paging;

/** The ticket API: queue, consultations from every source, the workflow, merging; pages are in {@link TicketPages}. */
public final class TicketRoutes {
  /** A company (through any source) opens at most this many consultations a day; a stuck script cannot flood the desk. */
  static final int CONSULTATIONS_PER_DAY = 20;

  private final Services s;

  public TicketRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/tickets").handler(ctx -> Http.api(ctx, this::apiList, 200));
    r.post("/api/v1/tickets").handler(ctx -> Http.api(ctx, this::apiCreate, 201));
    r.get("/api/v1/tickets/:id").handler(ctx -> Http.api(ctx, c -> view(c).map(TicketView::toJson), 200));
    r.patch("/api/v1/tickets/:id").handler(ctx -> Http.api(ctx, this::apiPatch, 200));
    r.post("/api/v1/tickets/:id/messages").handler(ctx -> Http.api(ctx, this::apiMessage, 201));
    r.post("/api/v1/tickets/:id/merge").handler(ctx -> Http.api(ctx, this::apiMerge, 200));
    r.post("/api/v1/box/consultations").handler(ctx -> Http.api(ctx, this::boxConsultation, 201));
    new TicketPages(s).mount(r);
  }

  Future<TicketView> view(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> TicketView.load(s, c, p, id));
  }

  /** The queue filters shared by the API and the queue page. */
  static Tickets.Filter filter(RoutingContext ctx, Principal p) {
    Set<String> statuses = new HashSet<>();
    String status = ctx.request().getParam("status");
    if (status == null || status.isBlank() || status.equals("live")) {
      statuses.addAll(Tickets.LIVE);
    } else if (!status.equals("all")) {
      for (String st : status.split(",")) {
        if (!Tickets.STATUSES.contains(st)) {
          throw ApiError.badRequest("status must be live, all or a comma list of new, open, waiting, referred, resolved, closed; got " + st);
        }
        statuses.add(st);
      }
    }
    Set<String> sla = new HashSet<>();
    String slaParam = ctx.request().getParam("sla");
    if (slaParam != null && !slaParam.isBlank()) {
      for (String v : slaParam.split(",")) {
        if (!Set.of("warning", "breached", "paused").contains(v)) {
          throw ApiError.badRequest("sla must be a comma list of warning, breached, paused; got " + v);
        }
        sla.add(v);
      }
    }
    String assignee = ctx.request().getParam("assignee");
    Long assigneeId = null;
    boolean unassigned = false;
    if ("me".equals(assignee)) {
      assigneeId = p.userId();
    } else if ("none".equals(assignee)) {
      unassigned = true;
    } else if (assignee != null && !assignee.isBlank()) {
      assigneeId = Http.queryLong(ctx, "assignee");
    }
    String sort = ctx.request().getParam("sort");
    if (sort != null && !Tickets.SORTS.contains(sort)) {
      throw ApiError.badRequest("sort must be one of " + Tickets.SORTS + ", got " + sort);
    }
    int limit = Paging.limit(ctx);
    Long offset = Http.queryLong(ctx, "offset");
    if (offset != null && (offset < 0 || offset > Integer.MAX_VALUE)) {
      throw ApiError.badRequest("offset must be 0 or more, got " + offset);
    }
    return new Tickets.Filter(statuses, Http.queryLong(ctx, "smeId"), limit, offset == null ? 0 : offset.intValue(),
        Http.queryLong(ctx, "queueId"), assigneeId, unassigned, sla, sort == null ? "severity" : sort, ctx.request().getParam("q"));
  }

  private Future<JsonArray> apiList(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Tickets.Filter f = filter(ctx, p);
    return s.db().read(c -> s.tickets().list(c, p, f.withLimit(f.limit() + 1))).map(rows -> Tickets.toJson(page(ctx, f, rows)));
  }

  /** The rows of a page fetched with one more than its limit; sets the Link header to the next page when there is one. */
  static List<Tickets.Ticket> page(RoutingContext ctx, Tickets.Filter f, List<Tickets.Ticket> rows) {
    if (rows.size() <= f.limit()) {
      return rows;
    }
    Paging.next(ctx, Map.of("offset", Integer.toString(f.offset() + f.limit())));
    return rows.subList(0, f.limit());
  }

  /** The desk enters a phone or walk-in consultation; an owner or staff member asks for help through the portal. */
  private Future<JsonObject> apiCreate(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject b = Http.body(ctx);
    return s.db().write(c -> {
      long id = create(c, p, b);
      return s.tickets().get(c, p, id).orElseThrow().toJson();
    });
  }

  long create(java.sql.Connection c, Principal p, JsonObject b) throws java.sql.SQLException {
    if (p.role().desk()) {
      Long smeId = b.getLong("smeId");
      if (smeId == null) {
        throw ApiError.badRequest("smeId is required");
      }
      return s.tickets().openByAdvisor(c, p, new Tickets.AdvisorEntry(smeId, b.getString("subject"), b.getString("body"),
          b.getString("channel", "phone"), b.getString("severity"), b.getString("contactName"), b.getString("contactPhone")));
    }
    if (p.role().portal() && p.smeId() != null) {
      Long smeId = b.getLong("smeId");
      if (smeId != null && smeId.longValue() != p.smeId()) {
        throw ApiError.notFound("company " + smeId);
      }
      dailyCap(c, p.smeId());
      return s.tickets().openConsultation(c, new Tickets.Consultation(p.smeId(), "portal", b.getString("subject"), b.getString("body"),
          b.getString("contactName", p.displayName()), b.getString("contactPhone"), p.userId()));
    }
    throw ApiError.forbidden("only the chamber's desk and member companies open consultations");
  }

  private void dailyCap(java.sql.Connection c, long smeId) throws java.sql.SQLException {
    long since = s.clock().millis() - Duration.ofDays(1).toMillis();
    if (Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE sme_id = ? AND source IN ('portal', 'local') AND created_at >= ?", smeId, since)
        >= CONSULTATIONS_PER_DAY) {
      throw new ApiError(429, "too_many_consultations", "this company opened " + CONSULTATIONS_PER_DAY
          + " consultations in the last 24 hours; please call the chamber's desk");
    }
  }

  private Future<JsonObject> apiPatch(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      s.tickets().update(c, p, t, Http.body(ctx));
      return s.tickets().get(c, p, id).orElseThrow().toJson();
    });
  }

  private Future<JsonObject> apiMessage(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Tickets.Ticket t = s.tickets().get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
      JsonObject body = Http.body(ctx);
      return s.tickets().addMessage(c, p, t, body.getString("kind", "reply"), body.getString("body"), body.getString("status")).toJson();
    });
  }

  private Future<JsonObject> apiMerge(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().write(c -> {
      Tickets.Ticket source = s.tickets().forDesk(c, p, id);
      JsonObject body = Http.body(ctx);
      Long into = body.getLong("into");
      if (into == null) {
        throw ApiError.badRequest("into (the ticket to keep) is required");
      }
      Tickets.Ticket target = s.tickets().get(c, p, into).orElseThrow(() -> ApiError.notFound("ticket " + into));
      s.tickets().merge(c, p, source, target);
      return s.tickets().get(c, p, into).orElseThrow().toJson();
    });
  }

  /** The owner pressed 相談する on the box's local page; the box forwards it with its credential. */
  /** A resend with the same {@code requestId} (the box never got the first answer) answers the same ticket. */
  private Future<JsonObject> boxConsultation(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    Object requestId = b.getValue("requestId");
    if (requestId != null && !(requestId instanceof String r && r.matches("[0-9a-fA-F-]{36}"))) {
      throw ApiError.badRequest("requestId must be the UUID the box gave this consultation, got: " + requestId);
    }
    return BoxRoutes.box(s, ctx).compose(box -> s.db().write(c -> {
      if (requestId != null) {
        var seen = Jdbc.one(c, "SELECT ticket_id FROM box_consultation_requests WHERE box_id = ? AND request_id = ?", rs -> rs.getLong(1),
            box.boxId(), requestId);
        if (seen.isPresent()) {
          return new JsonObject().put("ticketId", seen.get()).put("duplicate", true);
        }
      }
      dailyCap(c, box.smeId());
      long id = s.tickets().openConsultation(c, new Tickets.Consultation(box.smeId(), "local", b.getString("subject"), b.getString("body"),
          b.getString("contactName"), b.getString("contactPhone"), null));
      if (requestId != null) {
        Jdbc.update(c, "INSERT INTO box_consultation_requests(box_id, request_id, ticket_id, created_at) VALUES (?, ?, ?, ?)", box.boxId(),
            requestId, id, s.clock().millis());
      }
      return new JsonObject().put("ticketId", id);
    }));
  }
}
