/**
 * A standby tab's requests to the owner tab (callOut, takeOver, checkMedia) over the tab channel.
 * Each waits for the owner's answer with the same id, or for its timeout; its timer is cleared
 * and its entry removed however it ends.
 */
import type { BarError } from '../protocol/bar-error.js';
import type { Wire, WireAnswer, WireRequest } from './wire.js';

/** @example const requests = createRequestsToOwner(post, 30_000); const answer = await requests.send(request, timeoutError); */
export interface RequestsToOwner {
  /** Posts `request`; rejects with `timeoutError()` when no answer comes in time. */
  send(request: WireRequest, timeoutError: () => BarError): Promise<WireAnswer>;
  /** An answer from the owner tab (answers to other tabs' requests find nothing here). */
  onAnswer(answer: WireAnswer): void;
  /** This tab is going away: every request still waiting rejects with `error`. */
  rejectAll(error: BarError): void;
}

interface Waiting {
  resolve(answer: WireAnswer): void;
  reject(error: BarError): void;
}

/** @example const requests = createRequestsToOwner((message) => channel.postMessage(message), 30_000); */
export function createRequestsToOwner(post: (message: Wire) => void, timeoutMs: number): RequestsToOwner {
  const waiting = new Map<string, Waiting>();
  return {
    send(request, timeoutError) {
      return new Promise((resolve, reject) => {
        const finish = (): void => {
          clearTimeout(timer);
          waiting.delete(request.id);
        };
        const timer = setTimeout(() => {
          finish();
          reject(timeoutError());
        }, timeoutMs);
        waiting.set(request.id, {
          resolve(answer) {
            finish();
            resolve(answer);
          },
          reject(error) {
            finish();
            reject(error);
          },
        });
        post(request);
      });
    },
    onAnswer: (answer) => waiting.get(answer.id)?.resolve(answer),
    rejectAll(error) {
      for (const request of [...waiting.values()]) request.reject(error);
    },
  };
}
