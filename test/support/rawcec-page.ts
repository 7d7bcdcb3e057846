/**
 * A CRM page written the way CEC's own demo integrates the stock bar — no cec-bar-host code:
 * a global `$aicc_ContextPath`, a POST to `ccbarclient.js`, the answer injected as an inline
 * `<script>`, then `eventpost` as a JSON string to `frames['ccbarclient']`.
 * Everything the bar posts is collected in `window.cecMessages`.
 */

export interface RawCecPageOptions {
  readonly tenantSpaceId: string;
  readonly userAccount: string;
  readonly accessToken: string;
}

function jsString(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The demo page's HTML.
 *
 * @example
 * const html = rawCecPageHtml({ tenantSpaceId: 'mock-tenant-0001', userAccount: 'alice.chen', accessToken: 'x' });
 */
export function rawCecPageHtml(o: RawCecPageOptions): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Raw CEC integration</title></head>
<body>
<h1>CRM (raw CEC demo integration)</h1>
<p id="status">loading bar…</p>
<script>
  // As in CEC's demo: the context path is a global the returned script reads.
  var $aicc_ContextPath = location.origin + '/service-cloud/';
  window.cecMessages = [];
  window.addEventListener('message', function (e) {
    if (e.source !== frames['ccbarclient']) return;
    window.cecMessages.push({ origin: e.origin, data: e.data });
  });
  window.cecSubscribe = function (events) {
    frames['ccbarclient'].postMessage(JSON.stringify({ name: 'eventpost', param: events }), location.origin);
  };
  window.cecCallout = function (number, mode) {
    frames['ccbarclient'].postMessage(JSON.stringify({ name: 'callout', param: [number, mode] }), location.origin);
  };
  var xhr = new XMLHttpRequest();
  xhr.open('POST', $aicc_ContextPath + 'ccdesktop/pages/cc-bar/js/ccbarclient.js');
  xhr.setRequestHeader('Content-Type', 'application/json');
  xhr.onload = function () {
    if (xhr.status !== 200) { document.getElementById('status').textContent = 'bar load failed: ' + xhr.status; return; }
    var s = document.createElement('script');
    s.text = xhr.responseText;
    document.body.appendChild(s);
    document.getElementById('status').textContent = 'bar script injected';
  };
  xhr.send(JSON.stringify({ access_token: ${jsString(o.accessToken)}, tenantSpaceId: ${jsString(o.tenantSpaceId)}, userAccount: ${jsString(o.userAccount)} }));
</script>
</body></html>`;
}
