// Text that can always be stored: PostgreSQL refuses NUL and lone surrogates in text, so a value a
// validator accepted would otherwise fail later in the database. Refused here, with the field named.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Trimmed, NFC-normalised text of min..max characters without NUL or lone surrogates. */
export const storableText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((s) => !UNSTORABLE.test(s), { message: 'contains a NUL or a lone surrogate' })
    .transform((s) => s.normalize('NFC'))
    .pipe(z.string().min(min).max(max));

/** A calendar date (YYYY-MM-DD) between two years, inclusive. */
export const dateBetween = (fromYear: number, toYear: number) =>
  z.iso.date().refine((d) => Number(d.slice(0, 4)) >= fromYear && Number(d.slice(0, 4)) <= toYear, {
    message: `a date between ${fromYear} and ${toYear}`,
  });

/** Accepts real booleans and the query-string forms 'true' / 'false'. */
export const booleanish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** A search term: the part of a name someone types. */
export const searchTermSchema = storableText(1, 64);
