package jp.mamori.checks.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SmbCryptoTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void jcifsGetsMd4AndAesCmacWithoutTheWholeBouncyCastleProvider() throws Exception {
    SmbCrypto.install();
    SmbCrypto.install();
    assertThat(jcifs.util.Crypto.getProvider()).isInstanceOf(SmbCrypto.class);
    // RFC 1320 test suite
    MessageDigest md4 = jcifs.util.Crypto.getMD4();
    assertThat(HEX.formatHex(md4.digest("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
    assertThat(HEX.formatHex(md4.digest(new byte[0]))).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
    // RFC 4493 examples 1 and 2, as jcifs' SMB3 signing asks for it
    Mac cmac = Mac.getInstance("AESCMAC", jcifs.util.Crypto.getProvider());
    cmac.init(new SecretKeySpec(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), "AES"));
    assertThat(HEX.formatHex(cmac.doFinal())).isEqualTo("bb1d6929e95937287fa37d129b756746");
    assertThat(HEX.formatHex(cmac.doFinal(HEX.parseHex("6bc1bee22e409f96e93d7e117393172a")))).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
    assertThat(md4.getProvider()).isSameAs(cmac.getProvider()).isInstanceOf(SmbCrypto.class);
  }
}
