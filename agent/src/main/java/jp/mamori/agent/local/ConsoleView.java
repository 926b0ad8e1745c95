package jp.mamori.agent.local;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.common.Database;

/**
 * What the console last said about this company (traffic lights, advisories), kept in the agent's database
 * so the local page still shows it, with its age, while the console is unreachable. Refreshed when someone
 * opens the page, not on a timer: thousands of boxes must not poll the console for pages nobody reads.
 */
public final class ConsoleView {
  static final String STATUS = "local.console-status";
  static final String ADVISORIES = "local.console-advisories";
  static final String STATUS_PATH = "/api/v1/box/status";
  static final String ADVISORIES_PATH = "/api/v1/box/advisories";

  private final Vertx vertx;
  private final Database db;
  private final ConsoleClient client;
  private final Outbox state;
  private final Clock clock;
  private volatile LocalPages.Cached status;
  private volatile LocalPages.Cached advisories;
  private Future<Void> refreshing;
  private volatile boolean dirty;

  public ConsoleView(Vertx vertx, Database db, ConsoleClient client, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.client = client;
    this.state = new Outbox(clock);
    this.clock = clock;
  }

  /** Reads what was kept from an earlier run. */
  public Future<Void> load() {
    return db.read(c -> new LocalPages.Cached[] {cached(state.state(c, STATUS).orElse(null)), cached(state.state(c, ADVISORIES).orElse(null))})
        .map(both -> {
          status = both[0];
          advisories = both[1];
          return null;
        });
  }

  private static LocalPages.Cached cached(String stored) {
    if (stored == null) {
      return null;
    }
    JsonObject j = new JsonObject(stored);
    return new LocalPages.Cached(j.getJsonObject("value"), Instant.parse(j.getString("fetchedAt")), false);
  }

  public LocalPages.Cached status() {
    return status;
  }

  public LocalPages.Cached advisories() {
    return advisories;
  }

  /**
   * Refreshes both answers when the kept ones are older than {@code maxAge}; completes when done or after
   * {@code wait}, whichever comes first (the page then shows what is kept). Never fails.
   */
  public Future<Void> refresh(Duration maxAge, Duration wait) {
    Instant now = clock.instant();
    boolean fresh = !dirty && status != null && !status.stale() && advisories != null && !advisories.stale()
        && status.fetchedAt().plus(maxAge).isAfter(now) && advisories.fetchedAt().plus(maxAge).isAfter(now);
    if (fresh) {
      return Future.succeededFuture();
    }
    if (refreshing == null) {
      refreshing = fetch().eventually(() -> {
        refreshing = null;
        return Future.succeededFuture();
      });
    }
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> done.tryComplete());
    refreshing.onComplete(ar -> {
      vertx.cancelTimer(timer);
      done.tryComplete();
    });
    return done.future();
  }

  private Future<Void> fetch() {
    dirty = false;
    Future<Void> s = client.get(STATUS_PATH).compose(v -> keep(STATUS, v)).map(v -> {
      status = v;
      return (Void) null;
    }).recover(e -> {
      status = status == null ? null : new LocalPages.Cached(status.value(), status.fetchedAt(), true);
      return Future.succeededFuture();
    });
    Future<Void> a = client.get(ADVISORIES_PATH).compose(v -> keep(ADVISORIES, v)).map(v -> {
      advisories = v;
      return (Void) null;
    }).recover(e -> {
      advisories = advisories == null ? null : new LocalPages.Cached(advisories.value(), advisories.fetchedAt(), true);
      return Future.succeededFuture();
    });
    return Future.all(s, a).mapEmpty();
  }

  private Future<LocalPages.Cached> keep(String key, JsonObject value) {
    Instant at = clock.instant();
    return db.write(c -> {
      state.putState(c, key, new JsonObject().put("fetchedAt", at.toString()).put("value", value).encode());
      return new LocalPages.Cached(value, at, false);
    });
  }

  /** The next page view asks the console again (after an acknowledgement or a consultation). */
  public void invalidate() {
    dirty = true;
  }
}
