package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.checks.web.Fetcher.As;
import jp.mamori.checks.web.site.Corpus;
import jp.mamori.checks.web.site.TestSite;
import jp.mamori.checks.web.site.TestSite.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetcherTest {
  TestSite site;
  final StaticResolver resolver = new StaticResolver(null).map("public-site.test", "127.0.0.1");
  final PatrolOptions options = PatrolOptions.defaults().withMaxBodyBytes(64 * 1024)
      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));

  @BeforeEach
  void start() throws Exception {
    site = TestSite.http();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private Fetcher fetcher(boolean allowPrivate) {
    return new Fetcher(options, resolver, allowPrivate, Clock.systemUTC());
  }

  @Test
  void capsBodiesAlsoAfterGzipInflation() {
    byte[] bomb = Corpus.gzip(new byte[50 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(100 * 1024);
    site.handler(r -> r.path().equals("/bomb") ? new Reply(200, "text/html", bomb, Map.of(), true)
        : Reply.html("x".repeat(1024 * 1024)));
    try (Fetcher f = fetcher(true)) {
      Fetcher.Response r = f.get(site.url().resolve("/bomb"), As.PATROL, null);
      assertThat(r.truncated()).as("%s %s", r.status(), r.error()).isTrue();
      assertThat(r.body()).hasSize(64 * 1024);
      Fetcher.Response plain = f.get(site.url().resolve("/big"), As.PATROL, null);
      assertThat(plain.truncated()).isTrue();
      assertThat(plain.body()).hasSize(64 * 1024);
      // the connection pool survives the aborted exchanges
      assertThat(f.get(site.url().resolve("/big"), As.PATROL, null).status()).isEqualTo(200);
    }
  }

  @Test
  void identifiesAsMamoriPatrolAndTimesOut() {
    List<String> agents = new ArrayList<>();
    site.handler(r -> {
      agents.add(r.userAgent());
      if (r.path().equals("/slow")) {
        try {
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Reply.html("ok");
    });
    try (Fetcher f = fetcher(true)) {
      assertThat(f.get(site.url(), As.PATROL, null).ok()).isTrue();
      long t0 = System.nanoTime();
      Fetcher.Response slow = f.get(site.url().resolve("/slow"), As.PATROL, null);
      assertThat(slow.timedOut()).isTrue();
      assertThat(slow.error()).contains("timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }
    assertThat(agents.get(0)).startsWith("MamoriPatrol/");
  }

  @Test
  void followsAtMostFiveRedirectsAndNeverIntoAnotherSite() {
    site.handler(r -> {
      if (r.path().startsWith("/hop")) {
        int n = Integer.parseInt(r.path().substring(4));
        return Reply.redirect(302, "/hop" + (n + 1));
      }
      if (r.path().equals("/away")) {
        return Reply.redirect(301, "https://elsewhere.example/landing");
      }
      return Reply.html("home");
    });
    try (Fetcher f = fetcher(true)) {
      Fetcher.Chain loop = f.follow(site.url().resolve("/hop0"), As.PATROL, null);
      assertThat(loop.stopped()).contains("more than 5 redirects");
      assertThat(loop.hops()).hasSize(6);
      int before = site.requests();
      Fetcher.Chain away = f.follow(site.url().resolve("/away"), As.PATROL, null);
      assertThat(away.offsite()).isEqualTo(URI.create("https://elsewhere.example/landing"));
      assertThat(site.requests() - before).isEqualTo(1);
    }
  }

  @Test
  void refusesPrivateAddressesForAPublicSite() {
    site.handler(r -> Reply.html("internal admin"));
    try (Fetcher f = fetcher(false)) {
      Fetcher.Response r = f.get(URI.create("http://public-site.test:" + site.port() + "/"), As.PATROL, null);
      assertThat(r.error()).contains("private address 127.0.0.1");
      assertThat(f.get(URI.create("http://127.0.0.1:" + site.port() + "/"), As.PATROL, null).error())
          .contains("private address");
    }
    assertThat(site.requests()).isZero();
  }

  @Test
  void sendsAtMostTwoRequestsAtOnce() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    site.handler(r -> {
      peak.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now.decrementAndGet();
      return Reply.html("ok");
    });
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (Fetcher f = fetcher(true)) {
      List<Future<Fetcher.Response>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        all.add(pool.submit(() -> f.get(site.url(), As.PATROL, null)));
      }
      for (Future<Fetcher.Response> r : all) {
        assertThat(r.get().ok()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(peak.get()).isBetween(1, 2);
  }

  @Test
  void slowDripBodiesStopAtTheDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          s.getInputStream().read(new byte[4096]);
          OutputStream out = s.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<p>"
              .getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < 40; i++) {
            out.write('a');
            out.flush();
            Thread.sleep(500);
          }
        } catch (Exception ignored) {
          // the patrol hung up, as it should
        }
      });
      t.setDaemon(true);
      t.start();
      long t0 = System.nanoTime();
      try (Fetcher f = fetcher(true)) {
        Fetcher.Response r = f.get(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), As.PATROL, null);
        assertThat(r.truncated()).as("%s %s", r.status(), r.error()).isTrue();
        assertThat(new String(r.body(), StandardCharsets.US_ASCII)).startsWith("<p>a");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
    }
  }
}
