package jp.mamori.agent.daemon;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the console every interval that the box is alive, with its status; runs the commands it answers with. */
public final class Heartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

  private final Vertx vertx;
  private final ConsoleClient client;
  private final Duration interval;
  private final Clock clock;
  private final Supplier<Future<JsonObject>> status;
  private final Consumer<JsonObject> commands;
  private long timer = -1;
  private volatile Instant lastOk;
  private volatile String lastError;
  private volatile Duration clockSkew = Duration.ZERO;
  private volatile Consumer<JsonObject> answers = a -> {};
  private volatile Instant failingSince;
  private volatile boolean refused;

  public Heartbeat(Vertx vertx, ConsoleClient client, Duration interval, Clock clock, Supplier<Future<JsonObject>> status,
      Consumer<JsonObject> commands) {
    this.vertx = vertx;
    this.client = client;
    this.interval = interval;
    this.clock = clock;
    this.status = status;
    this.commands = commands;
  }

  public void start() {
    beat();
    timer = vertx.setPeriodic(interval.toMillis(), id -> beat());
  }

  private void beat() {
    status.get().compose(client::heartbeat).onSuccess(answer -> {
      lastOk = clock.instant();
      lastError = null;
      failingSince = null;
      refused = false;
      String serverTime = answer.getString("serverTime");
      if (serverTime != null) {
        clockSkew = Duration.between(Instant.parse(serverTime), clock.instant());
      }
      answers.accept(answer);
      JsonArray cmds = answer.getJsonArray("commands", new JsonArray());
      for (int i = 0; i < cmds.size(); i++) {
        commands.accept(cmds.getJsonObject(i));
      }
    }).onFailure(e -> {
      if (failingSince == null) {
        failingSince = clock.instant();
      }
      refused = e instanceof ConsoleException ce && ce.authFailure();
      if (lastError == null || !lastError.equals(e.getMessage())) {
        if (e instanceof ConsoleException ce && ce.authFailure()) {
          LOG.error("heartbeat refused: {}", e.getMessage());
        } else {
          LOG.warn("heartbeat failed: {}", e.getMessage());
        }
      }
      lastError = e.getMessage();
    });
  }

  /** Also shows every answer to {@code listener} (the rules updater reads the announced {@code rulesVersion}). */
  public void onAnswer(Consumer<JsonObject> listener) {
    this.answers = listener;
  }

  public Instant lastOk() {
    return lastOk;
  }

  public String lastError() {
    return lastError;
  }

  /** When the heartbeats started failing (null while they succeed). */
  public Instant failingSince() {
    return failingSince;
  }

  /** The last heartbeat was refused for the credential (revoked or unknown box). */
  public boolean refused() {
    return refused;
  }

  /** Box clock minus console clock, from the last answer. */
  public Duration clockSkew() {
    return clockSkew;
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
