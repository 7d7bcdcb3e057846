import { describe, it, expect } from 'vitest';
import { controlBase, faultsFromForm } from '../../../mock-fabric/panel/panel.js';

const form = (entries: Record<string, string>): FormData => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe('panel helpers', () => {
  it('controlBase finds /__mock/ in the panel URL', () => {
    expect(controlBase('http://127.0.0.1:4000/__mock/panel/')).toBe('http://127.0.0.1:4000/__mock/');
    expect(controlBase('http://127.0.0.1:4000/qa/__mock/panel/panel.html')).toBe('http://127.0.0.1:4000/qa/__mock/');
  });
  it('faultsFromForm leaves empty fields out', () => {
    expect(faultsFromForm(form({ path: '', latencyMs: '', errorRate: '', status: '', dropSession: '' }))).toEqual({});
    expect(faultsFromForm(form({ path: '^/apiaccess/', status: '429', latencyMs: '', dropLongPolls: 'on', dropSession: '101' }))).toEqual({
      rules: [{ path: '^/apiaccess/', status: 429 }],
      dropLongPolls: true,
      dropSession: 101,
    });
    expect(faultsFromForm(form({ latencyMs: '250', errorRate: 'abc' }))).toEqual({ rules: [{ path: '.*', latencyMs: 250 }] });
  });
});
