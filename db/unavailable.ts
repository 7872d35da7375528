import { sqlState } from './pgErrors';

/**
 * The database did not answer: the server is down, restarting, refusing connections or dropped
 * this one. Retrying later can succeed, so the API answers 503 DATABASE_UNAVAILABLE with
 * Retry-After, and activities let Temporal retry.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `数据库不可用 / the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'DatabaseUnavailableError';
  }
}

/** SQLSTATE classes and codes that mean "the server is away", not "the statement is wrong". */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown (a fast or smart shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres says these in words only (no code).
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const state = sqlState(error);
  if (state !== undefined && (UNAVAILABLE_STATES.has(state) || state.startsWith('08'))) return true;
  if (state !== undefined && UNAVAILABLE_NODE_CODES.has(state)) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return error instanceof Error && UNAVAILABLE_MESSAGES.test(error.message);
}

/** A connection-level failure as DatabaseUnavailableError; any other error unchanged. */
export function asUnavailable(error: unknown): unknown {
  return !(error instanceof DatabaseUnavailableError) && isDatabaseUnavailable(error)
    ? new DatabaseUnavailableError(error)
    : error;
}
