package jp.mamori.console.portal;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** A box talking to the console over real HTTP: enrolls with a token, then calls with its bearer credential. */
public final class BoxApi {
  private final WebClient http;
  private final String base;
  public final JsonObject enrollment;

  private BoxApi(WebClient http, String base, JsonObject enrollment) {
    this.http = http;
    this.base = base;
    this.enrollment = enrollment;
  }

  public static BoxApi enroll(Vertx vertx, String consoleUrl, String token) throws Exception {
    WebClient http = WebClient.create(vertx);
    String base = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
    HttpResponse<Buffer> r = http.postAbs(base + "/api/v1/enroll").sendJsonObject(new JsonObject().put("token", token).put("hostname", "mamori-box")
        .put("agentVersion", "test")).await(30, TimeUnit.SECONDS);
    if (r.statusCode() != 201) {
      throw new AssertionError("enroll failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return new BoxApi(http, base, r.bodyAsJsonObject());
  }

  public String credential() {
    return enrollment.getString("credential");
  }

  public String boxId() {
    return enrollment.getString("boxId");
  }

  /** {@code headers}: name, value, name, value ... */
  public HttpResponse<Buffer> call(HttpMethod m, String path, JsonObject body, String... headers) throws Exception {
    var req = http.requestAbs(m, base + path).putHeader("Authorization", "Bearer " + credential());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> get(String path) throws Exception {
    return call(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
    return call(HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> heartbeat() throws Exception {
    return post("/api/v1/heartbeat", new JsonObject().put("agentVersion", "test"));
  }
}
