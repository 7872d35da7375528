/** A timestamptz as a driver returns it. */
export type Timestamp = Date | string;

/**
 * Both drivers return timestamptz as Date, but under Jest PGlite's Dates come from another realm,
 * so no `instanceof Date`: anything that is not a string is read through its numeric value.
 */
export function toIso(value: Timestamp): string {
  return typeof value === 'string' ? new Date(value).toISOString() : new Date(value.valueOf()).toISOString();
}

export function toIsoOrNull(value: Timestamp | null): string | null {
  return value === null ? null : toIso(value);
}
