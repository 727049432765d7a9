// compose.js: the compose box's live check. As the agent types, it asks the
// portal's lint for the draft (segments, encoding, findings) and shows them.
// Without JavaScript the same findings show after submitting.
(function () {
  'use strict';
  var form = document.getElementById('compose');
  if (!form) return;
  var body = document.getElementById('body');
  var list = document.getElementById('findings');
  var counter = document.getElementById('counter');
  var timer = null;
  var seq = 0;

  function show(data) {
    counter.textContent = data.chars + ' characters, ' + data.segments +
      ' segment(s), ' + data.encoding;
    while (list.firstChild) list.removeChild(list.firstChild);
    data.findings.forEach(function (f) {
      var li = document.createElement('li');
      li.className = 'finding finding-' + f.severity;
      var b = document.createElement('strong');
      b.textContent = (f.severity === 'block' ? 'Blocked' : 'Warning') + ': ';
      li.appendChild(b);
      li.appendChild(document.createTextNode(f.message));
      list.appendChild(li);
    });
  }

  function check() {
    var mine = ++seq;
    var url = form.getAttribute('data-lint') + '?body=' + encodeURIComponent(body.value);
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && mine === seq) show(data); })
      .catch(function () { /* the server check on submit still runs */ });
  }

  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  form.addEventListener('submit', function () {
    // one text per click: the nonce makes a second submit harmless anyway
    var b = form.querySelector('button[type=submit]');
    if (b) setTimeout(function () { b.disabled = true; }, 0);
  });
})();
