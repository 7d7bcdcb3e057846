/** Types of test/support/size-ceilings.mjs. */
export declare const GZIP_LEVEL: number;
export declare const FORBIDDEN_IN_BROWSER: readonly string[];
export interface SizeCeiling {
  readonly name: string;
  readonly file: string;
  readonly ceilingBytes: number;
  readonly headroomBytes?: number;
  readonly forbidden: readonly string[];
  readonly why: string;
}
export declare const SIZE_CEILINGS: readonly SizeCeiling[];
