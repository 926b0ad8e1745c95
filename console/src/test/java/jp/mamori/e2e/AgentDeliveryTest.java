package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.daemon.AgentVerticle;
import jp.mamori.agent.enroll.EnrollCommand;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent daemon drains its outbox into the real console, heartbeats, and keeps what the console refused. */
class AgentDeliveryTest {
  @TempDir Path tmp;

  @Test
  void daemonDeliversEverythingOnceAndShowsOnline() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", null);
      long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
      Path config = tmp.resolve("box/agent.conf");
      int code = new EnrollCommand().run(List.of("--console", console.url(), "--token", console.enrollmentToken(sme, admin),
          "--config", config.toString()), new PrintStream(new ByteArrayOutputStream()), System.err);
      assertThat(code).isZero();
      // a start with a backlog waits a random pause first (a fleet coming back spreads out); not what this test is about
      AgentConfig cfg = AgentConfig.load(config).with(AgentConfig.OUTBOX_BATCH, "50").with(AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS, "0");
      cfg.save(config);
      Findings.fillOutbox(cfg.dataDir(config).resolve("outbox.db"), Findings.spread(500, 25, Instant.parse("2026-11-22T00:00:00Z")));

      String deployment = console.vertx.deployVerticle(new AgentVerticle(cfg, config, Clock.systemUTC(), new SecureRandom()))
          .await(30, TimeUnit.SECONDS);
      long deadline = System.currentTimeMillis() + 30_000;
      while (Findings.outboxDepth(cfg.dataDir(config).resolve("outbox.db")) > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Findings.outboxDepth(cfg.dataDir(config).resolve("outbox.db"))).isZero();
      assertThat(console.count("SELECT COUNT(*) FROM findings")).isEqualTo(500);
      assertThat(console.count("SELECT SUM(occurrences) FROM alerts")).isEqualTo(500);
      assertThat(console.count("SELECT COUNT(*) FROM alerts")).isEqualTo(25);
      assertThat(console.count("SELECT COUNT(*) FROM tickets")).isEqualTo(5);
      JsonObject status = console.read(c -> Jdbc.one(c, "SELECT status_json FROM boxes WHERE last_heartbeat_at IS NOT NULL",
          rs -> new JsonObject(rs.getString(1))).orElseThrow());
      assertThat(status.getString("agentVersion")).isNotBlank();
      console.vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBacklogIsReplayedNoFasterThanTheConfiguredRate() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      long chamber = console.chamber("pace-test", "速度テスト商工会議所");
      long sme = console.sme(chamber, "さくら製作所", null);
      long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
      Path config = tmp.resolve("box/agent.conf");
      assertThat(new EnrollCommand().run(List.of("--console", console.url(), "--token", console.enrollmentToken(sme, admin),
          "--config", config.toString()), new PrintStream(new ByteArrayOutputStream()), System.err)).isZero();
      AgentConfig cfg = AgentConfig.load(config).with(AgentConfig.OUTBOX_BATCH, "25").with(AgentConfig.OUTBOX_REPLAY_RATE, "100")
          .with(AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS, "0");
      cfg.save(config);
      Path outbox = cfg.dataDir(config).resolve("outbox.db");
      Findings.fillOutbox(outbox, Findings.spread(300, 10, Instant.parse("2026-11-22T00:00:00Z")));
      String deployment = console.vertx.deployVerticle(new AgentVerticle(cfg, config, Clock.systemUTC(), new SecureRandom()))
          .await(30, TimeUnit.SECONDS);
      long deadline = System.currentTimeMillis() + 60_000;
      while (Findings.outboxDepth(outbox) > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Findings.outboxDepth(outbox)).isZero();
      assertThat(console.count("SELECT COUNT(*) FROM findings")).isEqualTo(300);
      // the full bucket lets two batches go back to back, the other 250 items follow at 100 a second
      long spread = console.count("SELECT MAX(received_at) - MIN(received_at) FROM findings");
      assertThat(spread).as("ms between the first and the last receipt").isGreaterThanOrEqualTo(2_500);
      console.vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    }
  }
}
