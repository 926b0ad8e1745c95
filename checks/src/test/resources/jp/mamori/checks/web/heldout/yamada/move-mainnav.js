/*******************************************************************************
 *  move-mainnav.js
 *  Copyright (C) JustSystems Corporation. All rights reserved.
 ******************************************************************************/
jQuery(function() {
	var nav    = jQuery('#hpb-nav');
	var offset = nav.offset();
	if (!offset) { return; }
	jQuery(window).scroll(function () {
		if(jQuery(window).scrollTop() > offset.top) {
			nav.addClass('fixed');
		} else {
			nav.removeClass('fixed');
		}
	});
});
