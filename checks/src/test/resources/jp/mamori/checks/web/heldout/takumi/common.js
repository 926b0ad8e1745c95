// common.js  2012.04  rollover and form check
$(function(){
  $('img.rollover').hover(function(){ $(this).attr('src', $(this).attr('src').replace('_off', '_on')); },
    function(){ $(this).attr('src', $(this).attr('src').replace('_on', '_off')); });
  $('a[href^="#"]').click(function(){ var t = $($(this).attr('href')); if (t.length) { $('html,body').animate({scrollTop: t.offset().top}, 400); } return false; });
});
function checkForm(){
  var f = document.form1;
  if (f.name.value == '' || f.tel.value == '' || f.email.value == '') { alert('必須項目を入力してください。'); return false; }
  return true;
}
