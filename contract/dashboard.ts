// The console's dashboard reads: counts in scope, and the duties the caller owes.
import { z } from 'zod';
import { labelSchema, openDutySchema } from './cases';

export const countSchema = z.object({
  key: z.string(),
  count: z.number().int(),
  /** the key's name (a unit's, a kind's, a status's) */
  label: labelSchema.optional(),
});

/** GET /api/stats: secondments (rejected and withdrawn nominations apart, in notSecondments) */
export const statsSchema = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  stuck: z.number().int(),
  /** cases with a provisional deadline (a year without a holiday table yet) */
  provisional: z.number().int(),
  /** open cases still on machine version 1 (to migrate) */
  notMigrated: z.number().int(),
  byStatus: z.array(countSchema),
  byKind: z.array(countSchema),
  bySendingUnit: z.array(countSchema),
  byReceivingUnit: z.array(countSchema),
  byYear: z.array(countSchema),
  /** nominations that never became secondments (rejected, withdrawn), by status */
  notSecondments: z.array(countSchema),
});
export type Stats = z.infer<typeof statsSchema>;

export const myDutySchema = z.object({
  caseId: z.string(),
  /** the case's cadre (the registry's name), null for a case nominated outside the API */
  cadreName: z.string().nullable(),
  status: z.string(),
  kind: z.string(),
  sendingUnit: z.string(),
  receivingUnit: z.string(),
  duty: openDutySchema.extend({ overdue: z.boolean() }),
});
export type MyDuty = z.infer<typeof myDutySchema>;

/** GET /api/my/duties */
export const myDutiesSchema = z.object({
  items: z.array(myDutySchema),
  /** open cases in scope that were read */
  scanned: z.number().int(),
  /** cases whose state could not be read */
  unavailable: z.array(z.string()),
  truncated: z.boolean(),
});
