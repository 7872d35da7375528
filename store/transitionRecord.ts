import { z } from 'zod';

const text = z.string().min(1);

/** ISO 8601 instant, stored with millisecond precision (what timestamptz and Date both round-trip). */
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

/** Plain JSON object: whatever JSON.stringify keeps (Temporal already serialises activity inputs this way). */
const jsonObject = z
  .record(z.string(), z.unknown())
  .transform((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

export const actorSchema = z.object({
  id: text,
  role: text,
  unit: text,
  onBehalfOf: text.nullish(),
});

export const nextDutySchema = z.object({
  id: text,
  label: text,
  ownerRole: text,
  ownerUnit: text,
  dueAt: instant,
});

export const projectionSchema = z.object({
  status: text,
  kind: text,
  year: z.number().int().min(1949).max(9999),
  sendingUnit: text,
  receivingUnit: text,
  nextDuty: nextDutySchema.nullish(),
  nextDeadline: instant.nullable(),
  overdue: z.boolean(),
  stuck: z.boolean(),
  stuckReason: z.string().nullish(),
  /** absent in records written before migration 004 */
  provisional: z.boolean().default(false),
  machineVersion: z.number().int().min(1).default(1),
});

/** A role at a unit; the cadre also by person id, so their mail reaches them and not their unit's desk. */
export const recipientSchema = z.object({ role: text, unit: text, personId: text.max(128).optional() });

export const notificationRequestSchema = z.object({
  recipients: z.array(recipientSchema).min(1),
  template: text,
  vars: jsonObject,
});

export const personnelFileEntrySchema = z.object({
  kind: text,
  content: jsonObject,
});

/** The machine's persisted snapshot after the transition (see migration 003: reads come from it). */
export const caseStateSchema = z.object({
  run: z.number().int().min(1),
  machineVersion: z.number().int().min(1),
  snapshot: jsonObject,
});

/**
 * Everything one accepted transition writes, produced by the workflow (the applyTransition
 * activity's input, checked at that boundary) and written by writeTransition in one transaction.
 */
export const transitionRecordSchema = z.object({
  caseId: text.max(200),
  seq: z.number().int().min(1),
  event: z.object({
    type: text,
    actor: actorSchema,
    reason: z.string().nullish(),
    payload: jsonObject,
    at: instant,
  }),
  fromState: text,
  toState: text,
  projection: projectionSchema,
  personnelFile: z.array(personnelFileEntrySchema).default([]),
  notifications: z.array(notificationRequestSchema).default([]),
  /** absent in records written before migration 003 */
  state: caseStateSchema.optional(),
});

/** What the workflow passes in (optional arrays may be omitted). */
export type TransitionRecordInput = z.input<typeof transitionRecordSchema>;
/** After validation and normalisation. */
export type TransitionRecord = z.infer<typeof transitionRecordSchema>;

export interface ApplyTransitionResult {
  caseId: string;
  seq: number;
  hash: string;
  prevHash: string;
  /** Outbox ids `${caseId}:${seq}:${idx}`, one per recipient, in request order. */
  notificationIds: string[];
}
