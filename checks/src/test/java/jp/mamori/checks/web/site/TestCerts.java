package jp.mamori.checks.web.site;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA and leaf certificates (valid, expired, expiring, wrong host, self-signed), made with BouncyCastle. */
public final class TestCerts {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private static volatile TestCerts shared;

  public final KeyPair caKeys;
  public final X509Certificate ca;

  private TestCerts() throws Exception {
    caKeys = keys();
    ca = sign(new X500Name("CN=Mamori Test CA"), caKeys, new X500Name("CN=Mamori Test CA"), caKeys.getPrivate(),
        Instant.now().minusSeconds(86400), Instant.now().plusSeconds(86400L * 3650), null, true);
  }

  public static synchronized TestCerts get() throws Exception {
    if (shared == null) {
      shared = new TestCerts();
    }
    return shared;
  }

  static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
      Instant from, Instant to, List<String> names, boolean isCa) throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      List<GeneralName> sans = new ArrayList<>();
      for (String n : names) {
        sans.add(n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
    }
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(issuerKey)));
  }

  /** A server key and certificate for these names, valid between the two instants, signed by the CA (or itself). */
  public SSLContext serverContext(List<String> names, Instant from, Instant to, boolean selfSigned) throws Exception {
    KeyPair k = keys();
    X500Name subject = new X500Name("CN=" + names.get(0));
    X509Certificate cert = selfSigned ? sign(subject, k, subject, k.getPrivate(), from, to, names, false)
        : sign(subject, k, new X500Name("CN=Mamori Test CA"), caKeys.getPrivate(), from, to, names, false);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", k.getPrivate(), "pw".toCharArray(),
        selfSigned ? new X509Certificate[] {cert} : new X509Certificate[] {cert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "pw".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  public String caPem() throws Exception {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(ca);
    }
    return w.toString();
  }
}
