$(function() {
    $('.pagetop').hide();
    $(window).on('scroll', function() {
        if ($(this).scrollTop() > 300) { $('.pagetop').fadeIn(); } else { $('.pagetop').fadeOut(); }
    });
    $('.pagetop').click(function() { $('body,html').animate({scrollTop: 0}, 500); return false; });
    $('.ec-headerNavSP').on('click', function() { $('.ec-layoutRole').toggleClass('is_active'); $('.ec-drawerRole').toggleClass('is_active'); $('body').toggleClass('have_curtain'); });
    $('.ec-drawerRoleClose, .ec-overlayRole').on('click', function() { $('.ec-layoutRole, .ec-drawerRole').removeClass('is_active'); $('body').removeClass('have_curtain'); });
    $('input[type="number"]').on('change', function() { if ($(this).val() < 1) { $(this).val(1); } });
});
var loadingOverlay = function(action) {
    if (action == 'hide') { $('.bg-load-overlay').remove(); }
    else { $overlay = $('<div class="bg-load-overlay">'); $('body').append($overlay); }
};
