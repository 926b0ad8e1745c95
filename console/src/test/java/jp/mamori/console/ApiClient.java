package jp.mamori.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;
import java.util.concurrent.TimeUnit;

/** A person using the console's REST API: session cookie plus CSRF header, like the UI does. */
public final class ApiClient {
  private final WebClientSession http;
  private final String base;
  private String csrf;

  public ApiClient(Vertx vertx, String base) {
    this.http = WebClientSession.create(WebClient.create(vertx));
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public ApiClient login(String email, String password) throws Exception {
    HttpResponse<Buffer> r = call(HttpMethod.POST, "/api/v1/auth/login", new JsonObject().put("email", email).put("password", password));
    if (r.statusCode() != 200) {
      throw new AssertionError("login as " + email + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    csrf = r.bodyAsJsonObject().getString("csrfToken");
    return this;
  }

  public HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) throws Exception {
    var req = http.requestAbs(method, base + path);
    if (csrf != null) {
      req.putHeader("X-CSRF-Token", csrf);
    }
    return (body == null ? req.send() : req.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> get(String path) throws Exception {
    return call(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) throws Exception {
    return call(HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> patch(String path, JsonObject body) throws Exception {
    return call(HttpMethod.PATCH, path, body);
  }

  public HttpResponse<Buffer> put(String path, JsonObject body) throws Exception {
    return call(HttpMethod.PUT, path, body);
  }

  /** Sends raw bytes (a file upload) with a content type. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body, String contentType) throws Exception {
    var req = http.requestAbs(method, base + path).putHeader("content-type", contentType);
    if (csrf != null) {
      req.putHeader("X-CSRF-Token", csrf);
    }
    return req.sendBuffer(body).await(60, TimeUnit.SECONDS);
  }

  /** Sends without the CSRF header, as a cross-site form post would. */
  public HttpResponse<Buffer> postWithoutCsrf(String path, JsonObject body) throws Exception {
    return http.postAbs(base + path).sendJsonObject(body).await(30, TimeUnit.SECONDS);
  }
}
