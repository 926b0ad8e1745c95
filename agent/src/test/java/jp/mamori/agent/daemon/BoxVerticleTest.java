package jp.mamori.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.health.BoxHealth;
import jp.mamori.agent.selfcheck.Attestation;
import jp.mamori.agent.selfcheck.AttestationStore;
import jp.mamori.agent.selfcheck.ClientInfo;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The box's pages are its face, but an enrolled box must keep checking and reporting when they cannot start. */
class BoxVerticleTest {
  @TempDir Path dir;

  private AgentConfig config(int localPort, boolean enrolled) {
    AgentConfig c = AgentConfig.empty().with(AgentConfig.DATA_DIR, dir.resolve("data").toString())
        .with("local.port", Integer.toString(localPort)).with("local.host", "127.0.0.1")
        .with(AgentConfig.RUN_ON_START, "false").with(AgentConfig.HEARTBEAT_SECONDS, "3600");
    return enrolled ? c.with(AgentConfig.CONSOLE_URL, "http://127.0.0.1:9/").with(AgentConfig.BOX_ID, "box-1")
        .with(AgentConfig.BOX_CREDENTIAL, "mbx1.box-1.secret") : c;
  }

  @Test
  void anEnrolledBoxWhosePortIsTakenRunsWithoutItsPagesAndSaysSo() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      BoxHealth health = new BoxHealth(Clock.systemUTC());
      BoxVerticle box = new BoxVerticle(config(taken.getLocalPort(), true), dir.resolve("agent.conf"), Clock.systemUTC(), new SecureRandom(),
          health);
      vertx.deployVerticle(box).await(60, TimeUnit.SECONDS);
      assertThat(box.localPort()).isEqualTo(-1);
      assertThat(health.problems()).singleElement().satisfies(p -> {
        assertThat(p.code()).isEqualTo("local-pages");
        assertThat(p.ja()).contains("ポート " + taken.getLocalPort());
      });
      assertThat(box.problems()).anyMatch(p -> p.code().equals("local-pages"));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnenrolledBoxWithoutItsSetupPageDoesNotStart() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      BoxVerticle box = new BoxVerticle(config(taken.getLocalPort(), false), dir.resolve("agent.conf"), Clock.systemUTC(), new SecureRandom());
      assertThatThrownBy(() -> vertx.deployVerticle(box).await(60, TimeUnit.SECONDS)).hasMessageContaining("Address already in use");
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A self-check stored but not sent (the power went while its findings waited in memory on a full disk, or the
   * box was enrolled after it) goes out when the box starts, not at the next daily run; one already sent does not.
   */
  @Test
  void selfChecksNotSentYetAreSentAtStartOnce() throws Exception {
    Path data = dir.resolve("data");
    java.nio.file.Files.createDirectories(data);
    new AttestationStore(data).put(new Attestation("3b8f6a52-0d3e-4a55-9a0e-6f3a7a1c2d4e", "受付のPC", "192.168.1.30",
        ClientInfo.parse("Mozilla/5.0 (Windows NT 6.1; rv:115.0) Gecko/20100101 Firefox/115.0", null, null), false, "no", "no", "no",
        Instant.now()));
    // a console that accepts connections and never answers: what the box found stays in its outbox
    try (ServerSocket console = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      AgentConfig c = config(0, true).with(AgentConfig.CONSOLE_URL, "http://127.0.0.1:" + console.getLocalPort() + "/");
      long first = startAndCountSelfCheckFindings(c, data);
      assertThat(first).as("the stored self-check's findings, written at start").isPositive();
      assertThat(startAndCountSelfCheckFindings(c, data)).as("a restart sends nothing twice").isEqualTo(first);
    }
  }

  private long startAndCountSelfCheckFindings(AgentConfig c, Path data) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      vertx.deployVerticle(new BoxVerticle(c, dir.resolve("agent.conf"), Clock.systemUTC(), new SecureRandom())).await(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      long n = 0;
      while (System.nanoTime() < deadline) {
        try (Connection db = Sqlite.openReader(data.resolve("outbox.db"))) {
          n = Jdbc.count(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'finding' AND body LIKE '%\"check\":\"pc.%'");
          if (n > 0 && Jdbc.count(db, "SELECT COUNT(*) FROM agent_state WHERE key = 'job.last-started.pc self-check'") > 0) {
            break;
          }
        } catch (java.sql.SQLException e) {
          // the box has not created its outbox yet
        }
        Thread.sleep(100);
      }
      Thread.sleep(1000);
      try (Connection db = Sqlite.openReader(data.resolve("outbox.db"))) {
        return Jdbc.count(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'finding' AND body LIKE '%\"check\":\"pc.%'");
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
