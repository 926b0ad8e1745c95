(function(window, undefined) {
    var eccube = window.eccube = window.eccube || {};
    eccube.setModeAndSubmit = function(mode, keyname, keyid) {
        var f = document.getElementById('form1');
        f.mode.value = mode;
        if (keyname !== undefined && keyname !== '' && keyid !== undefined && keyid !== '') { f[keyname].value = keyid; }
        f.submit();
    };
    eccube.fnFormModeSubmit = function(form, mode, keyname, keyid) { var f = document.forms[form]; f.mode.value = mode; f.submit(); };
})(window);
