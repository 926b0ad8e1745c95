package jp.mamori.console.knowledge;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jp.mamori.checks.finding.Finding;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.auth.Role;
import jp.mamori.console.web.ApiError;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * The knowledge base: articles in Japanese (English optional) that explain a finding to an owner and tell the
 * advisor what to check, keyed by a check id ({@code lan.smb-guest-share}) or a prefix ending in '.'
 * ({@code web.}). Shared articles (no chamber) come with the console; each chamber's desk adds its own.
 * Bodies are HTML cleaned with Jsoup's basic safelist on the way in (links, lists, emphasis; no scripts,
 * styles or attributes that run code).
 */
public final class Knowledge {
  public static final int MAX_BODY = 50_000;
  private static final Safelist SAFE = Safelist.basic();
  private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<\\s*/?[a-zA-Z][^>]*>");

  private final Clock clock;

  public Knowledge(Clock clock) {
    this.clock = clock;
  }

  public record Article(long id, Long chamberId, String checkKey, String titleJa, String bodyJa, String titleEn, String bodyEn,
      Instant updatedAt) {
    public String title(String lang) {
      return "en".equals(lang) && titleEn != null ? titleEn : titleJa;
    }

    /** Sanitised HTML, safe to place in a page as it is. */
    public String body(String lang) {
      return "en".equals(lang) && bodyEn != null ? bodyEn : bodyJa;
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("check", checkKey)
          .put("title", new JsonObject().put("ja", titleJa).put("en", titleEn))
          .put("body", new JsonObject().put("ja", bodyJa).put("en", bodyEn)).put("updatedAt", updatedAt.toString());
    }
  }

  private static final String SELECT = "SELECT id, chamber_id, check_key, title_ja, body_ja, title_en, body_en, updated_at FROM kb_articles ";

