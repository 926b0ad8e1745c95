package jp.mamori.checks.web.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A web server on loopback (port 0) for patrol tests: HTTP or HTTPS, answering through a replaceable handler.
 * Only this test-started server is ever contacted.
 */
public final class TestSite implements AutoCloseable {
  static {
    // without it the JDK server's separate header/body writes meet delayed ACKs: 40 ms per response
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** What the test server saw of one request. */
  public record Request(String method, String path, String query, String userAgent, String referer) {
    public boolean isBot() {
      return userAgent != null && userAgent.contains("Googlebot");
    }
  }

  /** One answer; {@code gzip} compresses the body as sent. */
  public record Reply(int status, String contentType, byte[] body, Map<String, String> headers, boolean gzip) {
    public static Reply html(String html) {
      return new Reply(200, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    public static Reply status(int status) {
      return new Reply(status, "text/html; charset=UTF-8", ("<h1>" + status + "</h1>").getBytes(StandardCharsets.UTF_8),
          Map.of(), false);
    }

    public static Reply redirect(int status, String location) {
      return new Reply(status, "text/html", new byte[0], Map.of("Location", location), false);
    }

    public Reply withHeaders(Map<String, String> extra) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.putAll(extra);
      return new Reply(status, contentType, body, h, gzip);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "test-site");
    t.setDaemon(true);
    return t;
  });
  private final String scheme;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Function<Request, Reply> handler = r -> Reply.status(404);

  private TestSite(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.setExecutor(pool);
    server.createContext("/", this::serve);
    server.start();
  }

  public static TestSite http() throws IOException {
    return new TestSite(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50), "http");
  }

  /** HTTPS with the given server context; {@code protocols} as the server offers them (null: JDK default). */
  public static TestSite https(SSLContext ctx, String... protocols) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        if (protocols.length > 0) {
          p.setProtocols(protocols);
        }
        params.setSSLParameters(p);
      }
    });
    return new TestSite(s, "https");
  }

  public TestSite handler(Function<Request, Reply> h) {
    this.handler = h;
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The site URL under a host name (resolved by the test's resolver) or 127.0.0.1. */
  public URI url(String host) {
    return URI.create(scheme + "://" + host + ":" + port() + "/");
  }

  public URI url() {
    return url("127.0.0.1");
  }

  public int requests() {
    return requests.get();
  }

  private void serve(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      URI u = ex.getRequestURI();
      Request req = new Request(ex.getRequestMethod(), u.getPath(), u.getRawQuery(),
          ex.getRequestHeaders().getFirst("User-Agent"), ex.getRequestHeaders().getFirst("Referer"));
      Reply reply;
      try {
        reply = handler.apply(req);
      } catch (RuntimeException e) {
        reply = Reply.status(500);
      }
      if (reply == null) {
        ex.getHttpContext().getServer();
        ex.close();
        return;
      }
      byte[] body = reply.body();
      if (reply.gzip()) {
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      if (reply.contentType() != null) {
        ex.getResponseHeaders().set("Content-Type", reply.contentType());
      }
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // the patrol may hang up early (size cap): that is the point of some tests
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
