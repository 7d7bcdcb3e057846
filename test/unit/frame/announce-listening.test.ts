import { describe, expect, it, vi } from 'vitest';
import { announceListening } from '../../../src/frame/announce-listening.js';
import { POSTMATE_TYPE, SHELL_LISTENING } from '../../../src/protocol/postmate-wire.js';

/** A shell window whose parent records what it is sent. */
function shellWindow(ancestorOrigins: readonly string[] | undefined, framed = true) {
  const parent = { postMessage: vi.fn() };
  const win = { location: { ancestorOrigins }, parent } as unknown as Window & { parent: typeof parent };
  if (!framed) (win as { parent: unknown }).parent = win;
  return { win, parent };
}

describe('announceListening', () => {
  it("posts the announcement to the parent's exact origin, and nothing else", () => {
    const { win, parent } = shellWindow(['https://crm.example', 'https://top.example']);
    expect(announceListening(win)).toBe(true);
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
    expect(parent.postMessage).toHaveBeenCalledWith({ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }, 'https://crm.example');
  });

  it.each([
    ['without ancestorOrigins (Firefox)', undefined],
    ['with no ancestor', []],
    ['under an opaque parent origin', ['null']],
    ['under a non-http parent', ['file://']],
  ])('posts nothing %s', (_when, origins) => {
    const { win, parent } = shellWindow(origins);
    expect(announceListening(win)).toBe(false);
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it('posts nothing when the page is not in a frame', () => {
    const { win, parent } = shellWindow(['https://crm.example'], false);
    expect(announceListening(win)).toBe(false);
    expect(parent.postMessage).not.toHaveBeenCalled();
  });
});
