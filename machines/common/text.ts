// Text that can always be stored (可入库文本). PostgreSQL (and PGlite) refuse NUL and lone
// surrogates in text and jsonb, and refuse years outside their range, so a value a validator
// accepted would otherwise fail later in the database — and a failing transition retries forever.
// Every free-text and identifier field of the machines, the wire contract, the API and the CLI is
// built from these schemas (machines/ may import only machines/, and contract/ may import
// machines/, so both reach this file). Plain zod string checks, so JSON schemas keep their bounds.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

export const UNSTORABLE_MESSAGE = 'contains a NUL (U+0000) or a lone surrogate, which cannot be stored';

/** True when PostgreSQL can store the string as text or inside jsonb. */
export const isStorable = (s: string): boolean => !UNSTORABLE.test(s);

/**
 * Free text (notes, titles, reasons, names): trimmed, NFC-normalised, without NUL or lone
 * surrogates, min..max characters (after normalisation).
 */
export const storableText = (min: number, max: number, tooShort?: string) =>
  z
    .string()
    .refine(isStorable, { message: UNSTORABLE_MESSAGE, abort: true })
    .trim()
    .normalize('NFC')
    .min(min, tooShort)
    .max(max);

/**
 * An identifier (ids, codes, usernames, keys): storable, no control characters or surrounding
 * space, 1..max characters.
 */
export const identifier = (max = 128) =>
  z
    .string()
    .refine(isStorable, { message: UNSTORABLE_MESSAGE, abort: true })
    .trim()
    .normalize('NFC')
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), { message: 'contains a control character' });

const yearOf = (iso: string): number => Number(iso.slice(0, 4));

/** A calendar date (YYYY-MM-DD) between two years, inclusive. */
export const dateBetween = (fromYear: number, toYear: number) =>
  z.iso.date().refine((d) => yearOf(d) >= fromYear && yearOf(d) <= toYear, {
    message: `a date between ${fromYear} and ${toYear}`,
  });

/** An instant (ISO 8601 with offset) between two years, inclusive. */
export const instantBetween = (fromYear: number, toYear: number) =>
  z.iso.datetime({ offset: true }).refine(
    (d) => {
      const y = new Date(d).getUTCFullYear();
      return y >= fromYear && y <= toYear;
    },
    { message: `a time between ${fromYear} and ${toYear}` },
  );

/** The domain's calendar: rounds, terms, deadlines and events fall in these years. */
export const DOMAIN_YEARS = { from: 2000, to: 2100 } as const;
/** A year of the domain (a round's, a case's, a filter's). */
export const domainYear = z.number().int().min(DOMAIN_YEARS.from).max(DOMAIN_YEARS.to);
