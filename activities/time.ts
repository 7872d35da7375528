/**
 * Both drivers return timestamptz as Date, but under Jest PGlite's Dates come from another realm,
 * so no `instanceof Date`: anything that is not a string is read through its numeric value.
 */
export function toIso(value: Date | string): string {
  return typeof value === 'string' ? new Date(value).toISOString() : new Date(value.valueOf()).toISOString();
}

export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}
