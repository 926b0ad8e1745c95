package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jp.mamori.console.ApiClient;
import jp.mamori.console.sla.SlaMonitor;
import org.junit.jupiter.api.Test;

/** The SLA clock on real tickets: business hours, a Japanese holiday skipped, paused while waiting, warnings, compliance. */
class SlaTest extends DeskTestBase {
  static final ZoneId JST = ZoneId.of("Asia/Tokyo");

  /** Friday 2026-11-20 16:00 JST; Monday 11/23 is 勤労感謝の日. */
  @Override
  Instant start() {
    return jst(2026, 11, 20, 16, 0);
  }

  static Instant jst(int y, int m, int d, int h, int min) {
    return ZonedDateTime.of(y, m, d, h, min, 0, 0, JST).toInstant();
  }

  JsonObject ticket(ApiClient who, long id) throws Exception {
    var r = who.get("/api/v1/tickets/" + id);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** Runs the minute's SLA scan and waits until its events arrived on the event bus. */
  List<JsonObject> scan() throws Exception {
    int before = events.size();
    int published = f.console.services().desk().scanSla().await(10, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 5_000;
    while (events.size() < before + published && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    return events.subList(before, events.size());
  }

  final List<JsonObject> events = new CopyOnWriteArrayList<>();

  @Test
  void clockSkipsTheHolidayPausesWhileWaitingAndWarnsBeforeBreach() throws Exception {
    f.console.vertx.eventBus().<JsonObject>consumer(SlaMonitor.ADDRESS, m -> events.add(m.body())).completion().await(5, TimeUnit.SECONDS);
    long id = f.consultFromBox("ホームページが変です", "トップページに知らない広告が出ます。");
    ApiClient advisor = f.login("advisor-a@example.jp");
    JsonObject t = ticket(advisor, id);
    assertThat(t.getString("source")).isEqualTo("local");
    JsonObject sla = t.getJsonObject("sla");
    // medium: 4 business hours to first response: Fri 16-17, Mon is a holiday, Tue 9-12
    assertThat(sla.getJsonObject("firstResponse").getString("dueAt")).isEqualTo(jst(2026, 11, 24, 12, 0).toString());
    assertThat(sla.getJsonObject("firstResponse").getString("warnAt")).isEqualTo(jst(2026, 11, 24, 11, 0).toString());
    // 3 business days to resolution: Fri 1h + Tue 8h + Wed 8h + Thu 7h
    assertThat(sla.getJsonObject("resolution").getString("dueAt")).isEqualTo(jst(2026, 11, 26, 16, 0).toString());

    clock.set(jst(2026, 11, 24, 10, 0));
    assertThat(scan()).isEmpty();
    clock.set(jst(2026, 11, 24, 11, 5));
    scan();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getString("type")).isEqualTo("sla.warning");
    assertThat(events.get(0).getString("target")).isEqualTo("first_response");
    assertThat(events.get(0).getLong("ticketId")).isEqualTo(id);
    advisor = f.login("advisor-a@example.jp");
    JsonArray warned = advisor.get("/api/v1/tickets?sla=warning").bodyAsJsonArray();
    assertThat(warned).hasSize(1);
    assertThat(warned.getJsonObject(0).getJsonObject("sla").getString("state")).isEqualTo("warning");
    scan();
    assertThat(events).as("each warning once").hasSize(1);

    clock.set(jst(2026, 11, 24, 12, 5));
    scan();
    assertThat(events).hasSize(2);
    assertThat(events.get(1).getString("type")).isEqualTo("sla.breach");
    assertThat(advisor.get("/api/v1/tickets?sla=breached").bodyAsJsonArray()).hasSize(1);

    // the advisor answers and waits for the company: first response missed by 5 minutes; the clock pauses
    var reply = advisor.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("body", "広告の画面を撮って送ってください。").put("status", "waiting"));
    assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(201);
    t = ticket(advisor, id);
    assertThat(t.getString("status")).isEqualTo("waiting");
    sla = t.getJsonObject("sla");
    assertThat(sla.getString("clock")).isEqualTo("paused");
    assertThat(sla.getJsonObject("firstResponse").getString("state")).isEqualTo("missed");
    assertThat(sla.getJsonObject("firstResponse").getLong("businessMinutesUsed")).isEqualTo(245);
    assertThat(sla.getJsonObject("resolution").getString("dueAt")).isNull();
    assertThat(advisor.get("/api/v1/tickets?sla=paused").bodyAsJsonArray()).hasSize(1);

    // two business days pass while the company does not answer: nothing is used up, nothing is breached
    clock.set(jst(2026, 11, 26, 17, 0));
    scan();
    assertThat(events).hasSize(2);
    ApiClient owner = f.login("owner-a@example.jp");
    assertThat(owner.post("/api/v1/tickets/" + id + "/messages", new JsonObject().put("body", "写真を添付します。")).statusCode()).isEqualTo(201);
    advisor = f.login("advisor-a@example.jp");
    t = ticket(advisor, id);
    assertThat(t.getString("status")).as("the company's answer reopens it").isEqualTo("open");
    sla = t.getJsonObject("sla");
    assertThat(sla.getString("clock")).isEqualTo("running");
    assertThat(sla.getLong("businessMinutesUsed")).isEqualTo(245);
    // 1440 - 245 = 1195 business minutes left from Thursday 17:00: Fri 8h, Mon 8h, Tue 9:00 + 3h55
    assertThat(sla.getJsonObject("resolution").getString("dueAt")).isEqualTo(jst(2026, 12, 1, 12, 55).toString());

    clock.set(jst(2026, 11, 27, 10, 0));
    advisor = f.login("advisor-a@example.jp");
    assertThat(advisor.patch("/api/v1/tickets/" + id, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(200);
    t = ticket(advisor, id);
    assertThat(t.getJsonObject("sla").getJsonObject("resolution").getString("state")).isEqualTo("met");
    assertThat(t.getJsonObject("sla").getLong("businessMinutesUsed")).isEqualTo(245 + 60);

    JsonObject report = advisor.get("/api/v1/sla/compliance?chamberId=" + f.chamberA + "&from=2026-11-01&to=2026-12-01").bodyAsJsonObject();
    assertThat(report.getLong("tickets")).isEqualTo(1);
    assertThat(report.getJsonObject("firstResponse").getLong("missed")).isEqualTo(1);
    assertThat(report.getJsonObject("resolution").getLong("met")).isEqualTo(1);
    assertThat(report.getJsonObject("resolution").getDouble("rate")).isEqualTo(1.0);
    JsonObject plain = f.console.read(c -> f.console.services().desk().slaCompliance()
        .forChamber(c, f.chamberB, null, jst(2026, 11, 1, 0, 0), jst(2026, 12, 1, 0, 0)).toJson());
    assertThat(plain.getLong("tickets")).isZero();
  }

  @Test
  void chamberCalendarAndTargetsAreTheChambersToSet() throws Exception {
    ApiClient admin = f.login("admin-a@example.jp");
    ApiClient advisor = f.login("advisor-a@example.jp");
    long id = f.consultFromBox("相談", "パスワードの管理方法を教えてください。");
    JsonObject cal = admin.get("/api/v1/chambers/" + f.chamberA + "/calendar").bodyAsJsonObject();
    assertThat(cal.getJsonObject("hours").getJsonArray("mon")).containsExactly("09:00-17:00");
    // open on Saturdays, closed on Tuesday 11/24 for the chamber's own event
    cal.getJsonObject("hours").put("sat", new JsonArray().add("09:00-12:00"));
    cal.put("closedDays", new JsonArray().add("2026-11-24"));
    assertThat(advisor.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/chambers/" + f.chamberA + "/calendar", cal).statusCode()).isEqualTo(403);
    var put = admin.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/chambers/" + f.chamberA + "/calendar", cal);
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    // Fri 16-17, Sat 9-12: the 4 hours end on Saturday at noon
    assertThat(ticket(advisor, id).getJsonObject("sla").getJsonObject("firstResponse").getString("dueAt"))
        .isEqualTo(jst(2026, 11, 21, 12, 0).toString());
    // resolution, 24 business hours: Fri 1, Sat 3, Mon holiday, Tue closed, Wed 8, Thu 8, Fri 4
    assertThat(ticket(advisor, id).getJsonObject("sla").getJsonObject("resolution").getString("dueAt"))
        .isEqualTo(jst(2026, 11, 27, 13, 0).toString());
    var policy = admin.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/chambers/" + f.chamberA + "/sla-policy",
        new JsonObject().put("medium", new JsonObject().put("firstResponseMinutes", 60).put("resolutionMinutes", 480).put("warnPercent", 50)));
    assertThat(policy.statusCode()).as(policy.bodyAsString()).isEqualTo(200);
    assertThat(ticket(advisor, id).getJsonObject("sla").getJsonObject("firstResponse").getString("dueAt"))
        .isEqualTo(jst(2026, 11, 20, 17, 0).toString());
    assertThat(ticket(advisor, id).getJsonObject("sla").getJsonObject("firstResponse").getString("warnAt"))
        .isEqualTo(jst(2026, 11, 20, 16, 30).toString());
    assertThat(admin.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/chambers/" + f.chamberA + "/sla-policy",
        new JsonObject().put("medium", new JsonObject().put("firstResponseMinutes", 600).put("resolutionMinutes", 60))).statusCode()).isEqualTo(400);
    assertThat(admin.call(io.vertx.core.http.HttpMethod.PUT, "/api/v1/chambers/" + f.chamberB + "/calendar", cal).statusCode()).isEqualTo(404);
    JsonArray holidays = advisor.get("/api/v1/holidays?year=2026").bodyAsJsonArray();
    assertThat(holidays).contains(new JsonObject().put("date", "2026-09-22").put("name", "国民の休日"));
    assertThat(advisor.get("/api/v1/holidays?year=1890").statusCode()).isEqualTo(400);
  }

  @Test
  void pastDueAndUnansweredCountsAsMissedInCompliance() throws Exception {
    f.escalate("web.injected-script", "x1");
    clock.advance(Duration.ofDays(10));
    JsonObject r = f.console.read(c -> f.console.services().desk().slaCompliance()
        .forChamber(c, f.chamberA, null, jst(2026, 11, 1, 0, 0), jst(2026, 12, 1, 0, 0)).toJson());
    assertThat(r.getLong("tickets")).isEqualTo(1);
    assertThat(r.getJsonObject("firstResponse").getLong("missed")).isEqualTo(1);
    assertThat(r.getJsonObject("resolution").getLong("missed")).isEqualTo(1);
  }
}
