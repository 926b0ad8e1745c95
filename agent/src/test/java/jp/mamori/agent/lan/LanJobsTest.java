package jp.mamori.agent.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.AgentJobs;
import jp.mamori.agent.daemon.ScheduledJob;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.testing.OwnNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanJobsTest {
  @BeforeAll
  static void onlyInItsOwnNetwork() {
    OwnNetwork.require("LanJobsTest");
  }

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

  private List<ScheduledJob> jobs(AgentConfig c, Path dir) {
    return AgentJobs.fromConfig(c, dir, clock, new Random(1));
  }

  @Test
  void scopeNeedsConsentAndStaysPrivateAndSmall(@TempDir Path dir) {
    AgentConfig base = AgentConfig.empty().with(AgentConfig.LAN_SCOPE, "192.168.10.0/24");
    assertThat(jobs(base, dir)).isEmpty();
    AgentConfig consented = base.with(AgentConfig.LAN_SCOPE_CONSENTED_AT, "2026-11-01T10:00:00+09:00");
    assertThat(jobs(consented, dir)).extracting(j -> j.job().name())
        .containsExactly("lan full 192.168.10.0/24", "lan light 192.168.10.0/24");
    assertThat(jobs(consented, dir).get(0).runOnStart()).isTrue();
    assertThat(jobs(consented.with(AgentConfig.LAN_SCOPE, "192.168.0.0/21"), dir)).isEmpty();
    assertThat(jobs(consented.with(AgentConfig.LAN_SCOPE, "203.0.113.0/24"), dir)).isEmpty();
    assertThat(jobs(consented.with(AgentConfig.LAN_SCOPE, "127.0.0.0/24"), dir)).as("no loopback in the product").isEmpty();
  }

  @Test
  void fullScanIsWeeklyAndLightDailyInOfficeHours(@TempDir Path dir) {
    List<ScheduledJob> j = jobs(AgentConfig.empty().with(AgentConfig.LAN_SCOPE, "10.0.0.0/24")
        .with(AgentConfig.LAN_SCOPE_CONSENTED_AT, "2026-11-01").with(AgentConfig.PATROL_JITTER_MINUTES, "0"), dir);
    Instant sunday = Instant.parse("2026-11-22T03:00:00Z");
    assertThat(j.get(0).schedule().next(sunday)).isEqualTo(Instant.parse("2026-11-25T04:00:00Z"));
    assertThat(j.get(1).schedule().next(sunday)).isEqualTo(Instant.parse("2026-11-23T01:30:00Z"));
  }

  @Test
  void labsMayScanLoopbackEveryFewMinutesOnlyWhenTheyAskForIt(@TempDir Path dir) {
    AgentConfig lab = AgentConfig.empty().with(AgentConfig.LAN_SCOPE, "127.0.0.0/27")
        .with(AgentConfig.LAN_SCOPE_CONSENTED_AT, "2026-11-01T10:00:00+09:00");
    assertThat(jobs(lab, dir)).isEmpty();
    assertThat(jobs(lab.with(AgentConfig.LAN_SCOPE_ALLOW_LOOPBACK, "false"), dir)).isEmpty();
    AgentConfig allowed = lab.with(AgentConfig.LAN_SCOPE_ALLOW_LOOPBACK, "true");
    assertThat(jobs(allowed, dir)).extracting(j -> j.job().name())
        .containsExactly("lan full 127.0.0.0/27", "lan light 127.0.0.0/27");
    assertThat(jobs(allowed.with(AgentConfig.LAN_SCOPE, "8.8.8.0/27"), dir)).as("still never public").isEmpty();

    List<ScheduledJob> fast = jobs(allowed.with(AgentConfig.LAN_EVERY_MINUTES, "5").with(AgentConfig.LAN_TARGETS, "127.0.0.1:22"), dir);
    assertThat(fast).extracting(j -> j.job().name()).containsExactly("lan full 127.0.0.0/27", "lan targets 127.0.0.1:22");
    Instant now = clock.instant();
    assertThat(fast).allSatisfy(j -> assertThat(j.schedule().next(now)).isEqualTo(now.plusSeconds(300)));
    assertThat(fast).allMatch(ScheduledJob::runOnStart);

    assertThatThrownBy(() -> jobs(allowed.with(AgentConfig.LAN_EVERY_MINUTES, "0"), dir))
        .hasMessageContaining("lan.every-minutes").hasMessageContaining("between 1 and 10080");
    assertThatThrownBy(() -> jobs(allowed.with(AgentConfig.LAN_EVERY_MINUTES, "often"), dir))
        .hasMessageContaining("lan.every-minutes").hasMessageContaining("'often'");
  }

  @Test
  void explicitTargetsJobProbesExactlyThem(@TempDir Path dir) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            s.getOutputStream().write("SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().read();
          } catch (Exception e) {
            // next connection
          }
        }
      });
      t.setDaemon(true);
      t.start();
      String target = "127.0.0.1:" + server.getLocalPort();
      List<ScheduledJob> j = jobs(AgentConfig.empty().with(AgentConfig.LAN_TARGETS, target), dir);
      assertThat(j).singleElement().satisfies(s -> assertThat(s.runOnStart()).isTrue());
      CheckRun run = j.get(0).job().run();
      assertThat(run.targets()).containsExactly(target);
      assertThat(run.checks()).containsExactly("lan.");
      assertThat(run.findings()).anyMatch(f -> f.check().equals("lan.eol-software") && f.target().equals(target));
      assertThat(run.report().covers("lan.eol-software", target)).isTrue();
      assertThat(run.report().covers("lan.no-auth", "127.0.0.1:1")).isFalse();
    }
    assertThat(jobs(AgentConfig.empty().with(AgentConfig.LAN_TARGETS, "8.8.8.8:53"), dir)).isEmpty();
  }

  @Test
  void cliRefusesPublicAndLargeScopesBeforeProbing() throws Exception {
    for (String scope : new String[] {"8.8.8.0/24", "192.168.0.0/21", "example.jp/24"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = jp.mamori.agent.MainAccess.run(List.of("scan-lan", "--scope", scope, "--json"), new PrintStream(out), new PrintStream(err));
      assertThat(code).as(scope).isEqualTo(2);
      assertThat(out.size()).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).contains(scope.split("/")[0]);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(jp.mamori.agent.MainAccess.run(List.of("scan-lan", "--json"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--scope").contains("--targets");
  }
}
