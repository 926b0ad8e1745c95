package jp.mamori.agent.selfcheck;

import java.util.List;
import jp.mamori.checks.finding.Finding;

/** The self-check page in plain Japanese (English under it), no external resources, no framework. */
public final class SelfCheckPage {
  private SelfCheckPage() {}

  /** The EICAR anti-malware test string, assembled at run time so this source file is not itself flagged. */
  public static String eicar() {
    return "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS" + "-TEST-FILE!$H+H*";
  }

  public static String form() {
    return form("");
  }

  /** The form with extra hidden fields (the local site's CSRF token), already escaped by the caller. */
  public static String form(String hiddenFields) {
    return """
        <!doctype html>
        <html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>パソコンの自己点検 - Mamori</title>
        <link rel="stylesheet" href="/check/selfcheck.css"></head><body>
        <h1>パソコンの自己点検（約1分）</h1>
        <p>このページは見守りボックスが社内だけに出しています。パソコンごとに1回開いて、質問に答えてください。
        ウイルス対策の状態はネットワークからは見えないため、この自己点検で確かめます。<br>
        <span class="en">PC self-check served by the Mamori box on your office network. Antivirus cannot be seen from the network, so each PC checks itself here.</span></p>
        <form id="f" method="post" action="/check/result">%s
        <fieldset><legend>1. このパソコンの名前 <span class="en">name of this PC</span></legend>
        <input name="name" maxlength="60" placeholder="例：受付のパソコン" required></fieldset>
        <fieldset><legend>2. 自動で調べた内容 <span class="en">detected</span></legend><div id="env">調べています…</div>
        <p>ウイルス対策のテスト（無害なテスト用ファイル EICAR を取りに行きます）：<b id="eicar">確認中…</b></p>
        <p class="en">The EICAR file is a harmless industry test file. If your antivirus blocks it, its web protection works.
        More tests: <a href="https://www.amtso.org/security-features-check/" rel="noopener">AMTSO security features check</a></p></fieldset>
        <fieldset><legend>3. ウイルス対策ソフトは入っていますか？ <span class="en">Is antivirus installed?</span></legend>
        <label><input type="radio" name="av" value="yes" required> はい</label>
        <label><input type="radio" name="av" value="no"> いいえ</label>
        <label><input type="radio" name="av" value="unknown"> わからない</label></fieldset>
        <fieldset><legend>4. ウイルス定義ファイル（パターン）は自動で更新されていますか？ <span class="en">Do its definitions update automatically?</span></legend>
        <label><input type="radio" name="defs" value="yes" required> はい</label>
        <label><input type="radio" name="defs" value="no"> いいえ</label>
        <label><input type="radio" name="defs" value="unknown"> わからない</label></fieldset>
        <fieldset><legend>5. Windows などの更新は自動になっていますか？ <span class="en">Are OS updates automatic?</span></legend>
        <label><input type="radio" name="updates" value="yes" required> はい</label>
        <label><input type="radio" name="updates" value="no"> いいえ</label>
        <label><input type="radio" name="updates" value="unknown"> わからない</label></fieldset>
        <input type="hidden" name="eicarBlocked" id="eicarBlocked" value="">
        <input type="hidden" name="platform" id="platform" value="">
        <input type="hidden" name="platformVersion" id="platformVersion" value="">
        <button type="submit">送信する <span class="en">Send</span></button>
        </form>
        <script src="/check/selfcheck.js"></script></body></html>
        """.formatted(hiddenFields);
  }

  public static String css() {
    return """
        body{font-family:system-ui,"Hiragino Sans","Yu Gothic",Meiryo,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;line-height:1.7}
        h1{font-size:1.4rem} fieldset{border:1px solid #bbb;border-radius:.4rem;margin:1rem 0} .en{color:#666;font-size:.85rem}
        button{font-size:1.1rem;padding:.5rem 1.5rem} #env{background:#f4f4f4;padding:.5rem;border-radius:.3rem} li{margin:.6rem 0}
        .box-problems{background:#fdecea;border:2px solid #c0392b;border-radius:.4rem;padding:.2rem 1rem;margin:1rem 0}
        """;
  }

  public static String js() {
    return """
        (async function(){
          var env=document.getElementById('env'); var ua=navigator.userAgent; var text=ua;
          if(navigator.userAgentData&&navigator.userAgentData.getHighEntropyValues){
            try{var h=await navigator.userAgentData.getHighEntropyValues(['platform','platformVersion']);
              document.getElementById('platform').value=h.platform||'';
              document.getElementById('platformVersion').value=h.platformVersion||'';
              text=(h.platform||'')+' '+(h.platformVersion||'')+' / '+ua;}catch(e){}
          }
          env.textContent=text;
          var out=document.getElementById('eicar'), field=document.getElementById('eicarBlocked');
          try{var r=await fetch('/check/eicar.com.txt',{cache:'no-store'}); var t=await r.text();
            if(r.ok&&t.indexOf('EICAR-STANDARD')>=0){out.textContent='ブロックされませんでした（注意）';field.value='false';}
            else{out.textContent='ブロックされました（正常）';field.value='true';}
          }catch(e){out.textContent='ブロックされました（正常）';field.value='true';}
        })();
        """;
  }

  public static String result(String name, List<Finding> findings) {
    StringBuilder sb = new StringBuilder("""
        <!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>自己点検の結果 - Mamori</title><link rel="stylesheet" href="/check/selfcheck.css"></head><body>
        <h1>自己点検の結果</h1>""");
    sb.append("<p>").append(escape(name)).append(" の点検を記録しました。ありがとうございました。</p><ul>");
    boolean any = false;
    for (Finding f : findings) {
      if (f.severity().compareTo(jp.mamori.checks.finding.Severity.LOW) >= 0) {
        any = true;
        sb.append("<li><b>").append(escape(f.title().ja())).append("</b><br>").append(escape(f.advice().ja())).append("</li>");
      }
    }
    if (!any) {
      sb.append("<li>気になる点は見つかりませんでした。</li>");
    }
    sb.append("</ul><p>分からないことは商工会議所の相談窓口にご相談ください。</p></body></html>");
    return sb.toString();
  }

  static String escape(String s) {
    return jp.mamori.common.HtmlEscape.esc(s);
  }
}