  private static Article article(ResultSet rs) throws SQLException {
    return new Article(rs.getLong(1), Jdbc.nullableLong(rs, "chamber_id"), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)));
  }

  /** Chambers whose own articles the principal reads: desk staff their chambers, a company its chamber, partners none. */
  static List<Long> readable(Connection c, Principal p) throws SQLException {
    if (p.operator()) {
      return null;
    }
    if (p.role().portal() && p.smeId() != null) {
      return Jdbc.list(c, "SELECT chamber_id FROM smes WHERE id = ?", rs -> rs.getLong(1), p.smeId());
    }
    return p.role() == Role.PARTNER ? List.of() : new ArrayList<>(p.chamberIds());
  }

  private static String scope(List<Long> chambers, List<Object> params) {
    if (chambers == null) {
      return "1 = 1";
    }
    params.addAll(chambers);
    return "(chamber_id IS NULL OR chamber_id IN (" + Jdbc.marks(chambers.size()) + "))";
  }

  public List<Article> list(Connection c, Principal p, String q) throws SQLException {
    List<Object> params = new ArrayList<>();
    String where = scope(readable(c, p), params);
    if (q != null && !q.isBlank()) {
      where += " AND (title_ja LIKE ? OR body_ja LIKE ? OR title_en LIKE ? OR check_key LIKE ?)";
      String like = "%" + q.strip().replace("%", "").replace("_", "") + "%";
      params.add(like);
      params.add(like);
      params.add(like);
      params.add(like);
    }
    return Jdbc.list(c, SELECT + "WHERE " + where + " ORDER BY check_key IS NULL, check_key, title_ja LIMIT 500", Knowledge::article,
        params.toArray());
  }

  /** The articles about a check, most specific first (exact id, then longer prefixes), the chamber's own before shared ones. */
  public List<Article> forCheck(Connection c, long chamberId, String check) throws SQLException {
    if (check == null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    keys.add(check);
    for (int i = check.lastIndexOf('.'); i > 0; i = check.lastIndexOf('.', i - 1)) {
      keys.add(check.substring(0, i + 1));
    }
    List<Object> params = new ArrayList<>(keys);
    params.add(chamberId);
    List<Article> found = Jdbc.list(c, SELECT + "WHERE check_key IN (" + Jdbc.marks(keys.size()) + ") AND (chamber_id IS NULL OR chamber_id = ?)",
        Knowledge::article, params.toArray());
    found.sort(Comparator.<Article>comparingInt(a -> -a.checkKey().length()).thenComparing(a -> a.chamberId() == null ? 1 : 0));
    return found;
  }

  public Optional<Article> get(Connection c, Principal p, long id) throws SQLException {
    List<Object> params = new ArrayList<>();
    params.add(id);
    String where = scope(readable(c, p), params);
    return Jdbc.one(c, SELECT + "WHERE id = ? AND " + where, Knowledge::article, params.toArray());
  }

  /** Who may write chamber content: the operator (shared or any chamber), a chamber's desk staff (their chamber). */
  static void mayWrite(Principal p, Long chamberId, String what) {
    if (p.operator()) {
      return;
    }
    if (!p.role().desk()) {
      throw ApiError.forbidden(what + " are written by the chamber's desk");
    }
    if (chamberId == null) {
      throw ApiError.forbidden("shared " + what + " are the operator's; give chamberId for your chamber's own");
    }
    if (!p.chamberIds().contains(chamberId)) {
      throw ApiError.notFound("chamber " + chamberId);
    }
  }

  private static void mayWrite(Principal p, Long chamberId) {
    mayWrite(p, chamberId, "knowledge-base articles");
  }

  public long create(Connection c, Principal p, JsonObject in) throws SQLException {
    Long chamberId = in.getLong("chamberId");
    mayWrite(p, chamberId);
    Fields f = fields(in, null);
    return Jdbc.insert(c, "INSERT INTO kb_articles(chamber_id, check_key, title_ja, body_ja, title_en, body_en, created_by, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", chamberId, f.check, f.titleJa, f.bodyJa, f.titleEn, f.bodyEn, p.userId(), clock.millis());
  }

  public void update(Connection c, Principal p, Article a, JsonObject in) throws SQLException {
    mayWrite(p, a.chamberId());
    Fields f = fields(in, a);
    Jdbc.update(c, "UPDATE kb_articles SET check_key = ?, title_ja = ?, body_ja = ?, title_en = ?, body_en = ?, updated_at = ? WHERE id = ?",
        f.check, f.titleJa, f.bodyJa, f.titleEn, f.bodyEn, clock.millis(), a.id());
  }

  public void delete(Connection c, Principal p, Article a) throws SQLException {
    mayWrite(p, a.chamberId());
    Jdbc.update(c, "DELETE FROM kb_articles WHERE id = ?", a.id());
  }

  private record Fields(String check, String titleJa, String bodyJa, String titleEn, String bodyEn) {}

  private static Fields fields(JsonObject in, Article old) {
    String check = in.containsKey("check") ? blank(in.getString("check")) : old == null ? null : old.checkKey();
    if (check != null && !Finding.CHECK_ID.matcher(check).matches() && !check.matches("[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)*\\.")) {
      throw new IllegalArgumentException("check must be a check id (web.hidden-iframe) or a prefix ending in '.' (web.), got: " + check);
    }
    JsonObject title = in.getJsonObject("title", new JsonObject());
    JsonObject body = in.getJsonObject("body", new JsonObject());
    String titleJa = title.containsKey("ja") ? blank(title.getString("ja")) : old == null ? null : old.titleJa();
    String bodyJa = body.containsKey("ja") ? clean(body.getString("ja")) : old == null ? null : old.bodyJa();
    if (titleJa == null || bodyJa == null || bodyJa.isBlank()) {
      throw new IllegalArgumentException("title.ja and body.ja are required (Japanese first)");
    }
    if (titleJa.length() > 200) {
      throw new IllegalArgumentException("title.ja is longer than 200 characters");
    }
    String titleEn = title.containsKey("en") ? blank(title.getString("en")) : old == null ? null : old.titleEn();
    String bodyEn = body.containsKey("en") ? blank(clean(body.getString("en"))) : old == null ? null : old.bodyEn();
    return new Fields(check, titleJa, bodyJa, titleEn, bodyEn);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** User HTML through Jsoup's basic safelist; plain text keeps its line breaks as paragraphs. */
  public static String clean(String html) {
    if (html == null) {
      return null;
    }
    if (html.length() > MAX_BODY) {
      throw new IllegalArgumentException("article body is longer than " + MAX_BODY + " characters");
    }
    String in = TAG.matcher(html).find() ? html : "<p>" + jp.mamori.console.web.Html.esc(html.strip()).replace("\n\n", "</p><p>").replace("\n", "<br>")
        + "</p>";
    return Jsoup.clean(in, "https://kb.invalid/", SAFE, new org.jsoup.nodes.Document.OutputSettings().prettyPrint(false));
  }
}
