package jp.mamori.console.tenancy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.web.Paging;

/** Chambers (tenants) and their member companies (plain JDBC, always scoped by the principal). */
public final class Tenants {
  private final Clock clock;

  public Tenants(Clock clock) {
    this.clock = clock;
  }

  public record Chamber(long id, String slug, String name) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("slug", slug).put("name", name);
    }
  }

  public record Sme(long id, long chamberId, String name, String industry, String website, String address,
      String contactName, String contactEmail, String contactPhone) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("name", name).put("industry", industry)
          .put("website", website).put("address", address).put("contactName", contactName)
          .put("contactEmail", contactEmail).put("contactPhone", contactPhone);
    }
  }

  public long createChamber(Connection c, String slug, String name) throws SQLException {
    if (slug == null || !slug.matches("[a-z0-9][a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("chamber slug must be 2-41 lowercase letters, digits or hyphens, got: " + slug);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("chamber name is required");
    }
    if (Jdbc.count(c, "SELECT COUNT(*) FROM chambers WHERE slug = ?", slug) > 0) {
      throw new IllegalArgumentException("chamber slug " + slug + " is taken");
    }
    return Jdbc.insert(c, "INSERT INTO chambers(slug, name, created_at) VALUES (?, ?, ?)", slug, name.strip(), clock.millis());
  }

  public List<Chamber> chambers(Connection c, Principal p) throws SQLException {
    List<Chamber> all = Jdbc.list(c, "SELECT id, slug, name FROM chambers ORDER BY name",
        rs -> new Chamber(rs.getLong(1), rs.getString(2), rs.getString(3)));
    List<Chamber> visible = new ArrayList<>();
    for (Chamber ch : all) {
      if (p.seesChamber(ch.id())) {
        visible.add(ch);
      }
    }
    return visible;
  }

  public Optional<Chamber> chamber(Connection c, long id) throws SQLException {
    return Jdbc.one(c, "SELECT id, slug, name FROM chambers WHERE id = ?", rs -> new Chamber(rs.getLong(1), rs.getString(2), rs.getString(3)), id);
  }

  public long createSme(Connection c, long chamberId, JsonObject in) throws SQLException {
    String name = in.getString("name");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("company name is required");
    }
    String website = in.getString("website");
    if (website != null && !website.isBlank() && !website.matches("https?://\\S+")) {
      throw new IllegalArgumentException("website must be an http:// or https:// URL, got: " + website);
    }
    if (chamber(c, chamberId).isEmpty()) {
      throw new IllegalArgumentException("no chamber " + chamberId);
    }
    return Jdbc.insert(c, "INSERT INTO smes(chamber_id, name, industry, website, address, contact_name, contact_email, contact_phone, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chamberId, name.strip(), in.getString("industry"), blankToNull(website),
        in.getString("address"), in.getString("contactName"), in.getString("contactEmail"), in.getString("contactPhone"), clock.millis());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static final String SME_COLUMNS = "id, chamber_id, name, industry, website, address, contact_name, contact_email, contact_phone";

  private static Sme sme(ResultSet rs) throws SQLException {
    return new Sme(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getString(8), rs.getString(9));
  }

  /** The company if the principal may see it; empty otherwise (callers answer 404, not 403). */
  public Optional<Sme> sme(Connection c, Principal p, long id) throws SQLException {
    return sme(c, id).filter(s -> p.seesSme(s.chamberId(), s.id()));
  }

  public Optional<Sme> sme(Connection c, long id) throws SQLException {
    return Jdbc.one(c, "SELECT " + SME_COLUMNS + " FROM smes WHERE id = ?", Tenants::sme, id);
  }

  public List<Sme> smes(Connection c, Principal p) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "chamber_id", "id");
    if (scope.isEmpty()) {
      return List.of();
    }
    return Jdbc.list(c, "SELECT " + SME_COLUMNS + " FROM smes WHERE " + scope.get().sql() + " ORDER BY name, id", Tenants::sme,
        scope.get().params().toArray());
  }

  /** By name; a page fetches {@link Paging.Page#fetch()} companies after the cursor's (name, id). */
  public List<Sme> smes(Connection c, Principal p, Paging.Page page) throws SQLException {
    Optional<Scope> scope = Scope.of(p, "chamber_id", "id");
    if (scope.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(scope.get().params());
    String after = page.after("name, id", false, params);
    params.add(page.fetch());
    return Jdbc.list(c, "SELECT " + SME_COLUMNS + " FROM smes WHERE " + scope.get().sql() + " " + after + "ORDER BY name, id LIMIT ?",
        Tenants::sme, params.toArray());
  }

  /** The cursor key of a company in {@link #smes(Connection, Principal, Paging.Page)}. */
  public static JsonArray key(Sme s) {
    return new JsonArray().add(s.name()).add(s.id());
  }
}
