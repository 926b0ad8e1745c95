package jp.mamori.console.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mamori.checks.finding.LocalizedText;
import jp.mamori.common.Jdbc;
import jp.mamori.console.audit.Audit;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.sla.Calendars;
import jp.mamori.console.sla.SlaClock;
import jp.mamori.console.sla.SlaPolicy;
import jp.mamori.console.tenancy.Scope;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Paging;

/**
 * Consultation tickets and their messages (plain JDBC, scoped by the principal): where they come from (a box's
 * escalation, a company's consultation through the portal or the box's page, an advisor's phone or walk-in
 * entry), the status workflow with its SLA clock, assignment and queues, merging duplicates. Every change is
 * written to the audit log in the same transaction.
 */
public final class Tickets {
  public static final Set<String> STATUSES = Set.of("new", "open", "waiting", "referred", "resolved", "closed");
  public static final Set<String> LIVE = Set.of("new", "open", "waiting", "referred");
  public static final List<String> STAGES = List.of("consult", "advise", "recover", "investigate");
  public static final List<String> CHANNELS = List.of("phone", "walk_in", "email", "other");
  public static final int MAX_MESSAGE = 20_000;
  public static final int MAX_SUBJECT = 200;
  /** Which status may follow which; "referred" is entered only by a referral to a partner. */
  public static final Map<String, Set<String>> TRANSITIONS = Map.of(
      "new", Set.of("open", "waiting", "resolved"),
      "open", Set.of("waiting", "resolved"),
      "waiting", Set.of("open", "resolved"),
      "referred", Set.of("open", "waiting", "resolved"),
      "resolved", Set.of("open", "closed"),
      "closed", Set.of());

  private final Clock clock;
  private final SlaClock sla;
  private final Audit audit;

  public Tickets(Clock clock) {
    this(clock, new SlaClock(clock, new Calendars(clock)), new Audit(clock));
  }

  public Tickets(Clock clock, SlaClock sla, Audit audit) {
    this.clock = clock;
    this.sla = sla;
    this.audit = audit;
  }

  public SlaClock sla() {
    return sla;
  }

  public Audit audit() {
    return audit;
  }

