package jp.mamori.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B test vectors (SHA-1 key "12345678901234567890") and the code window. */
class TotpTest {
  static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void rfc6238Vectors() {
    long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924}, {2000000000, 69279037},
        {20000000000L, 65353130}};
    for (long[] v : vectors) {
      assertThat(Totp.code(KEY, v[0] / 30, 8)).as("T=" + v[0]).isEqualTo(String.format("%08d", v[1]));
    }
    assertThat(Totp.code(KEY, 59 / 30, 6)).isEqualTo("287082");
  }

  @Test
  void base32RoundTripAndOneStepOfDrift() {
    String secret = Totp.base32(KEY);
    assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.decode(secret)).isEqualTo(KEY);
    long now = 1_234_567_890_000L;
    long step = Totp.step(now);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now)).isEqualTo(step);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).isEqualTo(step - 1);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).isEqualTo(step + 1);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEqualTo(-1);
    assertThat(Totp.matchingStep(secret, "12 34", now)).isEqualTo(-1);
    assertThat(Totp.newSecret()).matches("[A-Z2-7]{32}");
    assertThat(Totp.uri("Mamori", "advisor@example.jp", secret))
        .isEqualTo("otpauth://totp/Mamori%3Aadvisor%40example.jp?secret=" + secret + "&issuer=Mamori&algorithm=SHA1&digits=6&period=30");
  }
}
