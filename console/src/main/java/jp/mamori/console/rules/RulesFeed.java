package jp.mamori.console.rules;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.mamori.checks.lan.LanData;
import jp.mamori.checks.web.WebRules;
import jp.mamori.common.Jdbc;

/**
 * The signed rule data boxes pull: the chamber's IoCs plus the LAN tables and CMS support table bundled with
 * this console build (from the checks library, so a console upgrade ships new data to every box). The signed
 * answer of each chamber is cached until its version changes: a poll costs one primary-key lookup.
 */
public final class RulesFeed {
  /** One chamber's signed answer, ready to send. */
  public record Signed(long version, String etag, Buffer body) {}

  private final Clock clock;
  private final Iocs iocs;
  private final RulesKeys keys;
  private final JsonObject bundled;
  private final String bundledSha256;
  private final Map<Long, Signed> cache = new ConcurrentHashMap<>();

  public RulesFeed(Clock clock, Iocs iocs, RulesKeys keys) {
    this.clock = clock;
    this.iocs = iocs;
    this.keys = keys;
    // {lan, web} exactly as it goes into every payload's data
    this.bundled = new JsonObject().put("lan", LanData.get().toJson()).put("web", new JsonObject().put("cmsEol", WebRules.get().cmsTableJson()));
    this.bundledSha256 = sha256(bundled.encode());
  }

  public String bundledSha256() {
    return bundledSha256;
  }

  /**
   * At start-up, in a write: when the bundled data differs from what the last start recorded, every chamber's
   * version goes up by one so its boxes fetch the new data. Answers how many chambers it bumped, or -1 when the
   * data is the one already recorded.
   */
  public int recordBundled(Connection c) throws SQLException {
    Optional<String> last = Jdbc.one(c, "SELECT sha256 FROM rules_bundle WHERE id = 1", rs -> rs.getString(1));
    if (last.isPresent() && last.get().equals(bundledSha256)) {
      return -1;
    }
    long now = clock.millis();
    int bumped = Jdbc.update(c, "INSERT INTO rules_versions(chamber_id, version, changed_at) SELECT id, 1, ? FROM chambers WHERE true "
        + "ON CONFLICT(chamber_id) DO UPDATE SET version = version + 1, changed_at = excluded.changed_at", now);
    Jdbc.update(c, "INSERT INTO rules_bundle(id, sha256, recorded_at) VALUES (1, ?, ?) "
        + "ON CONFLICT(id) DO UPDATE SET sha256 = excluded.sha256, recorded_at = excluded.recorded_at", bundledSha256, now);
    cache.clear();
    return bumped;
  }

  /** The chamber's signed answer, from the cache while its version is unchanged. */
  public Signed signed(Connection c, long chamberId) throws SQLException {
    Signed cached = cache.get(chamberId);
    if (cached != null && cached.version() == iocs.version(c, chamberId)) {
      return cached;
    }
    Signed fresh = snapshot(c, () -> build(c, chamberId));
    cache.merge(chamberId, fresh, (old, neu) -> neu.version() >= old.version() ? neu : old);
    return fresh;
  }

  /** {@code If-None-Match} or {@code ?since=} already names this answer: nothing needs to travel. */
  public static boolean notModified(Signed s, String ifNoneMatch, Long since) {
    if (since != null && since == s.version()) {
      return true;
    }
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals(s.etag()) || t.equals("*")) {
        return true;
      }
    }
    return false;
  }

  /** The unsigned payload text and its version; version, time and IoCs are read in one snapshot so they match. */
  private Signed build(Connection c, long chamberId) throws SQLException {
    record Head(long version, long at) {}
    Head head = Jdbc.one(c, "SELECT COALESCE(v.version, 0), COALESCE(v.changed_at, ch.created_at) FROM chambers ch "
        + "LEFT JOIN rules_versions v ON v.chamber_id = ch.id WHERE ch.id = ?", rs -> new Head(rs.getLong(1), rs.getLong(2)), chamberId)
        .orElseThrow(() -> new IllegalArgumentException("no chamber " + chamberId));
    JsonArray domains = new JsonArray();
    JsonArray hashes = new JsonArray();
    for (Iocs.Ioc i : iocs.list(c, chamberId)) {
      (i.kind().equals("domain") ? domains : hashes).add(i.value());
    }
    JsonObject data = new JsonObject().put("iocs", new JsonObject().put("domains", domains).put("scriptHashes", hashes));
    bundled.forEach(e -> data.put(e.getKey(), e.getValue()));
    String payload = new JsonObject().put("version", head.version()).put("issuedAt", Instant.ofEpochMilli(head.at()).toString())
        .put("data", data).encode();
    String etag = "\"" + head.version() + "-" + keys.keyId().substring(keys.keyId().indexOf(':') + 1) + "\"";
    return new Signed(head.version(), etag, Buffer.buffer(keys.envelope(payload).encode()));
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs reads in one read transaction (one snapshot), unless the connection is already inside one. */
  private static <T> T snapshot(Connection c, Work<T> work) throws SQLException {
    if (!c.getAutoCommit()) {
      return work.run();
    }
    c.setAutoCommit(false);
    try {
      return work.run();
    } finally {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
