package jp.mamori.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.agent.console.ConsoleClient;
import jp.mamori.agent.outbox.Backoff;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.agent.outbox.OutboxSender;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.common.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
  @TempDir
  Path tmp;

  Vertx vertx;
  Database db;
  OutboxSender sender;
  JobRunner runner;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Clock clock = Clock.systemUTC();
    db = Database.open(vertx, tmp.resolve("outbox.db"), getClass().getClassLoader(), Outbox.MIGRATIONS, 0);
    Outbox outbox = new Outbox(clock);
    // nothing listens on port 1 of loopback: deliveries just wait in the outbox
    ConsoleClient client = new ConsoleClient(vertx, URI.create("http://127.0.0.1:1/"), Optional.empty(), "x", Duration.ofSeconds(1));
    sender = new OutboxSender(vertx, db, outbox, client, 10, new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5), new Random(1)),
        clock);
    runner = new JobRunner(vertx, vertx.createSharedWorkerExecutor("test-probes", 1), db, outbox, sender, clock);
  }

  @AfterEach
  void stop() throws Exception {
    runner.stop();
    sender.stop();
    db.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** A job that saw something it must confirm (an outage seen once) is run again after the delay it asks for. */
  @Test
  void runsTheConfirmingReCheckOnce() throws Exception {
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
    waitFor(() -> runs.get() >= 2);
    assertThat(runs.get()).isEqualTo(2);
    Thread.sleep(500);
    assertThat(runs.get()).as("the confirming run asks for nothing more").isEqualTo(2);
  }

  /** Input that arrives while its job runs (PCs taking the self-check one after another) gets one more run, not none. */
  @Test
  void requestsDuringARunGiveExactlyOneMoreRunThatSeesThem() throws Exception {
    List<String> inbox = new CopyOnWriteArrayList<>();
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    CountDownLatch firstRunReading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CheckJob job = new CheckJob() {
      @Override
      public String name() {
        return "pc self-check";
      }

      @Override
      public CheckRun run() throws Exception {
        List<String> read = new ArrayList<>(inbox);
        if (seen.isEmpty()) {
          firstRunReading.countDown();
          release.await(10, TimeUnit.SECONDS);
        }
        seen.add(read);
        return new CheckRun(UUID.randomUUID(), List.of("pc."), List.of("pc-self-check"), Instant.now(), Instant.now(), List.of());
      }
    };
    inbox.add("PC-1");
    runner.runSoon(job);
    assertThat(firstRunReading.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 2; i <= 4; i++) {
      inbox.add("PC-" + i);
      runner.runSoon(job);
    }
    release.countDown();
    waitFor(() -> seen.size() >= 2);
    Thread.sleep(500);
    assertThat(seen).as("one run as asked, one more for what came while it ran")
        .containsExactly(List.of("PC-1"), List.of("PC-1", "PC-2", "PC-3", "PC-4"));
    assertThat(runner.lastWrittenRunStarted("pc self-check").await(10, TimeUnit.SECONDS)).isNotNull();
  }
}
