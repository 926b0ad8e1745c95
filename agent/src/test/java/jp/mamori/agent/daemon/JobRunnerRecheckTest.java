package jp.mamori.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.outbox.Backoff;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.agent.outbox.OutboxSender;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.common.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that saw something it must confirm (an outage seen once) is run again after the delay it asks for. */
class JobRunnerRecheckTest {
  @TempDir
  Path tmp;

  @Test
  void runsTheConfirmingReCheckOnce() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Clock clock = Clock.systemUTC();
      Database db = Database.open(vertx, tmp.resolve("outbox.db"), getClass().getClassLoader(), Outbox.MIGRATIONS, 0);
      Outbox outbox = new Outbox(clock);
      // nothing listens on port 1 of loopback: deliveries just wait in the outbox
      ConsoleClient client = new ConsoleClient(vertx, URI.create("http://127.0.0.1:1/"), Optional.empty(), "x",
          Duration.ofSeconds(1));
      OutboxSender sender = new OutboxSender(vertx, db, outbox, client, 10,
          new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), new Random(1)), clock);
      WorkerExecutor probes = vertx.createSharedWorkerExecutor("test-probes", 1);
      JobRunner runner = new JobRunner(vertx, probes, db, outbox, sender, clock);
      AtomicInteger runs = new AtomicInteger();
      CheckJob job = new CheckJob() {
        @Override
        public String name() {
          return "patrol https://flaky.example.jp/";
        }

        @Override
        public CheckRun run() {
          runs.incrementAndGet();
          return new CheckRun(UUID.randomUUID(), List.of("web.unreachable"), List.of("https://flaky.example.jp/"),
              Instant.now(), Instant.now(), List.of());
        }

        @Override
        public Optional<Duration> recheckAfter() {
          return runs.get() == 1 ? Optional.of(Duration.ofMillis(200)) : Optional.empty();
        }
      };
      runner.runNow(job).await(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (runs.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(runs.get()).isEqualTo(2);
      Thread.sleep(500);
      assertThat(runs.get()).as("the confirming run asks for nothing more").isEqualTo(2);
      runner.stop();
      sender.stop();
      db.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
