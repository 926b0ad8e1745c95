package jp.mamori.agent.local;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;
import jp.mamori.agent.outbox.Backoff;
import jp.mamori.common.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the owner's stored requests to the console, oldest first, one at a time; a network failure keeps
 * them for the next attempt (with backoff), a refusal keeps them too but never resends. Runs on the
 * verticle's context.
 */
public final class RequestSender {
  private static final Logger LOG = LoggerFactory.getLogger(RequestSender.class);
  static final Duration IDLE_POLL = Duration.ofMinutes(5);

  private final Vertx vertx;
  private final Database db;
  private final LocalRequests requests;
  private final ConsoleClient client;
  private final Backoff backoff;
  private final Map<String, List<Promise<LocalRequests.Request>>> waiting = new HashMap<>();
  private boolean busy;
  private boolean again;
  private boolean stopped;
  private long timer = -1;

  public RequestSender(Vertx vertx, Database db, LocalRequests requests, ConsoleClient client, Backoff backoff) {
    this.vertx = vertx;
    this.db = db;
    this.requests = requests;
    this.client = client;
    this.backoff = backoff;
  }

  /** Completes with the request's state after its next delivery attempt. */
  public Future<LocalRequests.Request> attempt(String id) {
    Promise<LocalRequests.Request> p = Promise.promise();
    waiting.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
    wake();
    return p.future();
  }

  public void wake() {
    if (stopped) {
      return;
    }
    if (busy) {
      again = true;
      return;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    busy = true;
    again = false;
    db.read(c -> requests.pending(c, 20)).compose(this::sendAll).onComplete(ar -> {
      busy = false;
      if (!(ar.succeeded() && ar.result() && again)) {
        answerWaiters();
      }
      if (stopped) {
        return;
      }
      if (ar.succeeded() && ar.result()) {
        backoff.reset();
        if (again) {
          wake();
        } else {
          later(IDLE_POLL);
        }
      } else {
        later(backoff.next());
      }
    });
  }

  /** True when every pending request was delivered or refused; false when the console could not be reached. */
  private Future<Boolean> sendAll(List<LocalRequests.Request> pending) {
    Future<Boolean> chain = Future.succeededFuture(true);
    for (LocalRequests.Request r : pending) {
      chain = chain.compose(ok -> ok ? send(r) : Future.succeededFuture(false));
    }
    return chain;
  }

  private Future<Boolean> send(LocalRequests.Request r) {
    return call(r).transform(ar -> {
      if (ar.succeeded()) {
        return db.write(c -> {
          requests.delivered(c, r.id(), ar.result());
          return true;
        });
      }
      Throwable e = ar.cause();
      boolean retry = !(e instanceof ConsoleException ce) || ce.retryable() || ce.authFailure();
      if (!retry) {
        LOG.error("the console refused the owner's {} {}: {}", r.kind(), r.id(), e.getMessage());
      }
      return db.write(c -> {
        if (retry) {
          requests.failed(c, r.id(), e.getMessage());
        } else {
          requests.refused(c, r.id(), e.getMessage());
        }
        return !retry;
      });
    }).compose(ok -> db.read(c -> requests.get(c, r.id()).orElseThrow()).map(now -> {
      List<Promise<LocalRequests.Request>> w = waiting.remove(r.id());
      if (w != null) {
        w.forEach(p -> p.tryComplete(now));
      }
      return ok;
    }));
  }

  private Future<JsonObject> call(LocalRequests.Request r) {
    JsonObject body = r.body().copy();
    if (r.kind().equals(LocalRequests.CONSULTATION)) {
      return client.post("/api/v1/box/consultations", body.put("requestId", r.id()));
    }
    long advisory = body.getLong("advisoryId");
    return client.post("/api/v1/box/advisories/" + advisory + "/ack", new JsonObject().put("by", body.getString("by")));
  }

  /** Requests a pass did not reach (the console went away before them) still answer their waiters. */
  private void answerWaiters() {
    for (String id : List.copyOf(waiting.keySet())) {
      db.read(c -> requests.get(c, id)).onComplete(ar -> {
        List<Promise<LocalRequests.Request>> w = waiting.remove(id);
        if (w != null) {
          w.forEach(p -> {
            if (ar.succeeded() && ar.result().isPresent()) {
              p.tryComplete(ar.result().get());
            } else {
              p.tryFail("no request " + id);
            }
          });
        }
      });
    }
  }

  private void later(Duration delay) {
    timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      timer = -1;
      wake();
    });
  }

  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    waiting.values().forEach(list -> list.forEach(p -> p.tryFail("the box is stopping")));
    waiting.clear();
  }
}
