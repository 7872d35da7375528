// Stuck cases: business (a duty past the last escalation step) and technical (from Temporal).
import { z } from 'zod';
import { nextDutySchema } from './cases';

export const technicalProblemSchema = z.object({
  caseId: z.string(),
  /** unstorable: the database refused a transition's values (rolled back; retrying cannot help) */
  kind: z.enum(['activity', 'workflowTask', 'workflow', 'unstorable']),
  reason: z.string(),
  attempts: z.number().int().nullable(),
  temporalUiUrl: z.string().nullable(),
  retry: z.object({ method: z.literal('POST'), url: z.string() }).nullable(),
});
export type TechnicalProblem = z.infer<typeof technicalProblemSchema>;

export const businessStuckSchema = z.object({
  caseId: z.string(),
  cadreName: z.string().nullable(),
  status: z.string(),
  kind: z.literal('business'),
  reason: z.string(),
  nextDuty: nextDutySchema.nullable(),
  sendingUnit: z.string(),
  receivingUnit: z.string(),
});

/** A 双人复核 proposal nobody decided: past its deadline and past the ladder's stuck moment. */
export const stuckProposalSchema = z.object({
  proposalId: z.string(),
  scope: z.enum(['case', 'bulk']),
  caseId: z.string().nullable(),
  interventionType: z.string(),
  proposedBy: z.string(),
  dueAt: z.string(),
  stuckAt: z.string(),
  reason: z.string(),
});

/** GET /api/stuck */
export const stuckListSchema = z.object({
  business: z.array(businessStuckSchema),
  technical: z.array(technicalProblemSchema),
  /** org admins and auditors: their department's expired proposals */
  proposals: z.array(stuckProposalSchema),
});
export type StuckList = z.infer<typeof stuckListSchema>;

/** POST /api/cases/:id/retry */
export const retryAnswerSchema = z.object({
  caseId: z.string(),
  action: z.literal('activity.reset'),
  retried: z.array(z.string()),
});
