package jp.mamori.checks.web.site;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import jp.mamori.testing.TestCa;

/**
 * Server TLS contexts for patrol tests, issued by the shared {@link TestCa}: valid, expired, expiring, for the
 * wrong host, or from a CA nobody trusts.
 */
public final class TestCerts {
  private static TestCerts shared;

  private final Path dir;
  private final TestCa ca;
  private final TestCa stranger;
  public final X509Certificate caCert;
  private int serial;

  private TestCerts() throws Exception {
    dir = Files.createTempDirectory("mamori-patrol-certs");
    // deleteOnExit would only remove the directory if it were empty
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (java.io.IOException ignored) {
        // a test directory left in /tmp is not worth failing the run for
      }
    }, "delete " + dir));
    ca = new TestCa("Mamori Patrol Test CA");
    stranger = new TestCa("Unknown CA");
    Path pem = ca.writeCa(dir.resolve("ca.pem"));
    try (InputStream in = Files.newInputStream(pem)) {
      caCert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  public static synchronized TestCerts get() throws Exception {
    if (shared == null) {
      shared = new TestCerts();
    }
    return shared;
  }

  public String caPem() throws Exception {
    return Files.readString(dir.resolve("ca.pem"));
  }

  /** A server context for these names and validity, issued by the test CA (or by a CA nobody trusts). */
  public synchronized SSLContext serverContext(List<String> names, Instant from, Instant to, boolean untrusted)
      throws Exception {
    TestCa.Issued issued = (untrusted ? stranger : ca).issue(dir, "server" + serial++, names, from, to);
    String keyPem = Files.readString(issued.keyFile()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keyPem)));
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(issued.certFile())) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, "pw".toCharArray(), chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "pw".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
