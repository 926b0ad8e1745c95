$(function() {
    $('.pagetop').hide();
    $(window).on('scroll', function() {
        if ($(this).scrollTop() > 300) {
            $('.pagetop').fadeIn();
        } else {
            $('.pagetop').fadeOut();
        }
    });
    $('.pagetop').on('click', function() {
        $('html, body').animate({scrollTop: 0}, 400);
        return false;
    });
    $('.ec-headerNavSP').on('click', function() {
        $('.ec-layoutRole').toggleClass('is_active');
        $('.ec-drawerRole').toggleClass('is_active');
        $('.ec-drawerRoleClose').toggleClass('is_active');
        $('body').toggleClass('have_curtain');
    });
    $('.ec-overlayRole, .ec-drawerRoleClose').on('click', function() {
        $('.ec-layoutRole').removeClass('is_active');
        $('.ec-drawerRole').removeClass('is_active');
        $('.ec-drawerRoleClose').removeClass('is_active');
        $('body').removeClass('have_curtain');
    });
    // カテゴリ選択で検索フォームを送信
    $('.category_id').on('change', function() {
        $(this).closest('form').submit();
    });
    $('.ec-headerNaviRole .ec-cartNaviWrap').on('click', function() {
        $(this).find('.ec-cartNavi').toggleClass('is-active');
        $(this).find('.ec-cartNaviIsset, .ec-cartNaviNull').toggleClass('is-active');
    });
    $('.main_visual').slick && $('.main_visual').slick({
        dots: false, arrows: false, autoplay: true, speed: 300
    });
});
// 二重送信の防止
$(function() {
    $('form').on('submit', function() {
        $(this).find('button[type=submit]').prop('disabled', true);
    });
});
var loadingOverlay = function(action) {
    if (action == 'hide') {
        $('.bg-load-overlay').remove();
    } else {
        var $overlay = $('<div class="bg-load-overlay">');
        $('body').append($overlay);
    }
};
