package jp.mamori.checks.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS facts without trusting the device: which protocol version a server picks when offered up to TLS 1.2
 * (a raw ClientHello, so TLS 1.0/1.1-only servers are seen even though the JDK refuses to speak to them),
 * and a trust-all socket factory for reading admin pages of devices with self-signed certificates.
 */
public final class Tls {
  private Tls() {}

  private static final int[] SUITES = {
      0xc02f, 0xc02b, 0xc030, 0xc02c, 0xcca8, 0xcca9, 0x009c, 0x009d,
      0xc013, 0xc014, 0xc009, 0xc00a, 0x002f, 0x0035, 0x000a, 0x0005, 0x0004};

  /** A ClientHello offering versions up to {@code maxVersion} (0x0301 TLS 1.0 … 0x0303 TLS 1.2). */
  public static byte[] clientHello(int maxVersion) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, maxVersion);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.writeBytes(random);
    body.write(0);
    u16(body, SUITES.length * 2);
    for (int s : SUITES) {
      u16(body, s);
    }
    body.write(1);
    body.write(0);
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    u16(ext, 0x000a);
    u16(ext, 8);
    u16(ext, 6);
    u16(ext, 0x001d);
    u16(ext, 0x0017);
    u16(ext, 0x0018);
    u16(ext, 0x000b);
    u16(ext, 2);
    ext.write(1);
    ext.write(0);
    if (maxVersion >= 0x0303) {
      int[] algs = {0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0804, 0x0805, 0x0201, 0x0203};
      u16(ext, 0x000d);
      u16(ext, algs.length * 2 + 2);
      u16(ext, algs.length * 2);
      for (int a : algs) {
        u16(ext, a);
      }
    }
    u16(body, ext.size());
    body.writeBytes(ext.toByteArray());
    ByteArrayOutputStream hs = new ByteArrayOutputStream();
    hs.write(1);
    hs.write(body.size() >>> 16);
    u16(hs, body.size() & 0xffff);
    hs.writeBytes(body.toByteArray());
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.write(0x16);
    u16(rec, 0x0301);
    u16(rec, hs.size());
    rec.writeBytes(hs.toByteArray());
    return rec.toByteArray();
  }

  /** The version in a ServerHello record, or -1 if the bytes are not one (alert, garbage, nothing). */
  public static int serverHelloVersion(byte[] b) {
    if (b.length >= 11 && (b[0] & 0xff) == 0x16 && (b[1] & 0xff) == 0x03 && (b[5] & 0xff) == 0x02) {
      return ((b[9] & 0xff) << 8) | (b[10] & 0xff);
    }
    return -1;
  }

  public static boolean looksLikeTls(byte[] b) {
    return b.length >= 3 && ((b[0] & 0xff) == 0x16 || (b[0] & 0xff) == 0x15) && (b[1] & 0xff) == 0x03;
  }

  /** The version a server picks when offered TLS 1.0-1.2, or -1. */
  public static int negotiatedVersion(Target t, LanContext ctx) throws IOException {
    try (Wire w = Wire.open(t, ctx.pace(), ctx.timeout())) {
      w.write(clientHello(0x0303));
      return serverHelloVersion(w.readUntil(16, ctx.timeout(), got -> got.length >= 11));
    }
  }

  public static String versionName(int v) {
    return switch (v) {
      case 0x0300 -> "SSL 3.0";
      case 0x0301 -> "TLS 1.0";
      case 0x0302 -> "TLS 1.1";
      case 0x0303 -> "TLS 1.2";
      case 0x0304 -> "TLS 1.3";
      default -> "unknown";
    };
  }

  /** Wraps an open connection in TLS without checking the certificate (devices use self-signed ones). */
  public static SSLSocket wrap(Wire w, Target t, Duration timeout) throws IOException {
    SSLSocket s = (SSLSocket) trustAll().createSocket(w.socket(), t.hostText(), t.port(), true);
    s.setSoTimeout((int) timeout.toMillis());
    s.startHandshake();
    return s;
  }

  private static volatile SSLSocketFactory trustAll;

  static SSLSocketFactory trustAll() {
    SSLSocketFactory f = trustAll;
    if (f == null) {
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        }}, new SecureRandom());
        f = ctx.getSocketFactory();
        trustAll = f;
      } catch (Exception e) {
        throw new IllegalStateException("no TLS in this JRE", e);
      }
    }
    return f;
  }

  private static void u16(ByteArrayOutputStream o, int v) {
    o.write((v >>> 8) & 0xff);
    o.write(v & 0xff);
  }
}
