import { describe, expect, it } from 'vitest';
import { newCspNonce, shellPageRenderer, type BuiltShell } from '../../../src/server/shell-page.js';
import { shellCsp } from '../../../src/server/shell-server.js';
import { isFabricError } from '../../../src/protocol/fabric-error.js';

const HTML = [
  '<!doctype html><head><link rel="stylesheet" href="shell.css">',
  '<script type="application/json" id="cec-shell-config">{"hostOrigins":[]}</script></head>',
  '<body><script src="shell.js"></script></body>',
].join('');
const built = (over: Partial<BuiltShell> = {}): BuiltShell => ({ html: HTML, script: 'startShell();', stylesheet: 'body{margin:0}', ...over });
const refusal = (make: () => unknown): string => {
  try {
    make();
  } catch (error) {
    expect(isFabricError(error) && error.code).toBe('INVALID_OPTIONS');
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('shellPageRenderer', () => {
  it('inlines the stylesheet and the script where their tags were, under the nonce it is given', () => {
    const render = shellPageRenderer(built(), ['https://crm.example']);
    expect(render('n0nce0123456789ab').toString()).toBe(
      [
        '<!doctype html><head><style nonce="n0nce0123456789ab">body{margin:0}</style>',
        '<script type="application/json" id="cec-shell-config">{"hostOrigins":["https://crm.example"]}</script></head>',
        '<body><script nonce="n0nce0123456789ab">startShell();</script></body>',
      ].join(''),
    );
    expect(render('another0123456789').toString()).toContain('<script nonce="another0123456789">startShell();</script>');
  });

  it('keeps the files exactly as they are, replacement patterns and the other tag included', () => {
    const script = 'const s = "$& $\' $1"; const tag = \'<link rel="stylesheet" href="shell.css">\';';
    const page = shellPageRenderer(built({ script }), ['https://crm.example'])('n0nce0123456789ab').toString();
    expect(page).toContain(`<script nonce="n0nce0123456789ab">${script}</script>`);
    expect(page.split('<style nonce=').length).toBe(2);
  });

  it('writes the host origins as JSON that cannot close its element', () => {
    const page = shellPageRenderer(built(), ['https://crm.example', 'https://a.example</script><script>x()'])('n0nce0123456789ab').toString();
    expect(page).toContain('"https://a.example\\u003c/script\\u003e\\u003cscript\\u003ex()"');
  });

  it.each([
    ['the config element', HTML.replace(/<script type="application\/json"[^]*?<\/script>/, '')],
    ['<link rel="stylesheet" href="shell.css">', HTML.replace('<link rel="stylesheet" href="shell.css">', '')],
    ['<script src="shell.js"></script>', HTML.replace('<script src="shell.js"></script>', '<script src="shell.js" defer></script>')],
  ])('refuses a page that lacks %s (a renamed build output fails at start)', (what, html) => {
    expect(refusal(() => shellPageRenderer(built({ html }), ['https://crm.example']))).toContain(what === 'the config element' ? 'cec-shell-config' : what);
  });

  it.each([
    ['a script that would close its element', { script: 'x = "</SCRIPT>"' }, 'shell.js'],
    ['a script with an HTML comment opener', { script: 'x = "<!--"' }, 'shell.js'],
    ['a stylesheet that would close its element', { stylesheet: 'a{content:"</style>"}' }, 'shell.css'],
  ])('refuses %s', (_what, over, file) => {
    expect(refusal(() => shellPageRenderer(built(over), ['https://crm.example']))).toContain(file);
  });
});

describe('newCspNonce and shellCsp', () => {
  it('gives 128-bit base64 nonces, different each time, that shellCsp accepts', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newCspNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
      expect(shellCsp('https://cec.example', ['https://crm.example'], { nonce })).toContain(`script-src 'self' 'nonce-${nonce}';`);
    }
  });

  it('allows blob: for scripts only without a nonce, and never unsafe-inline', () => {
    const withNonce = shellCsp('https://cec.example', ['https://crm.example'], { nonce: 'q3Zr0vJ8k1dG2w5mXo9b1A==' });
    expect(withNonce).not.toContain('blob:');
    expect(withNonce).toContain("style-src 'self' 'nonce-q3Zr0vJ8k1dG2w5mXo9b1A=='");
    const without = shellCsp('https://cec.example', ['https://crm.example']);
    expect(without).toContain("script-src 'self' blob:");
    expect(without).toContain("style-src 'self';");
    expect(`${withNonce} ${without}`).not.toContain('unsafe-inline');
  });

  it.each(["abc'; script-src *", 'short', 'with space 0123456789', ''])('refuses the nonce %j with INVALID_OPTIONS', (nonce) => {
    expect(refusal(() => shellCsp('https://cec.example', ['https://crm.example'], { nonce }))).toContain('nonce');
  });
});
