/** `warmUpParsers`: the command and event parsers run once each, a task apiece, and cancel stops the rest. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHostCommand } from '../../../src/protocol/bridge.js';
import { parseCecEvent } from '../../../src/protocol/cec-events.js';
import { warmUpParsers } from '../../../src/frame/parser-warm-up.js';

vi.mock('../../../src/protocol/bridge.js', async (actual) => ({ ...(await actual<object>()), parseHostCommand: vi.fn() }));
vi.mock('../../../src/protocol/cec-events.js', async (actual) => ({ ...(await actual<object>()), parseCecEvent: vi.fn() }));

/** A window whose timers run only when the test says: one task per `runNextTask()`. */
function fakeWindow() {
  const tasks = new Map<number, () => void>();
  let nextId = 1;
  const win = {
    setTimeout: (work: () => void) => {
      tasks.set(nextId, work);
      return nextId++;
    },
    clearTimeout: (id: number | undefined) => {
      if (id !== undefined) tasks.delete(id);
    },
  } as unknown as Window;
  const runNextTask = (): boolean => {
    const [id, work] = tasks.entries().next().value ?? [];
    if (id === undefined || !work) return false;
    tasks.delete(id);
    work();
    return true;
  };
  return { win, runNextTask, pending: () => tasks.size };
}

describe('warmUpParsers', () => {
  beforeEach(() => {
    vi.mocked(parseHostCommand).mockClear();
    vi.mocked(parseCecEvent).mockClear();
  });

  it('runs nothing in the calling task, then one parser per task: the commands\', then the events\'', () => {
    const { win, runNextTask, pending } = fakeWindow();
    warmUpParsers(win);
    expect(parseHostCommand).not.toHaveBeenCalled();
    expect(pending()).toBe(1);
    expect(runNextTask()).toBe(true);
    expect(parseHostCommand).toHaveBeenCalledTimes(1);
    expect(parseCecEvent).not.toHaveBeenCalled();
    expect(runNextTask()).toBe(true);
    expect(parseCecEvent).toHaveBeenCalledTimes(1);
    expect(pending()).toBe(0);
  });

  it('runs each parser on a value of its own kind', () => {
    const { win, runNextTask } = fakeWindow();
    warmUpParsers(win);
    while (runNextTask());
    expect(vi.mocked(parseHostCommand).mock.calls[0]?.[0]).toMatchObject({ v: 1, kind: 'ping' });
    expect(vi.mocked(parseCecEvent).mock.calls[0]?.[0]).toMatchObject({ event: { eventType: 'AgentState_Ready' } });
  });

  it('cancel() stops the steps not yet run', () => {
    const { win, runNextTask, pending } = fakeWindow();
    const cancel = warmUpParsers(win);
    runNextTask();
    cancel();
    expect(pending()).toBe(0);
    expect(parseHostCommand).toHaveBeenCalledTimes(1);
    expect(parseCecEvent).not.toHaveBeenCalled();
  });
});
