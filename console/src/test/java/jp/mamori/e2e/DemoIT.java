package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jp.mamori.console.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command: the printed URL and credentials work and the box comes online. */
class DemoIT {
  @TempDir Path tmp;

  @Test
  void demoPrintsAWorkingUrlAndLoginAndTheBoxComesOnline() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (JarProcess demo = JarProcess.start(JarProcess.CONSOLE_JAR, tmp.resolve("demo.log"), "demo", "--port", "0",
        "--data", tmp.resolve("data").toString())) {
      String url = demo.await(Pattern.compile("(http://\\S+)"), 90);
      String password = demo.await(Pattern.compile("advisor@demo\\.mamori\\.jp\\s+パスワード / password: (\\S+)"), 30);
      ApiClient advisor = new ApiClient(vertx, url).login("advisor@demo.mamori.jp", password);
      assertThat(advisor.get("/api/v1/me").bodyAsJsonObject().getString("role")).isEqualTo("advisor");
      long deadline = System.currentTimeMillis() + 90_000;
      double online = 0;
      while (System.currentTimeMillis() < deadline && online < 1) {
        online = metric(advisor.get("/metrics").bodyAsString(), "mamori_boxes_online");
        Thread.sleep(500);
      }
      assertThat(online).as("box online within 90 s; see " + tmp.resolve("demo.log")).isGreaterThanOrEqualTo(1);
      double tickets = 0;
      while (System.currentTimeMillis() < deadline && tickets < 1) {
        tickets = metric(advisor.get("/metrics").bodyAsString(), "mamori_tickets_open");
        Thread.sleep(500);
      }
      assertThat(tickets).as("a ticket opened from the planted weaknesses within 90 s").isGreaterThanOrEqualTo(1);
      assertThat(advisor.get("/api/v1/tickets").bodyAsJsonArray()).isNotEmpty();
      assertThat(demo.await(Pattern.compile("(準備完了 / ready)"), 30)).isNotNull();
      assertThat(advisor.get("/boxes").bodyAsString()).contains("さくら製作所").contains("稼働中");
      List<ProcessHandle> agent = demo.children();
      assertThat(agent).as("the demo runs the agent as a child process").isNotEmpty();
      assertThat(demo.stop()).as("Ctrl-C/SIGTERM ends the demo").isIn(0, 130, 143);
      for (ProcessHandle h : agent) {
        h.onExit().get(30, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  static double metric(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst().orElse(0);
  }
}
