$(function () {
  // メインビジュアル
  if ($('#mainvisual').length) {
    $('#mainvisual').slick({ autoplay: true, autoplaySpeed: 5000, fade: true, arrows: false, dots: true });
  }
  // ページ内リンク
  $('a[href^="#"]').on('click', function () {
    var target = $($(this).attr('href'));
    if (target.length) {
      $('html, body').animate({ scrollTop: target.offset().top - 80 }, 500);
      return false;
    }
  });
  // スマホメニュー
  $('.menu-toggle').on('click', function () {
    $('#gnav').toggleClass('is-open');
  });
  // 現在のセクションを強調
  var section = document.body.className.replace('page-', '');
  $('#gnav .gnav-' + section).addClass('current');
});
