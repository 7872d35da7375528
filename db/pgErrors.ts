/** SQLSTATE of an error thrown by either adapter (both expose PostgreSQL's `code`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return typeof error.code === 'string' ? error.code : undefined;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';

/**
 * A value the database refuses whatever the moment: SQLSTATE class 22 (data exception: invalid
 * byte sequence, unsupported Unicode escape, value or date out of range …) and 54 (a value over a
 * program limit). Retrying cannot store it.
 */
export function isDataRefusal(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('54'));
}
