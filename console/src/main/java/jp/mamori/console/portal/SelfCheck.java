package jp.mamori.console.portal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;

/**
 * The ★★ 25-item self-check: each answer scores 4 (done), 2 (partly), 0 (not done) or −1 (don't know);
 * the total (at most 100) falls in one of IPA's four bands. Every submission is kept as history.
 */
public final class SelfCheck {
  public static final int ITEMS = 25;
  public static final List<Integer> ANSWERS = List.of(4, 2, 0, -1);
  private static final JsonObject DOC = load();

  private final Clock clock;

  public SelfCheck(Clock clock) {
    this.clock = clock;
  }

  public record Item(int n, String group, String ja, String en) {
    public String text(String lang) {
      return "en".equals(lang) ? en : ja;
    }
  }

  public static List<Item> items() {
    List<Item> out = new ArrayList<>();
    for (Object o : DOC.getJsonArray("items")) {
      JsonObject j = (JsonObject) o;
      out.add(new Item(j.getInteger("n"), j.getString("group"), j.getString("ja"), j.getString("en")));
    }
    return out;
  }

  public static JsonObject itemsJson() {
    return DOC.copy().put("answers", new JsonArray().add(new JsonObject().put("value", 4).put("ja", "実施している").put("en", "done"))
        .add(new JsonObject().put("value", 2).put("ja", "一部実施している").put("en", "partly"))
        .add(new JsonObject().put("value", 0).put("ja", "実施していない").put("en", "not done"))
        .add(new JsonObject().put("value", -1).put("ja", "わからない").put("en", "don't know")))
        .put("bands", new JsonArray().add(band("entry", 100, 100)).add(band("gaps", 70, 99)).add(band("insufficient", 50, 69))
            .add(band("danger", -25, 49)));
  }

  private static JsonObject band(String name, int min, int max) {
    return new JsonObject().put("band", name).put("min", min).put("max", max);
  }

  /** IPA's bands: 100 entry level reached; 70-99 some gaps; 50-69 insufficient; 49 or less an accident could happen any time. */
  public static String band(int score) {
    if (score >= 100) {
      return "entry";
    }
    if (score >= 70) {
      return "gaps";
    }
    if (score >= 50) {
      return "insufficient";
    }
    return "danger";
  }

  public static int score(List<Integer> answers) {
    if (answers == null || answers.size() != ITEMS) {
      throw new IllegalArgumentException("answers must list " + ITEMS + " values, got " + (answers == null ? 0 : answers.size()));
    }
    int total = 0;
    for (int i = 0; i < ITEMS; i++) {
      Integer a = answers.get(i);
      if (a == null || !ANSWERS.contains(a)) {
        throw new IllegalArgumentException("answer " + (i + 1) + " must be 4 (done), 2 (partly), 0 (not done) or -1 (don't know), got: " + a);
      }
      total += a;
    }
    return total;
  }

  public record Result(long id, long smeId, List<Integer> answers, int score, String band, Instant createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("smeId", smeId).put("answers", new JsonArray(answers)).put("score", score).put("band", band)
          .put("createdAt", createdAt.toString());
    }
  }

  public Result submit(Connection c, long smeId, List<Integer> answers, long by) throws SQLException {
    int score = score(answers);
    String band = band(score);
    long now = clock.millis();
    long id = Jdbc.insert(c, "INSERT INTO self_checks(sme_id, answers, score, band, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        smeId, new JsonArray(answers).encode(), score, band, by, now);
    return new Result(id, smeId, List.copyOf(answers), score, band, Instant.ofEpochMilli(now));
  }

  public List<Result> history(Connection c, long smeId, int limit) throws SQLException {
    return Jdbc.list(c, "SELECT id, sme_id, answers, score, band, created_at FROM self_checks WHERE sme_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        rs -> new Result(rs.getLong(1), rs.getLong(2), new JsonArray(rs.getString(3)).stream().map(o -> ((Number) o).intValue()).toList(),
            rs.getInt(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), smeId, limit);
  }

  public Optional<Result> latest(Connection c, long smeId) throws SQLException {
    return history(c, smeId, 1).stream().findFirst();
  }

  private static JsonObject load() {
    try (InputStream in = SelfCheck.class.getResourceAsStream("/jp/mamori/console/portal/selfcheck.json")) {
      if (in == null) {
        throw new IllegalStateException("missing portal/selfcheck.json");
      }
      JsonObject doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (doc.getJsonArray("items").size() != ITEMS) {
        throw new IllegalStateException("portal/selfcheck.json must have " + ITEMS + " items");
      }
      return doc;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read portal/selfcheck.json", e);
    }
  }
}
