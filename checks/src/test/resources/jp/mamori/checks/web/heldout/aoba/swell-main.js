/*! SWELL main script (build) */
(function(){"use strict";var d=document,w=window;function t(){var e=d.documentElement;e.setAttribute("data-loaded","true")}
function s(){var e=d.documentElement;w.addEventListener("scroll",function(){e.setAttribute("data-scrolled",w.pageYOffset>2?"true":"false")},{passive:!0})}
function n(){var e=d.getElementById("pagetop");e&&e.addEventListener("click",function(){w.scrollTo({top:0,behavior:"smooth"})})}
function o(){var e=d.querySelectorAll('[data-onclick="toggleMenu"]');e.forEach(function(a){a.addEventListener("click",function(){var r=d.documentElement;r.setAttribute("data-spmenu","opened"===r.getAttribute("data-spmenu")?"closed":"opened")})})}
function c(){if(!w.swellVars||"1"!==swellVars.usePvCount)return;var e=d.body.className.match(/postid-(\d+)/);if(!e)return;var a=new FormData;a.append("action","swell_ct_pv");a.append("nonce",swellVars.ajaxNonce);a.append("post_id",e[1]);fetch(swellVars.ajaxUrl,{method:"POST",body:a})}
d.addEventListener("DOMContentLoaded",function(){t();s();n();o();c()})})();
