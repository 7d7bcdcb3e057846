/**
 * The `window.bench` API of bench/pages/host.js (the CRM bench page on origin A), typed once for
 * every suite that drives it.
 */
export interface BenchSeen { total: number; forged: number; genuine: number; lastGenuineSeq: number; shellId: string | null; sessionId: string | null }
export interface BenchDiag { received: number; delivered: number; rejected: Record<string, number>; state: string; lastSeq: number; gaps: number; missing: number; loads: number }
export interface BenchCallbacks {
  counts: Record<string, number>;
  invalid: number;
  invalidSamples: unknown[];
  events: { name: string; state?: string; callId?: string; outcome?: string; code?: string }[];
}

export interface BenchPage {
  configure(c: unknown): void;
  mount(): Promise<number>;
  mountLogged(extra?: Record<string, unknown>): Promise<void>;
  destroy(): void;
  reconnect(): void;
  checkCallbacks(): void;
  seen(): BenchSeen;
  diagnostics(): BenchDiag;
  callbacks(): BenchCallbacks;
  polluted(): boolean;
  state(): string;
  liveCalls(): { callId: string }[];
  logs(): string[];
  recorder(): string | null;
  tokensIssued(): string[];
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}
