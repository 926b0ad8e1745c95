// Portal helpers (no inline script: the CSP forbids it). Progressive: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button.print').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  var form = document.querySelector('form.selfcheck');
  var live = document.getElementById('selfcheck-live');
  if (form && live) {
    var update = function () {
      var total = 0, answered = 0;
      form.querySelectorAll('input[type=radio]:checked').forEach(function (r) { total += parseInt(r.value, 10); answered++; });
      live.textContent = answered + ' / 25 — ' + total;
    };
    form.addEventListener('change', update);
    update();
  }
});
