/**
 * A durable call log store on SQLite through `better-sqlite3` (an optional peer dependency). This
 * module never imports the package: you open the database and pass it in, so an application that
 * does not use SQLite never loads it.
 */
import type { CallLogEntry, CallLogStore } from './call-log-store.js';

/** One prepared statement, as `better-sqlite3` returns it (the part this store uses). */
export interface SqliteStatement {
  /** Runs a write. */
  run(...parameters: readonly unknown[]): unknown;
  /** The first row, or undefined. */
  get(...parameters: readonly unknown[]): unknown;
  /** Every row. */
  all(...parameters: readonly unknown[]): unknown[];
}

/**
 * The part of a `better-sqlite3` `Database` this store uses.
 *
 * @example
 * ```ts
 * import type { SqliteDatabase } from 'cec-bar-host/server';
 * declare const openedWithBetterSqlite3: SqliteDatabase; // new Database('call-log.db')
 * openedWithBetterSqlite3.exec('PRAGMA journal_mode = WAL');
 * ```
 */
export interface SqliteDatabase {
  /** Runs SQL with no parameters (the table and index creation). */
  exec(sql: string): unknown;
  /** Prepares a statement. */
  prepare(sql: string): SqliteStatement;
  /** Wraps `run` in one transaction (`better-sqlite3` begins, commits, or rolls back on a throw). */
  transaction<Result>(run: () => Result): () => Result;
}

/**
 * Options of {@link createSqliteCallLogStore}.
 *
 * @example
 * ```ts
 * import { createSqliteCallLogStore, type SqliteCallLogStoreOptions, type SqliteDatabase } from 'cec-bar-host/server';
 * declare const database: SqliteDatabase; // new Database('call-log.db') from better-sqlite3
 * const options: SqliteCallLogStoreOptions = { database, table: 'crm_call_log' };
 * const store = createSqliteCallLogStore(options);
 * ```
 */
export interface SqliteCallLogStoreOptions {
  /** An open `better-sqlite3` database (WAL mode is a good idea for a busy log). */
  readonly database: SqliteDatabase;
  /**
   * The table (created if missing): letters, digits and `_` only.
   * @default 'cec_call_log'
   */
  readonly table?: string;
}

interface EntryRow {
  readonly entry: string;
}

function readRow(row: unknown): CallLogEntry | undefined {
  return row && typeof row === 'object' && 'entry' in row ? (JSON.parse((row as EntryRow).entry) as CallLogEntry) : undefined;
}

/**
 * A call log store in a SQLite table: one row per call id, the entry as JSON. `update` runs in
 * one transaction, so two reports of one call log it once (also across processes on one file).
 *
 * @param options - The open database and the table name.
 * @throws RangeError for a table name other than letters, digits and `_`.
 * @example
 * ```ts
 * import { createCallLog, createCmsClient, createSqliteCallLogStore, type SqliteDatabase } from 'cec-bar-host/server';
 * declare const database: SqliteDatabase; // new Database('call-log.db') from better-sqlite3
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 });
 * const store = createSqliteCallLogStore({ database });
 * const log = createCallLog({ cms, store, authenticate: async () => 'u-alice' });
 * ```
 */
export function createSqliteCallLogStore(options: SqliteCallLogStoreOptions): CallLogStore {
  const table = options.table ?? 'cec_call_log';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) throw new RangeError('createSqliteCallLogStore: table must be letters, digits and _');
  const { database } = options;
  database.exec(`CREATE TABLE IF NOT EXISTS ${table} (call_id TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, entry TEXT NOT NULL)`);
  database.exec(`CREATE INDEX IF NOT EXISTS ${table}_updated ON ${table} (updated_at)`);
  const select = database.prepare(`SELECT entry FROM ${table} WHERE call_id = ?`);
  const upsert = database.prepare(`INSERT INTO ${table} (call_id, updated_at, entry) VALUES (?, ?, ?) ON CONFLICT (call_id) DO UPDATE SET updated_at = excluded.updated_at, entry = excluded.entry`);
  const newest = database.prepare(`SELECT entry FROM ${table} ORDER BY updated_at DESC LIMIT ?`);
  return {
    get: (callId) => Promise.resolve(readRow(select.get(callId))),
    update(callId, change) {
      const run = database.transaction(() => {
        const next = change(readRow(select.get(callId)));
        if (next) upsert.run(callId, next.updatedAt, JSON.stringify(next));
        return readRow(select.get(callId));
      });
      return Promise.resolve(run());
    },
    list: (limit) => Promise.resolve(newest.all(limit).map(readRow).filter((entry): entry is CallLogEntry => entry !== undefined)),
  };
}
