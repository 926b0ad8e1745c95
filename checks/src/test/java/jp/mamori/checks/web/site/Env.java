package jp.mamori.checks.web.site;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.web.StaticResolver;

/** What a variant can change: the site's content, the test resolver's answers, or the server answering. */
public final class Env implements AutoCloseable {
  public static final String HOST = "www.yamada-seiko.test";

  public final CompanySite site = new CompanySite();
  public final StaticResolver resolver;
  public URI url;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  public Env(TestSite server) {
    server.handler(site);
    resolver = new StaticResolver(null).map(HOST, "127.0.0.1")
        .record("yamada-seiko.test", "NS", "ns1.dns-host.test.", "ns2.dns-host.test.")
        .record("yamada-seiko.test", "MX", "10 mail.yamada-seiko.test.");
    url = server.url(HOST);
  }

  /** Serves this site from another test server (closed with the environment). */
  public TestSite use(TestSite other) {
    closeables.add(other);
    other.handler(site);
    url = other.url(HOST);
    return other;
  }

  public void closeLater(AutoCloseable c) {
    closeables.add(c);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }
}
