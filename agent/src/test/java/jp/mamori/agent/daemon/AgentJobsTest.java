package jp.mamori.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.patrol.PatrolJob;
import org.junit.jupiter.api.Test;

class AgentJobsTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneId.of("UTC"));

  @Test
  void onePatrolPerSiteTwiceADayWithJitter() {
    AgentConfig config = AgentConfig.empty().with(AgentConfig.SITES, "https://www.yamada-seiko.jp, http://shop.example.jp/ec");
    List<ScheduledJob> jobs = AgentJobs.fromConfig(config, Path.of("/tmp/mamori-data"), clock, new Random(1));
    assertThat(jobs).hasSize(2);
    assertThat(jobs).extracting(j -> j.job().name())
        .containsExactly("patrol https://www.yamada-seiko.jp/", "patrol http://shop.example.jp/ec");
    assertThat(jobs).allMatch(ScheduledJob::runOnStart).allMatch(j -> j.job() instanceof PatrolJob);
    // 03:00Z is 12:00 in Tokyo: the next patrol is 18:00 JST plus at most 30 minutes
    Instant next = jobs.get(0).schedule().next(clock.instant());
    ZonedDateTime jst = next.atZone(ZoneId.of("Asia/Tokyo"));
    assertThat(jst.getHour()).isEqualTo(18);
    assertThat(Duration.between(jst.withMinute(0).withSecond(0).withNano(0), jst)).isLessThanOrEqualTo(Duration.ofMinutes(30));
    assertThat(jobs.get(0).job().recheckAfter()).isEmpty();
  }

  @Test
  void configurableTimesAndNoSitesNoJobs() {
    AgentConfig config = AgentConfig.empty().with(AgentConfig.SITES, "https://a.example.jp/")
        .with(AgentConfig.PATROL_TIMES, "07:30").with(AgentConfig.PATROL_JITTER_MINUTES, "0");
    Instant next = AgentJobs.fromConfig(config, Path.of("/tmp/d"), clock, new Random(1)).get(0).schedule()
        .next(clock.instant());
    assertThat(next.atZone(ZoneId.of("Asia/Tokyo")).toLocalTime().toString()).isEqualTo("07:30");
    assertThat(AgentJobs.fromConfig(AgentConfig.empty(), Path.of("/tmp/d"), clock, new Random(1))).isEmpty();
    assertThatThrownBy(() -> AgentJobs.fromConfig(AgentConfig.empty().with(AgentConfig.SITES, "ftp://x.jp"),
        Path.of("/tmp/d"), clock, new Random(1))).hasMessageContaining("sites");
  }

  @Test
  void labsMayPatrolEveryFewMinutes() {
    AgentConfig config = AgentConfig.empty().with(AgentConfig.SITES, "https://a.example.jp/")
        .with(AgentConfig.PATROL_TIMES, "07:30").with(AgentConfig.PATROL_EVERY_MINUTES, "3");
    Schedule s = AgentJobs.fromConfig(config, Path.of("/tmp/d"), clock, new Random(1)).get(0).schedule();
    assertThat(s.next(clock.instant())).isEqualTo(clock.instant().plus(Duration.ofMinutes(3)));
    assertThatThrownBy(() -> AgentJobs.fromConfig(config.with(AgentConfig.PATROL_EVERY_MINUTES, "1441"), Path.of("/tmp/d"), clock,
        new Random(1))).hasMessageContaining("patrol.every-minutes").hasMessageContaining("1441");
  }

  @Test
  void eachSiteKeepsItsStateInItsOwnDirectory() {
    Path a = PatrolJob.stateDirFor(Path.of("/data"), java.net.URI.create("https://www.a.jp/"));
    Path b = PatrolJob.stateDirFor(Path.of("/data"), java.net.URI.create("https://www.b.jp/shop/"));
    assertThat(a).isNotEqualTo(b);
    assertThat(a.startsWith(Path.of("/data/patrol"))).isTrue();
    assertThat(b.getFileName().toString()).doesNotContain("/");
  }
}
