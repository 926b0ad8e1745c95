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
import jp.mamori.checks.web.Patrol;
import jp.mamori.checks.web.PatrolOptions;
import jp.mamori.checks.web.SystemResolver;

/** Which checks this box runs, derived from its configuration. */
public final class AgentJobs {
  private AgentJobs() {}

  public static List<ScheduledJob> fromConfig(AgentConfig config, Path dataDir, Clock clock, Random random) {
    return fromConfig(config, dataDir, clock, random, new BoxHealth(clock));
  }

  /** {@code health} hears about state files the jobs cannot write (a full disk, say). */
  public static List<ScheduledJob> fromConfig(AgentConfig config, Path dataDir, Clock clock, Random random, BoxHealth health) {
    List<ScheduledJob> jobs = new ArrayList<>();
    List<String> sites = config.list(AgentConfig.SITES);
    if (!sites.isEmpty()) {
      Duration jitter = Duration.ofMinutes(config.integer(AgentConfig.PATROL_JITTER_MINUTES, 30, 0, 180));
      PatrolOptions options = PatrolOptions.defaults().withIocFile(dataDir.resolve("iocs.json"));
      for (String raw : sites) {
        URI site;
        try {
          site = Patrol.siteUrl(raw);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("config key '" + AgentConfig.SITES + "': " + e.getMessage(), e);
        }
        // one schedule per site, each with its own jitter draw
        Schedule schedule = Schedule.daily(config.patrolTimes(), config.patrolZone(), jitter, random);
        jobs.add(new ScheduledJob(new PatrolJob(site, PatrolJob.stateDirFor(dataDir, site), options, new SystemResolver(),
            clock, health), schedule, true));
      }
    }
    jobs.addAll(jp.mamori.agent.lan.LanJobs.fromConfig(config, dataDir, clock, random, health));
    return jobs;
  }
}
