// Instants travel as ISO strings (plain JSON in snapshots); arithmetic happens in epoch milliseconds.
import { z } from 'zod';

export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const isoDateSchema = z.iso.date();

export const ms = (iso: string): number => Date.parse(iso);
export const iso = (epochMs: number): string => new Date(epochMs).toISOString();
/** Normalise any accepted ISO form (with offset) to UTC `...Z` so string order equals time order. */
export const normalize = (at: string): string => iso(ms(at));
export const isAfter = (a: string, b: string): boolean => ms(a) > ms(b);
export const notBefore = (a: string, b: string): boolean => ms(a) >= ms(b);
export const minIso = (values: readonly string[]): string | null =>
  values.reduce<string | null>((min, v) => (min === null || ms(v) < ms(min) ? v : min), null);
