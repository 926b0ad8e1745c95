package jp.mamori.checks.web;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import jp.mamori.common.Version;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP for the patrol (Apache HttpClient 5 classic): timeouts, at most two connections, a size cap per body
 * that also holds after gzip/deflate inflation, redirects followed by hand (at most five, only within the site)
 * and never into private, loopback or link-local addresses unless the site itself lives there.
 *
 * <p>Certificates are not judged here ({@link TlsInspector} does that strictly): the content of a site with a
 * broken certificate is still worth checking.
 */
public final class Fetcher implements Closeable {
  public static final String PATROL_UA = "MamoriPatrol/" + Version.get() + " (+https://mamori.jp/patrol)";
  public static final String BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      + "Chrome/124.0 Safari/537.36 MamoriPatrol/" + Version.get();
  public static final String MOBILE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
      + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 MamoriPatrol/" + Version.get();
  public static final String BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

  /** Who the request claims to be. */
  public enum As { PATROL, BROWSER, MOBILE, BOT }

  /** One HTTP exchange (no redirects followed). {@code error} is set when there was no HTTP answer. */
  public record Response(URI uri, int status, Map<String, String> headers, byte[] body, boolean truncated, String error,
      boolean timedOut) {
    public boolean ok() {
      return error == null && status >= 200 && status < 300;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public URI location() {
      String loc = header("location");
      return loc == null ? null : Sites.resolve(uri, loc);
    }

    public boolean isRedirect() {
      return error == null && status >= 300 && status < 400 && header("location") != null;
    }
  }

  /** A fetch with its redirects: the hops taken, the final answer, and where it stopped and why. */
  public record Chain(List<Response> hops, URI offsite, String stopped) {
    public Response last() {
      return hops.get(hops.size() - 1);
    }

    /** "301 http://x/ -> 200 https://x/" style summary of the hops. */
    public List<String> describe() {
      List<String> out = new ArrayList<>();
      for (Response r : hops) {
        out.add((r.error() == null ? String.valueOf(r.status()) : "error") + " " + r.uri());
      }
      if (offsite != null) {
        out.add("-> " + offsite);
      }
      return out;
    }
  }

  private final PatrolOptions options;
  private final Clock clock;
  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager connections;
  private final AtomicInteger requests = new AtomicInteger();

  public Fetcher(PatrolOptions options, SiteResolver resolver, boolean allowPrivate, Clock clock) {
    this.options = options;
    this.clock = clock;
    ConnectionConfig cc = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(options.connectTimeout()))
        .setSocketTimeout(Timeout.of(options.readTimeout()))
        .build();
    connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(new GuardedDns(resolver, allowPrivate))
        .setMaxConnTotal(PatrolOptions.MAX_CONCURRENT)
        .setMaxConnPerRoute(PatrolOptions.MAX_CONCURRENT)
        .setDefaultConnectionConfig(cc)
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(options.readTimeout())).build())
        .setTlsSocketStrategy(new DefaultClientTlsStrategy(lenientContext(), new String[] {"TLSv1.3", "TLSv1.2"}, null,
            SSLBufferMode.STATIC, NoopHostnameVerifier.INSTANCE))
        .build();
    client = HttpClients.custom()
        .setConnectionManager(connections)
        .disableRedirectHandling()
        .disableContentCompression()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.of(options.readTimeout()))
            .setConnectionRequestTimeout(Timeout.of(options.connectTimeout()))
            .setAuthenticationEnabled(false)
            .build())
        .build();
  }

  /** Requests sent so far. */
  public int requests() {
    return requests.get();
  }

  public Response get(URI uri, As as, String referer) {
    return get(uri, as, referer, options.maxBodyBytes());
  }

  public Response get(URI uri, As as, String referer, int maxBytes) {
    HttpGet get = new HttpGet(uri);
    get.setHeader("User-Agent", switch (as) {
      case PATROL -> PATROL_UA;
      case BROWSER -> BROWSER_UA;
      case MOBILE -> MOBILE_UA;
      case BOT -> BOT_UA;
    });
    get.setHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    get.setHeader("Accept-Language", "ja,en;q=0.8");
    get.setHeader("Accept-Encoding", "gzip, deflate");
    if (referer != null) {
      get.setHeader("Referer", referer);
    }
    requests.incrementAndGet();
    long deadline = clock.millis() + options.responseDeadline().toMillis();
    ClassicHttpResponse response = null;
    try {
      response = client.executeOpen(null, get, null);
      Map<String, String> headers = new LinkedHashMap<>();
      for (Header h : response.getHeaders()) {
        headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), Bodies.cut(h.getValue(), 2000));
      }
      int status = response.getCode();
      HttpEntity entity = response.getEntity();
      if (entity == null) {
        return new Response(uri, status, headers, new byte[0], false, null, false);
      }
      String encoding = headers.getOrDefault("content-encoding", "identity").strip().toLowerCase(Locale.ROOT);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
      boolean truncated;
      try {
        InputStream raw = entity.getContent();
        InputStream in = switch (encoding) {
          case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
          case "deflate" -> new InflaterInputStream(raw, new Inflater(false), 8192);
          case "identity", "" -> raw;
          default -> null;
        };
        if (in == null) {
          get.cancel();
          return new Response(uri, status, headers, new byte[0], false, "unsupported content-encoding " + encoding, false);
        }
        truncated = copyCapped(in, out, maxBytes, deadline);
      } catch (IOException e) {
        if (out.size() == 0) {
          throw e;
        }
        // a broken tail (bad gzip trailer, reset) still leaves a usable head
        truncated = true;
      }
      if (truncated) {
        get.cancel();
      }
      return new Response(uri, status, headers, out.toByteArray(), truncated, null, false);
    } catch (SocketTimeoutException e) {
      return failed(uri, "timed out: " + e.getMessage(), true);
    } catch (UnknownHostException e) {
      return failed(uri, "cannot resolve: " + e.getMessage(), false);
    } catch (SSLException e) {
      return failed(uri, "TLS handshake failed: " + e.getMessage(), false);
    } catch (IOException | RuntimeException e) {
      return failed(uri, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
    } finally {
      if (response != null) {
        try {
          response.close();
        } catch (IOException | RuntimeException e) {
          // an aborted exchange (size cap, deadline) closes its socket hard
        }
      }
    }
  }

  private static Response failed(URI uri, String error, boolean timedOut) {
    return new Response(uri, 0, Map.of(), new byte[0], false, Bodies.cut(error, 400), timedOut);
  }

  /** Copies at most max bytes; true when more was there (or the deadline passed, for slow-drip servers). */
  private boolean copyCapped(InputStream in, ByteArrayOutputStream out, int max, long deadline) throws IOException {
    byte[] buf = new byte[8192];
    while (true) {
      if (clock.millis() > deadline) {
        return true;
      }
      int room = max - out.size();
      int n = in.read(buf, 0, Math.min(buf.length, room + 1));
      if (n < 0) {
        return false;
      }
      if (n > room) {
        out.write(buf, 0, room);
        return true;
      }
      out.write(buf, 0, n);
    }
  }

  /** Follows same-site redirects (at most five); stops at the first hop to another site without fetching it. */
  public Chain follow(URI start, As as, String referer) {
    List<Response> hops = new ArrayList<>();
    URI current = start;
    while (true) {
      Response r = get(current, as, referer);
      hops.add(r);
      if (!r.isRedirect()) {
        return new Chain(hops, null, null);
      }
      URI next = r.location();
      if (next == null) {
        return new Chain(hops, null, "unusable Location header");
      }
      if (!Sites.sameSite(start, next)) {
        return new Chain(hops, next, "redirect to another site");
      }
      if (hops.size() > PatrolOptions.MAX_REDIRECTS) {
        return new Chain(hops, null, "more than " + PatrolOptions.MAX_REDIRECTS + " redirects");
      }
      current = next;
    }
  }

  private static SSLContext lenientContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAnyServer()}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JRE", e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing sockets
    }
    connections.close();
  }

  /** Refuses names that resolve to private addresses unless the site itself is private (DNS rebinding, SSRF). */
  static final class GuardedDns implements DnsResolver {
    private final SiteResolver resolver;
    private final boolean allowPrivate;

    GuardedDns(SiteResolver resolver, boolean allowPrivate) {
      this.resolver = resolver;
      this.allowPrivate = allowPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      List<InetAddress> all = resolver.addresses(host);
      if (all.isEmpty()) {
        throw new UnknownHostException(host + ": no addresses");
      }
      if (!allowPrivate) {
        for (InetAddress a : all) {
          if (Sites.isPrivate(a)) {
            throw new UnknownHostException(host + " resolves to the private address " + a.getHostAddress()
                + "; not followed from a public site");
          }
        }
      }
      return all.toArray(new InetAddress[0]);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }

}
