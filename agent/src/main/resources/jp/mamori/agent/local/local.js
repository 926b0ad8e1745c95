// Keeps what the owner types into 相談する in this browser until the box has it, so a closed tab,
// a dropped Wi-Fi or a box restarting never loses a message.
(function () {
  var KEY = 'mamori.consult.draft';
  var saved = document.getElementById('draft-saved');
  if (saved) {
    try { localStorage.removeItem(KEY); } catch (e) { /* storage off */ }
    return;
  }
  var form = document.getElementById('consult');
  if (!form) { return; }
  var fields = ['subject', 'body', 'contactName', 'contactPhone'];
  var draft = null;
  try { draft = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { draft = null; }
  if (draft) {
    fields.forEach(function (f) {
      var el = form.elements[f];
      if (el && !el.value && draft[f]) { el.value = draft[f]; }
    });
  }
  form.addEventListener('input', function () {
    var d = {};
    fields.forEach(function (f) { d[f] = form.elements[f] ? form.elements[f].value : ''; });
    try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) { /* storage off */ }
  });
})();
