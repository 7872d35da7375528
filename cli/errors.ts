import { EXIT, type ExitCode } from './exitCodes';

/**
 * Every failure the CLI reports: the API's error codes pass through unchanged, the CLI adds its own
 * (USAGE, NOT_LOGGED_IN, API_UNREACHABLE, BAD_RESPONSE, INTERNAL). With --json it is printed as
 * `{"error":{"code","message","field"?,"rule"?}}` on stderr, the same shape as the API's errors.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
    readonly extra: {
      field?: string;
      rule?: string;
      missing?: { field: string; zh: string; en: string }[];
    } = {},
  ) {
    super(message);
    this.name = 'CliError';
  }

  toJson(): {
    error: { code: string; message: string; field?: string; rule?: string; missing?: unknown[] };
  } {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** A usage error naming the flag or argument and what was expected. */
export function usage(message: string, field?: string): CliError {
  return new CliError('USAGE', message, EXIT.USAGE, field ? { field } : {});
}

export function notLoggedIn(api: string, why: 'none' | 'expired'): CliError {
  return new CliError(
    'NOT_LOGGED_IN',
    why === 'expired'
      ? `会话已过期，请重新登录 / session expired: run \`secondment login\` (${api})`
      : `未登录 / not logged in: run \`secondment login\` (${api})`,
    EXIT.AUTH,
  );
}
