// Types for bench/origins.mjs, so TypeScript suites (test/browser/hardening) can reuse it.
import type { MockFabric } from '../mock-fabric/index.js';

export interface BenchMountConfig {
  readonly shellUrl: string;
  readonly cecContextPath: string;
  readonly tenantSpaceId: string;
  readonly userAccount: string;
  readonly tokenUrl: string;
}

export interface BenchOrigins {
  /** The CRM bench page on origin A (`bench/pages/host.html`, exposing `window.bench`). */
  readonly hostUrl: string;
  readonly hostOrigin: string;
  /** `http://localhost:<port>` (origin B). */
  readonly shellOrigin: string;
  readonly mock: MockFabric;
  readonly shell: { readonly url: string; close(): Promise<void> };
  readonly mountConfig: BenchMountConfig;
  /** The same mount against origin B', whose shell page is bench/pages/floor-shell.js (the mount bench's floor). */
  readonly floorMountConfig: BenchMountConfig;
  readonly rawRelayUrl: string;
  readonly rawRelayOrigin: string;
  readonly rawSourceUrl: string;
  /** Make the verification endpoint drop every connection (fault suites). */
  setValidateDown(down: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts the CRM bench origin (A), the mock fabric (C) and the shell server (B) from dist/.
 * @example
 * const o = await startBenchOrigins({ files: { '/fuzz.js': 'test/browser/hardening/fuzz-page.js' } });
 */
export function startBenchOrigins(opts?: { userAccount?: string; files?: Record<string, string>; trustTokens?: boolean; tokenTtlSeconds?: number }): Promise<BenchOrigins>;
