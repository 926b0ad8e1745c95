package jp.mamori.console.referrals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mamori.common.Jdbc;
import jp.mamori.console.audit.Audit;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.tickets.Tickets;
import jp.mamori.console.web.ApiError;

/**
 * Partner responders (IT vendors who go on site) and referrals of tickets to them, with the on-site dispatch
 * request: address, time window, contact. A partner's people see a ticket only while a referral to their
 * partner is requested, accepted or completed (declined and withdrawn ones hide it again).
 */
public final class Referrals {
  public static final Set<String> VISIBLE = Set.of("requested", "accepted", "completed");
  public static final Set<String> ACTIVE = Set.of("requested", "accepted");

  private final Clock clock;
  private final Tickets tickets;
  private final Audit audit;

  public Referrals(Clock clock, Tickets tickets) {
    this.clock = clock;
    this.tickets = tickets;
    this.audit = tickets.audit();
  }

  // ---- partners

  public record Partner(long id, String name, String phone, String email, String address, List<Long> chamberIds) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name).put("phone", phone).put("email", email).put("address", address)
          .put("chamberIds", new JsonArray(chamberIds));
    }
  }

  private Partner partner(Connection c, ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    return new Partner(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), List.of());
  }

  private Partner withChambers(Connection c, Partner p) throws SQLException {
    return new Partner(p.id(), p.name(), p.phone(), p.email(), p.address(),
        Jdbc.list(c, "SELECT chamber_id FROM partner_chambers WHERE partner_id = ? ORDER BY chamber_id", rs -> rs.getLong(1), p.id()));
  }

  /** Partners the principal may see: all for the operator, those working with their chambers for desk staff, their own for partners. */
  public List<Partner> partners(Connection c, Principal p) throws SQLException {
    String sql = "SELECT id, name, phone, email, address FROM partners ";
    List<Object> params = new ArrayList<>();
    if (p.operator()) {
      sql += "ORDER BY name";
    } else if (p.role().desk() && !p.chamberIds().isEmpty()) {
      sql += "WHERE id IN (SELECT partner_id FROM partner_chambers WHERE chamber_id IN (" + Jdbc.marks(p.chamberIds().size()) + ")) ORDER BY name";
      params.addAll(p.chamberIds());
    } else if (p.role() == Role.PARTNER) {
      sql += "WHERE id = (SELECT partner_id FROM users WHERE id = ?)";
      params.add(p.userId());
    } else {
      return List.of();
    }
    List<Partner> out = new ArrayList<>();
    for (Partner x : Jdbc.list(c, sql, rs -> partner(c, rs), params.toArray())) {
      out.add(withChambers(c, x));
    }
    return out;
  }

  public Optional<Partner> partner(Connection c, Principal p, long id) throws SQLException {
    return partners(c, p).stream().filter(x -> x.id() == id).findFirst();
  }

  public long createPartner(Connection c, Principal p, JsonObject in) throws SQLException {
    if (!p.operator()) {
      throw ApiError.forbidden("only the operator registers partner responders");
    }
    String name = in.getString("name");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("partner name must be 1-200 characters");
    }
    long id = Jdbc.insert(c, "INSERT INTO partners(name, phone, email, address, created_at) VALUES (?, ?, ?, ?, ?)", name.strip(),
        in.getString("phone"), in.getString("email"), in.getString("address"), clock.millis());
    for (Object o : in.getJsonArray("chamberIds", new JsonArray())) {
      link(c, p, id, ((Number) o).longValue());
    }
    audit.change(c, p, "partner.create", "partner", id, null, null, new JsonObject().put("name", name.strip()));
    return id;
  }

  /** Lets a chamber refer tickets to a partner (operator, or the chamber's admin). */
  public void link(Connection c, Principal p, long partnerId, long chamberId) throws SQLException {
    if (!p.administers(chamberId)) {
      throw p.seesChamber(chamberId) ? ApiError.forbidden("only the chamber's administrators choose its partners")
          : ApiError.notFound("chamber " + chamberId);
    }
    // a chamber admin adds their other chambers to a partner they already work with; new partners are the operator's
    if (partner(c, p, partnerId).isEmpty() || Jdbc.count(c, "SELECT COUNT(*) FROM chambers WHERE id = ?", chamberId) == 0) {
      throw ApiError.notFound("partner " + partnerId + " or chamber " + chamberId);
    }
    Jdbc.update(c, "INSERT OR IGNORE INTO partner_chambers(partner_id, chamber_id) VALUES (?, ?)", partnerId, chamberId);
    audit.change(c, p, "partner.link", "partner", partnerId, chamberId, null, new JsonObject().put("chamberId", chamberId));
  }

  // ---- referrals

  public record Referral(long id, long ticketId, long partnerId, String partnerName, String status, boolean onSite, String address,
      Instant windowStart, Instant windowEnd, String contactName, String contactPhone, String request, String partnerReport,
      String declineReason, Long createdBy, Instant createdAt, Instant updatedAt, long chamberId, long smeId, String smeName, String subject) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("ticketId", ticketId).put("partnerId", partnerId).put("partnerName", partnerName)
          .put("status", status).put("onSite", onSite)
          .put("dispatch", new JsonObject().put("address", address).put("windowStart", iso(windowStart)).put("windowEnd", iso(windowEnd))
              .put("contactName", contactName).put("contactPhone", contactPhone))
          .put("request", request).put("partnerReport", partnerReport).put("declineReason", declineReason).put("createdBy", createdBy)
          .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString()).put("chamberId", chamberId).put("smeId", smeId)
          .put("smeName", smeName).put("subject", subject);
    }
  }

  static String iso(Instant i) {
    return i == null ? null : i.toString();
  }

  private static final String SELECT = "SELECT r.id, r.ticket_id, r.partner_id, pa.name, r.status, r.on_site, r.address, r.window_start, "
      + "r.window_end, r.contact_name, r.contact_phone, r.request, r.partner_report, r.decline_reason, r.created_by, r.created_at, r.updated_at, "
      + "t.chamber_id, t.sme_id, s.name, t.subject FROM referrals r JOIN partners pa ON pa.id = r.partner_id JOIN tickets t ON t.id = r.ticket_id "
      + "JOIN smes s ON s.id = t.sme_id ";

  private static Referral referral(ResultSet rs) throws SQLException {
    Long ws = Jdbc.nullableLong(rs, "window_start");
    Long we = Jdbc.nullableLong(rs, "window_end");
    return new Referral(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getInt(6) != 0, rs.getString(7),
        ws == null ? null : Instant.ofEpochMilli(ws), we == null ? null : Instant.ofEpochMilli(we), rs.getString(10), rs.getString(11),
        rs.getString(12), rs.getString(13), rs.getString(14), Jdbc.nullableLong(rs, "created_by"), Instant.ofEpochMilli(rs.getLong(16)),
        Instant.ofEpochMilli(rs.getLong(17)), rs.getLong(18), rs.getLong(19), rs.getString(20), rs.getString(21));
  }

  /** Referrals the principal may see: desk staff those of their chambers' tickets, partners their own live ones. */
  public List<Referral> list(Connection c, Principal p, String status) throws SQLException {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (p.operator()) {
      where.append("1 = 1");
    } else if (p.role().desk() && !p.chamberIds().isEmpty()) {
      where.append("t.chamber_id IN (").append(Jdbc.marks(p.chamberIds().size())).append(")");
      params.addAll(p.chamberIds());
    } else if (p.role() == Role.PARTNER) {
      where.append("r.partner_id = (SELECT partner_id FROM users WHERE id = ?) AND r.status IN ('requested', 'accepted', 'completed')");
      params.add(p.userId());
    } else {
      return List.of();
    }
    if (status != null) {
      where.append(" AND r.status = ?");
      params.add(status);
    }
    return Jdbc.list(c, SELECT + "WHERE " + where + " ORDER BY r.id DESC LIMIT 500", Referrals::referral, params.toArray());
  }

  public Optional<Referral> get(Connection c, Principal p, long id) throws SQLException {
    Optional<Referral> r = Jdbc.one(c, SELECT + "WHERE r.id = ?", Referrals::referral, id);
    if (r.isEmpty()) {
      return r;
    }
    Referral x = r.get();
    if (p.role() == Role.PARTNER) {
      boolean mine = Jdbc.count(c, "SELECT COUNT(*) FROM users WHERE id = ? AND partner_id = ?", p.userId(), x.partnerId()) > 0;
      return mine && VISIBLE.contains(x.status()) ? r : Optional.empty();
    }
    return p.role().desk() && p.seesChamber(x.chamberId()) ? r : Optional.empty();
  }

  /** Unscoped, after access was checked. */
  public Optional<Referral> byId(Connection c, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE r.id = ?", Referrals::referral, id);
  }

  public List<Referral> forTicket(Connection c, Principal p, long ticketId) throws SQLException {
    List<Referral> all = Jdbc.list(c, SELECT + "WHERE r.ticket_id = ? ORDER BY r.id", Referrals::referral, ticketId);
    if (p.role() == Role.PARTNER) {
      Long mine = Jdbc.one(c, "SELECT partner_id FROM users WHERE id = ?", rs -> Jdbc.nullableLong(rs, "partner_id"), p.userId()).orElse(null);
      return all.stream().filter(r -> mine != null && r.partnerId() == mine && VISIBLE.contains(r.status())).toList();
    }
    return all;
  }

  /** The desk refers a ticket to a partner working with the ticket's chamber, with the dispatch request. */
  public long refer(Connection c, Principal p, Tickets.Ticket t, JsonObject in) throws SQLException {
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk refers tickets to partners");
    }
    Long partnerId = in.getLong("partnerId");
    if (partnerId == null) {
      throw new IllegalArgumentException("partnerId is required");
    }
    if (Jdbc.count(c, "SELECT COUNT(*) FROM partner_chambers WHERE partner_id = ? AND chamber_id = ?", partnerId, t.chamberId()) == 0) {
      throw ApiError.notFound("partner " + partnerId + " (for this chamber)");
    }
    if (Jdbc.count(c, "SELECT COUNT(*) FROM referrals WHERE ticket_id = ? AND partner_id = ? AND status IN ('requested', 'accepted')",
        t.id(), partnerId) > 0) {
      throw new ApiError(409, "already_referred", "ticket " + t.id() + " is already referred to partner " + partnerId);
    }
    boolean onSite = in.getBoolean("onSite", true);
    JsonObject d = in.getJsonObject("dispatch", new JsonObject());
    record Defaults(String address, String contactName, String contactPhone) {}
    Defaults def = Jdbc.one(c, "SELECT address, contact_name, contact_phone FROM smes WHERE id = ?",
        rs -> new Defaults(rs.getString(1), rs.getString(2), rs.getString(3)), t.smeId()).orElseThrow();
    String address = text(d.getString("address", def.address()), 300, "dispatch.address");
    String contactName = text(d.getString("contactName", t.contactName() != null ? t.contactName() : def.contactName()), 100, "dispatch.contactName");
    String contactPhone = text(d.getString("contactPhone", t.contactPhone() != null ? t.contactPhone() : def.contactPhone()), 40,
        "dispatch.contactPhone");
    Instant start = instant(d.getString("windowStart"), "dispatch.windowStart");
    Instant end = instant(d.getString("windowEnd"), "dispatch.windowEnd");
    if (onSite) {
      if (address == null || start == null || end == null || contactName == null || contactPhone == null) {
        throw new IllegalArgumentException("an on-site dispatch needs dispatch.address, windowStart, windowEnd, contactName and contactPhone");
      }
      if (!end.isAfter(start) || Duration.between(start, end).toDays() > 14) {
        throw new IllegalArgumentException("the dispatch window must end after it starts and span at most 14 days");
      }
    }
    String request = text(in.getString("request"), 5000, "request");
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO referrals(ticket_id, partner_id, status, on_site, address, window_start, window_end, contact_name, "
            + "contact_phone, request, created_by, created_at, updated_at) VALUES (?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), partnerId,
        onSite ? 1 : 0, address, start == null ? null : start.toEpochMilli(), end == null ? null : end.toEpochMilli(), contactName, contactPhone,
        request, p.userId(), now, now);
    tickets.markReferred(c, p, t);
    String partnerName = Jdbc.one(c, "SELECT name FROM partners WHERE id = ?", rs -> rs.getString(1), partnerId).orElseThrow();
    tickets.systemNote(c, t.id(), Tickets.bilingual("協力事業者「" + partnerName + "」に" + (onSite ? "訪問対応" : "対応") + "を依頼しました。",
        "Referred to partner \"" + partnerName + "\"" + (onSite ? " for an on-site visit." : ".")));
    audit.change(c, p, "referral.create", "ticket", t.id(), t.chamberId(), t.smeId(),
        new JsonObject().put("referralId", id).put("partnerId", partnerId).put("onSite", onSite));
    return id;
  }

  /** Partner answers: accept, decline (with a reason) or complete (with a report). The desk may withdraw. */
  public void act(Connection c, Principal p, Referral r, String action, JsonObject in) throws SQLException {
    boolean partner = p.role() == Role.PARTNER;
    String to;
    switch (action) {
      case "accept" -> {
        requirePartner(partner, action);
        requireStatus(r, Set.of("requested"), action);
        to = "accepted";
      }
      case "decline" -> {
        requirePartner(partner, action);
        requireStatus(r, Set.of("requested", "accepted"), action);
        to = "declined";
      }
      case "complete" -> {
        requirePartner(partner, action);
        requireStatus(r, Set.of("accepted"), action);
        to = "completed";
      }
      case "withdraw" -> {
        if (!p.role().desk()) {
          throw ApiError.forbidden("only the chamber's desk withdraws a referral");
        }
        requireStatus(r, ACTIVE, action);
        to = "withdrawn";
      }
      default -> throw new IllegalArgumentException("unknown referral action " + action);
    }
    String reason = action.equals("decline") ? text(in.getString("reason"), 2000, "reason") : null;
    String report = action.equals("complete") ? text(in.getString("report"), 20_000, "report") : null;
    if (action.equals("complete") && report == null) {
      throw new IllegalArgumentException("report (what was done on site) is required to complete a referral");
    }
    Jdbc.update(c, "UPDATE referrals SET status = ?, decline_reason = COALESCE(?, decline_reason), partner_report = COALESCE(?, partner_report), "
        + "updated_at = ? WHERE id = ?", to, reason, report, clock.millis(), r.id());
    String ja = switch (action) {
      case "accept" -> "協力事業者「" + r.partnerName() + "」が依頼を受けました。";
      case "decline" -> "協力事業者「" + r.partnerName() + "」が依頼を辞退しました" + (reason == null ? "。" : "（理由: " + reason + "）。");
      case "complete" -> "協力事業者「" + r.partnerName() + "」から対応完了の報告:\n" + report;
      default -> "協力事業者「" + r.partnerName() + "」への依頼を取り下げました。";
    };
    String en = switch (action) {
      case "accept" -> "Partner \"" + r.partnerName() + "\" accepted the referral.";
      case "decline" -> "Partner \"" + r.partnerName() + "\" declined the referral" + (reason == null ? "." : " (reason: " + reason + ").");
      case "complete" -> "Partner \"" + r.partnerName() + "\" reported the work done:\n" + report;
      default -> "The referral to partner \"" + r.partnerName() + "\" was withdrawn.";
    };
    tickets.systemNote(c, r.ticketId(), Tickets.bilingual(ja, en));
    // the ticket goes back to the desk when no referral is live any more (a finished visit still needs the desk to confirm)
    if (!to.equals("accepted") && Jdbc.count(c, "SELECT COUNT(*) FROM referrals WHERE ticket_id = ? AND status IN ('requested', 'accepted')",
        r.ticketId()) == 0) {
      Optional<Tickets.Ticket> t = tickets.byId(c, r.ticketId()).filter(x -> x.status().equals("referred"));
      if (t.isPresent()) {
        tickets.returnFromReferral(c, p, t.get());
      }
    }
    audit.change(c, p, "referral." + action, "ticket", r.ticketId(), r.chamberId(), r.smeId(), new JsonObject().put("referralId", r.id())
        .put("from", r.status()).put("to", to));
  }

  private static void requirePartner(boolean partner, String action) {
    if (!partner) {
      throw ApiError.forbidden("only the partner answers a referral (" + action + ")");
    }
  }

  private static void requireStatus(Referral r, Set<String> allowed, String action) {
    if (!allowed.contains(r.status())) {
      throw new ApiError(409, "bad_transition", "referral " + r.id() + " is " + r.status() + "; cannot " + action + " it");
    }
  }

  private static String text(String s, int max, String field) {
    if (s == null || s.isBlank()) {
      return null;
    }
    if (s.strip().length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
    return s.strip();
  }

  private static Instant instant(String s, String field) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(s.strip());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(s.strip()).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDateTime.parse(s.strip()).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        } catch (DateTimeParseException e3) {
          throw new IllegalArgumentException(field + " must be a date and time like 2026-06-12T10:00 (Japan time) or an ISO instant, got: " + s);
        }
      }
    }
  }
}
