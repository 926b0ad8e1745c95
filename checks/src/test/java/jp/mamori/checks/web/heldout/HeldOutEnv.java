package jp.mamori.checks.web.heldout;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.mamori.checks.web.Sites;
import jp.mamori.checks.web.StaticResolver;
import jp.mamori.checks.web.site.TestCerts;
import jp.mamori.checks.web.site.TestSite;

/** What a held-out variant can change: the site's files, its DNS answers, or the server (and certificate) answering. */
public final class HeldOutEnv implements AutoCloseable {
  public final HeldOutSite site;
  public final StaticResolver resolver;
  public final String domain;
  public URI url;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** A fresh copy of the named base site on its own loopback HTTP server (closed with the environment). */
  public static HeldOutEnv of(String siteName) {
    try {
      TestSite server = TestSite.http();
      HeldOutEnv env = new HeldOutEnv(HeldOutSite.load(siteName), server);
      env.closeables.add(server);
      return env;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot start a test server for " + siteName, e);
    }
  }

  public HeldOutEnv(HeldOutSite site, TestSite server) {
    this.site = site;
    this.domain = Sites.registrableDomain(site.host);
    resolver = new StaticResolver(null).map(site.host, "127.0.0.1")
        .record(domain, "NS", "ns1.sakura-dns.test.", "ns2.sakura-dns.test.")
        .record(domain, "MX", "10 mail." + domain + ".");
    serveFrom(server);
  }

  private void serveFrom(TestSite server) {
    server.handler(site);
    url = server.url(site.host);
    site.origin = url.getScheme() + "://" + site.host + ":" + url.getPort();
  }

  /** A valid certificate for the site's host, from a month ago for most of a year. */
  public void validCertificate() {
    Instant now = Instant.now();
    certificate(List.of(site.host), now.minus(java.time.Duration.ofDays(30)), now.plus(java.time.Duration.ofDays(300)), false);
  }

  /** From now on the site is served over HTTPS with a certificate for these names and dates (closed with this env). */
  public void certificate(List<String> names, Instant from, Instant to, boolean untrusted, String... protocols) {
    try {
      TestSite other = TestSite.https(TestCerts.get().serverContext(names, from, to, untrusted),
          protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols);
      closeables.add(other);
      serveFrom(other);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a TLS server for " + site.host, e);
    }
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }
}
