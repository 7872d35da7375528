// The reserve pool (拟选派干部库) as the console lists it: every person in it with their pool entry
// and the eligibility the lifecycle's rules give them for a kind under a round's policy and term
// (or the default policy and a year's term), so a department sees who may be recommended and why not.
import { z } from 'zod';
import { kindSchema } from '../machines/secondment/v2/vocabulary';
import { personSchema, reservePoolEntrySchema } from './persons';
import { eligibilitySchema, roundIdSchema } from './rounds';
import { storableText } from './text';

/** GET /api/reserve-pool */
export const reservePoolQuerySchema = z.object({
  /** the kind eligibility is judged for (上挂 by default) */
  kind: kindSchema.default('up'),
  /** judge under this round's policy and common term (default: the default policy, 12 months) */
  roundId: roundIdSchema.optional(),
  /** part of the name */
  q: storableText(1, 64).optional(),
});

export const reservePoolListSchema = z.object({
  kind: kindSchema,
  policy: z.string(),
  termMonths: z.number().int(),
  items: z.array(
    z.object({
      person: personSchema,
      entry: reservePoolEntrySchema,
      /** null when the registry lacks what the rules need (birth date, rank): `missing` says what */
      eligibility: eligibilitySchema.nullable(),
      missing: z.array(z.string()),
    }),
  ),
});
export type ReservePoolList = z.infer<typeof reservePoolListSchema>;
