package jp.mamori.agent.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;

/** Which checks this box runs, derived from its configuration. */
public final class AgentJobs {
  private AgentJobs() {}

  public static List<ScheduledJob> fromConfig(AgentConfig config, Path dataDir, Clock clock, Random random) {
    List<ScheduledJob> jobs = new ArrayList<>();
    jobs.addAll(jp.mamori.agent.lan.LanJobs.fromConfig(config, dataDir, clock, random));
    return jobs;
  }
}
