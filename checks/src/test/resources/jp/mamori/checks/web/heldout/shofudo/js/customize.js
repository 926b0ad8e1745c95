/* 松風堂 カスタマイズ: お歳暮バナーの期間表示 */
$(function() {
    var now = new Date();
    if (now.getMonth() === 10 || now.getMonth() === 11) {
        $('.ec-sliderRole').addClass('is-oseibo');
    }
});
