// 双人复核 (four eyes) and the preview of a single intervention: what an intervention would change
// (computed by the same machine the workflow runs), and the proposals a second admin decides.
import { z } from 'zod';
import { bulkBodySchema, bulkOutcomeSchema, bulkPlanItemSchema } from './bulk';
import { caseViewSchema, labelSchema } from './cases';

export const namedRecipientSchema = z.object({
  role: z.string(),
  unit: z.string(),
  unitName: labelSchema,
  personId: z.string().nullable(),
  /** the person addressed, or the active accounts holding that role at that unit (may be empty) */
  names: z.array(z.string()),
});

export const notificationPreviewSchema = z.object({
  template: z.string(),
  /** the text as it will be written (zh-CN), names filled in */
  text: z.string(),
  recipients: z.array(namedRecipientSchema),
});
export type NotificationPreview = z.infer<typeof notificationPreviewSchema>;

export const fourEyesVerdictSchema = z.object({
  /** true: applying needs a second org admin of the same department (propose instead) */
  required: z.boolean(),
  /** where the rule comes from: the case's policy copy, or the department's current policy (bulk) */
  source: z.string(),
});

/** POST /api/cases/:id/interventions/:type/preview */
export const interventionPreviewSchema = z.object({
  caseId: z.string(),
  intervention: z.object({ type: z.string(), label: labelSchema.nullable() }),
  /** false: the machine would refuse it now (refusal says why, rule named) */
  willChange: z.boolean(),
  refusal: z.string().nullable(),
  /** every difference a person would notice, before → after */
  change: z.string().nullable(),
  before: caseViewSchema.nullable(),
  after: caseViewSchema.nullable(),
  notifications: z.array(notificationPreviewSchema),
  fourEyes: fourEyesVerdictSchema,
});
export type InterventionPreview = z.infer<typeof interventionPreviewSchema>;

export const proposalIdSchema = z.string().regex(/^p[0-9a-f]{16}$/, 'proposal id: p + 16 hex digits');
export const proposalIdParamSchema = z.object({ id: proposalIdSchema });

const reasonSchema = z
  .string()
  .trim()
  .min(2, 'reason: 须说明理由（至少 2 个字）/ a reason is required')
  .max(500);

/** POST /api/proposals/:id/approve and /reject */
export const decisionBodySchema = z.object({ reason: reasonSchema }).strict();

/** POST /api/bulk/proposals: the bulk request (its dry run becomes the stored plan) */
export const bulkProposalBodySchema = bulkBodySchema.omit({ dryRun: true });

export const proposalEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['proposed', 'escalated', 'approved', 'rejected', 'applied']),
  actorId: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.unknown().nullable(),
});

export const proposalStatusSchema = z.enum(['open', 'approved', 'rejected']);

export const storedPlanItemSchema = bulkPlanItemSchema.extend({
  payload: z.record(z.string(), z.unknown()).nullable(),
  /** the case's audit position the plan saw: another step since, and the case is skipped */
  lastSeq: z.number().int().nullable(),
});
export type StoredPlanItem = z.infer<typeof storedPlanItemSchema>;

export const proposalSchema = z.object({
  proposalId: z.string(),
  scope: z.enum(['case', 'bulk']),
  orgUnit: z.string(),
  orgUnitName: labelSchema,
  caseId: z.string().nullable(),
  intervention: z.object({ type: z.string(), label: labelSchema.nullable() }),
  payload: z.record(z.string(), z.unknown()),
  /** bulk: the exact plan approved and executed (cases whose state changed since are skipped) */
  plan: z.array(storedPlanItemSchema).nullable(),
  change: z.string().nullable(),
  reason: z.string(),
  proposedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  proposedAt: z.string(),
  dueAt: z.string(),
  stuckAt: z.string(),
  /** open past its deadline: overdue; past the ladder's stuck moment: stuck (both in GET /api/stuck) */
  overdue: z.boolean(),
  stuck: z.boolean(),
  status: proposalStatusSchema,
  decidedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  result: z
    .union([
      z.object({ outcome: z.literal('changed'), status: z.string() }),
      z.object({ outcome: z.literal('failed'), error: z.object({ code: z.string(), message: z.string() }) }),
      z.object({ outcome: z.literal('bulk'), items: z.array(bulkOutcomeSchema) }),
    ])
    .nullable(),
  trail: z.array(proposalEventSchema),
  /** may the caller approve or reject it (an admin of its department other than the proposer) */
  youMayDecide: z.boolean(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalAnswerSchema = z.object({ proposal: proposalSchema });
export const proposalListSchema = z.object({ items: z.array(proposalSchema) });
export const proposalListQuerySchema = z.object({
  status: proposalStatusSchema.optional(),
  caseId: z.string().optional(),
});
