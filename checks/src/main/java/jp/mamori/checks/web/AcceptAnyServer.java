package jp.mamori.checks.web;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts any server certificate: the patrol reads sites whose certificate is broken too (their content still
 * needs checking), and judges certificates separately and strictly in {@link TlsInspector}. Never a client.
 */
final class AcceptAnyServer implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("the patrol is never a TLS server");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // judged after the handshake by TlsInspector
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
