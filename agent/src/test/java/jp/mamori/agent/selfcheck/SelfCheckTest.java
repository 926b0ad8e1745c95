package jp.mamori.agent.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.agent.local.LocalServerVerticle;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfCheckTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
  static final String WIN_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

  @Test
  void clientHintsTellWindows11From10() {
    assertThat(ClientInfo.parse(WIN_CHROME, "\"Windows\"", "\"15.0.0\"").os()).isEqualTo("Windows 11");
    assertThat(ClientInfo.parse(WIN_CHROME, "Windows", "10.0.0").os()).isEqualTo("Windows 10");
    assertThat(ClientInfo.parse(WIN_CHROME, null, null).os()).isEqualTo("Windows 10 または 11");
    assertThat(ClientInfo.parse("Mozilla/5.0 (Windows NT 6.1; rv:115.0) Gecko/20100101 Firefox/115.0", null, null))
        .satisfies(c -> {
          assertThat(c.os()).isEqualTo("Windows 7");
          assertThat(c.browser()).isEqualTo("Firefox");
          assertThat(c.browserMajor()).isEqualTo(115);
        });
    assertThat(ClientInfo.parse(WIN_CHROME.replace("Chrome/120", "Chrome/120.0.0.0 Safari/537.36 Edg/131"), null, null).browser())
        .isEqualTo("Edge");
  }

  @Test
  void windows10PcWithoutProtectionGivesPoint1And2Findings() {
    Attestation a = new Attestation("d1", "受付のPC", "192.168.1.30", ClientInfo.parse(WIN_CHROME, "Windows", "10.0.0"),
        false, "unknown", "no", "yes", CLOCK.instant());
    List<Finding> f = SelfCheck.evaluate(a, CLOCK);
    assertThat(f).extracting(Finding::check).containsExactly("pc.os-eol", "pc.browser-old", "pc.web-protection", "pc.attestation");
    assertThat(f.get(0).point()).isEqualTo(1);
    assertThat(f.get(0).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.get(0).title().ja()).contains("Windows 10").contains("受付のPC");
    assertThat(f.get(2).point()).isEqualTo(2);
    assertThat(f.get(2).advice().ja()).contains("定義ファイルが自動更新されていないとの回答").contains("ネットワークからは確かめられない");
  }

  @Test
  void protectedWindows11PcOnlyAttests() {
    Attestation a = new Attestation("d2", "経理", "192.168.1.31",
        ClientInfo.parse(WIN_CHROME.replace("Chrome/120", "Chrome/142"), "Windows", "15.0.0"), true, "yes", "yes", "yes", CLOCK.instant());
    assertThat(SelfCheck.evaluate(a, CLOCK)).extracting(Finding::check).containsExactly("pc.attestation");
  }

  @Test
  void pageServesFormEicarAndRecordsAttestation(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AttestationStore store = new AttestationStore(dir);
      AtomicInteger notified = new AtomicInteger();
      LocalServerVerticle v = new LocalServerVerticle("127.0.0.1", 0, store, CLOCK, notified::incrementAndGet);
      vertx.deployVerticle(v).await(20, TimeUnit.SECONDS);
      HttpClient client = vertx.createHttpClient();
      String form = get(client, v.actualPort(), "/check");
      assertThat(form).contains("パソコンの自己点検").contains("ウイルス対策ソフトは入っていますか").doesNotContain("<script>");
      assertThat(get(client, v.actualPort(), "/check/selfcheck.js")).contains("getHighEntropyValues").contains("/check/eicar.com.txt");
      assertThat(get(client, v.actualPort(), "/check/eicar.com.txt")).startsWith("X5O!P%@AP").contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE");
      String body = "name=%E5%8F%97%E4%BB%98&av=no&defs=unknown&updates=yes&eicarBlocked=false&platform=Windows&platformVersion=10.0.0";
      Reply r = post(client, v.actualPort(), body);
      String page = r.body();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.cookies()).anyMatch(c -> c.startsWith("mamori_device="));
      assertThat(page).contains("受付").contains("Windows 10");
      assertThat(store.all()).singleElement().satisfies(a -> {
        assertThat(a.client().os()).isEqualTo("Windows 10");
        assertThat(a.eicarBlocked()).isFalse();
        assertThat(a.ip()).isEqualTo("127.0.0.1");
      });
      assertThat(notified).hasValue(1);
      assertThat(new SelfCheckJob(store, CLOCK).run().findings()).extracting(Finding::check).contains("pc.web-protection");

      assertThat(post(client, v.actualPort(), "name=&av=maybe").status()).isEqualTo(400);
      assertThat(store.all()).hasSize(1);
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSelfCheckThatCannotBeSavedIsReportedAndTheFormShowsTheProblemUntilItIsOver(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AttestationStore store = new AttestationStore(dir);
      java.nio.file.Files.createDirectories(store.file().resolve("in-the-way"));
      jp.mamori.agent.health.BoxHealth health = new jp.mamori.agent.health.BoxHealth(CLOCK);
      LocalServerVerticle v = new LocalServerVerticle("127.0.0.1", 0, store, CLOCK, null, null, null, java.util.Set.of(), health);
      vertx.deployVerticle(v).await(20, TimeUnit.SECONDS);
      HttpClient client = vertx.createHttpClient();
      assertThat(get(client, v.actualPort(), "/check")).doesNotContain("box-problems");
      Reply r = post(client, v.actualPort(), "name=a&av=yes&defs=yes&updates=yes");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.body()).contains("記録できませんでした");
      assertThat(health.problems()).singleElement().satisfies(p -> {
        assertThat(p.code()).isEqualTo("write-failed");
        assertThat(p.subject()).isEqualTo(store.file().toString());
      });
      assertThat(get(client, v.actualPort(), "/check")).contains("class=\"box-problems\"").contains("見守りボックスに問題があります")
          .contains("pc-attestations.json").contains("パソコンの自己点検");
      java.nio.file.Files.delete(store.file().resolve("in-the-way"));
      java.nio.file.Files.delete(store.file());
      assertThat(post(client, v.actualPort(), "name=a&av=yes&defs=yes&updates=yes").status()).isEqualTo(200);
      assertThat(health.problems()).isEmpty();
      assertThat(get(client, v.actualPort(), "/check")).doesNotContain("box-problems");
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  record Reply(int status, List<String> cookies, String body) {}

  private static Reply post(HttpClient client, int port, String body) throws Exception {
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI("/check/result").putHeader("User-Agent", WIN_CHROME).putHeader("Content-Type", "application/x-www-form-urlencoded"))
        .compose(req -> req.send(Buffer.buffer(body)).compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.cookies(), b.toString()))))
        .await(20, TimeUnit.SECONDS);
  }

  private static String get(HttpClient client, int port, String uri) throws Exception {
    return client.request(HttpMethod.GET, port, "127.0.0.1", uri).compose(req -> req.send().compose(HttpClientResponse::body))
        .await(20, TimeUnit.SECONDS).toString();
  }
}
