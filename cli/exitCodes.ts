/**
 * Exit codes scripts can branch on. They are part of the CLI's contract (cli/README.md): never
 * renumber one, only add.
 */
export const EXIT = {
  OK: 0,
  /** anything unexpected: a bug, a 500, an answer that is not the API's */
  UNEXPECTED: 1,
  /** unknown command or flag, missing argument, bad JSON, invalid input (also the API's 400s) */
  USAGE: 2,
  /** not logged in, session expired, wrong password, CSRF refused, forbidden for your role */
  AUTH: 3,
  /** no such case or user, or outside your scope (the API does not tell them apart) */
  NOT_FOUND: 4,
  /** refused by the lifecycle rules, or a conflict (409: case/user exists, nothing to retry) */
  REFUSED: 5,
  /** the API is unreachable, Temporal is unavailable (503), or too many requests (429): retry later */
  UNAVAILABLE: 6,
  /** bulk --execute ran, and at least one case failed */
  BULK_PARTIAL: 7,
  /** audit verify found a broken hash chain */
  AUDIT_BROKEN: 8,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Which exit code an API error code means; unknown codes fall back to the HTTP status. */
export function exitForApiError(code: string, httpStatus: number): ExitCode {
  switch (code) {
    case 'INVALID_INPUT':
    case 'UNKNOWN_EVENT':
      return EXIT.USAGE;
    case 'UNAUTHENTICATED':
    case 'CSRF_REFUSED':
    case 'FORBIDDEN':
      return EXIT.AUTH;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'CASE_EXISTS':
    case 'USER_EXISTS':
    case 'EVENT_REFUSED':
    case 'NOTHING_TO_RETRY':
      return EXIT.REFUSED;
    case 'RATE_LIMITED':
    case 'TEMPORAL_UNAVAILABLE':
      return EXIT.UNAVAILABLE;
  }
  if (httpStatus === 400) return EXIT.USAGE;
  if (httpStatus === 401 || httpStatus === 403) return EXIT.AUTH;
  if (httpStatus === 404) return EXIT.NOT_FOUND;
  if (httpStatus === 409) return EXIT.REFUSED;
  if (httpStatus === 429 || httpStatus === 502 || httpStatus === 503 || httpStatus === 504)
    return EXIT.UNAVAILABLE;
  return EXIT.UNEXPECTED;
}
