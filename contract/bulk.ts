// One intervention over many cases: the request, the exact dry-run plan, the per-case outcomes.
import { z } from 'zod';
import { MIGRATE_EVENT, type EventType } from '../machines/secondment';
import { caseFilterSchema, INTERVENTIONS, labelSchema } from './cases';

type BulkType = EventType | typeof MIGRATE_EVENT;

export const bulkBodySchema = z
  .object({
    /** the same filters as GET /api/cases (always within your scope) */
    filter: caseFilterSchema
      .omit({ sort: true, order: true, limit: true, offset: true })
      .strict()
      .default({}),
    intervention: z
      .object({
        /** an intervention, or admin.case.migrate (payload { reason }) to move v1 cases to v2 */
        type: z.enum([MIGRATE_EVENT, ...INTERVENTIONS] as [BulkType, ...BulkType[]]),
        /** the intervention's payload; `dutyId` may be left out when `duty` selects one per case */
        payload: z.record(z.string(), z.unknown()),
        /** for duty interventions: which open duty of each case ('next' = soonest due, 'stuck' = first stuck) */
        duty: z.enum(['next', 'stuck']).optional(),
      })
      .strict(),
    dryRun: z.boolean().default(true),
  })
  .strict();
export type BulkBody = z.infer<typeof bulkBodySchema>;

export const bulkPlanItemSchema = z.object({
  caseId: z.string(),
  status: z.string().nullable(),
  willChange: z.boolean(),
  /** what a person would notice: status, duties' due dates, owners … before → after */
  change: z.string().nullable(),
  skipReason: z.string().nullable(),
});
export type BulkPlanItem = z.infer<typeof bulkPlanItemSchema>;

const bulkSummary = {
  intervention: z.object({ type: z.string(), label: labelSchema }),
  matched: z.number().int(),
  considered: z.number().int(),
  truncated: z.boolean(),
  willChange: z.number().int(),
};

/** POST /api/bulk with dryRun: true (computed by the same machine, on the stored state). */
export const bulkPlanSchema = z.object({
  dryRun: z.literal(true),
  ...bulkSummary,
  /** 双人复核: executing it needs a second admin (the department policy's bulkOver): propose it */
  secondAdmin: z.boolean(),
  items: z.array(bulkPlanItemSchema),
});
export type BulkPlan = z.infer<typeof bulkPlanSchema>;

export const bulkOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({
    caseId: z.string(),
    outcome: z.literal('changed'),
    change: z.string().nullable(),
    status: z.string(),
  }),
  z.object({
    caseId: z.string(),
    outcome: z.literal('skipped'),
    change: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  z.object({
    caseId: z.string(),
    outcome: z.literal('failed'),
    change: z.string().nullable(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      rule: z.string().optional(),
    }),
  }),
]);
export type BulkOutcome = z.infer<typeof bulkOutcomeSchema>;

/** POST /api/bulk with dryRun: false */
export const bulkResultSchema = z.object({
  dryRun: z.literal(false),
  ...bulkSummary,
  items: z.array(bulkOutcomeSchema),
});

export const bulkAnswerSchema = z.discriminatedUnion('dryRun', [bulkPlanSchema, bulkResultSchema]);
