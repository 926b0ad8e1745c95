(function(window, undefined) {
    // 名前空間の重複を防ぐ
    if (window.eccube === undefined) {
        window.eccube = {};
    }
    var eccube = window.eccube;
    // 確認メッセージ
    eccube.doConfirm = function(message) {
        return window.confirm(message || eccube_lang['common.delete_confirm']);
    };
    // 郵便番号入力呼び出し
    eccube.getAddress = function(zip) {
        if (!/^\d{7}$/.test(zip)) {
            return false;
        }
        return $.ajax({
            url: '/contact/zipcode/' + zip,
            type: 'GET',
            dataType: 'json'
        });
    };
    // 規格2に選択肢を割り当てる
    eccube.setClassCategories = function($form, product_id, $sele1, $sele2, selected_id2) {
        if ($sele1 && $sele1.length) {
            var classcat_id1 = $sele1.val() ? $sele1.val() : '';
            if ($sele2 && $sele2.length) {
                $sele2.children().remove();
                $sele2.append($('<option />').val('__unselected').text('選択してください'));
            }
        }
    };
    window.eccube = eccube;
})(window);
