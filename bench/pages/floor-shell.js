// The floor of the mount path: the least a shell page can do on the same wire, for the mount bench's
// reference row. It announces itself, answers the handshake, POSTs the token to the bar loader, runs
// the returned script under its page's nonce and reports `loaded` when the bar frame loads; it
// answers the host's commands with an empty reply. It validates nothing (no zod, no gate, no relay):
// it is what the real shell (src/frame/) would cost if its own work were free. Never shipped.
(function floorShell() {
  var POSTMATE_TYPE = 'application/x-postmate-v1+json';
  var parentOrigin = location.ancestorOrigins[0];
  var scriptNonce = document.currentScript.nonce;
  var config = null;
  var seq = 0;
  var shellId = 'floor' + Math.random().toString(36).slice(2, 8);

  parent.postMessage({ postmate: 'shell-listening', type: POSTMATE_TYPE }, parentOrigin);

  function send(body) {
    var message = Object.assign({ v: 1, sessionId: config.sessionId, shellId: shellId, seq: ++seq }, body);
    parent.postMessage({ postmate: 'emit', type: POSTMATE_TYPE, value: { name: 'shellMessage', data: message } }, parentOrigin);
  }

  function reportBarLoad() {
    new MutationObserver(function onMutations(records) {
      records.forEach(function onRecord(record) {
        record.addedNodes.forEach(function onNode(node) {
          if (node.tagName === 'IFRAME') node.addEventListener('load', function onLoad() { send({ kind: 'status', status: 'loaded' }); }, { once: true });
        });
      });
    }).observe(document.body, { childList: true });
  }

  function loadBar() {
    window.$aicc_ContextPath = config.cecContextPath;
    fetch(new URL(config.scriptPath, config.cecContextPath).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'include',
      cache: 'no-store',
      body: JSON.stringify({ access_token: config.accessToken, tenantSpaceId: config.tenantSpaceId, userAccount: config.userAccount }),
    })
      .then(function readScript(response) { return response.text(); })
      .then(function runScript(source) {
        var script = document.createElement('script');
        script.nonce = scriptNonce;
        script.textContent = source;
        document.head.appendChild(script);
      });
  }

  addEventListener('message', function onMessage(event) {
    if (event.source !== parent || event.origin !== parentOrigin || !event.data) return;
    if (event.data.postmate === 'call' && config) {
      var command = event.data.data;
      send({ kind: 'reply', id: command.id, ok: true, result: command.kind === 'replay' ? { replayed: 0, gap: false } : undefined });
      return;
    }
    if (event.data.postmate !== 'handshake' || config) return;
    config = event.data.model;
    parent.postMessage({ postmate: 'handshake-reply', type: POSTMATE_TYPE }, parentOrigin);
    loadBar();
    reportBarLoad();
    send({ kind: 'status', status: 'loading' });
  });
})();
