package jp.mamori.console.desk;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jp.mamori.checks.finding.Finding;
import jp.mamori.checks.finding.Severity;
import jp.mamori.common.Jdbc;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import jp.mamori.console.auth.Role;
import jp.mamori.console.boxes.Boxes;

/**
 * Two chambers with their people and one enrolled box each, for help-desk tests. Chamber A: さくら製作所 (owner,
 * staff) and もみじ商店; chamber B: 京都秘密工業 (a name no A user may ever see). A partner responder works with A.
 */
public final class DeskFixture implements AutoCloseable {
  public static final String SECRET_B = "京都秘密工業";
  public final ConsoleHarness console;
  public final Clock clock;
  public long chamberA;
  public long chamberB;
  public long smeA;
  public long smeA2;
  public long smeB;
  public long operator;
  public long adminA;
  public long advisorA;
  public long ownerA;
  public long staffA;
  public long adminB;
  public long advisorB;
  public long ownerB;
  public long partnerUser;
  public long partnerId;
  public String boxA;
  public String credentialA;
  public String boxB;
  public String credentialB;
  private final WebClient web;

  public DeskFixture(Path dir, Clock clock) throws Exception {
    this.clock = clock;
    console = new ConsoleHarness(dir, clock);
    web = WebClient.create(console.vertx);
    chamberA = console.chamber("osaka-test", "大阪テスト商工会議所");
    chamberB = console.chamber("kyoto-test", "京都テスト商工会議所");
    smeA = console.write(c -> console.services().tenants().createSme(c, chamberA, new JsonObject().put("name", "さくら製作所")
        .put("website", "https://sakura.example.jp/").put("address", "大阪市北区1-1-1").put("contactName", "佐倉 一郎")
        .put("contactEmail", "owner@sakura.example.jp").put("contactPhone", "06-0000-0000").put("industry", "製造業")));
    smeA2 = console.sme(chamberA, "もみじ商店", null);
    smeB = console.sme(chamberB, SECRET_B, "https://secret.example.jp/");
    operator = console.user("operator@example.jp", Role.OPERATOR, Set.of(), null);
    adminA = console.user("admin-a@example.jp", Role.CHAMBER_ADMIN, Set.of(chamberA), null);
    advisorA = console.user("advisor-a@example.jp", Role.ADVISOR, Set.of(chamberA), null);
    ownerA = console.user("owner-a@example.jp", Role.OWNER, Set.of(), smeA);
    staffA = console.user("staff-a@example.jp", Role.STAFF, Set.of(), smeA);
    adminB = console.user("admin-b@example.jp", Role.CHAMBER_ADMIN, Set.of(chamberB), null);
    advisorB = console.user("advisor-b@example.jp", Role.ADVISOR, Set.of(chamberB), null);
    ownerB = console.user("owner-b@example.jp", Role.OWNER, Set.of(), smeB);
    partnerId = console.write(c -> {
      long id = Jdbc.insert(c, "INSERT INTO partners(name, phone, email, address, created_at) VALUES ('なにわITサポート', '06-1111-2222', "
          + "'desk@naniwa-it.example.jp', '大阪市中央区2-2-2', 0)");
      Jdbc.update(c, "INSERT INTO partner_chambers(partner_id, chamber_id) VALUES (?, ?)", id, chamberA);
      return id;
    });
    partnerUser = console.user("partner@example.jp", Role.PARTNER, Set.of(), null);
    console.write(c -> Jdbc.update(c, "UPDATE users SET partner_id = ? WHERE id = ?", partnerId, partnerUser));
    credentialA = enroll(smeA, adminA);
    boxA = credentialA.split("\\.")[1];
    credentialB = enroll(smeB, adminB);
    boxB = credentialB.split("\\.")[1];
  }

  private String enroll(long sme, long by) throws Exception {
    String token = console.enrollmentToken(sme, by);
    HttpResponse<Buffer> r = web.postAbs(console.url() + "api/v1/enroll").sendJsonObject(new JsonObject().put("token", token)
        .put("hostname", "box-" + sme)).await(10, TimeUnit.SECONDS);
    if (r.statusCode() != 201) {
      throw new AssertionError("enroll: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("credential");
  }

  public ApiClient login(String email) throws Exception {
    return new ApiClient(console.vertx, console.url()).login(email, ConsoleHarness.PASSWORD);
  }

  /** A call as a box (bearer credential). */
  public HttpResponse<Buffer> asBox(String credential, String method, String path, JsonObject body) throws Exception {
    var req = web.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), console.url() + path.substring(1))
        .putHeader("Authorization", "Bearer " + credential);
    return (body == null ? req.send() : req.sendJsonObject(body)).await(10, TimeUnit.SECONDS);
  }

  /** A high finding delivered for company A's box through ingestion; returns the ticket it escalated to. */
  public long escalate(String check, String identity) throws Exception {
    Finding f = Finding.builder(check).severity(Severity.HIGH).target("https://sakura.example.jp/")
        .title("ホームページに不審なスクリプト " + identity, "Suspicious script " + identity).advice("制作会社に連絡してください", "Call your web agency")
        .identity("key", identity).evidence("script", "https://evil.example/" + identity + ".js").observedAt(clock).build();
    return escalate(f, smeA, chamberA, boxA);
  }

  public long escalate(Finding f, long sme, long chamber, String box) throws Exception {
    console.write(c -> console.services().ingestion().ingest(c, new Boxes.BoxIdentity(box, sme, chamber), new JsonArray().add(f.toJson()),
        new JsonArray()));
    return console.read(c -> Jdbc.one(c, "SELECT t.id FROM tickets t JOIN alerts a ON a.id = t.alert_id WHERE a.fingerprint = ? "
        + "ORDER BY t.id DESC", rs -> rs.getLong(1), f.fingerprint()).orElseThrow());
  }

  /** A consultation from company A's box page, as the box forwards it. */
  public long consultFromBox(String subject, String body) throws Exception {
    HttpResponse<Buffer> r = asBox(credentialA, "POST", "/api/v1/box/consultations", new JsonObject().put("subject", subject).put("body", body)
        .put("contactName", "佐倉 一郎").put("contactPhone", "090-0000-0000"));
    if (r.statusCode() != 201) {
      throw new AssertionError("box consultation: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getLong("ticketId");
  }

  @Override
  public void close() throws Exception {
    console.close();
  }
}
