package jp.mamori.console.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.portal.BoxApi;
import jp.mamori.console.portal.PortalServices;
import jp.mamori.testing.MutableClock;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** E-mail through a real SMTP server, the offline alert, the monthly report schedule and signed webhooks. */
class NotifyTest {
  @TempDir Path tmp;

  record World(ConsoleHarness console, long chamber, long sme, long advisor, PortalServices ps) {}

  World world(MutableClock clock, SmtpSink sink) throws Exception {
    Path data = Files.createDirectories(tmp.resolve("console"));
    if (sink != null) {
      Files.writeString(data.resolve(NotifyConfig.FILE), "mail.host = 127.0.0.1\nmail.port = " + sink.port + "\nmail.starttls = disabled\n"
          + "mail.from = 相談窓口 <desk@chamber.example.jp>\nconsole.public-url = https://console.example.jp/\n", StandardCharsets.UTF_8);
    }
    ConsoleHarness console = new ConsoleHarness(data, clock);
    long chamber = console.chamber("osaka-test", "大阪テスト商工会議所");
    long sme = console.write(c -> console.services().tenants().createSme(c, chamber, new JsonObject().put("name", "さくら製作所")
        .put("website", "https://sakura.example.jp/").put("contactEmail", "info@sakura.example.jp").put("industry", "製造業")));
    long advisor = console.user("advisor@chamber.example.jp", Role.ADVISOR, Set.of(chamber), null);
    console.user("owner@sakura.example.jp", Role.OWNER, Set.of(), sme);
    return new World(console, chamber, sme, advisor, console.services().portal());
  }

  @Test
  void advisoriesAndOfflineBoxesAreMailedThroughSmtpAndTheOfflineAlertResolvesWhenTheBoxIsBack() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
    try (SmtpSink sink = new SmtpSink(tmp.resolve("mail")); ConsoleHarness console = world(clock, sink).console()) {
      World w = new World(console, 1, 1, 1, console.services().portal());
      assertThat(w.ps().mailer.enabled()).isTrue();
      ApiClient advisor = new ApiClient(console.vertx, console.url()).login("advisor@chamber.example.jp", ConsoleHarness.PASSWORD);
      BoxApi box = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(1, 1));
      assertThat(box.heartbeat().statusCode()).isEqualTo(200);

      assertThat(advisor.post("/api/v1/chambers/1/advisories", new JsonObject().put("severity", "urgent").put("title", "ランサムウェアに注意")
          .put("body", "不審な添付ファイルは開かないでください。")).statusCode()).isEqualTo(201);
      console.db().write(c -> null).await(10, TimeUnit.SECONDS);
      w.ps().mailer.deliver(console.db()).await(30, TimeUnit.SECONDS);
      List<JsonObject> mails = sink.await(2, Duration.ofSeconds(20));
      assertThat(mails).hasSize(2);
      assertThat(mails.stream().flatMap(m -> m.getJsonArray("to").stream()).toList())
          .containsExactlyInAnyOrder("info@sakura.example.jp", "owner@sakura.example.jp");
      assertThat(mails.get(0).getString("subject")).isEqualTo("【大阪テスト商工会議所】ランサムウェアに注意");
      assertThat(mails.get(0).getString("text")).contains("不審な添付ファイルは開かないでください。").contains("https://console.example.jp/portal/advisories");
      assertThat(mails.get(0).getString("from")).isEqualTo("desk@chamber.example.jp");

      clock.advance(Duration.ofMinutes(16));
      var outcome = console.write(c -> w.ps().offlineMonitor.check(c));
      assertThat(outcome.wentOffline()).isEqualTo(1);
      assertThat(console.write(c -> w.ps().offlineMonitor.check(c)).wentOffline()).as("one alert per silence").isZero();
      JsonArray alerts = advisor.get("/api/v1/alerts?status=open").bodyAsJsonArray();
      assertThat(alerts).hasSize(1);
      assertThat(alerts.getJsonObject(0).getString("check")).isEqualTo("box.offline");
      assertThat(alerts.getJsonObject(0).getString("target")).isEqualTo(box.boxId());
      JsonObject dash = advisor.get("/api/v1/chambers/1/dashboard").bodyAsJsonObject();
      assertThat(dash.getJsonObject("boxes").getInteger("offline")).isEqualTo(1);
      assertThat(dash.getJsonObject("boxes").getJsonArray("offlineBoxes").getJsonObject(0).getBoolean("alerted")).isTrue();
      w.ps().mailer.deliver(console.db()).await(30, TimeUnit.SECONDS);
      mails = sink.await(3, Duration.ofSeconds(20));
      assertThat(mails).hasSize(3);
      assertThat(mails.get(2).getJsonArray("to").getList()).containsExactly("advisor@chamber.example.jp");
      assertThat(mails.get(2).getString("subject")).contains("見守りボックスが応答しません").contains("さくら製作所");

