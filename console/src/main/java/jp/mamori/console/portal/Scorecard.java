package jp.mamori.console.portal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mamori.common.Jdbc;

/**
 * The five-point scorecard: a traffic light per IPA point, computed from what the console knows.
 *
 * <ul>
 *   <li>red: an open alert for the point with severity high or critical (point 5: also an advisory left
 *       unacknowledged for more than {@link #ADVISORY_OVERDUE} days);</li>
 *   <li>amber: an open alert for the point with severity low or medium (point 5: an unacknowledged advisory);</li>
 *   <li>green: nothing open, and the point was checked recently — points 1, 3, 4: a LAN check run ({@code lan.*})
 *       reported within {@link #RECENT}; point 2: a PC self-check attestation ({@code pc.*} finding) within
 *       {@link #ATTESTATION} (an alert of a {@code pc.*} check seen in that window); point 5: every advisory acknowledged;</li>
 *   <li>grey: not known — points 1, 3, 4 not checked recently ({@code unchecked}); point 2 cannot be seen
 *       from the network without PC self-check attestations ({@code not_observable}).</li>
 * </ul>
 * Info findings (inventory facts) never colour a point. Score: green 20, amber 10, red or grey 0 (out of 100).
 */
public final class Scorecard {
  public static final Duration RECENT = Duration.ofDays(7);
  public static final Duration ATTESTATION = Duration.ofDays(90);
  public static final int ADVISORY_OVERDUE = 14;

  private final Clock clock;

  public Scorecard(Clock clock) {
    this.clock = clock;
  }

  public enum Light {
    GREEN(20), AMBER(10), RED(0), GREY(0);

    public final int points;

    Light(int points) {
      this.points = points;
    }

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Light parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public record AlertRef(long id, String check, String severity, String target, String titleJa, String titleEn, Instant lastSeenAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("check", check).put("severity", severity).put("target", target)
          .put("title", new JsonObject().put("ja", titleJa).put("en", titleEn)).put("lastSeenAt", lastSeenAt.toString());
    }
  }

  /** One point: its light, why (a message key suffix), and the alerts behind it. */
  public record Point(int point, Light light, String reason, List<AlertRef> alerts, Instant checkedAt) {
    public JsonObject toJson() {
      JsonArray a = new JsonArray();
      alerts.forEach(x -> a.add(x.toJson()));
      return new JsonObject().put("point", point).put("light", light.wire()).put("reason", reason).put("checkedAt",
          checkedAt == null ? null : checkedAt.toString()).put("alerts", a);
    }
  }

  public record Card(long smeId, int score, List<Point> points, Instant lanCheckedAt, Instant pcAttestedAt, int advisoriesUnacknowledged) {
    public JsonObject toJson() {
      JsonArray ps = new JsonArray();
      points.forEach(p -> ps.add(p.toJson()));
      return new JsonObject().put("smeId", smeId).put("score", score).put("points", ps)
          .put("lanCheckedAt", lanCheckedAt == null ? null : lanCheckedAt.toString())
          .put("pcAttestedAt", pcAttestedAt == null ? null : pcAttestedAt.toString())
          .put("advisoriesUnacknowledged", advisoriesUnacknowledged);
    }

    public Point point(int n) {
      return points.get(n - 1);
    }

    /** {"1":"green",...}: what the daily snapshot stores. */
    public JsonObject lights() {
      JsonObject j = new JsonObject();
      points.forEach(p -> j.put(Integer.toString(p.point()), p.light().wire()));
      return j;
    }
  }

  public Card forSme(Connection c, long smeId) throws SQLException {
    return compute(c, "s.id = ?", smeId).getOrDefault(smeId, empty(smeId));
  }

  /** Every member company of a chamber, in one pass of four grouped queries. */
  public Map<Long, Card> forChamber(Connection c, long chamberId) throws SQLException {
    return compute(c, "s.chamber_id = ?", chamberId);
  }

  public Map<Long, Card> all(Connection c) throws SQLException {
    return compute(c, "1 = ?", 1);
  }

  private Card empty(long smeId) {
    return build(smeId, List.of(), null, null, 0, null);
  }

