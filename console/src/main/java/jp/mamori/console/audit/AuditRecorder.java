package jp.mamori.console.audit;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.common.Database;
import jp.mamori.console.auth.Principal;
import jp.mamori.console.web.Http;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request a signed-in person makes (pages and API, views and changes, refusals too) once the
 * response is sent: who, when, method and route, the object named in the path, the status. Rows are queued
 * and written in one batch about once a second, so reading a page does not cost a write transaction; the
 * queue is flushed when the console stops.
 */
public final class AuditRecorder implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
  static final int MAX_PENDING = 100_000;
  private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("tickets", "ticket"), Map.entry("smes", "sme"),
      Map.entry("alerts", "alert"), Map.entry("boxes", "box"), Map.entry("chambers", "chamber"), Map.entry("attachments", "attachment"),
      Map.entry("referrals", "referral"), Map.entry("queues", "queue"), Map.entry("users", "user"), Map.entry("partners", "partner"),
      Map.entry("kb", "kb_article"), Map.entry("canned-answers", "canned_answer"));

  private final Audit audit;
  private final java.time.Clock clock;
  private final ConcurrentLinkedQueue<Audit.Record> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  public AuditRecorder(Audit audit, java.time.Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (!path.startsWith("/static/") && !path.equals("/api/v1/health") && !path.equals("/api/v1/openapi.json")) {
      ctx.addEndHandler(done -> record(ctx));
    }
    ctx.next();
  }

  private void record(RoutingContext ctx) {
    Principal p = ctx.get(Http.PRINCIPAL);
    if (p == null) {
      return;
    }
    Route route = ctx.currentRoute();
    String pattern = route != null && route.getPath() != null ? route.getPath() : ctx.request().path();
    String[] object = object(pattern, ctx.pathParams());
    String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    JsonObject detail = ctx.request().query() == null ? null : new JsonObject().put("query", truncate(ctx.request().query(), 500));
    add(new Audit.Record(clock.millis(), p, ctx.request().method().name() + " " + pattern, object[0], object[1], null, null,
        ctx.response().getStatusCode(), detail, address));
  }

  /** A sign-in attempt (ok, failed password, failed code): recorded for the attempted address even without a session. */
  public void signIn(String email, String address, String action, Principal p, Long userId) {
    add(new Audit.Record(clock.millis(), p, action, "user", userId == null ? null : Long.toString(userId), null, null, null,
        new JsonObject().put("email", email), address));
  }

  void add(Audit.Record r) {
    if (size.incrementAndGet() > MAX_PENDING) {
      size.decrementAndGet();
      LOG.error("audit queue full ({} rows): the database is not taking writes; dropping {}", MAX_PENDING, r.action());
      return;
    }
    pending.add(r);
  }

  /** The object a route pattern names: the last path parameter and the collection before it. */
  static String[] object(String pattern, Map<String, String> params) {
    String[] parts = pattern.split("/");
    for (int i = parts.length - 1; i > 0; i--) {
      if (parts[i].startsWith(":")) {
        String collection = parts[i - 1];
        return new String[] {TYPES.getOrDefault(collection, collection), params.get(parts[i].substring(1))};
      }
    }
    return new String[] {null, null};
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** Writes what is queued, resolving each object's chamber so chamber admins can read the rows about it. */
  public Future<Integer> flush(Database db) {
    List<Audit.Record> batch = new ArrayList<>();
    for (Audit.Record r; batch.size() < 5_000 && (r = pending.poll()) != null; ) {
      batch.add(r);
    }
    size.addAndGet(-batch.size());
    if (batch.isEmpty()) {
      return Future.succeededFuture(0);
    }
    // who owns each object is looked up on a reader, memoised per batch; the writer only inserts
    return db.read(c -> {
      java.util.Map<String, java.util.Optional<long[]>> owners = new java.util.HashMap<>();
      List<Audit.Record> resolved = new ArrayList<>(batch.size());
      for (Audit.Record r : batch) {
        Long chamber = null;
        Long sme = null;
        java.util.Optional<long[]> owner = owner(owners, c, r.objectType(), r.objectId());
        if (owner.isPresent()) {
          chamber = owner.get()[0];
          sme = owner.get()[1] < 0 ? null : owner.get()[1];
        } else if (r.principal() != null && r.principal().smeId() != null) {
          sme = r.principal().smeId();
          chamber = owner(owners, c, "sme", sme.toString()).map(o -> o[0]).orElse(null);
        } else if (r.principal() != null && r.principal().chamberIds().size() == 1) {
          chamber = r.principal().chamberIds().iterator().next();
        }
        resolved.add(new Audit.Record(r.at(), r.principal(), r.action(), r.objectType(), r.objectId(), chamber, sme, r.status(), r.detail(),
            r.address()));
      }
      return resolved;
    }).compose(resolved -> db.write(c -> {
      audit.write(c, resolved);
      return resolved.size();
    })).recover(e -> {
      LOG.error("cannot write {} audit rows; keeping them for the next flush", batch.size(), e);
      batch.forEach(this::add);
      return Future.failedFuture(e);
    });
  }

  private static java.util.Optional<long[]> owner(java.util.Map<String, java.util.Optional<long[]>> memo, java.sql.Connection c, String type,
      String id) throws java.sql.SQLException {
    String key = type + ":" + id;
    java.util.Optional<long[]> found = memo.get(key);
    if (found == null) {
      found = Audit.owner(c, type, id);
      memo.put(key, found);
    }
    return found;
  }

  public int pending() {
    return size.get();
  }
}
