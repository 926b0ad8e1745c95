package jp.mamori.checks.web;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * Judges a site's TLS strictly: the chain against the JDK's anchors plus extra ones, the name, the dates, and
 * whether the server still accepts TLS 1.0 or 1.1 (probed with a hand-built ClientHello, because the JDK
 * refuses to speak those versions at all).
 */
public final class TlsInspector {

  /** What the handshake showed. {@code error} is set when there was no handshake at all. */
  public record Report(String error, String protocol, String trustProblem, String nameProblem, Instant notAfter,
      String subject, String issuer, List<String> legacyProtocols) {
    public long daysLeft(Instant now) {
      return notAfter == null ? Long.MAX_VALUE : Duration.between(now, notAfter).toDays();
    }
  }

  private final List<X509Certificate> extraTrust;
  private final Duration timeout;
  private final Clock clock;

  public TlsInspector(List<X509Certificate> extraTrust, Duration timeout, Clock clock) {
    this.extraTrust = extraTrust;
    this.timeout = timeout;
    this.clock = clock;
  }

  public Report inspect(String host, int port, InetAddress address) {
    X509Certificate[] chain;
    String protocol;
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      raw.setSoTimeout((int) timeout.toMillis());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAnyServer()}, new SecureRandom());
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true)) {
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (!Sites.isIpLiteral(host)) {
          p.setServerNames(List.of(new SNIHostName(host)));
        }
        s.setSSLParameters(p);
        s.startHandshake();
        chain = Arrays.stream(s.getSession().getPeerCertificates()).map(c -> (X509Certificate) c)
            .toArray(X509Certificate[]::new);
        protocol = s.getSession().getProtocol();
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return new Report(Bodies.cut(String.valueOf(e.getMessage()), 300), null, null, null, null, null, null,
          legacy(host, port, address));
    }
    X509Certificate leaf = chain[0];
    String trust = validate(chain, leaf);
    String name = null;
    try {
      new DefaultHostnameVerifier().verify(host, leaf);
    } catch (SSLException e) {
      name = Bodies.cut(e.getMessage(), 300);
    }
    return new Report(null, protocol, trust, name, leaf.getNotAfter().toInstant(),
        Bodies.cut(leaf.getSubjectX500Principal().getName(), 300), Bodies.cut(leaf.getIssuerX500Principal().getName(), 300),
        legacy(host, port, address));
  }

  /** Null when the chain leads to a trust anchor; the problem otherwise. Expiry is judged separately. */
  private String validate(X509Certificate[] chain, X509Certificate leaf) {
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          for (X509Certificate c : x.getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(c, null));
          }
        }
      }
      for (X509Certificate c : extraTrust) {
        anchors.add(new TrustAnchor(c, null));
      }
      List<X509Certificate> path = new ArrayList<>();
      for (X509Certificate c : chain) {
        if (anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c))) {
          break;
        }
        path.add(c);
      }
      if (path.isEmpty()) {
        return null;
      }
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      // validity is judged on its own (expired vs. untrusted are different advice)
      Instant now = clock.instant();
      Instant at = now.isAfter(leaf.getNotAfter().toInstant()) ? leaf.getNotAfter().toInstant().minusSeconds(1)
          : now.isBefore(leaf.getNotBefore().toInstant()) ? leaf.getNotBefore().toInstant().plusSeconds(1) : now;
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return null;
    } catch (GeneralSecurityException | RuntimeException e) {
      return Bodies.cut(String.valueOf(e.getMessage()), 300);
    }
  }

  private List<String> legacy(String host, int port, InetAddress address) {
    List<String> offered = new ArrayList<>();
    if (accepts(host, port, address, 0x0301)) {
      offered.add("TLSv1");
    }
    if (accepts(host, port, address, 0x0302)) {
      offered.add("TLSv1.1");
    }
    return offered;
  }

  /** Sends a ClientHello offering only this version; true when the server answers with a ServerHello for it. */
  boolean accepts(String host, int port, InetAddress address, int version) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(clientHello(host, version));
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int type = in.readUnsignedByte();
      in.readUnsignedShort();
      int length = in.readUnsignedShort();
      if (type != 0x16 || length < 6) {
        return false;
      }
      int handshake = in.readUnsignedByte();
      in.skipNBytes(3);
      int serverVersion = in.readUnsignedShort();
      return handshake == 0x02 && serverVersion == version;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static byte[] clientHello(String host, int version) {
    int[] suites = {0xc013, 0xc014, 0xc009, 0xc00a, 0x0033, 0x0039, 0x002f, 0x0035, 0x000a, 0x00ff};
    Buf ext = new Buf();
    if (!Sites.isIpLiteral(host)) {
      byte[] name = host.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      ext.u16(0x0000).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).bytes(name);
    }
    ext.u16(0x000a).u16(8).u16(6).u16(0x001d).u16(0x0017).u16(0x0018); // supported groups
    ext.u16(0x000b).u16(2).u8(1).u8(0); // ec point formats: uncompressed
    Buf body = new Buf();
    body.u16(version);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.bytes(random).u8(0).u16(suites.length * 2);
    for (int s : suites) {
      body.u16(s);
    }
    body.u8(1).u8(0).u16(ext.size()).bytes(ext.toArray());
    Buf hs = new Buf().u8(0x01).u24(body.size()).bytes(body.toArray());
    return new Buf().u8(0x16).u16(0x0301).u16(hs.size()).bytes(hs.toArray()).toArray();
  }

  private static final class Buf {
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    Buf u8(int v) {
      out.write(v);
      return this;
    }

    Buf u16(int v) {
      return u8(v >>> 8 & 0xff).u8(v & 0xff);
    }

    Buf u24(int v) {
      return u8(v >>> 16 & 0xff).u16(v & 0xffff);
    }

    Buf bytes(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    int size() {
      return out.size();
    }

    byte[] toArray() {
      return out.toByteArray();
    }
  }
}
