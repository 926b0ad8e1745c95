package jp.mamori.console.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.mamori.console.ApiClient;
import jp.mamori.console.ConsoleHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attachments: size caps, types sniffed from the bytes, stored under names nobody chooses, served as downloads. */
class AttachmentsTest extends DeskTestBase {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  long ticket;

  @BeforeEach
  void openTicket() throws Exception {
    ticket = f.consultFromBox("画面がおかしい", "写真を送ります");
  }

  /** Uploads like the page's script does: raw bytes, the session cookie and the CSRF header. */
  static HttpResponse<Buffer> upload(DeskFixture f, String email, long ticket, String name, byte[] data, boolean internal) throws Exception {
    WebClientSession http = WebClientSession.create(WebClient.create(f.console.vertx));
    String csrf = http.postAbs(f.console.url() + "api/v1/auth/login").sendJsonObject(new JsonObject().put("email", email)
        .put("password", ConsoleHarness.PASSWORD)).await(10, TimeUnit.SECONDS).bodyAsJsonObject().getString("csrfToken");
    return http.postAbs(f.console.url() + "api/v1/tickets/" + ticket + "/attachments?filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + (internal ? "&internal=true" : "")).putHeader("X-CSRF-Token", csrf).putHeader("Content-Type", "text/html")
        .sendBuffer(Buffer.buffer(data)).await(10, TimeUnit.SECONDS);
  }

  @Test
  void ownerAttachesAScreenshotTheAdvisorDownloadsItSafely() throws Exception {
    HttpResponse<Buffer> up = upload(f, "owner-a@example.jp", ticket, "../../etc/画面\"写真.exe", PNG, false);
    assertThat(up.statusCode()).as(up.bodyAsString()).isEqualTo(201);
    JsonObject a = up.bodyAsJsonObject();
    assertThat(a.getString("contentType")).as("sniffed, not the declared text/html").isEqualTo("image/png");
    assertThat(a.getString("filename")).isEqualTo("画面写真.exe.png");
    assertThat(a.getString("sha256")).hasSize(64);
    try (var files = Files.walk(tmp.resolve("attachments"))) {
      List<Path> stored = files.filter(Files::isRegularFile).toList();
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).getFileName().toString()).matches("[A-Za-z0-9_-]{43}").doesNotContain("画面");
      assertThat(Files.readAllBytes(stored.get(0))).isEqualTo(PNG);
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.get(0)))).isEqualTo("rw-------");
    }
    ApiClient advisor = f.login("advisor-a@example.jp");
    HttpResponse<Buffer> down = advisor.get("/api/v1/attachments/" + a.getLong("id"));
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body().getBytes()).isEqualTo(PNG);
    assertThat(down.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(down.getHeader("Content-Disposition")).startsWith("attachment; filename=\"").contains("filename*=UTF-8''%E7%94%BB%E9%9D%A2");
    assertThat(down.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(down.getHeader("Content-Security-Policy")).contains("sandbox");
    JsonObject view = advisor.get("/api/v1/tickets/" + ticket).bodyAsJsonObject();
    assertThat(view.getJsonArray("messages").encode()).contains("画面写真.exe.png");
    assertThat(f.login("advisor-b@example.jp").get("/api/v1/attachments/" + a.getLong("id")).statusCode()).isEqualTo(404);
    assertThat(f.login("owner-b@example.jp").get("/api/v1/tickets/" + ticket + "/attachments").statusCode()).isEqualTo(404);
  }

  @Test
  void refusesWhatIsNotAnOfficeFileAndWhatIsTooBig() throws Exception {
    byte[] exe = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
    HttpResponse<Buffer> r = upload(f, "owner-a@example.jp", ticket, "invoice.pdf", exe, false);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_type");
    assertThat(upload(f, "owner-a@example.jp", ticket, "x.bin", new byte[] {0, 1, 2, 3, 0, 0}, false).statusCode()).isEqualTo(415);
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(PNG, 0, big, 0, PNG.length);
    HttpResponse<Buffer> tooBig = upload(f, "owner-a@example.jp", ticket, "big.png", big, false);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.bodyAsJsonObject().getString("message")).contains("5 MB");
    assertThat(upload(f, "owner-a@example.jp", ticket, "note.txt", "x".getBytes(), true).statusCode()).as("internal is the desk's").isEqualTo(403);
    assertThat(upload(f, "owner-b@example.jp", ticket, "x.png", PNG, false).statusCode()).isEqualTo(404);
    try (var files = Files.list(tmp)) {
      assertThat(Files.exists(tmp.resolve("attachments")) ? Files.walk(tmp.resolve("attachments")).filter(Files::isRegularFile).count() : 0)
          .as("nothing stored for refused uploads").isZero();
    }
  }

  @Test
  void sniffsOfficeFilesTextInBothEncodingsAndKeepsInternalFilesFromTheCompany() throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("[Content_Types].xml"));
      z.write("<Types/>".getBytes());
      z.putNextEntry(new ZipEntry("xl/workbook.xml"));
      z.write("<workbook/>".getBytes());
    }
    JsonObject xlsx = upload(f, "advisor-a@example.jp", ticket, "台帳", zip.toByteArray(), false).bodyAsJsonObject();
    assertThat(xlsx.getString("contentType")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(xlsx.getString("filename")).isEqualTo("台帳.xlsx");
    JsonObject sjis = upload(f, "owner-a@example.jp", ticket, "ログ.csv", "日付,内容\r\n2026/06/10,不審なメール\r\n".getBytes(Charset.forName("windows-31j")), false)
        .bodyAsJsonObject();
    assertThat(sjis.getString("contentType")).isEqualTo("text/plain; charset=Shift_JIS");
    JsonObject memo = upload(f, "advisor-a@example.jp", ticket, "memo.txt", "社内メモ: 保険会社に確認".getBytes(StandardCharsets.UTF_8), true)
        .bodyAsJsonObject();
    assertThat(memo.getString("contentType")).isEqualTo("text/plain; charset=utf-8");
    ApiClient owner = f.login("owner-a@example.jp");
    JsonArray seen = owner.get("/api/v1/tickets/" + ticket + "/attachments").bodyAsJsonArray();
    assertThat(seen.stream().map(o -> ((JsonObject) o).getString("filename")).toList()).containsExactly("台帳.xlsx", "ログ.csv");
    assertThat(owner.get("/api/v1/attachments/" + memo.getLong("id")).statusCode()).isEqualTo(404);
    assertThat(owner.get("/api/v1/tickets/" + ticket).bodyAsString()).doesNotContain("memo.txt");
  }
}
