// live.js: the thread updates itself. It asks the portal every few seconds
// whether anything on the page changed (a new text, a status, the lead's
// state); when it did, it fetches the page again and swaps the banners and
// the messages, leaving the compose box and what is typed in it alone.
// Without JavaScript the page is the same, current when loaded.
(function () {
  'use strict';
  var thread = document.querySelector('section.thread[data-poll]');
  if (!thread || !window.fetch || !window.DOMParser) return;
  var url = thread.getAttribute('data-poll');
  // what the page shows, as the server counted it when it made the page
  var version = thread.getAttribute('data-version');
  var lead = thread.getAttribute('data-lead');
  var busy = false;
  var status = document.createElement('p');
  status.className = 'sr-only';
  status.setAttribute('aria-live', 'polite');
  thread.appendChild(status);

  function lastShownId() {
    var items = document.querySelectorAll('#messages > li[id^="m"]');
    return items.length ? +items[items.length - 1].id.slice(1) : 0;
  }

  function swap(id, doc) {
    var mine = document.getElementById(id), theirs = doc.getElementById(id);
    if (mine && theirs) mine.replaceWith(document.importNode(theirs, true));
  }

  function refresh(leadChanged) {
    busy = true;
    var before = lastShownId();
    return fetch(location.pathname, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        swap('banners', doc);
        swap('messages', doc);
        var body = document.getElementById('body');
        if (leadChanged && body && body.value === '') swap('compose-box', doc);
        var after = lastShownId();
        if (after > before) status.textContent = 'New message in this conversation.';
      })
      .finally(function () { busy = false; });
  }

  function poll() {
    if (busy || document.hidden) return;
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (!v) return;
        if (v.version !== version || v.lead !== lead) {
          var leadChanged = v.lead !== lead;
          version = v.version;
          lead = v.lead;
          refresh(leadChanged);
        }
      })
      .catch(function () { /* the next poll tries again */ });
  }

  poll();
  setInterval(poll, 3000);
  document.addEventListener('visibilitychange', poll);
})();
