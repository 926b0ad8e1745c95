package jp.mamori.console.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.RunReport;
import jp.mamori.checks.finding.Severity;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.portal.BoxApi;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Box clocks hours ahead, behind, or corrected while findings waited in the outbox: through the real HTTP
 * API, alerts open, resolve and reopen as they would with a right clock, and the console's own times rule.
 */
class ClockSkewTest {
  static final String SITE = "https://sakura.example.jp/";
  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
  ConsoleHarness console;
  ApiClient desk;
  BoxApi boxA;
  BoxApi boxB;

  @BeforeEach
  void start() throws Exception {
    console = new ConsoleHarness(tmp.resolve("console"), clock);
    long chamber = console.chamber("skew-test", "時計テスト商工会議所");
    long sme = console.sme(chamber, "さくら製作所", SITE);
    long admin = console.user("admin@example.jp", Role.CHAMBER_ADMIN, Set.of(chamber), null);
    boxA = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(sme, admin));
    boxB = BoxApi.enroll(console.vertx, console.url(), console.enrollmentToken(sme, admin));
    desk = new ApiClient(console.vertx, console.url()).login("admin@example.jp", ConsoleHarness.PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
  }

  static Finding hiddenIframe(Severity severity, String title, Instant observed) {
    return Finding.builder("web.hidden-iframe").severity(severity).point(null).target(SITE).title(title, title)
        .advice("制作会社に連絡してください", "Call your web agency").identity("src", "https://evil.example/").observedAt(observed).build();
  }

  static RunReport patrol(Instant finished, Set<String> seen) {
    return new RunReport(UUID.randomUUID(), List.of("web."), List.of(SITE), finished.minusSeconds(60), finished, seen);
  }

  /** The box's delivery, stamped with what its own clock says now. */
  void deliver(BoxApi box, Duration boxClockOff, List<Finding> findings, List<RunReport> runs) throws Exception {
    JsonObject body = new JsonObject()
        .put("findings", new JsonArray(findings.stream().map(Finding::toJson).toList()))
        .put("runs", new JsonArray(runs.stream().map(RunReport::toJson).toList()))
        .put("sentAt", clock.instant().plus(boxClockOff).toString());
    var r = box.post("/api/v1/findings", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("rejected")).isEmpty();
  }

  JsonObject alert() throws Exception {
    JsonArray all = desk.get("/api/v1/alerts").bodyAsJsonArray();
    assertThat(all).hasSize(1);
    return desk.get("/api/v1/alerts/" + all.getJsonObject(0).getLong("id")).bodyAsJsonObject();
  }

  @Test
  void aBoxHoursAheadThatIsCorrectedLaterNeitherKeepsNorHidesItsAlert() throws Exception {
    Duration ahead = Duration.ofHours(10);
    Instant t0 = clock.instant();
    deliver(boxA, ahead, List.of(hiddenIframe(Severity.HIGH, "隠しiframe", t0.plus(ahead))), List.of());
    JsonObject a = alert();
    assertThat(a.getString("status")).isEqualTo("open");
    assertThat(a.getString("firstSeenAt")).as("receipt time, the console's clock").isEqualTo(t0.toString());
    assertThat(console.count("SELECT observed_at FROM findings")).as("placed on the console's clock")
        .isEqualTo(t0.toEpochMilli());

    // NTP fixes the box clock; the next patrol no longer sees the iframe: the alert resolves
    clock.advance(Duration.ofHours(1));
    deliver(boxA, Duration.ZERO, List.of(), List.of(patrol(clock.instant(), Set.of())));
    assertThat(alert().getString("status")).as("a run after the sighting resolves it").isEqualTo("resolved");

    // the iframe comes back an hour later: the alert reopens with what was seen now
    clock.advance(Duration.ofHours(1));
    Finding back = hiddenIframe(Severity.CRITICAL, "隠しiframe（再発）", clock.instant());
    deliver(boxA, Duration.ZERO, List.of(back), List.of());
    a = alert();
    assertThat(a.getString("status")).isEqualTo("open");
    assertThat(a.getString("severity")).isEqualTo("critical");
    assertThat(a.getJsonObject("title").getString("ja")).isEqualTo("隠しiframe（再発）");
    assertThat(a.getString("lastSeenAt")).isEqualTo(clock.instant().toString());
    assertThat(a.getInteger("occurrences")).isEqualTo(2);
  }

