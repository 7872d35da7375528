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

/** GET /api/stuck */
export const stuckListSchema = z.object({
  business: z.array(businessStuckSchema),
  technical: z.array(technicalProblemSchema),
});
export type StuckList = z.infer<typeof stuckListSchema>;

/** POST /api/cases/:id/retry */
export const retryAnswerSchema = z.object({
  caseId: z.string(),
  action: z.literal('activity.reset'),
  retried: z.array(z.string()),
});
