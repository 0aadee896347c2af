/* argmap serve: reload the page when the maps change (server-sent events). The page
   script keeps the view, the selection and the filters across the reload. */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('am-live').textContent);
  var status = document.getElementById('am-live-status');
  function say(text) { if (status) { status.textContent = text; } }
  if (!window.EventSource) { say('This browser cannot follow changes; reload by hand.'); return; }
  var source = new EventSource(cfg.events);
  source.addEventListener('open', function () {
    say('Live: this page follows the map file and reloads when it is saved.');
  });
  source.addEventListener('change', function (ev) {
    if (ev.data !== String(cfg.version)) { source.close(); location.reload(); }
  });
  source.addEventListener('error', function () {
    say('Lost the connection to argmap serve; retrying\u2026');
  });
  window.addEventListener('pagehide', function () { source.close(); });
}());
