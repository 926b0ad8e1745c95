package jp.mamori.console.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.mamori.common.Database;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Tokens;

/**
 * HMAC-SHA256-signed webhooks per chamber. Each delivery is a POST of the event JSON with
 * {@code X-Mamori-Timestamp} (Unix seconds) and {@code X-Mamori-Signature: v1=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>}; receivers reject timestamps outside {@link #REPLAY_WINDOW_SECONDS}. Failed
 * deliveries are retried with backoff and every attempt is kept in the delivery log.
 */
public final class Webhooks {
  public static final long REPLAY_WINDOW_SECONDS = 300;
  static final long[] BACKOFF_SECONDS = {10, 60, 300, 1800, 7200, 21600};
  public static final int MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1;
  static final long LEASE_MS = 5 * 60_000;

  private final Clock clock;
  private final HttpClient http;

  public Webhooks(Vertx vertx, Clock clock) {
    this.clock = clock;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(15).setKeepAlive(false));
  }

  public record Webhook(long id, long chamberId, String url, List<String> events, Instant createdAt, boolean active) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("url", url).put("events", new JsonArray(events))
          .put("createdAt", createdAt.toString()).put("active", active);
    }
  }

  public record Delivery(long id, long webhookId, long eventId, String eventType, int attempts, Integer lastStatus, String lastError,
      Instant deliveredAt, Instant failedAt, Instant nextAttemptAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("webhookId", webhookId).put("eventId", eventId).put("event", eventType).put("attempts", attempts)
          .put("lastStatus", lastStatus).put("lastError", lastError).put("deliveredAt", iso(deliveredAt)).put("failedAt", iso(failedAt))
          .put("nextAttemptAt", deliveredAt != null || failedAt != null ? null : iso(nextAttemptAt))
          .put("state", deliveredAt != null ? "delivered" : failedAt != null ? "failed" : "pending");
    }
  }

  static String iso(Instant i) {
    return i == null ? null : i.toString();
  }

  static boolean wants(String events, String type) {
    for (Object e : new JsonArray(events)) {
      if ("*".equals(e) || type.equals(e)) {
        return true;
      }
    }
    return false;
  }

  /** Registers a webhook; the secret is generated here and shown once in the answer. */
  public record Created(Webhook webhook, String secret) {}

  public Created create(Connection c, long chamberId, String url, JsonArray events, long by) throws SQLException {
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url is not a valid URL: " + url);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
      throw new IllegalArgumentException("url must be an http:// or https:// URL, got: " + url);
    }
    JsonArray wanted = events == null || events.isEmpty() ? new JsonArray().add("*") : events;
    for (Object e : wanted) {
      if (!(e instanceof String s) || !(s.equals("*") || Events.TYPES.contains(s))) {
        throw new IllegalArgumentException("events must be \"*\" or among " + String.join(", ", Events.TYPES.stream().sorted().toList()) + "; got " + e);
      }
    }
    String secret = Tokens.random("whsec_");
    long id = Jdbc.insert(c, "INSERT INTO webhooks(chamber_id, url, secret, events, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        chamberId, uri.toString(), secret, wanted.encode(), by, clock.millis());
    return new Created(get(c, id).orElseThrow(), secret);
  }

  private static final String SELECT = "SELECT id, chamber_id, url, events, created_at, disabled_at FROM webhooks ";

  private static Webhook hook(java.sql.ResultSet rs) throws SQLException {
    return new Webhook(rs.getLong(1), rs.getLong(2), rs.getString(3), new JsonArray(rs.getString(4)).stream().map(String::valueOf).toList(),
        Instant.ofEpochMilli(rs.getLong(5)), rs.getObject(6) == null);
  }

  public Optional<Webhook> get(Connection c, long id) throws SQLException {
    return Jdbc.one(c, SELECT + "WHERE id = ?", Webhooks::hook, id);
  }

  public List<Webhook> list(Connection c, long chamberId) throws SQLException {
    return Jdbc.list(c, SELECT + "WHERE chamber_id = ? ORDER BY id", Webhooks::hook, chamberId);
  }

  public boolean disable(Connection c, long id) throws SQLException {
    return Jdbc.update(c, "UPDATE webhooks SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", clock.millis(), id) > 0;
  }

  public List<Delivery> deliveries(Connection c, long webhookId, int limit) throws SQLException {
    return Jdbc.list(c, "SELECT d.id, d.webhook_id, d.event_id, e.type, d.attempts, d.last_status, d.last_error, d.delivered_at, d.failed_at, "
            + "d.next_attempt_at FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?",
        rs -> new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5), Jdbc.nullableInt(rs, "last_status"),
            rs.getString(7), ms(Jdbc.nullableLong(rs, "delivered_at")), ms(Jdbc.nullableLong(rs, "failed_at")),
            ms(Jdbc.nullableLong(rs, "next_attempt_at"))), webhookId, limit);
  }

  private static Instant ms(Long v) {
    return v == null ? null : Instant.ofEpochMilli(v);
  }

  /** {@code v1=<hex>}: HMAC-SHA256 with the webhook secret over {@code timestamp + "." + body}. */
  public static String signature(String secret, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
    }
  }

  /** What a receiver does: constant-time compare, and refuse stale or future timestamps (replay). */
  public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader, long nowSeconds) {
    if (timestampHeader == null || signatureHeader == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowSeconds - ts) > REPLAY_WINDOW_SECONDS) {
      return false;
    }
    return MessageDigest.isEqual(signature(secret, ts, body).getBytes(StandardCharsets.US_ASCII),
        signatureHeader.strip().getBytes(StandardCharsets.US_ASCII));
  }

  private record Due(long id, String url, String secret, long eventId, String type, long chamberId, Long smeId, String payload, long createdAt,
      int attempts) {}

  /** Sends the deliveries that are due; completes with how many succeeded. */
  public Future<Integer> deliver(Database db) {
    long now = clock.millis();
    return db.read(c -> Jdbc.list(c, "SELECT d.id, w.url, w.secret, e.id, e.type, e.chamber_id, e.sme_id, e.payload, e.created_at, d.attempts "
            + "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id "
            + "WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= ? AND w.disabled_at IS NULL ORDER BY d.id LIMIT 50",
        rs -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getLong(6), Jdbc.nullableLong(rs, "sme_id"),
            rs.getString(8), rs.getLong(9), rs.getInt(10)), now))
        .compose(due -> due.isEmpty() ? Future.succeededFuture(due) : db.write(c -> {
          List<Due> mine = new java.util.ArrayList<>();
          for (Due d : due) {
            if (Jdbc.update(c, "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND next_attempt_at <= ? AND delivered_at IS NULL",
                now + LEASE_MS, d.id(), now) > 0) {
              mine.add(d);
            }
          }
          return mine;
        }))
        .compose(due -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (Due d : due) {
            chain = chain.compose(n -> post(d).transform(ar -> record(db, d, ar.succeeded() ? ar.result() : null, ar.cause()))
                .map(ok -> ok ? n + 1 : n));
          }
          return chain;
        });
  }

  private Future<Integer> post(Due d) {
    String body = new JsonObject().put("id", d.eventId()).put("type", d.type()).put("chamberId", d.chamberId()).put("smeId", d.smeId())
        .put("createdAt", Instant.ofEpochMilli(d.createdAt()).toString()).put("data", new JsonObject(d.payload())).encode();
    long ts = clock.millis() / 1000;
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(d.url()).setTimeout(10_000).setFollowRedirects(false)
        .putHeader("Content-Type", "application/json; charset=utf-8").putHeader("User-Agent", "Mamori-Webhook/1")
        .putHeader("X-Mamori-Event", d.type()).putHeader("X-Mamori-Delivery", Long.toString(d.id()))
        .putHeader("X-Mamori-Timestamp", Long.toString(ts)).putHeader("X-Mamori-Signature", signature(d.secret(), ts, body));
    return http.request(o).compose(req -> req.send(Buffer.buffer(body, "UTF-8")).compose(resp -> resp.body().map(b -> resp.statusCode())));
  }

  private Future<Boolean> record(Database db, Due d, Integer status, Throwable error) {
    long now = clock.millis();
    boolean ok = status != null && status >= 200 && status < 300;
    return db.write(c -> {
      int attempts = d.attempts() + 1;
      String err = ok ? null : status != null ? "HTTP " + status : String.valueOf(error == null ? "failed" : error.getMessage());
      if (ok) {
        Jdbc.update(c, "UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?",
            attempts, status, now, d.id());
      } else if (attempts >= MAX_ATTEMPTS) {
        Jdbc.update(c, "UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = ?, failed_at = ? WHERE id = ?",
            attempts, status, cut(err), now, d.id());
      } else {
        Jdbc.update(c, "UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            attempts, status, cut(err), now + BACKOFF_SECONDS[attempts - 1] * 1000, d.id());
      }
      return ok;
    });
  }

  private static String cut(String s) {
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  public Future<Void> close() {
    return http.close();
  }
}