  @Test
  void aRunReportFinishedInTheFutureDoesNotResolveWhatAnotherBoxSawAfterIt() throws Exception {
    Duration ahead = Duration.ofHours(6);
    // box A (6 h ahead) finished a patrol just now by the console's clock; its report arrives a little later
    RunReport early = patrol(clock.instant().plus(ahead), Set.of());
    clock.advance(Duration.ofMinutes(3));
    deliver(boxB, Duration.ZERO, List.of(hiddenIframe(Severity.HIGH, "隠しiframe", clock.instant())), List.of());
    clock.advance(Duration.ofMinutes(3));
    deliver(boxA, ahead, List.of(), List.of(early));
    assertThat(alert().getString("status")).as("the patrol finished before the sighting").isEqualTo("open");
    assertThat(console.count("SELECT finished_at FROM runs WHERE id = ?", early.runId().toString()))
        .isEqualTo(clock.instant().minus(Duration.ofMinutes(6)).toEpochMilli());

    // a later patrol of box A (still 6 h ahead) that does not see it resolves it
    clock.advance(Duration.ofMinutes(30));
    deliver(boxA, ahead, List.of(), List.of(patrol(clock.instant().plus(ahead), Set.of())));
    assertThat(alert().getString("status")).isEqualTo("resolved");
  }

  @Test
  void aBoxHoursBehindStillResolvesWhatItNoLongerSees() throws Exception {
    Duration behind = Duration.ofHours(-3);
    deliver(boxB, Duration.ZERO, List.of(hiddenIframe(Severity.HIGH, "隠しiframe", clock.instant())), List.of());
    RunReport before = patrol(clock.instant().minusSeconds(300).plus(behind), Set.of());
    clock.advance(Duration.ofMinutes(5));
    deliver(boxA, behind, List.of(), List.of(before));
    assertThat(alert().getString("status")).as("that patrol finished before the sighting").isEqualTo("open");
    clock.advance(Duration.ofMinutes(5));
    deliver(boxA, behind, List.of(), List.of(patrol(clock.instant().plus(behind), Set.of())));
    assertThat(alert().getString("status")).as("a patrol after the sighting, told in a clock 3 h behind").isEqualTo("resolved");
  }

  @Test
  void aFindingQueuedWhileTheClockWasAheadIsDatedNoLaterThanItsReceipt() throws Exception {
    // queued while the box clock was 5 h ahead, sent after NTP corrected it
    Finding queued = hiddenIframe(Severity.HIGH, "隠しiframe", clock.instant().plus(Duration.ofHours(5)));
    deliver(boxA, Duration.ZERO, List.of(queued), List.of());
    assertThat(console.count("SELECT last_observed_at FROM alerts"))
        .isEqualTo(clock.instant().plus(BoxTime.TOLERANCE).toEpochMilli());
    clock.advance(Duration.ofMinutes(10));
    deliver(boxA, Duration.ZERO, List.of(), List.of(patrol(clock.instant(), Set.of())));
    assertThat(alert().getString("status")).as("resolved by the next patrol, not 5 hours later").isEqualTo("resolved");
  }

  @Test
  void onlineAndOfflineGoByTheConsolesClockAndTheDeskSeesTheOffset() throws Exception {
    var hb = boxA.post("/api/v1/heartbeat", new JsonObject().put("agentVersion", "test")
        .put("sentAt", clock.instant().plus(Duration.ofHours(7)).toString()));
    assertThat(hb.statusCode()).isEqualTo(200);
    assertThat(hb.bodyAsJsonObject().getString("serverTime")).isEqualTo(clock.instant().toString());
    JsonObject box = desk.get("/api/v1/boxes/" + boxA.boxId()).bodyAsJsonObject();
    assertThat(box.getBoolean("online")).isTrue();
    assertThat(box.getLong("clockOffsetSeconds")).isEqualTo(7 * 3600);
    clock.advance(Duration.ofMinutes(6));
    assertThat(desk.get("/api/v1/boxes/" + boxA.boxId()).bodyAsJsonObject().getBoolean("online"))
        .as("five missed heartbeats by the console's clock, whatever the box's says").isFalse();
  }

  @Test
  void aSentAtThatIsNotATimeIsRefusedAndNothingIsStored() throws Exception {
    var r = boxA.post("/api/v1/findings", new JsonObject().put("findings", new JsonArray().add(
        hiddenIframe(Severity.HIGH, "x", clock.instant()).toJson())).put("sentAt", "yesterday"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("sentAt").contains("yesterday");
    assertThat(console.count("SELECT COUNT(*) FROM findings")).isZero();
  }
}
