package jp.mamori.agent.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jp.mamori.common.Version;

/** The box's side of the console's REST API (non-blocking, Vert.x HTTP client). */
public final class ConsoleClient {
  /** The code of a failure to trust the console's certificate (status 0, like any unreachable console). */
  public static final String UNTRUSTED_TLS = "untrusted_tls";

  private final HttpClientAgent http;
  private final URI base;
  private final String credential;
  private final Duration timeout;

  public ConsoleClient(Vertx vertx, URI base, Optional<Path> caFile, String credential, Duration timeout) {
    requireSafeUrl(base);
    this.base = base;
    this.credential = credential;
    this.timeout = timeout;
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout((int) timeout.toMillis())
        .setKeepAliveTimeout(30)
        .setDecompressionSupported(true);
    if ("https".equals(base.getScheme())) {
      options.setSsl(true).setVerifyHost(true);
      caFile.ifPresent(ca -> {
        if (!Files.isReadable(ca)) {
          throw new IllegalArgumentException("CA file " + ca + " is not readable");
        }
        options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
      });
    }
    this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(2));
  }

  /**
   * The credential must not travel in clear: plain http is accepted only to a loopback console
   * (demo and tests on one machine).
   */
  public static void requireSafeUrl(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || url.getHost() == null) {
      throw new IllegalArgumentException("console URL must look like https://console.example.jp, got: " + url);
    }
    if (scheme.equals("https")) {
      return;
    }
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException("console URL must use https://, got: " + url);
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(url.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IllegalArgumentException("refusing plain http:// to " + url.getHost()
          + ": the box credential would travel unencrypted; use https:// (with --ca-file for a chamber's own CA)");
    }
  }

  public Future<JsonObject> enroll(String token, String hostname) {
    JsonObject body = new JsonObject().put("token", token).put("hostname", hostname).put("agentVersion", Version.get());
    return call(HttpMethod.POST, "/api/v1/enroll", body, false);
  }

  /** Sends findings and run reports; succeeds only when the console has committed them. */
  public Future<JsonObject> deliver(List<JsonObject> findings, List<JsonObject> runs) {
    return deliver(findings, runs, null);
  }

  /** With the box's clock at sending, so the console can place the box's times on its own clock. */
  public Future<JsonObject> deliver(List<JsonObject> findings, List<JsonObject> runs, java.time.Instant sentAt) {
    JsonObject body = new JsonObject().put("findings", new JsonArray(findings)).put("runs", new JsonArray(runs));
    if (sentAt != null) {
      body.put("sentAt", sentAt.toString());
    }
    return call(HttpMethod.POST, "/api/v1/findings", body, true);
  }

  public Future<JsonObject> heartbeat(JsonObject status) {
    return call(HttpMethod.POST, "/api/v1/heartbeat", status, true);
  }

  /** An authenticated GET of a JSON object under the console's base, e.g. {@code /api/v1/box/rules}. */
  public Future<JsonObject> get(String path) {
    return call(HttpMethod.GET, path, null, true);
  }

  /** An authenticated POST of a JSON object; an empty answer (204) is an empty object. */
  public Future<JsonObject> post(String path, JsonObject body) {
    return call(HttpMethod.POST, path, body, true);
  }

  /**
   * An authenticated GET whose body the caller streams (a package download): the response is answered paused,
   * only when its status is 2xx; any other status fails with the console's error message.
   */
  public Future<HttpClientResponse> stream(String path) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base.resolve(path).toString())
        .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis())
        .putHeader("user-agent", "MamoriAgent/" + Version.get()).putHeader("authorization", "Bearer " + credential);
    // the response is handled inside the request's own compose: chained after it, from a thread that is not the
    // event loop, the response could end before body() or pause() is called (vert.x#6038)
    return http.request(options).compose(req -> req.send().compose(resp -> {
      if (resp.statusCode() / 100 == 2) {
        resp.pause();
        return Future.succeededFuture(resp);
      }
      return resp.body().compose(buf -> Future.failedFuture(new ConsoleException(resp.statusCode(),
          parse(buf).getString("error", "http_" + resp.statusCode()), "console answered " + resp.statusCode() + " to " + path + ": "
              + parse(buf).getString("message", resp.statusMessage()))));
    })).recover(e -> Future.failedFuture(e instanceof ConsoleException ? e
        : new ConsoleException(0, "unreachable", "console " + base + " unreachable: " + describe(e))));
  }

  private Future<JsonObject> call(HttpMethod method, String path, JsonObject body, boolean auth) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(base.resolve(path).toString())
        .setConnectTimeout(timeout.toMillis())
        .setIdleTimeout(timeout.toMillis())
        .putHeader("accept", "application/json")
        .putHeader("user-agent", "MamoriAgent/" + Version.get());
    if (auth) {
      options.putHeader("authorization", "Bearer " + credential);
    }
    if (body != null) {
      options.putHeader("content-type", "application/json");
    }
    return http.request(options)
        // body() inside the request's compose, never chained after it (vert.x#6038: callers may be on any thread)
        .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body.encode()))).compose(resp -> resp.body().map(buf -> {
          JsonObject json = parse(buf);
          if (resp.statusCode() / 100 != 2) {
            throw new ConsoleException(resp.statusCode(), json.getString("error", "http_" + resp.statusCode()),
                "console answered " + resp.statusCode() + " to " + path + ": "
                    + json.getString("message", resp.statusMessage()));
          }
          return json;
        })))
        .recover(e -> Future.failedFuture(e instanceof ConsoleException ? e
            : new ConsoleException(0, untrustedTls(e) ? UNTRUSTED_TLS : "unreachable", "console " + base + " unreachable: " + describe(e))));
  }

  private static boolean untrustedTls(Throwable e) {
    return tlsCause(e) != null;
  }

  private static Throwable tlsCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof javax.net.ssl.SSLException || m.contains("PKIX") || m.contains("certificate")) {
        return t;
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    Throwable tls = tlsCause(e);
    if (tls != null) {
      return "the console's TLS certificate is not trusted or does not match its name (" + tls.getMessage()
          + "); a chamber's own CA is given with --ca-file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static JsonObject parse(Buffer buf) {
    if (buf.length() == 0) {
      return new JsonObject();
    }
    try {
      return buf.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject().put("message", buf.length() > 200 ? buf.getString(0, 200) : buf.toString());
    }
  }

  public Future<Void> close() {
    return http.close();
  }
}
