package jp.mamori.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.health.BoxHealth;
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
}