  public record Ticket(long id, long chamberId, long smeId, String smeName, Long alertId, String source, String status,
      String severity, String subject, Long assigneeId, Instant createdAt, Instant updatedAt, Instant firstResponseAt,
      Instant resolvedAt, Long queueId, String queueName, String assigneeName, Long mergedInto, String stage, String channel,
      String contactName, String contactPhone, boolean insuranceCandidate, String insuranceNote, String slaState,
      Instant firstDueAt, Instant resolveDueAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("smeId", smeId).put("smeName", smeName)
          .put("alertId", alertId).put("source", source).put("status", status).put("severity", severity).put("subject", subject)
          .put("assigneeId", assigneeId).put("assigneeName", assigneeName).put("queueId", queueId).put("queueName", queueName)
          .put("stage", stage).put("channel", channel).put("contactName", contactName).put("contactPhone", contactPhone)
          .put("insuranceCandidate", insuranceCandidate).put("insuranceNote", insuranceNote).put("mergedInto", mergedInto)
          .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString())
          .put("firstResponseAt", iso(firstResponseAt)).put("resolvedAt", iso(resolvedAt))
          .put("sla", new JsonObject().put("state", slaState).put("firstResponseDueAt", firstResponseAt == null ? iso(firstDueAt) : null)
              .put("resolutionDueAt", iso(resolveDueAt)));
    }

    public boolean live() {
      return LIVE.contains(status);
    }
  }

  static String iso(Instant i) {
    return i == null ? null : i.toString();
  }

  public record Message(long id, long ticketId, Long authorId, String authorName, String kind, String body, Instant createdAt) {
    /** System notes are stored as {ja, en}; people's messages as written. */
    public String text(String lang) {
      if (kind.equals("system") && body.startsWith("{")) {
        JsonObject j = new JsonObject(body);
        return "en".equals(lang) ? j.getString("en") : j.getString("ja");
      }
      return body;
    }

    public JsonObject toJson() {
      JsonObject j = new JsonObject().put("id", id).put("ticketId", ticketId).put("authorId", authorId).put("authorName", authorName)
          .put("kind", kind).put("createdAt", createdAt.toString());
      return kind.equals("system") && body.startsWith("{") ? j.put("body", new JsonObject(body)) : j.put("body", body);
    }
  }

  private static final String SELECT = "SELECT t.id, t.chamber_id, t.sme_id, s.name, t.alert_id, t.source, t.status, t.severity, "
      + "t.subject, t.assignee_id, t.created_at, t.updated_at, t.first_response_at, t.resolved_at, t.queue_id, q.name AS queue_name, "
      + "au.display_name AS assignee_name, t.merged_into, t.stage, t.channel, t.contact_name, t.contact_phone, t.insurance_candidate, "
      + "t.insurance_note, t.sla_first_warn_at, t.sla_first_due_at, t.sla_resolve_warn_at, t.sla_resolve_due_at, t.sla_first_target_min "
      + "FROM tickets t JOIN smes s ON s.id = t.sme_id LEFT JOIN queues q ON q.id = t.queue_id LEFT JOIN users au ON au.id = t.assignee_id ";

  private static final String SEVERITY_RANK = "CASE t.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 "
      + "WHEN 'low' THEN 2 WHEN 'info' THEN 1 ELSE 3 END";

  private Ticket ticket(ResultSet rs) throws SQLException {
    Long fr = Jdbc.nullableLong(rs, "first_response_at");
    Long resolved = Jdbc.nullableLong(rs, "resolved_at");
    Long firstWarn = Jdbc.nullableLong(rs, "sla_first_warn_at");
    Long firstDue = Jdbc.nullableLong(rs, "sla_first_due_at");
    Long resolveWarn = Jdbc.nullableLong(rs, "sla_resolve_warn_at");
    Long resolveDue = Jdbc.nullableLong(rs, "sla_resolve_due_at");
    String status = rs.getString("status");
    String slaState = rs.getObject("sla_first_target_min") == null ? "none"
        : SlaClock.state(status, fr != null, firstWarn, firstDue, resolveWarn, resolveDue, clock.millis());
    return new Ticket(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Jdbc.nullableLong(rs, "alert_id"), rs.getString(6),
        status, rs.getString(8), rs.getString(9), Jdbc.nullableLong(rs, "assignee_id"), Instant.ofEpochMilli(rs.getLong(11)),
        Instant.ofEpochMilli(rs.getLong(12)), instant(fr), instant(resolved), Jdbc.nullableLong(rs, "queue_id"), rs.getString("queue_name"),
        rs.getString("assignee_name"), Jdbc.nullableLong(rs, "merged_into"), rs.getString("stage"), rs.getString("channel"),
        rs.getString("contact_name"), rs.getString("contact_phone"), rs.getInt("insurance_candidate") != 0, rs.getString("insurance_note"),
        slaState, instant(firstDue), instant(resolveDue));
  }

  private static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  // ---- where tickets come from

  /** Opens the ticket for an alert unless a live one exists (also enforced by a unique index). */
  public long openForAlert(Connection c, long chamberId, long smeId, long alertId, String severity, LocalizedText title,
      String summaryJson) throws SQLException {
    Optional<Long> live = liveTicketForAlert(c, alertId);
    if (live.isPresent()) {
      return live.get();
    }
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO tickets(chamber_id, sme_id, alert_id, source, status, severity, subject, channel, created_at, updated_at) "
        + "VALUES (?, ?, ?, 'box', 'new', ?, ?, 'box', ?, ?)", chamberId, smeId, alertId, severity, title.ja(), now, now);
    systemNote(c, id, summaryJson);
    created(c, null, id, chamberId, smeId, "box");
    return id;
  }

  /** The live ticket an alert escalates to: its own, or the one it was merged into. */
  public Optional<Long> liveTicketForAlert(Connection c, long alertId) throws SQLException {
    return Jdbc.one(c, "SELECT id FROM tickets WHERE alert_id = ? AND status NOT IN ('resolved', 'closed') "
        + "UNION ALL SELECT t.id FROM ticket_alerts ta JOIN tickets t ON t.id = ta.ticket_id "
        + "WHERE ta.alert_id = ? AND t.status NOT IN ('resolved', 'closed') LIMIT 1", rs -> rs.getLong(1), alertId, alertId);
  }

  /**
   * A company asks for help: through the portal (source {@code portal}, by a signed-in owner or staff member) or
   * the box's local page (source {@code local}, no account). The text becomes the ticket's first message.
   */
  public record Consultation(long smeId, String source, String subject, String body, String contactName, String contactPhone, Long userId) {}

  public long openConsultation(Connection c, Consultation k) throws SQLException {
    if (!k.source().equals("portal") && !k.source().equals("local")) {
      throw new IllegalArgumentException("a consultation comes from the portal or the box's page (local), not " + k.source());
    }
    String subject = subject(k.subject(), k.body());
    String body = text(k.body(), "body");
    long chamberId = Jdbc.one(c, "SELECT chamber_id FROM smes WHERE id = ?", rs -> rs.getLong(1), k.smeId())
        .orElseThrow(() -> new IllegalArgumentException("no company " + k.smeId()));
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO tickets(chamber_id, sme_id, source, status, subject, channel, contact_name, contact_phone, created_by, "
            + "created_at, updated_at) VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)", chamberId, k.smeId(), k.source(), subject,
        k.source().equals("local") ? "box_page" : "portal", limit(k.contactName(), 100, "contactName"), limit(k.contactPhone(), 40, "contactPhone"),
        k.userId(), now, now);
    Jdbc.insert(c, "INSERT INTO ticket_messages(ticket_id, author_id, kind, body, created_at) VALUES (?, ?, 'consultation', ?, ?)", id,
        k.userId(), body, now);
    created(c, null, id, chamberId, k.smeId(), k.source());
    return id;
  }

  /** A phone call or a visit the advisor writes down: the call itself was the first response. */
  public record AdvisorEntry(long smeId, String subject, String body, String channel, String severity, String contactName, String contactPhone) {}

  public long openByAdvisor(Connection c, Principal p, AdvisorEntry e) throws SQLException {
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk enters consultations taken by phone or at the counter");
    }
    long chamberId = Jdbc.one(c, "SELECT chamber_id FROM smes WHERE id = ?", rs -> rs.getLong(1), e.smeId())
        .filter(p::seesChamber).orElseThrow(() -> ApiError.notFound("company " + e.smeId()));
    if (!CHANNELS.contains(e.channel())) {
      throw new IllegalArgumentException("channel must be one of " + CHANNELS + ", got: " + e.channel());
    }
    if (e.severity() != null && !SlaPolicy.SEVERITIES.contains(e.severity())) {
      throw new IllegalArgumentException("severity must be one of " + SlaPolicy.SEVERITIES + ", got: " + e.severity());
    }
    String subject = subject(e.subject(), e.body());
    String body = text(e.body(), "body");
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO tickets(chamber_id, sme_id, source, status, severity, subject, channel, contact_name, contact_phone, "
            + "created_by, assignee_id, first_response_at, stage, created_at, updated_at) "
            + "VALUES (?, ?, 'advisor', 'open', ?, ?, ?, ?, ?, ?, ?, ?, 'advise', ?, ?)", chamberId, e.smeId(), e.severity(), subject, e.channel(),
        limit(e.contactName(), 100, "contactName"), limit(e.contactPhone(), 40, "contactPhone"), p.userId(), p.operator() ? null : p.userId(),
        now, now, now);
    Jdbc.insert(c, "INSERT INTO ticket_messages(ticket_id, author_id, kind, body, created_at) VALUES (?, ?, 'consultation', ?, ?)", id,
        p.userId(), body, now);
    created(c, p, id, chamberId, e.smeId(), "advisor");
    sla.firstResponse(c, id);
    return id;
  }

  private void created(Connection c, Principal p, long id, long chamberId, long smeId, String source) throws SQLException {
    String status = Jdbc.one(c, "SELECT status FROM tickets WHERE id = ?", rs -> rs.getString(1), id).orElseThrow();
    history(c, id, null, status, p);
    sla.start(c, id);
    audit.change(c, p, "ticket.create", "ticket", id, chamberId, smeId, new JsonObject().put("source", source));
  }

  private static String subject(String subject, String body) {
    String s = subject == null || subject.isBlank() ? null : subject.strip();
    if (s == null) {
      if (body == null || body.isBlank()) {
        throw new IllegalArgumentException("subject is required");
      }
      s = body.strip().lines().findFirst().orElse("").strip();
      s = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
    if (s.length() > MAX_SUBJECT) {
      throw new IllegalArgumentException("subject is longer than " + MAX_SUBJECT + " characters");
    }
    return s;
  }

  private static String text(String body, String field) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    if (body.length() > MAX_MESSAGE) {
      throw new IllegalArgumentException(field + " is longer than " + MAX_MESSAGE + " characters");
    }
    return body.strip();
  }

  private static String limit(String s, int max, String field) {
    if (s == null || s.isBlank()) {
      return null;
    }
    if (s.strip().length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
    return s.strip();
  }

  public void systemNote(Connection c, long ticketId, String jaEnJson) throws SQLException {
    long now = clock.millis();
    Jdbc.insert(c, "INSERT INTO ticket_messages(ticket_id, author_id, kind, body, created_at) VALUES (?, NULL, 'system', ?, ?)",
        ticketId, jaEnJson, now);
    Jdbc.update(c, "UPDATE tickets SET updated_at = ? WHERE id = ?", now, ticketId);
  }

  public static String bilingual(String ja, String en) {
    return new JsonObject().put("ja", ja).put("en", en).encode();
  }

  // ---- reading

  /**
   * What a queue shows. {@code assignee}: a user id, or null for anyone; {@code unassigned} only those nobody
   * took; {@code sla}: warning and/or breached; {@code sort}: severity (default), due, updated, created.
   */
  public record Filter(Set<String> statuses, Long smeId, int limit, int offset, Long queueId, Long assignee, boolean unassigned,
      Set<String> sla, String sort, String q) {
    public Filter(Set<String> statuses, Long smeId, int limit, int offset) {
      this(statuses, smeId, limit, offset, null, null, false, Set.of(), "severity", null);
    }

    public static Filter live() {
      return new Filter(LIVE, null, 100, 0);
    }

    public Filter withLimit(int n) {
      return new Filter(statuses, smeId, n, offset, queueId, assignee, unassigned, sla, sort, q);
    }
  }

  public static final Set<String> SORTS = Set.of("severity", "due", "updated", "created");

  /** Tickets a partner responder sees: those referred to the partner the user works for (not withdrawn). */
  private static final String PARTNER_SCOPE = "EXISTS (SELECT 1 FROM referrals r JOIN users pu ON pu.partner_id = r.partner_id "
      + "WHERE r.ticket_id = t.id AND pu.id = ? AND r.status IN ('requested', 'accepted', 'completed'))";

  private static Optional<Scope> scope(Principal p) {
    if (p.role() == Role.PARTNER) {
      return Optional.of(new Scope(PARTNER_SCOPE, List.of(p.userId())));
    }
    return Scope.of(p, "t.chamber_id", "t.sme_id");
  }

  public List<Ticket> list(Connection c, Principal p, Filter f) throws SQLException {
    Optional<Scope> scope = scope(p);
    if (scope.isEmpty()) {
      return List.of();
    }
    long now = clock.millis();
    StringBuilder where = new StringBuilder("WHERE " + scope.get().sql() + " ");
    List<Object> params = new ArrayList<>(scope.get().params());
    if (f.statuses() != null && !f.statuses().isEmpty()) {
      where.append("AND t.status IN (").append(Jdbc.marks(f.statuses().size())).append(") ");
      params.addAll(f.statuses());
    }
    if (f.smeId() != null) {
      where.append("AND t.sme_id = ? ");
      params.add(f.smeId());
    }
    if (f.queueId() != null) {
      where.append("AND t.queue_id = ? ");
      params.add(f.queueId());
    }
    if (f.assignee() != null) {
      where.append("AND t.assignee_id = ? ");
      params.add(f.assignee());
    }
    if (f.unassigned()) {
      where.append("AND t.assignee_id IS NULL ");
    }
    if (f.q() != null && !f.q().isBlank()) {
      where.append("AND (t.subject LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\') ");
      String like = "%" + f.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      params.add(like);
      params.add(like);
    }
    if (f.sla() != null && !f.sla().isEmpty()) {
      List<String> ors = new ArrayList<>();
      String due = "t.sla_running_since IS NOT NULL AND ((t.first_response_at IS NULL AND t.sla_first_due_at <= ?) OR t.sla_resolve_due_at <= ?)";
      String warn = "t.sla_running_since IS NOT NULL AND ((t.first_response_at IS NULL AND t.sla_first_warn_at <= ?) OR t.sla_resolve_warn_at <= ?)";
      if (f.sla().contains("breached")) {
        ors.add("(" + due + ")");
        params.add(now);
        params.add(now);
      }
      if (f.sla().contains("warning")) {
        ors.add("((" + warn + ") AND NOT (" + due + "))");
        params.add(now);
        params.add(now);
        params.add(now);
        params.add(now);
      }
      if (f.sla().contains("paused")) {
        ors.add("(t.status = 'waiting')");
      }
      where.append("AND (").append(String.join(" OR ", ors)).append(") ");
    }
    String order = switch (f.sort() == null ? "severity" : f.sort()) {
      case "due" -> "CASE WHEN t.sla_running_since IS NULL THEN 1 ELSE 0 END, "
          + "COALESCE(CASE WHEN t.first_response_at IS NULL THEN t.sla_first_due_at END, t.sla_resolve_due_at, 9e18), t.id";
      case "updated" -> "t.updated_at DESC, t.id DESC";
      case "created" -> "t.created_at DESC, t.id DESC";
      default -> SEVERITY_RANK + " DESC, t.updated_at DESC, t.id DESC";
    };
    // one more than a page holds tells the caller whether a next page exists
    params.add(Math.max(1, Math.min(f.limit(), Paging.MAX_LIMIT + 1)));
    params.add(Math.max(0, f.offset()));
    return Jdbc.list(c, SELECT + where + "ORDER BY " + order + " LIMIT ? OFFSET ?", this::ticket, params.toArray());
  }

  /** The ticket if the principal may see it; empty otherwise (callers answer 404). */
  public Optional<Ticket> get(Connection c, Principal p, long id) throws SQLException {
    Optional<Ticket> t = Jdbc.one(c, SELECT + "WHERE t.id = ?", this::ticket, id);
    if (t.isEmpty()) {
      return t;
    }
    if (p.role() == Role.PARTNER) {
      return Jdbc.count(c, "SELECT COUNT(*) FROM tickets t WHERE t.id = ? AND " + PARTNER_SCOPE, id, p.userId()) > 0 ? t : Optional.empty();
    }
    return t.filter(x -> p.seesSme(x.chamberId(), x.smeId()));
  }

  /** Unscoped: for callers that already established access through another object (a referral). */
  public Optional<Ticket> byId(Connection c, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE t.id = ?", this::ticket, id);
  }

  /** The ticket for a desk action: 404 when invisible, 403 when the principal is not chamber desk staff. */
  public Ticket forDesk(Connection c, Principal p, long id) throws SQLException {
    Ticket t = get(c, p, id).orElseThrow(() -> ApiError.notFound("ticket " + id));
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk may do this");
    }
    return t;
  }

  /** Messages in order; internal notes only for the chamber's desk. */
  public List<Message> messages(Connection c, long ticketId, boolean includeInternal) throws SQLException {
    return Jdbc.list(c, "SELECT m.id, m.ticket_id, m.author_id, u.display_name, m.kind, m.body, m.created_at FROM ticket_messages m "
            + "LEFT JOIN users u ON u.id = m.author_id WHERE m.ticket_id = ? " + (includeInternal ? "" : "AND m.kind <> 'note' ")
            + "ORDER BY m.id",
        rs -> new Message(rs.getLong(1), rs.getLong(2), Jdbc.nullableLong(rs, "author_id"), rs.getString(4), rs.getString(5),
            rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))), ticketId);
  }

  public record StatusChange(String from, String to, Long userId, String userName, Instant at) {
    public JsonObject toJson() {
      return new JsonObject().put("from", from).put("to", to).put("userId", userId).put("userName", userName).put("at", at.toString());
    }
  }

  public List<StatusChange> history(Connection c, long ticketId) throws SQLException {
    return Jdbc.list(c, "SELECT h.from_status, h.to_status, h.user_id, u.display_name, h.at FROM ticket_status_history h "
            + "LEFT JOIN users u ON u.id = h.user_id WHERE h.ticket_id = ? ORDER BY h.id",
        rs -> new StatusChange(rs.getString(1), rs.getString(2), Jdbc.nullableLong(rs, "user_id"), rs.getString(4),
            Instant.ofEpochMilli(rs.getLong(5))), ticketId);
  }

  // ---- changes

  public Message addMessage(Connection c, Principal p, Ticket t, String kind, String body) throws SQLException {
    return addMessage(c, p, t, kind, body, null);
  }

  /**
   * A reply or internal note by a person. The desk's first reply is the first response and opens a new ticket;
   * the company answering a ticket that waits on it (or one resolved but not closed) puts it back to open.
   * {@code then} is an optional status the desk sets in the same step (e.g. waiting).
   */
  public Message addMessage(Connection c, Principal p, Ticket t, String kind, String body, String then) throws SQLException {
    String text = text(body, "message body");
    boolean desk = p.role().desk();
    if (!(kind.equals("reply") || (desk && kind.equals("note")))) {
      throw new IllegalArgumentException("message kind must be reply" + (desk ? " or note" : "") + ", got: " + kind);
    }
    if (t.status().equals("closed")) {
      throw new ApiError(409, "ticket_closed", "ticket " + t.id() + " is closed; open a new consultation instead");
    }
    if (then != null && !desk) {
      throw ApiError.forbidden("only the chamber's desk changes a ticket's status");
    }
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO ticket_messages(ticket_id, author_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
        t.id(), p.userId(), kind, text, now);
    Jdbc.update(c, "UPDATE tickets SET updated_at = ? WHERE id = ?", now, t.id());
    audit.change(c, p, "ticket.message", "ticket", t.id(), t.chamberId(), t.smeId(), new JsonObject().put("kind", kind).put("messageId", id));
    if (desk && kind.equals("reply")) {
      if (t.firstResponseAt() == null) {
        Jdbc.update(c, "UPDATE tickets SET first_response_at = ? WHERE id = ?", now, t.id());
        sla.firstResponse(c, t.id());
      }
      if (t.stage().equals("consult")) {
        Jdbc.update(c, "UPDATE tickets SET stage = 'advise' WHERE id = ?", t.id());
      }
      if (t.status().equals("new") && then == null) {
        move(c, p, t, "open");
      }
    } else if (p.role().portal() && (t.status().equals("waiting") || t.status().equals("resolved")) && !superseded(c, t)) {
      move(c, p, t, "open");
    }
    if (then != null) {
      changeStatus(c, p, reload(c, t), then);
    }
    return new Message(id, t.id(), p.userId(), p.displayName(), kind, text, Instant.ofEpochMilli(now));
  }

  /** A resolved ticket whose alert came back has a newer live ticket; a late answer on the old one does not reopen it. */
  private boolean superseded(Connection c, Ticket t) throws SQLException {
    if (t.alertId() == null || LIVE.contains(t.status())) {
      return false;
    }
    Optional<Long> live = liveTicketForAlert(c, t.alertId());
    return live.isPresent() && live.get() != t.id();
  }

  private Ticket reload(Connection c, Ticket t) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE t.id = ?", this::ticket, t.id()).orElseThrow();
  }

  /** A status change the desk asks for; refuses what the workflow does not allow with 409. */
  public void changeStatus(Connection c, Principal p, Ticket t, String to) throws SQLException {
    if (!STATUSES.contains(to)) {
      throw new IllegalArgumentException("status must be one of " + String.join(", ", STATUSES.stream().sorted().toList()) + ", got: " + to);
    }
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk changes a ticket's status");
    }
    if (to.equals(t.status())) {
      return;
    }
    if (to.equals("referred")) {
      throw new ApiError(409, "bad_transition", "a ticket becomes referred by a referral to a partner (POST /api/v1/tickets/" + t.id()
          + "/referrals)");
    }
    if (!TRANSITIONS.get(t.status()).contains(to)) {
      throw new ApiError(409, "bad_transition", "ticket " + t.id() + " cannot go from " + t.status() + " to " + to + " (allowed: "
          + String.join(", ", TRANSITIONS.get(t.status()).stream().sorted().toList()) + ")");
    }
    move(c, p, t, to);
  }

  /** Moves the status without workflow checks (callers checked), keeping history, SLA and audit in step. */
  void move(Connection c, Principal p, Ticket t, String to) throws SQLException {
    long now = clock.millis();
    if (t.alertId() != null && LIVE.contains(to) && !LIVE.contains(t.status())) {
      Optional<Long> other = liveTicketForAlert(c, t.alertId());
      if (other.isPresent() && other.get() != t.id()) {
        throw new ApiError(409, "duplicate_live_ticket", "alert " + t.alertId() + " already has live ticket " + other.get()
            + "; work on that one or merge");
      }
    }
    Jdbc.update(c, "UPDATE tickets SET status = ?, updated_at = ?, resolved_at = CASE WHEN ? IN ('resolved', 'closed') "
        + "THEN COALESCE(resolved_at, ?) ELSE NULL END WHERE id = ?", to, now, to, now, t.id());
    history(c, t.id(), t.status(), to, p);
    sla.settle(c, t.id());
    audit.change(c, p, "ticket.status", "ticket", t.id(), t.chamberId(), t.smeId(), new JsonObject().put("from", t.status()).put("to", to));
  }

  /** Used by referrals: the ticket is now with a partner. */
  public void markReferred(Connection c, Principal p, Ticket t) throws SQLException {
    if (!LIVE.contains(t.status())) {
      throw new ApiError(409, "bad_transition", "ticket " + t.id() + " is " + t.status() + "; reopen it before referring it");
    }
    if (!t.status().equals("referred")) {
      move(c, p, t, "referred");
    }
    raiseStage(c, t, "recover");
  }

  /** No referral is live any more: the ticket is the desk's again (open), whoever's answer ended the referral. */
  public void returnFromReferral(Connection c, Principal p, Ticket t) throws SQLException {
    if (t.status().equals("referred")) {
      move(c, p, t, "open");
    }
  }

  private void history(Connection c, long ticketId, String from, String to, Principal p) throws SQLException {
    Jdbc.insert(c, "INSERT INTO ticket_status_history(ticket_id, from_status, to_status, user_id, at) VALUES (?, ?, ?, ?, ?)", ticketId, from, to,
        p == null ? null : p.userId(), clock.millis());
  }

  /** Moves the escalation stage forward (never back) to at least {@code stage}. */
  public void raiseStage(Connection c, Ticket t, String stage) throws SQLException {
    if (STAGES.indexOf(stage) > STAGES.indexOf(t.stage())) {
      Jdbc.update(c, "UPDATE tickets SET stage = ? WHERE id = ?", stage, t.id());
    }
  }

  /** Fields the desk may change with PATCH: status, assigneeId, queueId, severity, stage, insuranceCandidate, insuranceNote. */
  public void update(Connection c, Principal p, Ticket t, JsonObject in) throws SQLException {
    if (!p.role().desk()) {
      throw ApiError.forbidden("only the chamber's desk changes a ticket");
    }
    Set<String> known = Set.of("status", "assigneeId", "queueId", "severity", "stage", "insuranceCandidate", "insuranceNote");
    for (String k : in.fieldNames()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown field " + k + "; a ticket's " + known.stream().sorted().toList() + " may change");
      }
    }
    long now = clock.millis();
    if (in.containsKey("assigneeId")) {
      Long assignee = longOrNull(in, "assigneeId");
      if (assignee != null && !mayWork(c, assignee, t.chamberId())) {
        throw new IllegalArgumentException("user " + assignee + " is not desk staff of this chamber");
      }
      Jdbc.update(c, "UPDATE tickets SET assignee_id = ?, updated_at = ? WHERE id = ?", assignee, now, t.id());
      audit.change(c, p, "ticket.assign", "ticket", t.id(), t.chamberId(), t.smeId(),
          new JsonObject().put("from", t.assigneeId()).put("to", assignee));
    }
    if (in.containsKey("queueId")) {
      Long queue = longOrNull(in, "queueId");
      if (queue != null && Jdbc.count(c, "SELECT COUNT(*) FROM queues WHERE id = ? AND chamber_id = ?", queue, t.chamberId()) == 0) {
        throw new IllegalArgumentException("queue " + queue + " is not a queue of this chamber");
      }
      Jdbc.update(c, "UPDATE tickets SET queue_id = ?, updated_at = ? WHERE id = ?", queue, now, t.id());
      audit.change(c, p, "ticket.queue", "ticket", t.id(), t.chamberId(), t.smeId(), new JsonObject().put("from", t.queueId()).put("to", queue));
    }
    if (in.containsKey("severity")) {
      String sev = in.getString("severity");
      if (sev == null || !SlaPolicy.SEVERITIES.contains(sev)) {
        throw new IllegalArgumentException("severity must be one of " + SlaPolicy.SEVERITIES + ", got: " + sev);
      }
      Jdbc.update(c, "UPDATE tickets SET severity = ?, updated_at = ? WHERE id = ?", sev, now, t.id());
      sla.retarget(c, t.id());
      audit.change(c, p, "ticket.severity", "ticket", t.id(), t.chamberId(), t.smeId(), new JsonObject().put("from", t.severity()).put("to", sev));
    }
    if (in.containsKey("stage")) {
      String stage = in.getString("stage");
      if (!STAGES.contains(stage)) {
        throw new IllegalArgumentException("stage must be one of " + STAGES + ", got: " + stage);
      }
      Jdbc.update(c, "UPDATE tickets SET stage = ?, updated_at = ? WHERE id = ?", stage, now, t.id());
      audit.change(c, p, "ticket.stage", "ticket", t.id(), t.chamberId(), t.smeId(), new JsonObject().put("from", t.stage()).put("to", stage));
    }
    if (in.containsKey("insuranceCandidate") || in.containsKey("insuranceNote")) {
      boolean candidate = in.containsKey("insuranceCandidate") ? Boolean.TRUE.equals(in.getValue("insuranceCandidate")) : t.insuranceCandidate();
      String note = in.containsKey("insuranceNote") ? limit(in.getString("insuranceNote"), 2000, "insuranceNote") : t.insuranceNote();
      Jdbc.update(c, "UPDATE tickets SET insurance_candidate = ?, insurance_note = ?, updated_at = ? WHERE id = ?", candidate ? 1 : 0, note, now,
          t.id());
      if (candidate) {
        raiseStage(c, t, "investigate");
      }
      audit.change(c, p, "ticket.insurance", "ticket", t.id(), t.chamberId(), t.smeId(),
          new JsonObject().put("candidate", candidate).put("note", note));
    }
    if (in.containsKey("status")) {
      changeStatus(c, p, reload(c, t), in.getString("status"));
    }
  }

  private static Long longOrNull(JsonObject in, String field) {
    Object v = in.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException(field + " must be a number or null, got: " + v);
  }

  /** Desk staff who may take a chamber's tickets: its advisors and admins, and the operator. */
  public static boolean mayWork(Connection c, long userId, long chamberId) throws SQLException {
    return Jdbc.count(c, "SELECT COUNT(*) FROM users u WHERE u.id = ? AND u.disabled_at IS NULL AND (u.role = 'operator' OR "
        + "(u.role IN ('advisor', 'chamber_admin') AND EXISTS (SELECT 1 FROM user_chambers uc WHERE uc.user_id = u.id AND uc.chamber_id = ?)))",
        userId, chamberId) > 0;
  }

  /**
   * Folds a duplicate into another ticket of the same company: messages, attachments and referrals move, the
   * duplicate's alerts keep escalating to the target, and the duplicate is closed pointing at the target (not
   * counted in SLA compliance).
   */
  public void merge(Connection c, Principal p, Ticket source, Ticket target) throws SQLException {
    if (source.id() == target.id()) {
      throw new IllegalArgumentException("a ticket cannot be merged into itself");
    }
    if (source.smeId() != target.smeId()) {
      throw new IllegalArgumentException("only tickets of the same company can be merged (#" + source.id() + " and #" + target.id() + ")");
    }
    if (source.status().equals("closed") || target.status().equals("closed")) {
      throw new ApiError(409, "ticket_closed", "closed tickets cannot be merged");
    }
    long now = clock.millis();
    Jdbc.update(c, "UPDATE ticket_messages SET ticket_id = ? WHERE ticket_id = ?", target.id(), source.id());
    Jdbc.update(c, "UPDATE attachments SET ticket_id = ? WHERE ticket_id = ?", target.id(), source.id());
    Jdbc.update(c, "UPDATE referrals SET ticket_id = ? WHERE ticket_id = ?", target.id(), source.id());
    Jdbc.update(c, "INSERT OR IGNORE INTO ticket_alerts(ticket_id, alert_id) SELECT ?, alert_id FROM ticket_alerts WHERE ticket_id = ?",
        target.id(), source.id());
    if (source.alertId() != null && !source.alertId().equals(target.alertId())) {
      Jdbc.update(c, "INSERT OR IGNORE INTO ticket_alerts(ticket_id, alert_id) VALUES (?, ?)", target.id(), source.alertId());
    }
    if (rank(source.severity()) > rank(target.severity())) {
      Jdbc.update(c, "UPDATE tickets SET severity = ? WHERE id = ?", source.severity(), target.id());
      sla.retarget(c, target.id());
    }
    Jdbc.update(c, "UPDATE tickets SET merged_into = ?, status = 'closed', resolved_at = COALESCE(resolved_at, ?), updated_at = ? WHERE id = ?",
        target.id(), now, now, source.id());
    history(c, source.id(), source.status(), "closed", p);
    sla.settle(c, source.id());
    systemNote(c, source.id(), bilingual("このチケットは #" + target.id() + " に統合されました。", "This ticket was merged into #" + target.id() + "."));
    systemNote(c, target.id(), bilingual("#" + source.id() + "（" + source.subject() + "）を統合しました。",
        "Merged #" + source.id() + " (" + source.subject() + ") into this ticket."));
    audit.change(c, p, "ticket.merge", "ticket", source.id(), source.chamberId(), source.smeId(), new JsonObject().put("into", target.id()));
  }

  private static int rank(String severity) {
    return severity == null ? 3 : SlaPolicy.SEVERITIES.size() - SlaPolicy.SEVERITIES.indexOf(severity);
  }

  public long countLive(Connection c) throws SQLException {
    return Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved', 'closed')");
  }

  public static JsonArray toJson(List<Ticket> tickets) {
    JsonArray a = new JsonArray();
    tickets.forEach(t -> a.add(t.toJson()));
    return a;
  }
}
