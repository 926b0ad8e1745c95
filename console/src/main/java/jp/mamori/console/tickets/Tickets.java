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
import java.util.Optional;
import java.util.Set;
import jp.mamori.checks.finding.LocalizedText;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.tenancy.Scope;

/** Consultation tickets and their messages (plain JDBC, scoped by the principal). */
public final class Tickets {
  public static final Set<String> STATUSES = Set.of("new", "open", "waiting", "referred", "resolved", "closed");
  public static final Set<String> LIVE = Set.of("new", "open", "waiting", "referred");
  public static final int MAX_MESSAGE = 20_000;

  private final Clock clock;

  public Tickets(Clock clock) {
    this.clock = clock;
  }

  public record Ticket(long id, long chamberId, long smeId, String smeName, Long alertId, String source, String status,
      String severity, String subject, Long assigneeId, Instant createdAt, Instant updatedAt, Instant firstResponseAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("smeId", smeId).put("smeName", smeName)
          .put("alertId", alertId).put("source", source).put("status", status).put("severity", severity).put("subject", subject)
          .put("assigneeId", assigneeId).put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString())
          .put("firstResponseAt", firstResponseAt == null ? null : firstResponseAt.toString());
    }
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
      + "t.subject, t.assignee_id, t.created_at, t.updated_at, t.first_response_at FROM tickets t JOIN smes s ON s.id = t.sme_id ";

  private static final String SEVERITY_RANK = "CASE t.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 "
      + "WHEN 'low' THEN 2 WHEN 'info' THEN 1 ELSE 3 END";

  private static Ticket ticket(ResultSet rs) throws SQLException {
    Long fr = Jdbc.nullableLong(rs, "first_response_at");
    return new Ticket(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Jdbc.nullableLong(rs, "alert_id"), rs.getString(6),
        rs.getString(7), rs.getString(8), rs.getString(9), Jdbc.nullableLong(rs, "assignee_id"), Instant.ofEpochMilli(rs.getLong(11)),
        Instant.ofEpochMilli(rs.getLong(12)), fr == null ? null : Instant.ofEpochMilli(fr));
  }

  /** Opens the ticket for an alert unless a live one exists (also enforced by a unique index). */
  public long openForAlert(Connection c, long chamberId, long smeId, long alertId, String severity, LocalizedText title,
      String summaryJson) throws SQLException {
    Optional<Long> live = liveTicketForAlert(c, alertId);
    if (live.isPresent()) {
      return live.get();
    }
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO tickets(chamber_id, sme_id, alert_id, source, status, severity, subject, created_at, updated_at) "
        + "VALUES (?, ?, ?, 'box', 'new', ?, ?, ?, ?)", chamberId, smeId, alertId, severity, title.ja(), now, now);
    systemNote(c, id, summaryJson);
    return id;
  }

  public Optional<Long> liveTicketForAlert(Connection c, long alertId) throws SQLException {
    return Jdbc.one(c, "SELECT id FROM tickets WHERE alert_id = ? AND status NOT IN ('resolved', 'closed')", rs -> rs.getLong(1), alertId);
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

  public record Filter(Set<String> statuses, Long smeId, int limit, int offset) {
    public static Filter live() {
      return new Filter(LIVE, null, 100, 0);
    }
  }

  public List<Ticket> list(Connection c, Principal p, Filter f) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "t.chamber_id", "t.sme_id");
    if (scope.isEmpty()) {
      return List.of();
    }
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
    params.add(Math.max(1, Math.min(f.limit(), 500)));
    params.add(Math.max(0, f.offset()));
    return Jdbc.list(c, SELECT + where + "ORDER BY " + SEVERITY_RANK + " DESC, t.updated_at DESC LIMIT ? OFFSET ?", Tickets::ticket,
        params.toArray());
  }

  public Optional<Ticket> get(Connection c, Principal p, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE t.id = ?", Tickets::ticket, id).filter(t -> p.seesSme(t.chamberId(), t.smeId()));
  }

  public List<Message> messages(Connection c, long ticketId, boolean includeInternal) throws SQLException {
    return Jdbc.list(c, "SELECT m.id, m.ticket_id, m.author_id, u.display_name, m.kind, m.body, m.created_at FROM ticket_messages m "
            + "LEFT JOIN users u ON u.id = m.author_id WHERE m.ticket_id = ? " + (includeInternal ? "" : "AND m.kind <> 'note' ")
            + "ORDER BY m.id",
        rs -> new Message(rs.getLong(1), rs.getLong(2), Jdbc.nullableLong(rs, "author_id"), rs.getString(4), rs.getString(5),
            rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))), ticketId);
  }

  /** A reply or internal note by a person; the first reply from the desk is the first response. */
  public Message addMessage(Connection c, Principal p, Ticket t, String kind, String body) throws SQLException {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("message body is empty");
    }
    if (body.length() > MAX_MESSAGE) {
      throw new IllegalArgumentException("message is longer than " + MAX_MESSAGE + " characters");
    }
    boolean desk = p.role().desk();
    if (!(kind.equals("reply") || (desk && kind.equals("note")))) {
      throw new IllegalArgumentException("message kind must be reply" + (desk ? " or note" : "") + ", got: " + kind);
    }
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO ticket_messages(ticket_id, author_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
        t.id(), p.userId(), kind, body.strip(), now);
    if (desk && kind.equals("reply")) {
      Jdbc.update(c, "UPDATE tickets SET first_response_at = COALESCE(first_response_at, ?), "
          + "status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = ? WHERE id = ?", now, now, t.id());
    } else {
      Jdbc.update(c, "UPDATE tickets SET updated_at = ? WHERE id = ?", now, t.id());
    }
    return new Message(id, t.id(), p.userId(), p.displayName(), kind, body.strip(), Instant.ofEpochMilli(now));
  }

  public void setStatus(Connection c, Ticket t, String status) throws SQLException {
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + String.join(", ", STATUSES.stream().sorted().toList()) + ", got: " + status);
    }
    long now = clock.millis();
    Jdbc.update(c, "UPDATE tickets SET status = ?, updated_at = ?, resolved_at = CASE WHEN ? IN ('resolved', 'closed') THEN ? ELSE NULL END "
        + "WHERE id = ?", status, now, status, now, t.id());
  }

  public long countLive(Connection c) throws SQLException {
    return Jdbc.count(c, "SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved', 'closed')");
  }

  /**
   * A consultation a person opened (source portal, local or advisor): the ticket plus the first message,
   * kind {@code consultation}, written by the author when known. Subject and body are required.
   */
  public long openConsultation(Connection c, long chamberId, long smeId, String source, String subject, String body, Long authorId)
      throws SQLException {
    if (!Set.of("portal", "local", "advisor").contains(source)) {
      throw new IllegalArgumentException("consultation source must be portal, local or advisor, got: " + source);
    }
    if (subject == null || subject.isBlank() || subject.length() > 200) {
      throw new IllegalArgumentException("subject is required (at most 200 characters)");
    }
    if (body == null || body.isBlank() || body.length() > MAX_MESSAGE) {
      throw new IllegalArgumentException("body is required (at most " + MAX_MESSAGE + " characters)");
    }
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO tickets(chamber_id, sme_id, source, status, subject, created_at, updated_at) "
        + "VALUES (?, ?, ?, 'new', ?, ?, ?)", chamberId, smeId, source, subject.strip(), now, now);
    Jdbc.insert(c, "INSERT INTO ticket_messages(ticket_id, author_id, kind, body, created_at) VALUES (?, ?, 'consultation', ?, ?)",
        id, authorId, body.strip(), now);
    return id;
  }

  public static JsonArray toJson(List<Ticket> tickets) {
    JsonArray a = new JsonArray();
    tickets.forEach(t -> a.add(t.toJson()));
    return a;
  }
}
