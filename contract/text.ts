// The wire contract's text and range schemas are the machines' (machines/common/text.ts), so a
// value is judged storable by one rule whether it arrives as an event, a nomination or a filter.
import { z } from 'zod';
import { storableText } from '../machines/common/text';

export {
  DOMAIN_YEARS,
  UNSTORABLE_MESSAGE,
  dateBetween,
  domainYear,
  identifier,
  instantBetween,
  isStorable,
  storableText,
} from '../machines/common/text';

/** Accepts real booleans and the query-string forms 'true' / 'false'. */
export const booleanish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** A search term: the part of a name someone types. */
export const searchTermSchema = storableText(1, 64);
