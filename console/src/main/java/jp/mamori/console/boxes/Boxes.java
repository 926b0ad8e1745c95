package jp.mamori.console.boxes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.tenancy.Scope;
import jp.mamori.console.auth.Tokens;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Paging;

/**
 * Boxes: enrollment (single-use, expiring tokens traded for a per-box credential of which only the hash is
 * kept), credential checks, heartbeats and the online/offline view. Plain JDBC.
 */
public final class Boxes {
  public static final Duration HEARTBEAT = Duration.ofSeconds(60);
  public static final int MISSED_HEARTBEATS_OFFLINE = 5;
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(30);
  private static final String CREDENTIAL_PREFIX = "mbx1.";

  private final Clock clock;

  public Boxes(Clock clock) {
    this.clock = clock;
  }

  public record Enrollment(String boxId, String credential, long smeId, String smeName, String chamberName, List<String> sites) {}

  public record BoxIdentity(String boxId, long smeId, long chamberId) {}

  public record Box(String id, long smeId, String smeName, long chamberId, String hostname, String agentVersion, Instant enrolledAt,
      Instant revokedAt, Instant lastHeartbeatAt, JsonObject status, boolean online) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("smeId", smeId).put("smeName", smeName).put("chamberId", chamberId)
          .put("hostname", hostname).put("agentVersion", agentVersion).put("enrolledAt", iso(enrolledAt))
          .put("revokedAt", iso(revokedAt)).put("lastHeartbeatAt", iso(lastHeartbeatAt)).put("online", online)
          .put("status", status).put("clockOffsetSeconds", clockOffsetSeconds());
    }

    /** Box clock minus console clock at the last heartbeat, from the status' own sentAt. */
    public Long clockOffsetSeconds() {
      if (status == null || lastHeartbeatAt == null || !(status.getValue("sentAt") instanceof String sent)) {
        return null;
      }
      try {
        return Duration.between(lastHeartbeatAt, Instant.parse(sent)).toSeconds();
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
  }

  static String iso(Instant i) {
    return i == null ? null : i.toString();
  }

  /** A new enrollment token for a company; only its hash is stored, so it is shown once. */
  public String createToken(Connection c, long smeId, long createdBy, Duration lifetime) throws SQLException {
    String token = Tokens.random("met_");
    long now = clock.millis();
    Jdbc.insert(c, "INSERT INTO enrollment_tokens(token_hash, sme_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        Tokens.sha256(token), smeId, createdBy, now, now + lifetime.toMillis());
    return token;
  }

  public Enrollment enroll(Connection c, String token, String hostname, String agentVersion) throws SQLException {
    if (token == null || token.isBlank() || token.length() > 200) {
      throw new ApiError(400, "token_missing", "an enrollment token is required");
    }
    record Row(long id, long smeId, long expiresAt, Long usedAt) {}
    Row row = Jdbc.one(c, "SELECT id, sme_id, expires_at, used_at FROM enrollment_tokens WHERE token_hash = ?",
        rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), Jdbc.nullableLong(rs, "used_at")), Tokens.sha256(token.strip()))
        .orElseThrow(() -> new ApiError(401, "token_invalid", "this enrollment token is not known; check it against the chamber's letter"));
    if (row.usedAt() != null) {
      throw new ApiError(409, "token_used", "this enrollment token was already used on "
          + Instant.ofEpochMilli(row.usedAt()) + "; ask the chamber for a new one");
    }
    if (row.expiresAt() < clock.millis()) {
      throw new ApiError(410, "token_expired", "this enrollment token expired on " + Instant.ofEpochMilli(row.expiresAt())
          + "; ask the chamber for a new one");
    }
    String boxId = UUID.randomUUID().toString();
    String secret = Tokens.random("");
    long now = clock.millis();
    Jdbc.update(c, "INSERT INTO boxes(id, sme_id, hostname, credential_hash, agent_version, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)",
        boxId, row.smeId(), truncate(hostname, 200), Tokens.sha256(secret), truncate(agentVersion, 50), now);
    Jdbc.update(c, "UPDATE enrollment_tokens SET used_at = ?, box_id = ? WHERE id = ?", now, boxId, row.id());
    record Names(String sme, String chamber, String website) {}
    Names names = Jdbc.one(c, "SELECT s.name, ch.name, s.website FROM smes s JOIN chambers ch ON ch.id = s.chamber_id WHERE s.id = ?",
        rs -> new Names(rs.getString(1), rs.getString(2), rs.getString(3)), row.smeId()).orElseThrow();
    return new Enrollment(boxId, CREDENTIAL_PREFIX + boxId + "." + secret, row.smeId(), names.sme(), names.chamber(),
        names.website() == null ? List.of() : List.of(names.website()));
  }

  /** Checks a box credential; refuses unknown and revoked boxes with a clear reason. */
  public BoxIdentity authenticate(Connection c, String credential) throws SQLException {
    if (credential == null || !credential.startsWith(CREDENTIAL_PREFIX)) {
      throw new ApiError(401, "credential_missing", "this call needs a box credential: Authorization: Bearer mbx1.<box>.<secret>");
    }
    String rest = credential.substring(CREDENTIAL_PREFIX.length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      throw new ApiError(401, "credential_invalid", "malformed box credential");
    }
    String boxId = rest.substring(0, dot);
    String secret = rest.substring(dot + 1);
    record Row(String hash, Long revokedAt, long smeId, long chamberId) {}
    Optional<Row> row = Jdbc.one(c, "SELECT b.credential_hash, b.revoked_at, b.sme_id, s.chamber_id FROM boxes b JOIN smes s ON s.id = b.sme_id WHERE b.id = ?",
        rs -> new Row(rs.getString(1), Jdbc.nullableLong(rs, "revoked_at"), rs.getLong(3), rs.getLong(4)), boxId);
    if (row.isEmpty() || !Tokens.sameHash(secret, row.get().hash())) {
      throw new ApiError(401, "credential_invalid", "box credential not recognised; enroll the box again with a new token");
    }
    if (row.get().revokedAt() != null) {
      throw new ApiError(401, "box_revoked", "this box was revoked by its chamber on " + Instant.ofEpochMilli(row.get().revokedAt())
          + "; enroll it again with a new token to resume");
    }
    return new BoxIdentity(boxId, row.get().smeId(), row.get().chamberId());
  }

  /** Records a heartbeat and hands over (and clears) the commands waiting for the box. */
  public JsonArray heartbeat(Connection c, String boxId, JsonObject status) throws SQLException {
    String pending = Jdbc.one(c, "SELECT pending_commands FROM boxes WHERE id = ?", rs -> rs.getString(1), boxId).orElse(null);
    String encoded = status.encode();
    if (encoded.length() > 64 * 1024) {
      encoded = new JsonObject().put("error", "status too large (" + encoded.length() + " characters), dropped").encode();
    }
    Jdbc.update(c, "UPDATE boxes SET last_heartbeat_at = ?, status_json = ?, agent_version = COALESCE(?, agent_version), "
        + "hostname = COALESCE(?, hostname), pending_commands = NULL WHERE id = ?",
        clock.millis(), encoded, truncate(status.getString("agentVersion"), 50), truncate(status.getString("hostname"), 200), boxId);
    return pending == null ? new JsonArray() : new JsonArray(pending);
  }

  public void queueCommand(Connection c, String boxId, JsonObject command) throws SQLException {
    String pending = Jdbc.one(c, "SELECT pending_commands FROM boxes WHERE id = ?", rs -> rs.getString(1), boxId).orElse(null);
    JsonArray cmds = pending == null ? new JsonArray() : new JsonArray(pending);
    if (cmds.stream().noneMatch(command::equals)) {
      cmds.add(command);
    }
    Jdbc.update(c, "UPDATE boxes SET pending_commands = ? WHERE id = ?", cmds.encode(), boxId);
  }

  public boolean revoke(Connection c, String boxId) throws SQLException {
    return Jdbc.update(c, "UPDATE boxes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", clock.millis(), boxId) > 0;
  }

  public long onlineSince() {
    return clock.millis() - HEARTBEAT.toMillis() * MISSED_HEARTBEATS_OFFLINE;
  }

  public long countOnline(Connection c) throws SQLException {
    return Jdbc.count(c, "SELECT COUNT(*) FROM boxes WHERE revoked_at IS NULL AND last_heartbeat_at >= ?", onlineSince());
  }

  private static final String BOX_SELECT = "SELECT b.id, b.sme_id, s.name, s.chamber_id, b.hostname, b.agent_version, b.enrolled_at, "
      + "b.revoked_at, b.last_heartbeat_at, b.status_json FROM boxes b JOIN smes s ON s.id = b.sme_id ";

  private Box box(ResultSet rs) throws SQLException {
    Long hb = Jdbc.nullableLong(rs, "last_heartbeat_at");
    Long revoked = Jdbc.nullableLong(rs, "revoked_at");
    String status = rs.getString("status_json");
    return new Box(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
        Instant.ofEpochMilli(rs.getLong(7)), revoked == null ? null : Instant.ofEpochMilli(revoked),
        hb == null ? null : Instant.ofEpochMilli(hb), status == null ? null : new JsonObject(status),
        revoked == null && hb != null && hb >= onlineSince());
  }

  public List<Box> list(Connection c, Principal p) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "s.chamber_id", "b.sme_id");
    if (scope.isEmpty()) {
      return List.of();
    }
    return Jdbc.list(c, BOX_SELECT + "WHERE " + scope.get().sql() + " ORDER BY s.name, b.enrolled_at, b.id", this::box,
        scope.get().params().toArray());
  }

  /** By company name; a page fetches {@link Paging.Page#fetch()} boxes after the cursor's (company name, enrolledAt, id). */
  public List<Box> list(Connection c, Principal p, Paging.Page page) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "s.chamber_id", "b.sme_id");
    if (scope.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(scope.get().params());
    String after = page.after("s.name, b.enrolled_at, b.id", false, params);
    params.add(page.fetch());
    return Jdbc.list(c, BOX_SELECT + "WHERE " + scope.get().sql() + " " + after + "ORDER BY s.name, b.enrolled_at, b.id LIMIT ?", this::box,
        params.toArray());
  }

  /** The cursor key of a box in {@link #list(Connection, Principal, Paging.Page)}. */
  public static JsonArray key(Box b) {
    return new JsonArray().add(b.smeName()).add(b.enrolledAt().toEpochMilli()).add(b.id());
  }

  public Optional<Box> get(Connection c, Principal p, String id) throws SQLException {
    return Jdbc.one(c, BOX_SELECT + "WHERE b.id = ?", this::box, id).filter(b -> p.seesSme(b.chamberId(), b.smeId()));
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
