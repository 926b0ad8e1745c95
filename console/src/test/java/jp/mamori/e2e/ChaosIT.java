package jp.mamori.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jp.mamori.agent.config.AgentConfig;
import jp.mamori.agent.outbox.Outbox;
import jp.mamori.checks.finding.CheckRun;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.common.Sqlite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts on both sides while 5,000 findings stream: the real jars, real SQLite files, SIGKILL of the
 * agent, of the console, or of both at once, at random moments (seeded; the seed is printed, rerun with
 * {@code -Dchaos.seed=N}). The findings enter the box's real outbox through the agent's own {@link Outbox},
 * as the agent's check runs do, in runs of several checks and targets with every severity, while the agent
 * delivers and gets killed. Afterwards the console holds exactly 5,000 distinct findings, each alert counts
 * its own findings, every alert is open or resolved as the last run that covered it says, there is exactly
 * one ticket per high/critical alert and none for the others, both databases pass {@code integrity_check}
 * and the outbox is empty.
 */
class ChaosIT {
  static final int TOTAL = 5000;
  static final int KILLS = 10;
  static final List<String> FAMILIES = List.of("web.", "lan.", "pc.");

  @TempDir Path tmp;
  Vertx vertx;
  ConsoleWithBox lab;
  final long seed = Long.getLong("chaos.seed", System.nanoTime());
  final Random random = new Random(seed);

  record Problem(int n, String family, String check, Severity severity, String target) {}

