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

  /** A box enrolled with the CLI, these config keys, {@code findings} in its outbox; the daemon runs until the outbox is empty. */
  record Box(AgentConfig config, Path outbox, String deployment) {}

  Box deliverAll(ConsoleHarness console, int findings, int problems, String... keyValues) throws Exception {
    long chamber = console.chamber("delivery-test", "配送テスト商工会議所");
    long sme = console.sme(chamber, "さくら製作所", null);
    long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
    Path config = tmp.resolve("box/agent.conf");
    int code = new EnrollCommand().run(List.of("--console", console.url(), "--token", console.enrollmentToken(sme, admin),
        "--config", config.toString()), new PrintStream(new ByteArrayOutputStream()), System.err);
    assertThat(code).isZero();
    AgentConfig cfg = AgentConfig.load(config);
    for (int i = 0; i < keyValues.length; i += 2) {
      cfg = cfg.with(keyValues[i], keyValues[i + 1]);
    }
    cfg.save(config);
    Path outbox = cfg.dataDir(config).resolve("outbox.db");
    Findings.fillOutbox(outbox, Findings.spread(findings, problems, Instant.parse("2026-11-22T00:00:00Z")));
    String deployment = console.vertx.deployVerticle(new AgentVerticle(cfg, config, Clock.systemUTC(), new SecureRandom()))
        .await(30, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 60_000;
    while (Findings.outboxDepth(outbox) > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(Findings.outboxDepth(outbox)).isZero();
    assertThat(console.count("SELECT COUNT(*) FROM findings")).isEqualTo(findings);
    return new Box(cfg, outbox, deployment);
  }

  @Test
  void daemonDeliversEverythingOnceAndShowsOnline() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      // a start with a backlog waits a random pause first (a fleet coming back spreads out); not what this test is about
      Box box = deliverAll(console, 500, 25, AgentConfig.OUTBOX_BATCH, "50", AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS, "0");
      assertThat(console.count("SELECT SUM(occurrences) FROM alerts")).isEqualTo(500);
      assertThat(console.count("SELECT COUNT(*) FROM alerts")).isEqualTo(25);
      assertThat(console.count("SELECT COUNT(*) FROM tickets")).isEqualTo(5);
      JsonObject status = console.read(c -> Jdbc.one(c, "SELECT status_json FROM boxes WHERE last_heartbeat_at IS NOT NULL",
          rs -> new JsonObject(rs.getString(1))).orElseThrow());
      assertThat(status.getString("agentVersion")).isNotBlank();
      console.vertx.undeploy(box.deployment()).await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBacklogIsReplayedNoFasterThanTheConfiguredRate() throws Exception {
    try (ConsoleHarness console = new ConsoleHarness(tmp.resolve("console"), Clock.systemUTC())) {
      Box box = deliverAll(console, 300, 10, AgentConfig.OUTBOX_BATCH, "25", AgentConfig.OUTBOX_REPLAY_RATE, "100",
          AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS, "0");
      // the full bucket lets two batches go back to back, the other 250 items follow at 100 a second
      long spread = console.count("SELECT MAX(received_at) - MIN(received_at) FROM findings");
      assertThat(spread).as("ms between the first and the last receipt").isGreaterThanOrEqualTo(2_500);
      console.vertx.undeploy(box.deployment()).await(30, TimeUnit.SECONDS);
    }
  }
}
