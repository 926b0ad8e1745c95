package jp.mamori.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.console.auth.Role;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's lists answer pages linked by a Link header: every row once, in order, within the caller's tenant. */
class PagingTest {
  private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

  @TempDir Path tmp;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
  ConsoleHarness console;
  ApiClient advisor;
  long chamberA;

  @BeforeEach
  void start() throws Exception {
    console = new ConsoleHarness(tmp.resolve("console"), clock);
    chamberA = console.chamber("osaka-test", "大阪テスト商工会議所");
    long chamberB = console.chamber("kyoto-test", "京都テスト商工会議所");
    // names out of id order, two alike: the order is by name, then id
    String[] names = {"は組", "い組", "ほ組", "に組", "ろ組", "い組", "へ組"};
    for (int i = 0; i < names.length; i++) {
      long sme = console.sme(chamberA, names[i], null);
      box(sme, "box-a" + i);
      deliver(sme, chamberA, "box-a" + i, i);
    }
    long other = console.sme(chamberB, "よその会社", null);
    box(other, "box-b");
    deliver(other, chamberB, "box-b", 99);
    console.user("advisor@example.jp", Role.ADVISOR, Set.of(chamberA), null);
    advisor = new ApiClient(console.vertx, console.url()).login("advisor@example.jp", ConsoleHarness.PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
  }

  private void box(long sme, String id) throws Exception {
    console.write(c -> Jdbc.update(c, "INSERT INTO boxes(id, sme_id, hostname, credential_hash, enrolled_at) VALUES (?, ?, ?, 'x', ?)", id, sme, id,
        clock.millis()));
  }

  /** Two alerts per company (one high, so it opens a ticket); every second company's pair is seen at the same instant as the previous. */
  private void deliver(long sme, long chamber, String box, int n) throws Exception {
    if (n % 2 == 0) {
      clock.advance(Duration.ofMinutes(1));
    }
    JsonArray findings = new JsonArray();
    for (Severity sev : List.of(Severity.HIGH, Severity.LOW)) {
      findings.add(Finding.builder("lan.test").severity(sev).point(3).target("192.0.2." + (n + 1) + ":23").title("テスト", "Test")
          .advice("確認", "Check").identity("sev", sev.wire()).observedAt(clock).build().toJson());
    }
    console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity(box, sme, chamber), findings, new JsonArray()));
  }

  /** Follows the Link headers from {@code first}; returns every row served, checking no page is bigger than {@code limit}. */
  private List<JsonObject> all(String first, int limit) throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    String next = first;
    for (int pages = 0; next != null; pages++) {
      assertThat(pages).as("pages of " + first).isLessThan(50);
      HttpResponse<Buffer> r = advisor.get(next);
      assertThat(r.statusCode()).as(next + ": " + r.bodyAsString()).isEqualTo(200);
      JsonArray page = r.bodyAsJsonArray();
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      page.forEach(o -> rows.add((JsonObject) o));
      String link = r.getHeader("Link");
      if (link == null) {
        next = null;
      } else {
        assertThat(page.size()).as("a page with a next link is full").isEqualTo(limit);
        Matcher m = NEXT.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        next = m.group(1);
      }
    }
    return rows;
  }

  @Test
  void alertsPageByLastSeenThenIdWithoutLosingOrRepeatingOne() throws Exception {
    List<JsonObject> whole = all("/api/v1/alerts?status=open&limit=500", 500);
    assertThat(whole).hasSize(14).allMatch(a -> a.getLong("chamberId") == chamberA);
    for (int limit : new int[] {1, 3, 4}) {
      List<JsonObject> paged = all("/api/v1/alerts?status=open&limit=" + limit, limit);
      assertThat(paged.stream().map(a -> a.getLong("id")).toList()).as("limit " + limit)
          .isEqualTo(whole.stream().map(a -> a.getLong("id")).toList());
    }
    for (int i = 1; i < whole.size(); i++) {
      JsonObject a = whole.get(i - 1);
      JsonObject b = whole.get(i);
      int byTime = Instant.parse(a.getString("lastSeenAt")).compareTo(Instant.parse(b.getString("lastSeenAt")));
      assertThat(byTime > 0 || (byTime == 0 && a.getLong("id") > b.getLong("id"))).as("latest first, then newest id").isTrue();
    }
  }

  @Test
  void boxesAndCompaniesPageByName() throws Exception {
    List<String> boxes = all("/api/v1/boxes?limit=2", 2).stream().map(b -> b.getString("smeName") + "/" + b.getString("id")).toList();
    assertThat(boxes).containsExactly("い組/box-a1", "い組/box-a5", "に組/box-a3", "は組/box-a0", "へ組/box-a6", "ほ組/box-a2", "ろ組/box-a4");
    List<String> smes = all("/api/v1/smes?limit=3", 3).stream().map(s -> s.getString("name")).toList();
    assertThat(smes).containsExactly("い組", "い組", "に組", "は組", "へ組", "ほ組", "ろ組");
    assertThat(advisor.get("/api/v1/smes").bodyAsJsonArray()).hasSize(7);
    assertThat(advisor.get("/api/v1/smes").getHeader("Link")).as("everything fits the default page").isNull();
  }

  @Test
  void theQueueLinksToItsNextPageByOffset() throws Exception {
    List<Long> whole = all("/api/v1/tickets?limit=500", 500).stream().map(t -> t.getLong("id")).toList();
    assertThat(whole).hasSize(7);
    assertThat(all("/api/v1/tickets?limit=2&sort=created", 2).stream().map(t -> t.getLong("id")).toList())
        .isEqualTo(whole.stream().sorted((a, b) -> Long.compare(b, a)).toList());
    assertThat(all("/api/v1/tickets?limit=3", 3).stream().map(t -> t.getLong("id")).toList()).isEqualTo(whole);
    String page = advisor.get("/tickets?limit=3").bodyAsString();
    assertThat(page).contains("rel=\"next\" href=\"/tickets?limit=3&amp;offset=3\"");
    assertThat(advisor.get("/tickets?limit=3&offset=6").bodyAsString()).doesNotContain("rel=\"next\"");
  }

  @Test
  void badLimitsAndCursorsAreRefusedNamingThem() throws Exception {
    for (String path : List.of("/api/v1/alerts?limit=0", "/api/v1/boxes?limit=501", "/api/v1/smes?limit=x", "/api/v1/tickets?limit=1000",
        "/api/v1/tickets?offset=-1")) {
      HttpResponse<Buffer> r = advisor.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("message")).as(path).containsAnyOf("limit", "offset");
    }
    String boxCursor = java.util.Base64.getUrlEncoder().encodeToString("[\"x\",1,\"y\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String path : List.of("/api/v1/alerts?cursor=!!!", "/api/v1/alerts?cursor=" + boxCursor, "/api/v1/smes?cursor=" + boxCursor)) {
      HttpResponse<Buffer> r = advisor.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("message")).as(path).contains("cursor");
    }
    assertThat(advisor.get("/api/v1/boxes?cursor=" + boxCursor).statusCode()).as("a box cursor pages boxes").isEqualTo(200);
  }
}
