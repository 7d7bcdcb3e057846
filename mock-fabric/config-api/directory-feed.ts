/**
 * What the server kit's agent directory sees change, for the panel's Configuration tab
 * (`GET /__mock/directory`): a real `createAgentDirectory` polling this mock's own `queryAgentInfo`
 * over HTTP with the tenant's first app, as an enterprise backend would. It starts when first asked
 * and stops with the mock, so a mock nobody looks at does not poll itself.
 */
import { createAgentDirectory, type AgentDirectory } from '../../src/server/agent-directory.js';
import { createFabricClient } from '../../src/server/fabric-client.js';
import type { TenantConfig } from '../tenant.js';
import type { DirectoryChange, DirectoryReport } from './directory-change.js';

/** How often the directory polls. Not documented by CEC; chosen here (the panel refreshes as often). */
const DIRECTORY_POLL_MS = 2000;
/** Changes kept, the newest. */
const DIRECTORY_CHANGES_KEPT = 100;

/**
 * The directory of one mock, started on first use.
 *
 * @example
 * const feed = new DirectoryFeed(() => baseUrl, () => tenant);
 * const { changes } = feed.read();
 */
export class DirectoryFeed {
  readonly #baseUrl: () => string;
  readonly #tenant: () => TenantConfig;
  readonly #changes: DirectoryChange[] = [];
  #directory: AgentDirectory | undefined;
  #error: string | undefined;

  constructor(baseUrl: () => string, tenant: () => TenantConfig) {
    this.#baseUrl = baseUrl;
    this.#tenant = tenant;
  }

  /** The changes so far, oldest first, and the last poll error (starts the directory on first call). */
  read(): DirectoryReport {
    this.#directory ??= this.#start();
    return { changes: [...this.#changes], error: this.#error ?? null };
  }

  stop(): void {
    this.#directory?.stop();
  }

  #start(): AgentDirectory | undefined {
    const [app] = this.#tenant().apps;
    if (!app) {
      this.#error = 'the tenant has no API Fabric app';
      return undefined;
    }
    const fabric = createFabricClient({ baseUrl: this.#baseUrl(), appKey: app.appKey, appSecret: app.appSecret });
    const directory = createAgentDirectory({ fabric, intervalMs: DIRECTORY_POLL_MS });
    const note = (change: Omit<DirectoryChange, 'at'>): void => {
      this.#changes.push({ at: Date.now(), ...change });
      if (this.#changes.length > DIRECTORY_CHANGES_KEPT) this.#changes.shift();
    };
    directory.on('added', ({ accountCode, workNo, sipAccount }) => note({ kind: 'added', accountCode, workNo, sipAccount }));
    directory.on('removed', ({ accountCode, workNo, sipAccount }) => note({ kind: 'removed', accountCode, workNo, sipAccount }));
    directory.on('changed', ({ before, after }) => note({ kind: 'changed', accountCode: after.accountCode, workNo: after.workNo, sipAccount: after.sipAccount, before: before.accountCode }));
    directory.on('error', (error) => (this.#error = error.message));
    directory.on('synced', () => (this.#error = undefined));
    return directory;
  }
}
