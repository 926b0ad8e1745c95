/* カスタマイズ用JavaScript */
$(function () {
    $('.ec-newsRole__newsItem').first().addClass('is_active');
});
