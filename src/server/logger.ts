/** The logger the server kit writes to; every entry is redacted first. */
import { redact } from '../protocol/redact.js';

/**
 * Any console-like logger. Each method is optional.
 *
 * @example
 * ```ts
 * import { createFabricClient, type ServerLogger } from 'cec-bar-host/server';
 * const logger: ServerLogger = { warn: (message, data) => console.warn(message, data), error: (message, data) => console.error(message, data) };
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, logger });
 * ```
 */
export interface ServerLogger {
  /** Details for debugging. */
  debug?(message: string, data?: Record<string, unknown>): void;
  /** Normal events (a token obtained). */
  info?(message: string, data?: Record<string, unknown>): void;
  /** Something recoverable (a retry, a refused token). */
  warn?(message: string, data?: Record<string, unknown>): void;
  /** Something failed. */
  error?(message: string, data?: Record<string, unknown>): void;
}

export type LogLevel = keyof ServerLogger;

/**
 * A log function that strips `secrets()` (and anything token-like) from the message and data.
 * `secrets` is a function because tokens change over a client's life.
 */
export function safeLog(logger: ServerLogger | undefined, secrets: () => readonly string[]) {
  return (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
    const fn = logger?.[level];
    if (!fn) return;
    const opts = { secrets: secrets() };
    try {
      fn.call(logger, redact(message, opts), data === undefined ? undefined : redact(data, opts));
    } catch {
      // A broken logger must never break a Fabric call.
    }
  };
}
