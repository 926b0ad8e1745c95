package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ScriptDecoderTest {
  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }

  @Test
  void literalsResolveEscapes() {
    assertThat(ScriptDecoder.literals("a='\\x68\\x69';b=\"\\u0041\\u{1F600}\";c=`t`;"))
        .extracting(ScriptDecoder.Literal::value).containsExactly("hi", "A\uD83D\uDE00", "t");
    // a quote in a comment or regular expression does not swallow the rest of the script
    assertThat(ScriptDecoder.literals("/* don't */ x='https://a.example/'")).extracting(ScriptDecoder.Literal::value)
        .contains("https://a.example/");
  }

  @Test
  void joinedAndEncodedPieces() {
    ScriptDecoder.Decoded concat = ScriptDecoder.decode("s.src='https://'+'evil'+'.example/x.js';");
    assertThat(concat.joined()).contains("https://evil.example/x.js");
    assertThat(concat.encoded()).isEmpty();
    assertThat(ScriptDecoder.decode("var p=['ht','tps:','//','drop','.example'];u=p.join('');").joined())
        .contains("https://drop.example");
    assertThat(ScriptDecoder.decode("u=\"\\x68\\x74\\x74\\x70\\x73\\x3a\\x2f\\x2fx.example\"").encoded())
        .contains("https://x.example");
    assertThat(ScriptDecoder.decode("u=atob('" + b64("https://b64.example/p") + "')").encoded())
        .contains("https://b64.example/p");
    assertThat(ScriptDecoder.decode("eval(unescape('%76%61%72%20%61%3d%31'))").encoded()).contains("var a=1");
    assertThat(ScriptDecoder.decode("eval(String.fromCharCode.apply(null,[104,116,116,112,115,58,47,47,99,46,101,120]))")
        .encoded()).contains("https://c.ex");
    // ordinary code hides nothing
    assertThat(ScriptDecoder.decode("var a = 'hello'; var b = [1, 2, 3]; f(a, b);").all()).isEmpty();
    assertThat(ScriptDecoder.decode("x=['Webkit','Moz','ms'];").all()).isEmpty();
  }

  @Test
  @Timeout(30)
  void hostileScriptsStayBounded() {
    String many = "'" + "a".repeat(100_000) + "x='\\x41" .repeat(20_000) + "fromCharCode(1,".repeat(50_000);
    assertThat(ScriptDecoder.decode(many).all().length()).isLessThanOrEqualTo(2 * ScriptDecoder.MAX_OUT);
    assertThat(ScriptDecoder.literals("'\"".repeat(200_000))).hasSizeLessThanOrEqualTo(ScriptDecoder.MAX_LITERALS);
    assertThat(ScriptDecoder.decode("[" + "1,".repeat(300_000) + "]; fromCharCode").all()).isNotNull();
  }
}
