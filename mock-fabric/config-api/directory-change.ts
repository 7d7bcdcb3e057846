/** The shape of `GET /__mock/directory`, shared by the mock (directory-feed.ts) and the panel: types only, no Node. */

/** One change the directory reported. */
export interface DirectoryChange {
  /** When the mock learnt it (ms since the epoch). */
  readonly at: number;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly accountCode: string;
  readonly workNo: number;
  readonly sipAccount: string;
  /** For `changed`: the account code it had before. */
  readonly before?: string;
}

/** The answer of `GET /__mock/directory`: the changes, oldest first, and the last poll's error. */
export interface DirectoryReport {
  readonly changes: DirectoryChange[];
  readonly error: string | null;
}