      assertThat(box.heartbeat().statusCode()).isEqualTo(200);
      assertThat(console.write(c -> w.ps().offlineMonitor.check(c)).cameBack()).isEqualTo(1);
      assertThat(advisor.get("/api/v1/alerts?status=open").bodyAsJsonArray()).isEmpty();
      assertThat(console.count("SELECT COUNT(*) FROM events WHERE type IN ('box.offline', 'box.online')")).isEqualTo(2);
      assertThat(console.count("SELECT COUNT(*) FROM tickets")).as("a silent box is medium: an alert, not a ticket").isZero();
    }
  }

  @Test
  void theMonthlyReportIsMailedOnceOnTheFirstWithAJapanesePdfAndCatchesUpAfterDowntime() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-10-05T01:00:00Z"));
    try (SmtpSink sink = new SmtpSink(tmp.resolve("mail")); ConsoleHarness console = world(clock, sink).console()) {
      PortalServices ps = console.services().portal();
      clock.set(Instant.parse("2026-10-31T22:00:00Z")); // 1 Nov 07:00 JST: October's report is not due before 08:00
      var before = console.write(c -> ps.reportScheduler.tick(c));
      assertThat(before.month().toString()).isEqualTo("2026-09");
      assertThat(before.reports()).as("the company joined in October").isZero();
      assertThat(before.snapshots()).isEqualTo(1);

      clock.set(Instant.parse("2026-10-31T23:05:00Z")); // 08:05 JST
      var due = console.write(c -> ps.reportScheduler.tick(c));
      assertThat(due.month().toString()).isEqualTo("2026-10");
      assertThat(due.reports()).isEqualTo(1);
      assertThat(due.mails()).isEqualTo(2);
      clock.advance(Duration.ofDays(2));
      assertThat(console.write(c -> ps.reportScheduler.tick(c)).reports()).as("never twice for the same month").isZero();

      ps.mailer.deliver(console.db()).await(60, TimeUnit.SECONDS);
      List<JsonObject> mails = sink.await(2, Duration.ofSeconds(30));
      assertThat(mails).hasSize(2);
      JsonObject m = mails.get(0);
      assertThat(m.getString("subject")).isEqualTo("【Mamori】2026年10月の月次レポート（さくら製作所）");
      assertThat(m.getJsonArray("attachments")).hasSize(1);
      JsonObject pdf = m.getJsonArray("attachments").getJsonObject(0);
      assertThat(pdf.getString("type")).isEqualTo("application/pdf");
      byte[] bytes = Files.readAllBytes(Path.of(pdf.getString("path")));
      assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      try (PDDocument doc = Loader.loadPDF(bytes)) {
        String text = new PDFTextStripper().getText(doc);
        assertThat(text).contains("2026年10月の月次レポート").contains("さくら製作所").contains("大阪テスト商工会議所").contains("情報セキュリティ5か条のスコア");
      }
      Files.createDirectories(Path.of("target/reports"));
      Files.write(Path.of("target/reports/monthly-report-2026-10.pdf"), bytes);

      clock.set(Instant.parse("2026-12-03T05:00:00Z")); // the console was down on 1 December
      var caughtUp = console.write(c -> ps.reportScheduler.tick(c));
      assertThat(caughtUp.month().toString()).isEqualTo("2026-11");
      assertThat(caughtUp.reports()).isEqualTo(1);
      assertThat(console.count("SELECT COUNT(*) FROM monthly_reports")).isEqualTo(2);
      assertThat(console.count("SELECT COUNT(*) FROM score_snapshots WHERE sme_id = 1")).isEqualTo(3);
    }
  }

  @Test
  void webhooksAreSignedRetriedWithBackoffAndLogged() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
    try (ConsoleHarness console = world(clock, null).console()) {
      PortalServices ps = console.services().portal();
      console.user("admin@chamber.example.jp", Role.CHAMBER_ADMIN, Set.of(1L), null);
      List<JsonObject> received = new CopyOnWriteArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      HttpServer receiver = console.vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        received.add(new JsonObject().put("timestamp", req.getHeader("X-Mamori-Timestamp")).put("signature", req.getHeader("X-Mamori-Signature"))
            .put("event", req.getHeader("X-Mamori-Event")).put("body", body.toString(StandardCharsets.UTF_8)));
        req.response().setStatusCode(calls.incrementAndGet() == 1 ? 500 : 200).end();
      })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      try {
        ApiClient admin = new ApiClient(console.vertx, console.url()).login("admin@chamber.example.jp", ConsoleHarness.PASSWORD);
        ApiClient advisor = new ApiClient(console.vertx, console.url()).login("advisor@chamber.example.jp", ConsoleHarness.PASSWORD);
        String url = "http://127.0.0.1:" + receiver.actualPort() + "/hook";
        assertThat(advisor.post("/api/v1/chambers/1/webhooks", new JsonObject().put("url", url)).statusCode()).isEqualTo(403);
        assertThat(admin.post("/api/v1/chambers/1/webhooks", new JsonObject().put("url", "ftp://x")).statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/v1/chambers/1/webhooks", new JsonObject().put("url", url).put("events", new JsonArray().add("no.such")))
            .statusCode()).isEqualTo(400);
        var created = admin.post("/api/v1/chambers/1/webhooks", new JsonObject().put("url", url)
            .put("events", new JsonArray().add("alert.opened").add("ticket.opened")));
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = created.bodyAsJsonObject().getString("secret");
        long hookId = created.bodyAsJsonObject().getLong("id");
        assertThat(admin.get("/api/v1/chambers/1/webhooks").bodyAsJsonArray().getJsonObject(0).containsKey("secret")).isFalse();

        console.write(c -> ps.events.scan(c));
        BoxApi box = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(1, 1));
        Finding f = Finding.builder("web.hidden-iframe").severity(Severity.CRITICAL).target("https://sakura.example.jp/")
            .title("隠しiframe", "Hidden iframe").advice("制作会社に連絡", "Call your web agency").observedAt(clock).build();
        box.post("/api/v1/findings", new JsonObject().put("findings", new JsonArray().add(f.toJson())));
        int first = console.write(c -> ps.events.scan(c));
        int again = console.write(c -> ps.events.scan(c));
        assertThat(first).isEqualTo(2);
        assertThat(again).as("each event once").isZero();

        ps.webhooks.deliver(console.db()).await(30, TimeUnit.SECONDS);
        await(() -> received.size() >= 2);
        JsonArray log = admin.get("/api/v1/chambers/1/webhooks/" + hookId + "/deliveries").bodyAsJsonArray();
        assertThat(log.stream().map(o -> ((JsonObject) o).getString("state")).toList()).containsExactlyInAnyOrder("pending", "delivered");
        JsonObject failed = log.stream().map(o -> (JsonObject) o).filter(o -> o.getString("state").equals("pending")).findFirst().orElseThrow();
        assertThat(failed.getInteger("lastStatus")).isEqualTo(500);
        assertThat(failed.getString("lastError")).isEqualTo("HTTP 500");

        ps.webhooks.deliver(console.db()).await(30, TimeUnit.SECONDS);
        assertThat(received).as("not before the backoff").hasSize(2);
        clock.advance(Duration.ofSeconds(11));
        ps.webhooks.deliver(console.db()).await(30, TimeUnit.SECONDS);
        await(() -> received.size() >= 3);
        log = admin.get("/api/v1/chambers/1/webhooks/" + hookId + "/deliveries").bodyAsJsonArray();
        assertThat(log.stream().map(o -> ((JsonObject) o).getString("state")).toList()).containsOnly("delivered");
        assertThat(log.stream().mapToInt(o -> ((JsonObject) o).getInteger("attempts")).sum()).isEqualTo(3);

        for (JsonObject r : received) {
          long now = clock.millis() / 1000;
          assertThat(Webhooks.verify(secret, r.getString("timestamp"), r.getString("body"), r.getString("signature"), now)).isTrue();
          assertThat(Webhooks.verify(secret, r.getString("timestamp"), r.getString("body") + " ", r.getString("signature"), now)).isFalse();
          assertThat(Webhooks.verify(secret, r.getString("timestamp"), r.getString("body"), r.getString("signature"), now + 400))
              .as("outside the replay window").isFalse();
          assertThat(Webhooks.verify("whsec_other", r.getString("timestamp"), r.getString("body"), r.getString("signature"), now)).isFalse();
        }
        JsonObject body = new JsonObject(received.get(received.size() - 1).getString("body"));
        assertThat(body.getString("type")).isIn("alert.opened", "ticket.opened");
        assertThat(body.getJsonObject("data").getString("smeName")).isEqualTo("さくら製作所");
      } finally {
        receiver.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cond.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(cond.getAsBoolean()).as("condition within 20 s").isTrue();
  }

  @Test
  void theEventScanFindsWhatIsNewWhateverTheClockDoesAndAnUpgradedConsolePicksUpTheMargin() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T01:00:00Z"));
    try (ConsoleHarness console = world(clock, null).console()) {
      PortalServices ps = console.services().portal();
      console.write(c -> jp.mamori.common.Jdbc.update(c, "INSERT INTO boxes(id, sme_id, credential_hash, enrolled_at) VALUES ('b1', 1, 'x', 0)"));
      assertThat(scan(console, ps)).as("history is not news").isZero();
      clock.advance(Duration.ofMinutes(-10)); // the clock steps back (NTP) before the next ticket
      escalate(console, clock, "a");
      assertThat(scan(console, ps)).as("alert.opened and ticket.opened").isEqualTo(2);
      assertThat(scan(console, ps)).isZero();

      clock.advance(Duration.ofMinutes(11));
      escalate(console, clock, "b");
      // a console that scanned by time only: no id cursors yet
      console.write(c -> jp.mamori.common.Jdbc.update(c, "DELETE FROM event_cursors WHERE name <> 'scan'"));
      assertThat(scan(console, ps)).as("the second ticket and alert, from the margin").isEqualTo(2);
      assertThat(scan(console, ps)).isZero();
      assertThat(console.count("SELECT COUNT(*) FROM events")).isEqualTo(4);
    }
  }

  private static int scan(ConsoleHarness console, PortalServices ps) throws Exception {
    return console.write(c -> ps.events.scan(c));
  }

  private static void escalate(ConsoleHarness console, MutableClock clock, String identity) throws Exception {
    Finding f = Finding.builder("web.hidden-iframe").severity(Severity.HIGH).target("https://sakura.example.jp/").title("隠しiframe", "Hidden iframe")
        .advice("制作会社に連絡", "Call your web agency").identity("n", identity).observedAt(clock).build();
    console.write(c -> console.services().ingestion().ingest(c, new jp.mamori.console.boxes.Boxes.BoxIdentity("b1", 1, 1),
        new JsonArray().add(f.toJson()), new JsonArray()));
  }

  @Test
  void mailSettingsAreCheckedWithClearMessages() {
    var p = new java.util.Properties();
    assertThat(NotifyConfig.parse(p, "x").smtp()).as("off when unconfigured").isEmpty();
    p.setProperty("mail.host", "smtp.example.jp");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotifyConfig.parse(p, "console.properties"))
        .hasMessageContaining("mail.from");
    p.setProperty("mail.from", "desk@example.jp");
    p.setProperty("mail.username", "desk");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotifyConfig.parse(p, "console.properties")).hasMessageContaining("together");
    p.setProperty("mail.password", "secret");
    var smtp = NotifyConfig.parse(p, "x").smtp().orElseThrow();
    assertThat(smtp.port()).isEqualTo(587);
    assertThat(smtp.starttls()).isEqualTo("required");
    p.setProperty("mail.starttls", "sometimes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotifyConfig.parse(p, "x")).hasMessageContaining("required, optional or disabled");
  }
}
