package jp.mamori.agent.lan;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.Schedule;
import jp.mamori.agent.daemon.ScheduledJob;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.rules.RuleSource;
import jp.mamori.checks.lan.LanScanner;
import jp.mamori.checks.lan.Scope;
import jp.mamori.checks.lan.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LAN jobs a box runs: on the scope the owner consented to at enrollment, a full scan weekly and a light
 * one daily (during office hours, when the PCs are on); on explicitly configured host:port targets, a scan
 * at start and daily. No consent, a scope larger than /22 or outside RFC 1918 / ULA: no scope jobs at all.
 * Labs and benchmarks may ask for scans every N minutes ({@code lan.every-minutes}: full and target scans,
 * no separate light scan) and for a loopback scope ({@code lan.scope.allow-loopback}, inside a namespace lab).
 */
public final class LanJobs {
  private static final Logger LOG = LoggerFactory.getLogger(LanJobs.class);
  static final LocalTime LIGHT_AT = LocalTime.of(10, 30);
  static final DayOfWeek FULL_DAY = DayOfWeek.WEDNESDAY;
  static final LocalTime FULL_AT = LocalTime.of(13, 0);

  private LanJobs() {}

  public static List<ScheduledJob> fromConfig(AgentConfig config, Path dataDir, Clock clock, Random random, RuleSource rules,
      BoxHealth health) {
    List<ScheduledJob> jobs = new ArrayList<>();
    ZoneId zone = config.patrolZone();
    Duration jitter = Duration.ofMinutes(config.integer(AgentConfig.PATROL_JITTER_MINUTES, 20, 0, 180));
    Optional<Schedule> every = config.everyMinutes(AgentConfig.LAN_EVERY_MINUTES, 10080).map(Schedule::every);
    boolean loopback = config.bool(AgentConfig.LAN_SCOPE_ALLOW_LOOPBACK, false);
    config.get(AgentConfig.LAN_SCOPE).ifPresent(raw -> {
      if (config.get(AgentConfig.LAN_SCOPE_CONSENTED_AT).isEmpty()) {
        LOG.warn("LAN scope {} is configured but the owner has not consented ({} is empty): no LAN scans", raw,
            AgentConfig.LAN_SCOPE_CONSENTED_AT);
        return;
      }
      Scope scope;
      try {
        scope = Scope.parse(raw, loopback);
      } catch (IllegalArgumentException e) {
        boolean lab = !loopback && e.getMessage().contains("is loopback");
        LOG.error("LAN scope refused, no LAN scans: {}{}", e.getMessage(),
            lab ? " (a namespace lab may set " + AgentConfig.LAN_SCOPE_ALLOW_LOOPBACK + " = true)" : "");
        return;
      }
      if (scope.isLoopback()) {
        LOG.warn("LAN scope {} is loopback ({} = true): for namespace labs and benchmarks only", scope,
            AgentConfig.LAN_SCOPE_ALLOW_LOOPBACK);
      }
      LanScanner.Options full = LanScanner.Options.scope(scope);
      jobs.add(new ScheduledJob(new LanScanJob("lan full " + scope, full, dataDir, clock, rules, health),
          every.orElseGet(() -> weekly(FULL_DAY, FULL_AT, zone, jitter, random)), true));
      if (every.isEmpty()) {
        // at a fast lab pace the full scan already covers what the light one looks at
        jobs.add(new ScheduledJob(new LanScanJob("lan light " + scope, full.withLight(true), dataDir, clock, rules, health),
            Schedule.daily(List.of(LIGHT_AT), zone, jitter, random), false));
      }
    });
    config.get(AgentConfig.LAN_TARGETS).ifPresent(raw -> {
      List<Target> targets;
      try {
        targets = Target.parseList(raw);
        for (Target t : targets) {
          if (!t.host().isLoopbackAddress() && !Scope.isPrivate(t.host())) {
            throw new IllegalArgumentException("target " + t + " is not a private or loopback address");
          }
        }
      } catch (IllegalArgumentException e) {
        LOG.error("{} refused, no target scans: {}", AgentConfig.LAN_TARGETS, e.getMessage());
        return;
      }
      jobs.add(new ScheduledJob(new LanScanJob("lan targets " + raw.replaceAll("\\s+", ""), LanScanner.Options.targets(targets),
          dataDir, clock, rules, health), every.orElseGet(() -> Schedule.daily(List.of(LIGHT_AT), zone, jitter, random)), true));
    });
    return jobs;
  }

  static Schedule weekly(DayOfWeek day, LocalTime at, ZoneId zone, Duration jitter, Random random) {
    return now -> {
      ZonedDateTime local = now.atZone(zone);
      ZonedDateTime next = local.with(TemporalAdjusters.nextOrSame(day)).with(at);
      if (!next.toInstant().isAfter(now)) {
        next = next.plusWeeks(1);
      }
      long jitterMs = jitter.toMillis() <= 0 ? 0 : (long) (random.nextDouble() * jitter.toMillis());
      Instant out = next.toInstant().plusMillis(jitterMs);
      return out;
    };
  }
}
