package jp.mamori.agent.patrol;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import jp.mamori.agent.daemon.CheckJob;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.web.Patrol;
import jp.mamori.checks.web.PatrolOptions;
import jp.mamori.checks.web.PatrolState;
import jp.mamori.checks.web.SiteResolver;
import jp.mamori.checks.web.WebRules;

/** The daemon's patrol of one site; an outage seen once asks the runner for a confirming re-check. */
public final class PatrolJob implements CheckJob {
  private final URI site;
  private final Path stateDir;
  private final PatrolOptions options;
  private final SiteResolver resolver;
  private final Clock clock;
  private final Supplier<WebRules> rules;
  private final BoxHealth health;
  private volatile Duration recheck;

  public PatrolJob(URI site, Path stateDir, PatrolOptions options, SiteResolver resolver, Clock clock) {
    this(site, stateDir, options, resolver, clock, WebRules::get, new BoxHealth(clock));
  }

  /** {@code rules}: asked at every run, so rule data the console sent meanwhile is used; {@code health} hears when state cannot be saved. */
  public PatrolJob(URI site, Path stateDir, PatrolOptions options, SiteResolver resolver, Clock clock, Supplier<WebRules> rules,
      BoxHealth health) {
    this.rules = rules;
    this.site = site;
    this.stateDir = stateDir;
    this.options = options;
    this.resolver = resolver;
    this.clock = clock;
    this.health = health;
  }

  /** Each site's state lives in its own directory under the data dir, named after the site. */
  public static Path stateDirFor(Path dataDir, URI site) {
    String name = site.toString().replaceFirst("^https?://", "").replaceAll("[^A-Za-z0-9.-]+", "_");
    return dataDir.resolve("patrol").resolve(name.length() > 100 ? name.substring(0, 100) : name);
  }

  @Override
  public String name() {
    return "patrol " + site;
  }

  @Override
  public CheckRun run() throws Exception {
    Patrol.Result r = new Patrol(options, resolver, clock, rules.get()).run(site, stateDir);
    recheck = r.recheckAfter();
    Path state = stateDir.resolve(PatrolState.FILE);
    if (r.stateError() != null) {
      health.fileWriteFailed(state, r.stateError());
    } else {
      health.fileWritten(state);
    }
    return r.run();
  }

  @Override
  public Optional<Duration> recheckAfter() {
    return Optional.ofNullable(recheck);
  }
}
