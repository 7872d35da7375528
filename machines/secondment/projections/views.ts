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
  owner: z.object({ role: z.string(), unit: z.string(), personId: z.string().optional() }),
  /** 'planned': not owed yet (a report before its window); it opens by itself at `opensAt` */
  state: z.enum(['open', 'planned']),
  opensAt: z.string().nullable(),
  dueAt: z.string(),
  /** counted on weekdays for a year without a holiday table: re-planned when the table is loaded */
  provisional: z.boolean(),
  /** the holiday tables the due date relied on, e.g. '2026:1,2027:none'; null when no working days were counted */
  calendarVersion: z.string().nullable(),
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
  /** duties planned for later (reports before their window), with their due dates */
  plannedDuties: z.array(dutyViewSchema),
  /** how many open or planned duties have a provisional due date */
  provisional: z.number().int(),
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
  /** some open or planned duty has a provisional due date (a year without a holiday table) */
  provisional: z.boolean(),
  machineVersion: z.number().int(),
});
export type CaseProjection = z.infer<typeof caseProjectionSchema>;

/**
 * What a reader needs of a case, whatever machine version runs it: the projections below are
 * computed from this, so a v1 case (until migrated) and a v2 case read the same way.
 */
export interface CaseReadout {
  caseId: string;
  machineVersion: number;
  status: string;
  statusLabel: Label;
  kind: string;
  year: number;
  sendingUnit: string;
  receivingUnit: string;
  openDuties: DutyView[];
  plannedDuties: DutyView[];
  nextDeadline: string | null;
  overdue: boolean;
  stuck: boolean;
  closed: boolean;
}
