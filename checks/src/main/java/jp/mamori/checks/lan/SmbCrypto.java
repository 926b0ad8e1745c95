package jp.mamori.checks.lan;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.MacSpi;
import jcifs.CIFSUnsupportedCryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The two algorithms jcifs asks its crypto provider for (MD4 for NTLM, AES-CMAC for SMB3 signing), from Bouncy
 * Castle's plain classes. Left alone, jcifs instantiates the whole BouncyCastleProvider: some 400 classes and
 * 2,000 registered services, resident for the daemon's life, for two algorithms (README: memory budget).
 */
public final class SmbCrypto extends Provider {
  private static final long serialVersionUID = 1L;
  private static volatile boolean installed;

  private SmbCrypto() {
    super("MamoriSmb", "1.0", "MD4 and AES-CMAC for jcifs");
    putService(new Service(this, "MessageDigest", "MD4", Md4.class.getName(), null, null));
    putService(new Service(this, "Mac", "AESCMAC", AesCmac.class.getName(), null, null));
  }

  /** Makes jcifs use this provider; once per JVM, before the first SMB probe. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    try {
      jcifs.util.Crypto.initProvider(new SmbCrypto());
    } catch (CIFSUnsupportedCryptoException e) {
      // something set jcifs' provider before us: it keeps working, only bigger
    }
    installed = true;
  }

  public static final class Md4 extends MessageDigestSpi {
    private final Digest digest = new MD4Digest();

    @Override
    protected void engineUpdate(byte input) {
      digest.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      digest.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      byte[] out = new byte[digest.getDigestSize()];
      digest.doFinal(out, 0);
      return out;
    }

    @Override
    protected void engineReset() {
      digest.reset();
    }
  }

  public static final class AesCmac extends MacSpi {
    private final CMac mac = new CMac(AESEngine.newInstance());

    @Override
    protected int engineGetMacLength() {
      return mac.getMacSize();
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
      if (key == null || key.getEncoded() == null) {
        throw new InvalidKeyException("AES-CMAC needs a raw key, got " + key);
      }
      mac.init(new KeyParameter(key.getEncoded()));
    }

    @Override
    protected void engineUpdate(byte input) {
      mac.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      mac.update(input, offset, len);
    }

    @Override
    protected byte[] engineDoFinal() {
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return out;
    }

    @Override
    protected void engineReset() {
      mac.reset();
    }
  }
}
