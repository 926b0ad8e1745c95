//ここに追加したいJavaScript、jQueryを記入してください。
//このJavaScriptファイルは、親テーマのJavaScriptファイルのあとに呼び出されます。
//JavaScriptやjQueryで親テーマのjavascript.jsに加えて関数を記入したい時に使用します。

jQuery(function($){
  // 診療時間表：今日の曜日を強調
  var d = new Date().getDay();
  var col = [0, 1, 2, 3, 4, 5, 6][d];
  if (col >= 1 && col <= 6) {
    $('.hours tr').each(function(){ $(this).children().eq(col).addClass('today'); });
  }
});
