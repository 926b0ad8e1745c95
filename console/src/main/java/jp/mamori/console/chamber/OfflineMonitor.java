package jp.mamori.console.chamber;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.mamori.checks.finding.CheckCatalog;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.common.Jdbc;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.ingest.Ingestion;
import jp.mamori.console.notify.Events;
import jp.mamori.console.notify.Mailer;
import jp.mamori.console.web.Html;

/**
 * A box silent for more than {@link #OFFLINE_AFTER} raises a {@code box.offline} alert for its company
 * (through the normal ingestion path, so it shows in alerts, metrics and the dashboard), an event for the
 * chamber's webhooks and an e-mail to the chamber's desk. When the box reports again (or is revoked) the
 * alert resolves through a run report that covered the check, and a {@code box.online} event follows.
 * After the console itself starts, boxes get the full period to report before any is called offline.
 */
public final class OfflineMonitor {
  public static final Duration OFFLINE_AFTER = Duration.ofMinutes(15);
  public static final String CHECK = "box.offline";

  /** At most this many new offline alerts per pass, so one pass never holds the writer for long. */
  public static final int MAX_PER_PASS = 500;

  private final Clock clock;
  private final Ingestion ingestion;
  private final Events events;
  private final Mailer mailer;
  private final long startedAt;

  public OfflineMonitor(Clock clock, Ingestion ingestion, Events events, Mailer mailer) {
    this.clock = clock;
    this.startedAt = clock.millis();
    this.ingestion = ingestion;
    this.events = events;
    this.mailer = mailer;
  }

  public record Outcome(int wentOffline, int cameBack) {}

  /** One pass, in the writer's transaction. */
  public Outcome check(Connection c) throws SQLException {
    long now = clock.millis();
    long limit = now - OFFLINE_AFTER.toMillis();
    record B(String id, long smeId, String smeName, long chamberId, String hostname, long lastSign, boolean revoked, boolean alertOpen) {}
    // silent boxes (heartbeat index) and boxes with an open offline alert; both small sets
    String select = "SELECT b.id, b.sme_id, s.name, s.chamber_id, b.hostname, COALESCE(b.last_heartbeat_at, b.enrolled_at), "
        + "b.revoked_at IS NOT NULL, EXISTS(SELECT 1 FROM alerts a WHERE a.sme_id = b.sme_id AND a.check_id = '" + CHECK + "' "
        + "AND a.target = b.id AND a.status = 'open') FROM boxes b JOIN smes s ON s.id = b.sme_id ";
    java.util.Map<String, B> found = new java.util.LinkedHashMap<>();
    Jdbc.Row<B> row = rs -> new B(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
        rs.getBoolean(7), rs.getBoolean(8));
    for (B b : Jdbc.list(c, select + "WHERE b.revoked_at IS NULL AND (b.last_heartbeat_at < ? OR (b.last_heartbeat_at IS NULL AND b.enrolled_at < ?))",
        row, limit, limit)) {
      found.put(b.id(), b);
    }
    for (B b : Jdbc.list(c, select + "WHERE b.id IN (SELECT a.target FROM alerts a WHERE a.status = 'open' AND a.check_id = '" + CHECK + "')", row)) {
      found.put(b.id(), b);
    }
    List<B> boxes = List.copyOf(found.values());
    int off = 0;
    int back = 0;
    // a console that was down cannot tell which boxes were silent: it gives every box the full period after its own start
    boolean watching = startedAt <= limit;
    for (B b : boxes) {
      boolean offline = watching && !b.revoked() && b.lastSign() < limit;
      if (offline && !b.alertOpen() && off >= MAX_PER_PASS) {
        continue;
      }
      Boxes.BoxIdentity id = new Boxes.BoxIdentity(b.id(), b.smeId(), b.chamberId());
      JsonObject data = new JsonObject().put("boxId", b.id()).put("smeName", b.smeName()).put("hostname", b.hostname())
          .put("lastHeartbeatAt", Instant.ofEpochMilli(b.lastSign()).toString());
      if (offline && !b.alertOpen()) {
        Finding f = CheckCatalog.get().finding(CHECK).target(b.id()).identity("box", b.id())
            .evidence("hostname", b.hostname() == null ? "" : b.hostname())
            .evidence("lastHeartbeatAt", Instant.ofEpochMilli(b.lastSign()).toString()).observedAt(clock).build();
        ingestion.ingest(c, id, new JsonArray().add(f.toJson()), new JsonArray());
        String key = Events.BOX_OFFLINE + ":" + b.id() + ":" + b.lastSign();
        events.raise(c, Events.BOX_OFFLINE, key, b.chamberId(), b.smeId(), data);
        mailDesk(c, b.chamberId(), key, b.smeName(), b.hostname(), b.lastSign());
        off++;
      } else if (!offline && b.alertOpen()) {
        Instant t = clock.instant();
        RunReport run = new RunReport(UUID.randomUUID(), List.of(CHECK), List.of(b.id()), t, t, Set.of());
        ingestion.ingest(c, id, new JsonArray(), new JsonArray().add(run.toJson()));
        events.raise(c, Events.BOX_ONLINE, Events.BOX_ONLINE + ":" + b.id() + ":" + b.lastSign(), b.chamberId(), b.smeId(),
            data.put("revoked", b.revoked()));
        back++;
      }
    }
    return new Outcome(off, back);
  }

  private void mailDesk(Connection c, long chamberId, String key, String smeName, String hostname, long lastSign) throws SQLException {
    List<String> to = Jdbc.list(c, "SELECT u.email FROM users u JOIN user_chambers uc ON uc.user_id = u.id WHERE uc.chamber_id = ? "
        + "AND u.role IN ('chamber_admin', 'advisor') AND u.disabled_at IS NULL ORDER BY u.id", rs -> rs.getString(1), chamberId);
    String last = Html.time(Instant.ofEpochMilli(lastSign));
    String subject = "【Mamori】見守りボックスが応答しません: " + smeName;
    String text = smeName + " の見守りボックス（" + (hostname == null ? "名称未設定" : hostname) + "）から " + OFFLINE_AFTER.toMinutes()
        + " 分以上連絡がありません。最後の連絡: " + last + "（日本時間）。\n"
        + "電源・LANケーブルの抜けがないか、会員企業に確認してください。復旧すると自動で解消されます。\n\n"
        + "The monitoring box of " + smeName + " has not reported for more than " + OFFLINE_AFTER.toMinutes() + " minutes (last: " + last
        + " JST). Please check with the member company; the alert resolves by itself when the box is back.\n"
        + mailer.config().publicUrl();
    for (String addr : to) {
      mailer.queue(c, new Mailer.Mail(key + ":" + addr, "box.offline", addr, subject, text, null, null, null));
    }
  }
}
