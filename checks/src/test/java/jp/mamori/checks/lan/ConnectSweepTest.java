package jp.mamori.checks.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.testing.OwnNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectSweepTest {
  static final InetAddress LO = InetAddress.getLoopbackAddress();

  @BeforeAll
  static void onlyInItsOwnNetwork() {
    OwnNetwork.require("ConnectSweepTest");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, LO)) {
      return s.getLocalPort();
    }
  }

  /** A listener whose accept queue is full drops further SYNs: a connect to it neither succeeds nor is refused. */
  private static List<Socket> fillAcceptQueue(ServerSocket full) throws Exception {
    List<Socket> filling = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(LO, full.getLocalPort()), 300);
        filling.add(s);
      } catch (java.net.SocketTimeoutException e) {
        s.close();
        break;
      }
    }
    return filling;
  }

  @Test
  void tellsOpenFromRefusedInTheTargetsOrderWithinTheInFlightLimit() throws Exception {
    try (ServerSocket a = new ServerSocket(0, 50, LO); ServerSocket b = new ServerSocket(0, 50, LO)) {
      int closed = closedPort();
      List<Target> targets = new ArrayList<>();
      List<Boolean> expected = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        targets.addAll(List.of(new Target(LO, closed), new Target(LO, a.getLocalPort()), new Target(LO, b.getLocalPort())));
        expected.addAll(List.of(false, true, true));
      }
      Pace pace = new Pace(1000, 2);
      assertThat(ConnectSweep.run(targets, pace, Duration.ofSeconds(2), true)).containsExactlyElementsOf(expected);
      assertThat(pace.probes()).isEqualTo(30);
      // every slot was given back
      assertThat(pace.tryAcquire(Duration.ZERO)).isTrue();
      assertThat(pace.tryAcquire(Duration.ZERO)).isTrue();
      assertThat(ConnectSweep.run(List.of(new Target(LO, a.getLocalPort())), new Pace(10, 1), Duration.ofSeconds(1), false))
          .containsExactly(true);
    }
  }

  @Test
  void aTargetThatNeverAnswersIsNullAfterTheTimeoutWhileTheOthersAreAnswered() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, LO); ServerSocket open = new ServerSocket(0, 50, LO)) {
      List<Socket> filling = fillAcceptQueue(full);
      try {
        int closed = closedPort();
        long start = System.nanoTime();
        List<Boolean> r = ConnectSweep.run(List.of(new Target(LO, full.getLocalPort()), new Target(LO, open.getLocalPort()),
            new Target(LO, closed)), new Pace(200, 64), Duration.ofMillis(700), true);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r).containsExactly(null, true, false);
        assertThat(tookMs).isGreaterThanOrEqualTo(650);
      } finally {
        for (Socket s : filling) {
          s.close();
        }
      }
    }
  }

  @Test
  void anInterruptedSweepStopsAndGivesItsSlotsBack() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, LO)) {
      List<Socket> filling = fillAcceptQueue(full);
      try {
        Pace pace = new Pace(1000, 2);
        List<Target> targets = List.of(new Target(LO, full.getLocalPort()), new Target(LO, full.getLocalPort()),
            new Target(LO, full.getLocalPort()));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
          try {
            ConnectSweep.run(targets, pace, Duration.ofSeconds(30), true);
          } catch (Throwable e) {
            thrown.set(e);
          }
        });
        t.start();
        Thread.sleep(300);
        t.interrupt();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class).hasMessageContaining("1 target(s) left");
        assertThat(pace.tryAcquire(Duration.ZERO)).isTrue();
        assertThat(pace.tryAcquire(Duration.ZERO)).isTrue();
      } finally {
        for (Socket s : filling) {
          s.close();
        }
      }
    }
  }
}
