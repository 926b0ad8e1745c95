package jp.mamori.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private certificate authority for tests: issues server certificates with chosen names and validity. */
public final class TestCa {
  private final KeyPair key;
  private final X509Certificate cert;

  /** A server certificate and key written as PEM files. */
  public record Issued(Path certFile, Path keyFile, X509Certificate cert) {}

  public TestCa(String name) throws Exception {
    key = keyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(3600)),
        Date.from(now.plusSeconds(3650L * 86400)), subject, key.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    cert = sign(b, key);
  }

  public Path writeCa(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, pem(cert));
    return file;
  }

  /** Issues a certificate for DNS names and IP addresses (entries that parse as IPs become IP SANs). */
  public Issued issue(Path dir, String basename, List<String> names, Instant notBefore, Instant notAfter) throws Exception {
    KeyPair serverKey = keyPair();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(cert.getSubjectX500Principal().getName()), serial(),
        Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + names.get(0)), serverKey.getPublic());
    GeneralName[] sans = names.stream().map(n -> new GeneralName(n.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*") ? GeneralName.iPAddress
        : GeneralName.dNSName, n)).toArray(GeneralName[]::new);
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    X509Certificate issued = sign(b, key);
    Files.createDirectories(dir);
    Path certFile = dir.resolve(basename + ".crt");
    Path keyFile = dir.resolve(basename + ".key");
    Files.writeString(certFile, pem(issued) + pem(cert));
    Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(serverKey.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return new Issued(certFile, keyFile, issued);
  }

  public Issued issue(Path dir, String basename, List<String> names) throws Exception {
    Instant now = Instant.now();
    return issue(dir, basename, names, now.minusSeconds(3600), now.plusSeconds(365L * 86400));
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }
}
