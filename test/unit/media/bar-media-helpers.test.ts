/** Small pure helpers of the bar's phone: relay URLs and the plain sentences for microphone errors. */
import { describe, expect, it } from 'vitest';
import { signalBaseFor } from '../../../mock-fabric/bar/media/signal-client.js';
import { micErrorText } from '../../../mock-fabric/bar/media/probe.js';

describe('signalBaseFor', () => {
  it('keeps the /service-cloud/ context for the bar behind the proxy', () => {
    expect(signalBaseFor('http://localhost:5000/service-cloud/ccdesktop/pages/cc-bar/bar.html#cfg=x')).toBe('http://localhost:5000/service-cloud/__mock/signal/');
  });
  it('uses the root for the customer phone page', () => {
    expect(signalBaseFor('http://127.0.0.1:4000/__mock/phone/?test=1')).toBe('http://127.0.0.1:4000/__mock/signal/');
  });
  it('keeps a prefix in front of /service-cloud/', () => {
    expect(signalBaseFor('https://crm.example/cec/service-cloud/ccdesktop/pages/cc-bar/bar.html')).toBe('https://crm.example/cec/service-cloud/__mock/signal/');
  });
});

describe('micErrorText', () => {
  it.each([
    ['NotAllowedError', /blocked/],
    ['SecurityError', /blocked/],
    ['NotFoundError', /no microphone was found/],
    ['NotReadableError', /in use by another program/],
    ['TypeError', /could not be opened \(TypeError\)/],
  ])('%s → a plain sentence', (name, text) => {
    expect(micErrorText(new DOMException('x', name))).toMatch(text);
  });
  it('copes with a non-error rejection', () => {
    expect(micErrorText('boom')).toBe('the microphone could not be opened (boom)');
  });
});