  private Map<Long, Card> compute(Connection c, String filter, Object param) throws SQLException {
    record Row(long smeId, Integer point, AlertRef ref) {}
    Map<Long, List<AlertRef>> alerts = new HashMap<>();
    Map<Long, Map<Integer, List<AlertRef>>> byPoint = new HashMap<>();
    for (Row r : Jdbc.list(c, "SELECT a.sme_id, a.point, a.id, a.check_id, a.severity, a.target, a.title_ja, a.title_en, a.last_seen_at "
            + "FROM alerts a JOIN smes s ON s.id = a.sme_id WHERE " + filter + " AND a.status = 'open' AND a.point IS NOT NULL "
            + "AND a.severity <> 'info' ORDER BY a.last_seen_at DESC",
        rs -> new Row(rs.getLong(1), rs.getInt(2), new AlertRef(rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)))), param)) {
      byPoint.computeIfAbsent(r.smeId(), k -> new HashMap<>()).computeIfAbsent(r.point(), k -> new ArrayList<>()).add(r.ref());
      alerts.computeIfAbsent(r.smeId(), k -> new ArrayList<>()).add(r.ref());
    }
    // recent windows only, through the (sme_id, received_at) and (sme_id, status) indexes: cheap for 10,000 companies
    long now = clock.millis();
    Map<Long, Long> lan = lastTimes(c, "SELECT s.id, MAX(r.received_at) FROM smes s JOIN runs r ON r.sme_id = s.id AND r.received_at >= ? WHERE "
        + filter + " AND r.checks LIKE '%\"lan.%' GROUP BY s.id", now - RECENT.toMillis(), param);
    Map<Long, Long> pc = lastTimes(c, "SELECT s.id, MAX(a.last_seen_at) FROM smes s JOIN alerts a ON a.sme_id = s.id WHERE " + filter
        + " AND a.check_id LIKE 'pc.%' AND a.last_seen_at >= ? GROUP BY s.id", param, now - ATTESTATION.toMillis());
    record Adv(int count, long oldest) {}
    Map<Long, Adv> adv = new HashMap<>();
    for (var e : Jdbc.list(c, "SELECT s.id, COUNT(*), MIN(a.published_at) FROM smes s JOIN advisories a ON a.chamber_id = s.chamber_id "
            + "LEFT JOIN advisory_acks k ON k.advisory_id = a.id AND k.sme_id = s.id WHERE " + filter + " AND k.acked_at IS NULL GROUP BY s.id",
        rs -> Map.entry(rs.getLong(1), new Adv(rs.getInt(2), rs.getLong(3))), param)) {
      adv.put(e.getKey(), e.getValue());
    }
    Map<Long, Card> out = new LinkedHashMap<>();
    for (long smeId : Jdbc.list(c, "SELECT s.id FROM smes s WHERE " + filter + " ORDER BY s.id", rs -> rs.getLong(1), param)) {
      Adv a = adv.get(smeId);
      Map<Integer, List<AlertRef>> points = byPoint.getOrDefault(smeId, Map.of());
      out.put(smeId, build(smeId, flatten(points), lan.get(smeId), pc.get(smeId), a == null ? 0 : a.count(), a == null ? null : a.oldest()));
    }
    return out;
  }

  private static List<Map.Entry<Integer, AlertRef>> flatten(Map<Integer, List<AlertRef>> points) {
    List<Map.Entry<Integer, AlertRef>> out = new ArrayList<>();
    points.forEach((p, list) -> list.forEach(r -> out.add(Map.entry(p, r))));
    return out;
  }

  private static Map<Long, Long> lastTimes(Connection c, String sql, Object... params) throws SQLException {
    Map<Long, Long> m = new HashMap<>();
    for (var e : Jdbc.list(c, sql, rs -> Map.entry(rs.getLong(1), rs.getLong(2)), params)) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  private static boolean severe(String severity) {
    return severity.equals("high") || severity.equals("critical");
  }

  Card build(long smeId, List<Map.Entry<Integer, AlertRef>> alerts, Long lanAt, Long pcAt, int unacked, Long oldestUnacked) {
    long now = clock.millis();
    boolean lanRecent = lanAt != null && lanAt >= now - RECENT.toMillis();
    boolean pcRecent = pcAt != null && pcAt >= now - ATTESTATION.toMillis();
    boolean overdue = oldestUnacked != null && oldestUnacked < now - Duration.ofDays(ADVISORY_OVERDUE).toMillis();
    List<Point> points = new ArrayList<>();
    int score = 0;
    for (int p = 1; p <= 5; p++) {
      final int point = p;
      List<AlertRef> mine = alerts.stream().filter(e -> e.getKey() == point).map(Map.Entry::getValue).toList();
      boolean red = mine.stream().anyMatch(a -> severe(a.severity()));
      Light light;
      String reason;
      Instant checked = null;
      if (p == 5) {
        if (red || overdue) {
          light = Light.RED;
          reason = red ? "alert_severe" : "advisory_overdue";
        } else if (!mine.isEmpty() || unacked > 0) {
          light = Light.AMBER;
          reason = mine.isEmpty() ? "advisory_unacknowledged" : "alert";
        } else {
          light = Light.GREEN;
          reason = "advisories_acknowledged";
        }
      } else if (red) {
        light = Light.RED;
        reason = "alert_severe";
      } else if (!mine.isEmpty()) {
        light = Light.AMBER;
        reason = "alert";
      } else if (p == 2) {
        light = pcRecent ? Light.GREEN : Light.GREY;
        reason = pcRecent ? "attested" : "not_observable";
        checked = pcAt == null ? null : Instant.ofEpochMilli(pcAt);
      } else {
        light = lanRecent ? Light.GREEN : Light.GREY;
        reason = lanRecent ? "checked_ok" : "unchecked";
        checked = lanAt == null ? null : Instant.ofEpochMilli(lanAt);
      }
      score += light.points;
      points.add(new Point(p, light, reason, mine, checked));
    }
    return new Card(smeId, score, points, lanAt == null ? null : Instant.ofEpochMilli(lanAt), pcAt == null ? null : Instant.ofEpochMilli(pcAt),
        unacked);
  }
}
