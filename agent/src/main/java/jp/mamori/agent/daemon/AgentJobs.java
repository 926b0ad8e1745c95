package jp.mamori.agent.daemon;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.patrol.PatrolJob;
import jp.mamori.agent.rules.RuleSource;
import jp.mamori.agent.rules.RulesStore;
import jp.mamori.checks.web.Patrol;
import jp.mamori.checks.web.PatrolOptions;
import jp.mamori.checks.web.SystemResolver;

/** Which checks this box runs, derived from its configuration. */
public final class AgentJobs {
  private AgentJobs() {}

  public static List<ScheduledJob> fromConfig(AgentConfig config, Path dataDir, Clock clock, Random random) {
    return fromConfig(config, dataDir, clock, random, RuleSource.BUNDLED, new BoxHealth(clock));
  }

  /**
   * The jobs, taking their rule data from {@code rules} at every run (it changes when the console sends new data);
   * {@code health} hears about state files the jobs cannot write (a full disk, say).
   */
  public static List<ScheduledJob> fromConfig(AgentConfig config, Path dataDir, Clock clock, Random random, RuleSource rules,
      BoxHealth health) {
    List<ScheduledJob> jobs = new ArrayList<>();
    List<String> sites = config.list(AgentConfig.SITES);
    if (!sites.isEmpty()) {
      Duration jitter = Duration.ofMinutes(config.integer(AgentConfig.PATROL_JITTER_MINUTES, 30, 0, 180));
      PatrolOptions options = PatrolOptions.defaults().withIocFile(dataDir.resolve(RulesStore.IOCS));
      for (String raw : sites) {
        URI site;
        try {
          site = Patrol.siteUrl(raw);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("config key '" + AgentConfig.SITES + "': " + e.getMessage(), e);
        }
        // one schedule per site, each with its own jitter draw
        Schedule schedule = config.everyMinutes(AgentConfig.PATROL_EVERY_MINUTES, 1440).map(Schedule::every)
            .orElseGet(() -> Schedule.daily(config.patrolTimes(), config.patrolZone(), jitter, random));
        jobs.add(new ScheduledJob(new PatrolJob(site, PatrolJob.stateDirFor(dataDir, site), options, new SystemResolver(),
            clock, rules::webRules, health), schedule, true));
      }
    }
    jobs.addAll(jp.mamori.agent.lan.LanJobs.fromConfig(config, dataDir, clock, random, rules, health));
    return jobs;
  }
}
