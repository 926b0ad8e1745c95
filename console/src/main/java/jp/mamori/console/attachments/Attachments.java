package jp.mamori.console.attachments;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Tokens;

/**
 * Files attached to tickets. The bytes are stored under {@code <data>/attachments/<xx>/<random key>} (mode 0600),
 * a name nobody chooses; the uploader's file name is only ever shown, cleaned, never used as a path. Size
 * caps: {@link #MAX_BYTES} per file, {@link #MAX_PER_TICKET} files and {@link #MAX_TICKET_BYTES} per ticket.
 */
public final class Attachments {
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  public static final int MAX_PER_TICKET = 30;
  public static final long MAX_TICKET_BYTES = 50L * 1024 * 1024;

  private final Path dir;

  public Attachments(Path dir) {
    this.dir = dir;
  }

  public record Attachment(long id, long ticketId, Long messageId, Long uploadedBy, String uploaderName, String filename, String contentType,
      long size, String sha256, boolean internal, Instant createdAt, String storageKey) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("ticketId", ticketId).put("messageId", messageId).put("uploadedBy", uploadedBy)
          .put("uploaderName", uploaderName).put("filename", filename).put("contentType", contentType).put("size", size).put("sha256", sha256)
          .put("internal", internal).put("createdAt", createdAt.toString()).put("url", "/api/v1/attachments/" + id);
    }
  }

  Path path(String key) {
    if (!key.matches("[A-Za-z0-9_-]{40,60}")) {
      throw new IllegalStateException("bad storage key");
    }
    return dir.resolve(key.substring(0, 2)).resolve(key);
  }

  /** Writes the bytes under a fresh random name (blocking: call on a worker) and returns that name. */
  public String writeFile(byte[] data) throws IOException {
    String key = Tokens.random("");
    Path p = path(key);
    Files.createDirectories(p.getParent());
    Files.write(p, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  public void deleteFile(String key) {
    try {
      Files.deleteIfExists(path(key));
    } catch (IOException | IllegalStateException ignored) {
      // nothing was recorded for it; a stray file is harmless
    }
  }

  public byte[] readFile(Attachment a) throws IOException {
    return Files.readAllBytes(path(a.storageKey()));
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public long insert(Connection c, long ticketId, Long messageId, long userId, String filename, FileType type, long size, String sha,
      String key, boolean internal, long now) throws SQLException {
    return Jdbc.insert(c, "INSERT INTO attachments(ticket_id, message_id, uploaded_by, filename, content_type, size, sha256, storage_key, internal, "
        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ticketId, messageId, userId, filename, type.contentType(), size, sha, key,
        internal ? 1 : 0, now);
  }

  public record Usage(long count, long bytes) {}

  public Usage usage(Connection c, long ticketId) throws SQLException {
    return Jdbc.one(c, "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachments WHERE ticket_id = ?", rs -> new Usage(rs.getLong(1), rs.getLong(2)),
        ticketId).orElseThrow();
  }

  private static final String SELECT = "SELECT a.id, a.ticket_id, a.message_id, a.uploaded_by, u.display_name, a.filename, a.content_type, a.size, "
      + "a.sha256, a.internal, a.created_at, a.storage_key FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by ";

  private static Attachment attachment(ResultSet rs) throws SQLException {
    return new Attachment(rs.getLong(1), rs.getLong(2), Jdbc.nullableLong(rs, "message_id"), Jdbc.nullableLong(rs, "uploaded_by"), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getInt(10) != 0, Instant.ofEpochMilli(rs.getLong(11)), rs.getString(12));
  }

  public List<Attachment> list(Connection c, long ticketId, boolean includeInternal) throws SQLException {
    return Jdbc.list(c, SELECT + "WHERE a.ticket_id = ? " + (includeInternal ? "" : "AND a.internal = 0 ") + "ORDER BY a.id", Attachments::attachment,
        ticketId);
  }

  public Optional<Attachment> get(Connection c, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE a.id = ?", Attachments::attachment, id);
  }
}
