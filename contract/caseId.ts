// Case ids are random, never a name or an ID-card number (they appear in Temporal and in URLs).

export const CASE_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** A new random case id: `c` and 20 hex digits. */
export function newCaseId(): string {
  return `c${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