  @BeforeEach
  void setUp() throws Exception {
    System.out.println("ChaosIT seed " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
    vertx = Vertx.vertx();
    lab = new ConsoleWithBox(tmp);
  }

  @AfterEach
  void tearDown() throws Exception {
    lab.keepLogs("ChaosIT");
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /** 50 problems per family, real check ids, severities cycling info → critical. */
  static List<Problem> problems() {
    Severity[] cycle = Severity.values();
    List<Problem> out = new ArrayList<>();
    int n = 0;
    for (String family : FAMILIES) {
      for (int i = 0; i < 50; i++, n++) {
        String target = switch (family) {
          case "web." -> "https://shop.example.jp/page-" + i;
          case "lan." -> "192.0.2." + (i + 1) + ":" + (20 + i);
          default -> "198.51.100." + (i + 1);
        };
        out.add(new Problem(n, family, family + "chaos-" + (i % 7), cycle[n % cycle.length], target));
      }
    }
    return out;
  }

  static List<String> coverage(String family) {
    return switch (family) {
      case "web." -> List.of("https://shop.example.jp/");
      case "lan." -> java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(i -> "192.0.2." + i).toList();
      default -> problems().stream().filter(p -> p.family().equals("pc.")).map(Problem::target).toList();
    };
  }

  static Finding finding(Problem p, int occurrence) {
    return Finding.builder(p.check()).severity(p.severity()).point(p.n() % 5 + 1).target(p.target())
        .title("試験の問題 " + p.n(), "Test problem " + p.n()).advice("確認してください", "Check it")
        .identity("problem", Integer.toString(p.n())).evidence("occurrence", occurrence).observedAt(Instant.now()).build();
  }

  /** What the box produces: runs of one family each, seeing a random 85% of its problems, until exactly TOTAL findings. */
  final class Producer implements Runnable {
    final List<Problem> problems = problems();
    final Map<String, Set<Integer>> lastSeen = new HashMap<>();
    final Set<Integer> everSeen = new LinkedHashSet<>();
    final Random own = new Random(seed ^ 0x5DEECE66DL);
    final AtomicReference<Throwable> failed = new AtomicReference<>();
    volatile int produced;
    volatile int runs;
    volatile boolean done;

    @Override
    public void run() {
      try (Connection c = Sqlite.open(lab.outboxDb)) {
        Sqlite.migrate(c, getClass().getClassLoader(), Outbox.MIGRATIONS);
        Outbox outbox = new Outbox(Clock.systemUTC());
        int family = 0;
        while (produced < TOTAL) {
          String f = FAMILIES.get(family++ % FAMILIES.size());
          Instant started = Instant.now();
          List<Finding> findings = new ArrayList<>();
          Set<Integer> seen = new LinkedHashSet<>();
          for (Problem p : problems) {
            if (p.family().equals(f) && own.nextDouble() < 0.85 && produced + findings.size() < TOTAL) {
              findings.add(finding(p, produced + findings.size()));
              seen.add(p.n());
            }
          }
          CheckRun run = new CheckRun(UUID.randomUUID(), List.of(f), coverage(f), started, Instant.now(), findings);
          c.setAutoCommit(false);
          outbox.add(c, run);
          c.commit();
          c.setAutoCommit(true);
          produced += findings.size();
          runs++;
          lastSeen.put(f, seen);
          everSeen.addAll(seen);
          Thread.sleep(60 + own.nextInt(300));
        }
      } catch (Throwable e) {
        failed.set(e);
      } finally {
        done = true;
      }
    }

    /** Open iff the last run of its family saw it (every run covers its whole family). */
    String expectedStatus(Problem p) {
      return lastSeen.get(p.family()).contains(p.n()) ? "open" : "resolved";
    }
  }

  @Test
  void randomKillsOfBothSidesDuring5000FindingsLoseNothingAndCountNothingTwice() throws Exception {
    JarProcess console = lab.startConsole(0);
    JarProcess agent = null;
    List<String> kills = new ArrayList<>();
    try {
      lab.enroll(vertx, Map.of(AgentConfig.OUTBOX_BATCH, "25", AgentConfig.OUTBOX_REPLAY_RATE, "400",
          AgentConfig.OUTBOX_REPLAY_DELAY_SECONDS, "2", AgentConfig.HEARTBEAT_SECONDS, "5", AgentConfig.DISK_RESERVE_MB, "1"));
      Producer producer = new Producer();
      Thread producing = new Thread(producer, "chaos-producer");
      agent = lab.startAgent(0);
      producing.start();
      int consoles = 1;
      int agents = 1;
      for (int i = 0; i < KILLS; i++) {
        Thread.sleep(1000 + random.nextInt(4000));
        if (random.nextBoolean()) {
          // half the kills land while findings are seen arriving at the console
          long before = lab.consoleCount("SELECT COUNT(*) FROM findings");
          for (long until = System.currentTimeMillis() + 20_000; System.currentTimeMillis() < until
              && lab.consoleCount("SELECT COUNT(*) FROM findings") == before; ) {
            Thread.sleep(20);
          }
          Thread.sleep(random.nextInt(150));
        }
        int victim = random.nextInt(100);
        long depth = Findings.outboxDepth(lab.outboxDb);
        long held = lab.consoleCount("SELECT COUNT(*) FROM findings");
        if (victim < 45 || victim >= 80) {
          agent.kill();
        }
        if (victim >= 45) {
          console.kill();
        }
        String what = victim < 45 ? "agent" : victim < 80 ? "console" : "both";
        kills.add(what + " (outbox " + depth + ", console " + held + ", produced " + producer.produced + ")");
        Thread.sleep(random.nextInt(1200));
        if (victim >= 45) {
          console = lab.startConsole(consoles++);
        }
        if (victim < 45 || victim >= 80) {
          assertThat(ConsoleWithBox.integrity(lab.outboxDb)).as("outbox after SIGKILL").isEqualTo("ok");
          agent = lab.startAgent(agents++);
        }
      }
      producing.join(TimeUnit.MINUTES.toMillis(3));
      assertThat(producer.failed.get()).as("producer").isNull();
      assertThat(producer.done).isTrue();
      assertThat(producer.produced).isEqualTo(TOTAL);
      System.out.println("ChaosIT seed " + seed + ": " + producer.runs + " runs, kills: " + String.join("; ", kills));
      assertThat(kills).as("kills hit a stream in progress").filteredOn(k -> !k.contains("outbox 0,")).hasSizeGreaterThanOrEqualTo(KILLS / 2);

      long deadline = System.currentTimeMillis() + 150_000;
      while (Findings.outboxDepth(lab.outboxDb) > 0) {
        assertThat(System.currentTimeMillis()).as("outbox still holds " + Findings.outboxDepth(lab.outboxDb) + " items; see "
            + agent.log()).isLessThan(deadline);
        Thread.sleep(200);
      }
      assertThat(agent.stop()).as("SIGTERM ends the agent cleanly").isIn(0, 143);
      console.stop();

      assertThat(ConsoleWithBox.integrity(lab.outboxDb)).isEqualTo("ok");
      assertThat(ConsoleWithBox.integrity(lab.consoleDb())).isEqualTo("ok");
      try (Connection c = Sqlite.openReader(lab.outboxDb)) {
        assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM dead_letter")).isZero();
      }
      assertConsistent(producer);
    } finally {
      console.close();
      if (agent != null) {
        agent.close();
      }
    }
  }

  void assertConsistent(Producer producer) throws Exception {
    try (Connection c = Sqlite.openReader(lab.consoleDb())) {
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM findings")).isEqualTo(TOTAL);
      assertThat(Jdbc.count(c, "SELECT COUNT(DISTINCT id) FROM findings")).isEqualTo(TOTAL);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM findings WHERE alert_id IS NULL")).isZero();
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM runs")).as("every run report once").isEqualTo(producer.runs);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM alerts WHERE check_id NOT LIKE 'box.%'")).isEqualTo(producer.everSeen.size());
      assertThat(Jdbc.count(c, "SELECT SUM(occurrences) FROM alerts WHERE check_id NOT LIKE 'box.%'"))
          .as("no finding counted twice").isEqualTo(TOTAL);
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM alerts a WHERE occurrences <> (SELECT COUNT(*) FROM findings f WHERE f.alert_id = a.id)"))
          .as("each alert counts its own findings").isZero();
      Map<String, String> status = new HashMap<>();
      Jdbc.list(c, "SELECT target, status, severity FROM alerts WHERE check_id NOT LIKE 'box.%'", rs -> rs.getString(1) + "\t"
          + rs.getString(2) + "\t" + rs.getString(3)).forEach(row -> {
            String[] f = row.split("\t");
            status.put(f[0], f[1] + "/" + f[2]);
          });
      for (Problem p : producer.problems) {
        if (producer.everSeen.contains(p.n())) {
          assertThat(status.get(p.target())).as("alert of problem %d (%s, %s)", p.n(), p.check(), p.target())
              .isEqualTo(producer.expectedStatus(p) + "/" + p.severity().wire());
        }
      }
      long escalating = producer.everSeen.stream().filter(n -> producer.problems.get(n).severity().escalates()).count();
      assertThat(escalating).isPositive();
      assertThat(Jdbc.count(c, "SELECT COUNT(*) FROM tickets")).as("one ticket per high/critical alert").isEqualTo(escalating);
      assertThat(Jdbc.count(c, "SELECT COUNT(DISTINCT t.alert_id) FROM tickets t JOIN alerts a ON a.id = t.alert_id "
          + "WHERE a.severity IN ('high', 'critical')")).isEqualTo(escalating);
    }
  }
}
