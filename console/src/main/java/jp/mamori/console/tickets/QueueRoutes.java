package jp.mamori.console.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.common.Jdbc;
import jp.mamori.console.Services;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.desk.DeskRoutes;
import jp.mamori.console.web.ApiError;
import jp.mamori.console.web.Http;

/** A chamber's queues (how its desk splits the work) and the desk staff tickets can be assigned to. */
public final class QueueRoutes {
  private final Services s;

  public QueueRoutes(Services s) {
    this.s = s;
  }

  public void mount(Router r) {
    r.get("/api/v1/queues").handler(ctx -> Http.api(ctx, this::list, 200));
    r.post("/api/v1/queues").handler(ctx -> Http.api(ctx, this::create, 201));
    r.get("/api/v1/chambers/:id/desk-staff").handler(ctx -> Http.api(ctx, this::staff, 200));
  }

  public record Queue(long id, long chamberId, String name) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("chamberId", chamberId).put("name", name);
    }
  }

  public static List<Queue> queues(java.sql.Connection c, Principal p) throws java.sql.SQLException {
    if (!p.role().desk()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>();
    String where = "1 = 1";
    if (!p.operator()) {
      where = "chamber_id IN (" + Jdbc.marks(p.chamberIds().size()) + ")";
      params.addAll(p.chamberIds());
    }
    return Jdbc.list(c, "SELECT id, chamber_id, name FROM queues WHERE " + where + " ORDER BY chamber_id, name",
        rs -> new Queue(rs.getLong(1), rs.getLong(2), rs.getString(3)), params.toArray());
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    if (!p.role().desk()) {
      throw ApiError.forbidden("queues are for the chamber's desk");
    }
    return s.db().read(c -> {
      JsonArray a = new JsonArray();
      queues(c, p).forEach(q -> a.add(q.toJson()));
      return a;
    });
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    JsonObject b = Http.body(ctx);
    Long chamberId = b.getLong("chamberId");
    String name = b.getString("name");
    if (chamberId == null) {
      throw ApiError.badRequest("chamberId is required");
    }
    return s.db().write(c -> {
      DeskRoutes.administered(c, p, chamberId);
      if (name == null || name.isBlank() || name.strip().length() > 60) {
        throw ApiError.badRequest("queue name must be 1-60 characters");
      }
      if (Jdbc.count(c, "SELECT COUNT(*) FROM queues WHERE chamber_id = ? AND name = ?", chamberId, name.strip()) > 0) {
        throw new ApiError(409, "queue_exists", "chamber " + chamberId + " already has a queue named " + name.strip());
      }
      long id = Jdbc.insert(c, "INSERT INTO queues(chamber_id, name, created_at) VALUES (?, ?, ?)", chamberId, name.strip(), s.clock().millis());
      s.desk().audit().change(c, p, "queue.create", "queue", id, chamberId, null, new JsonObject().put("name", name.strip()));
      return new Queue(id, chamberId, name.strip()).toJson();
    });
  }

  public record Staff(long id, String displayName, String role) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("displayName", displayName).put("role", role);
    }
  }

  public static List<Staff> staff(java.sql.Connection c, long chamberId) throws java.sql.SQLException {
    return Jdbc.list(c, "SELECT u.id, u.display_name, u.role FROM users u JOIN user_chambers uc ON uc.user_id = u.id "
            + "WHERE uc.chamber_id = ? AND u.role IN ('advisor', 'chamber_admin') AND u.disabled_at IS NULL ORDER BY u.display_name",
        rs -> new Staff(rs.getLong(1), rs.getString(2), rs.getString(3)), chamberId);
  }

  private Future<JsonArray> staff(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long id = Http.idParam(ctx, "id");
    return s.db().read(c -> {
      DeskRoutes.chamber(c, p, id);
      JsonArray a = new JsonArray();
      staff(c, id).forEach(st -> a.add(st.toJson()));
      return a;
    });
  }
}
