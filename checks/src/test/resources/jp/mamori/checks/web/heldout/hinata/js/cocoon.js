/*
 * Cocoon WordPress Theme incorporates code from "Font Awesome 4.7", "baguetteBox.js" and "jQuery".
 * Cocoon 2.7.9.2 (https://wp-cocoon.com/)
 */
(function($){
  //トップへ戻るボタン
  var prevScrollTop = -1;
  var $window = $(window);
  $window.scroll(function(){
    var scrollTop = $window.scrollTop();
    var threashold = 600;
    var s1 = (prevScrollTop > threashold);
    var s2 = (scrollTop > threashold);
    if (s1 ^ s2) {
      if (s2) {
        $('.go-to-top-button').removeClass('go-to-top-hide');
      } else {
        $('.go-to-top-button').addClass('go-to-top-hide');
      }
    }
    prevScrollTop = scrollTop;
  });
  $('.go-to-top-common').click(function(){
    $('body,html').animate({ scrollTop: 1 }, 800);
    return false;
  });

  //モバイルメニューのスライドイン
  $('.menu-open').click(function(){
    $('#navi-menu-input').prop('checked', true);
  });
  $('.menu-close-button').click(function(){
    $('#navi-menu-input').prop('checked', false);
  });

  //検索ボックスのフォーカス
  $('.search-edit').focus(function(){
    $(this).parent().addClass('search-box-focus');
  }).blur(function(){
    $(this).parent().removeClass('search-box-focus');
  });

  //コードのシンタックスハイライト対象外のpre
  $('.entry-content pre:not(.wp-block-code)').each(function(){
    $(this).addClass('no-highlight');
  });

  //外部リンクにアイコン
  if (typeof cocoon_localize_script_options !== 'undefined' && cocoon_localize_script_options.is_footer_mobile_buttons_enable) {
    $('body').addClass('mobile-buttons-enabled');
  }

  //テーブルのスクロール
  $('.entry-content table').each(function(){
    if (!$(this).parent().hasClass('scrollable-table')) {
      $(this).wrap('<div class="scrollable-table"></div>');
    }
  });
})(jQuery);
