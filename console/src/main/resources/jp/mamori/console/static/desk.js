// Help desk: file uploads (the console takes a file's bytes as the request body: attachments, agent packages) and the print button.
(function () {
  'use strict';
  function upload(form, event) {
    event.preventDefault();
    var input = form.querySelector('input[type=file]');
    var status = form.querySelector('.attach-status');
    var csrf = form.querySelector('input[name=_csrf]').value;
    var internal = form.querySelector('input[name=internal]');
    if (!input.files.length) {
      return;
    }
    var file = input.files[0];
    // a ticket's attachments, or another upload endpoint named by the form (agent packages)
    var url = form.dataset.uploadUrl || ('/api/v1/tickets/' + encodeURIComponent(form.dataset.ticket) + '/attachments?filename='
      + encodeURIComponent(file.name) + (internal && internal.checked ? '&internal=true' : ''));
    status.textContent = '…';
    fetch(url, {method: 'POST', body: file, credentials: 'same-origin',
      headers: {'X-CSRF-Token': csrf, 'Content-Type': form.dataset.contentType || 'application/octet-stream'}})
      .then(function (r) {
        if (r.ok) {
          window.location.reload();
          return null;
        }
        return r.json().then(function (e) { status.textContent = e.message || ('HTTP ' + r.status); });
      })
      .catch(function (e) { status.textContent = String(e); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form.attach').forEach(function (form) {
      form.addEventListener('submit', function (e) { upload(form, e); });
    });
    document.querySelectorAll('.print-actions').forEach(function (p) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'print-button';
      b.textContent = document.documentElement.lang === 'en' ? 'Print' : '印刷する';
      b.addEventListener('click', function () { window.print(); });
      p.appendChild(b);
    });
  });
}());
