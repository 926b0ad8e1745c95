package jp.mamori.agent.rules;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.console.ConsoleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the box's rule data current: re-verifies what is on disk at start, fetches {@code GET /api/v1/box/rules}
 * right after and then every few hours (jittered, so a chamber's boxes do not come at once), and sooner when a
 * heartbeat answer announces another version. An up-to-date box sends {@code ?since=<version>} and gets 304.
 */
public final class RulesUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(RulesUpdater.class);
  public static final String PATH = "/api/v1/box/rules";
  /** After a failed fetch, a heartbeat's announcement is acted on again only after this. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final ConsoleClient client;
  private final Rules rules;
  private final Duration interval;
  private final Random random;
  private final Clock clock;
  private long timer = -1;
  private boolean fetching;
  private boolean stopped;
  private Instant lastFailure;
  private String logged;

  public RulesUpdater(Vertx vertx, ConsoleClient client, Rules rules, Duration interval, Random random, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.rules = rules;
    this.interval = interval;
    this.random = random;
    this.clock = clock;
  }

  /** The updater of a box: key and key id pinned at enrollment, data in {@code DATA_DIR/rules/}, {@code rules.check-hours}. */
  public static RulesUpdater fromConfig(Vertx vertx, ConsoleClient client, AgentConfig config, Path dataDir, Random random, Clock clock) {
    RulesVerifier verifier = new RulesVerifier(config.get(AgentConfig.RULES_PUBLIC_KEY).orElse(null),
        config.get(AgentConfig.RULES_KEY_ID).orElse(null));
    return new RulesUpdater(vertx, client, new Rules(verifier, new RulesStore(dataDir)),
        Duration.ofHours(config.integer(AgentConfig.RULES_CHECK_HOURS, 6, 1, 168)), random, clock);
  }

  public Rules rules() {
    return rules;
  }

  /** Loads and re-verifies the stored rule data (completes before any check needs it), then starts fetching. */
  public Future<Void> start() {
    return vertx.executeBlocking(() -> {
      rules.load();
      return null;
    }, false).<Void>mapEmpty().recover(e -> {
      rules.recordError("cannot read the stored rule data, using the bundled data: " + e.getMessage());
      return Future.succeededFuture();
    }).onSuccess(v -> {
      Long version = rules.version();
      if (version != null) {
        LOG.info("rule data version {} (issued {}) verified and in use", version, rules.statusJson().getString("rulesIssuedAt"));
      }
      report(false);
      if (rules.canUpdate()) {
        fetch();
        scheduleNext();
      }
    });
  }

  private void scheduleNext() {
    if (stopped) {
      return;
    }
    long ms = (long) (interval.toMillis() * (0.75 + 0.5 * random.nextDouble()));
    timer = vertx.setTimer(Math.max(1, ms), id -> {
      fetch();
      scheduleNext();
    });
  }

  /** Every heartbeat answer: {@code rulesVersion} other than the one in use means the box should fetch now. */
  public void onHeartbeat(JsonObject answer) {
    if (!(answer.getValue("rulesVersion") instanceof Number announced) || !rules.canUpdate() || fetching || stopped) {
      return;
    }
    Long have = rules.version();
    if (have != null && have == announced.longValue()) {
      return;
    }
    if (lastFailure != null && clock.instant().isBefore(lastFailure.plus(RETRY_AFTER))) {
      return;
    }
    LOG.info("console announces rule data version {} (this box uses {}): fetching", announced, have == null ? "its bundled data" : have);
    fetch();
  }

  /** One fetch; completes with what it did (a refusal or a network error fails it, and is in the status). */
  public Future<Rules.Outcome> fetch() {
    if (fetching || stopped) {
      return Future.failedFuture(new IllegalStateException(stopped ? "stopped" : "a rules fetch is already running"));
    }
    fetching = true;
    Long have = rules.version();
    return client.get(have == null ? PATH : PATH + "?since=" + have)
        .recover(e -> e instanceof ConsoleException ce && ce.status() == 304 ? Future.succeededFuture(null) : Future.failedFuture(e))
        .compose(envelope -> {
          if (envelope == null) {
            rules.upToDate();
            return Future.succeededFuture(Rules.Outcome.UNCHANGED);
          }
          String text = envelope.encode();
          return vertx.executeBlocking(() -> rules.accept(text), false);
        })
        .onSuccess(outcome -> {
          lastFailure = null;
          if (outcome == Rules.Outcome.INSTALLED) {
            LOG.info("rule data version {} (issued {}) verified and in use", rules.version(), rules.statusJson().getString("rulesIssuedAt"));
          }
        })
        .onFailure(e -> {
          lastFailure = clock.instant();
          if (!(e instanceof RulesException)) {
            rules.recordError("cannot fetch rule data: " + e.getMessage());
          }
        })
        .onComplete(ar -> {
          fetching = false;
          report(ar.failed() && !(ar.cause() instanceof RulesException));
        });
  }

  /**
   * Logs each new error once (a box that keeps failing the same way does not fill its journal); a console out of
   * reach is a warning, as for the heartbeat, while refused data is an error.
   */
  private void report(boolean unreachable) {
    String error = rules.error();
    if (error != null && !error.equals(logged)) {
      if (unreachable) {
        LOG.warn("rule data: {}", error);
      } else {
        LOG.error("rule data: {}", error);
      }
    }
    logged = error;
  }

  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
