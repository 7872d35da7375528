// The shapes the pure projections below produce. They cross Temporal (Update results, queries) and
// the HTTP API unchanged, so they are declared once, here, as zod schemas; contract/ re-exports
// them (the machine may import nothing but itself, zod and xstate, so it cannot import contract/).
import { z } from 'zod';

export const labelSchema = z.object({ zh: z.string(), en: z.string() });
export type Label = z.infer<typeof labelSchema>;

export const principalSchema = z.object({ id: z.string(), role: z.string(), unit: z.string() });
export type PrincipalView = z.infer<typeof principalSchema>;

export const dutyViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.string(),
  what: labelSchema,
  owner: z.object({ role: z.string(), unit: z.string() }),
  dueAt: z.string(),
  nextAlarmAt: z.string().nullable(),
  /** escalation steps already taken, oldest first */
  escalations: z.array(z.object({ step: z.string(), at: z.string() })),
  stuck: z.boolean(),
  paused: z.boolean(),
});
export type DutyView = z.infer<typeof dutyViewSchema>;

export const caseViewSchema = z.object({
  caseId: z.string(),
  /** stable external status code, never an internal state path */
  status: z.string(),
  statusLabel: labelSchema,
  kind: z.string(),
  year: z.number().int(),
  sendingUnit: z.string(),
  receivingUnit: z.string(),
  openDuties: z.array(dutyViewSchema),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  stuck: z.boolean(),
  closed: z.boolean(),
  lastSeq: z.number().int(),
  machineVersion: z.number().int(),
  /** how many workflow runs (continue-as-new) this case has crossed */
  run: z.number().int(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

/** One entry of a case's audit tail as the workflow's query and the client return it. */
export const auditTailEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  eventType: z.string(),
  actor: principalSchema,
  onBehalfOf: principalSchema.nullable(),
  reason: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string(),
});
export type AuditTailEntry = z.infer<typeof auditTailEntrySchema>;

/** The row of the `cases` projection a transition writes: what lists and filters read. */
export const caseProjectionSchema = z.object({
  status: z.string(),
  kind: z.string(),
  year: z.number().int(),
  sendingUnit: z.string(),
  receivingUnit: z.string(),
  nextDuty: z
    .object({
      id: z.string(),
      label: z.string(),
      ownerRole: z.string(),
      ownerUnit: z.string(),
      dueAt: z.string(),
    })
    .nullable(),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  stuck: z.boolean(),
  stuckReason: z.string().nullable(),
});
export type CaseProjection = z.infer<typeof caseProjectionSchema>;
