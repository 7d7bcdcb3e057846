/**
 * A bare postmate parent page (origin A) for testing the shell without the host library: mounts
 * the shell with a ShellConfig, with `sandbox` and `allow` set before `src`, and collects every
 * `shellMessage` into `window.__msgs`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestRoute } from './e2e-http.js';

const require = createRequire(import.meta.url);

export const PARENT_PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>parent</title>
<script src="/postmate.js"></script></head><body><div id="slot"></div><script>
window.__msgs = [];
class HardenedPostmate extends Postmate {
  sendHandshake(url) {
    this.frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups');
    this.frame.setAttribute('allow', 'microphone; camera; autoplay');
    return super.sendHandshake(url);
  }
}
window.mountShell = (url, model) => new HardenedPostmate({ container: document.getElementById('slot'), url, model, name: 'shell' })
  .then((child) => { window.__child = child; child.on('shellMessage', (m) => window.__msgs.push(m)); return true; });
window.command = (cmd) => window.__child.call('hostCommand', cmd);
</script></body></html>`;

/** Routes for `startTestServer`: `/parent.html` and `/postmate.js`. */
export function parentPageRoutes(): Record<string, TestRoute> {
  const postmate = readFileSync(require.resolve('postmate/build/postmate.min.js'));
  return {
    '/parent.html': { body: PARENT_PAGE_HTML },
    '/postmate.js': { type: 'text/javascript', body: postmate },
  };
}
