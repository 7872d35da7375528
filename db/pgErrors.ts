/** SQLSTATE of an error thrown by either adapter (both expose PostgreSQL's `code`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return typeof error.code === 'string' ? error.code : undefined;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
