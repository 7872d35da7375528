// Instants travel as ISO strings (plain JSON in snapshots); arithmetic happens in epoch milliseconds.
import { dateBetween, instantBetween } from '../../common/text';

/**
 * Instants and dates of events: years 1900–9999, what PostgreSQL's date and timestamptz hold and
 * ISO 8601 writes (no year 0, no negative years). Not narrower: the handler re-parses recorded
 * Update arguments on replay (the test server's clock starts in 1970), and must accept what it once
 * accepted. The API's own filters and round dates are narrower (2000–2100).
 */
export const isoDateTimeSchema = instantBetween(1900, 9999);
export const isoDateSchema = dateBetween(1900, 9999);

export const ms = (iso: string): number => Date.parse(iso);
export const iso = (epochMs: number): string => new Date(epochMs).toISOString();
/** Normalise any accepted ISO form (with offset) to UTC `...Z` so string order equals time order. */
export const normalize = (at: string): string => iso(ms(at));
export const isAfter = (a: string, b: string): boolean => ms(a) > ms(b);
export const notBefore = (a: string, b: string): boolean => ms(a) >= ms(b);
export const minIso = (values: readonly string[]): string | null =>
  values.reduce<string | null>((min, v) => (min === null || ms(v) < ms(min) ? v : min), null);
