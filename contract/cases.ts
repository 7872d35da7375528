// Cases over HTTP: the list and its filters, one case in detail, nomination and events.
import { documentRecordSchema } from './documents';
import { z } from 'zod';
import { eventPayloadSchemas, nominationSchema, type EventType } from '../machines/secondment';
import {
  caseProjectionSchema,
  caseViewSchema,
  dutyViewSchema,
  labelSchema,
} from '../machines/secondment/projections';
import { CASE_PAGE_MAX } from './constants';
import { CASE_ID_PATTERN } from './caseId';
import { booleanish, domainYear, identifier, instantBetween, storableText } from './text';

export {
  auditTailEntrySchema,
  caseViewSchema,
  dutyViewSchema,
  labelSchema,
  type AuditTailEntry,
  type CaseView,
  type DutyView,
  type Label,
} from '../machines/secondment/projections';

/** Events only the workflow's host sends (alarms; re-planning when a holiday table is loaded). */
export const SYSTEM_EVENTS: readonly EventType[] = ['deadline.reached', 'calendar.update'];
/** Business events a party sends (everything but admin interventions and the system's events). */
export const BUSINESS_EVENTS = (Object.keys(eventPayloadSchemas) as EventType[]).filter(
  (t) => !t.startsWith('admin.') && !SYSTEM_EVENTS.includes(t),
);
/** Admin interventions (组织部干预), each with a required reason. */
export const INTERVENTIONS = (Object.keys(eventPayloadSchemas) as EventType[]).filter((t) =>
  t.startsWith('admin.'),
);

const oneOrMany = z
  .union([identifier(64), z.array(identifier(64)).min(1).max(50)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
/** A filter window's end: any instant PostgreSQL's timestamptz holds (open-ended windows are common). */
const instant = instantBetween(1900, 9999);

export const caseSortSchema = z.enum(['nextDeadline', 'updatedAt', 'caseId', 'year', 'status']);
export type CaseSort = z.infer<typeof caseSortSchema>;

/** GET /api/cases query: the projection's filters (combined with AND), pagination, sorting. */
export const caseFilterSchema = z.object({
  status: oneOrMany.optional(),
  kind: oneOrMany.optional(),
  year: z.coerce.number().pipe(domainYear).optional(),
  /** part of the cadre's name (姓名) */
  q: storableText(1, 64).optional(),
  /** the cases of one round (批次) */
  roundId: identifier(64).optional(),
  /** the cases of one person of the registry */
  personId: identifier(128).optional(),
  sendingUnit: identifier(64).optional(),
  receivingUnit: identifier(64).optional(),
  /** Either side: cases a unit sends or receives. */
  unit: identifier(64).optional(),
  overdue: booleanish.optional(),
  stuck: booleanish.optional(),
  /** Cases with a provisional deadline (a year without a holiday table yet). */
  provisional: booleanish.optional(),
  /** Cases on this machine version (1: not migrated yet). */
  machineVersion: z.coerce.number().int().min(1).max(99).optional(),
  /** Inclusive window on next_deadline; cases without a deadline never match a window. */
  deadlineFrom: instant.optional(),
  deadlineTo: instant.optional(),
  sort: caseSortSchema.default('nextDeadline'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(CASE_PAGE_MAX).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
/** A filter as callers write it (every field optional). */
export type CaseFilter = z.input<typeof caseFilterSchema>;
/** A filter after validation and defaults. */
export type CaseQuery = z.infer<typeof caseFilterSchema>;

/** The list's next duty: the projection's, read back (a stored row may lack its due date). */
export const nextDutySchema = caseProjectionSchema.shape.nextDuty
  .unwrap()
  .extend({ dueAt: z.string().nullable() });

/** The cadre of a case as lists show them: the registry's name beside the id. */
export const caseCadreSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** false: a 党外 (non-CPC) cadre */
  cpcMember: z.boolean().nullable(),
});

/** One row of the case list (the `cases` projection), with names joined in. */
export const caseSummarySchema = z.object({
  caseId: z.string(),
  status: z.string(),
  kind: z.string(),
  year: z.number().int(),
  sendingUnit: z.string(),
  sendingUnitName: labelSchema,
  receivingUnit: z.string(),
  receivingUnitName: labelSchema,
  /** null for a case whose parties the API never recorded (nominated outside it) */
  cadre: caseCadreSchema.nullable(),
  roundId: z.string().nullable(),
  nextDuty: nextDutySchema.extend({ ownerUnitName: labelSchema }).nullable(),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  stuck: z.boolean(),
  stuckReason: z.string().nullable(),
  lastSeq: z.number().int(),
  updatedAt: z.string(),
  /** some open or planned duty has a provisional due date */
  provisional: z.boolean(),
  machineVersion: z.number().int(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const casePageSchema = z.object({
  items: z.array(caseSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type CasePage = z.infer<typeof casePageSchema>;

/** One audit row (审计记录) as stored and served; the hash covers every field but `payload` itself (its digest). */
export const auditEntrySchema = z.object({
  caseId: z.string(),
  seq: z.number().int(),
  eventType: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  actorUnit: z.string(),
  /** `role@unit/id` of the party an org admin acted for */
  onBehalfOf: z.string().nullable(),
  reason: z.string().nullable(),
  fromState: z.string(),
  toState: z.string(),
  payload: z.record(z.string(), z.unknown()),
  payloadDigest: z.string(),
  at: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** One personnel-file (个人档案) entry written by a transition. */
export const personnelFileEntrySchema = z.object({
  caseId: z.string(),
  seq: z.number().int(),
  idx: z.number().int(),
  kind: z.string(),
  content: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type PersonnelFileEntry = z.infer<typeof personnelFileEntrySchema>;

/** An open duty as the API shows it: the view plus the escalation step it has reached. */
export const openDutySchema = dutyViewSchema.extend({ escalationStep: z.string().nullable() });
export type OpenDuty = z.infer<typeof openDutySchema>;

export const allowedEventSchema = z.object({
  type: z.string(),
  label: labelSchema.nullable(),
  intervention: z.boolean(),
});

/** The round link of a case (挂职期限、生活补助、工资待遇), recorded when the launch started it. */
export const caseRoundSchema = z.object({
  roundId: z.string(),
  roundName: z.string(),
  term: z.object({ start: z.string(), end: z.string(), reason: z.string().nullable() }),
  subsidy: z.object({ amountPerDay: z.number(), payer: z.string(), payerName: labelSchema }),
  payRule: z.object({ code: z.string(), label: labelSchema }),
});

/** GET /api/cases/:id */
export const caseDetailSchema = z.object({
  caseId: z.string(),
  cadre: caseCadreSchema.nullable(),
  units: z.record(z.string(), labelSchema),
  round: caseRoundSchema.nullable(),
  summary: caseSummarySchema.nullable(),
  status: z.string().nullable(),
  statusLabel: labelSchema.nullable(),
  live: caseViewSchema.nullable(),
  liveError: z.string().nullable(),
  openDuties: z.array(openDutySchema),
  auditTrail: z.array(auditEntrySchema),
  /** generated documents (文书生成记录): their own chain, anchored in the audit trail */
  documentTrail: z.array(documentRecordSchema),
  personnelFile: z.array(personnelFileEntrySchema),
  allowedEvents: z.array(allowedEventSchema),
  you: z.object({ role: z.string(), unit: z.string() }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** POST /api/cases, /events/:type, /interventions/:type */
export const caseAnswerSchema = z.object({ case: caseViewSchema });
export type CaseAnswer = z.infer<typeof caseAnswerSchema>;

export const caseIdParamSchema = z.object({
  id: z.string().regex(CASE_ID_PATTERN, 'case id: 6–64 letters, digits, _ or -'),
});
export const eventParamsSchema = caseIdParamSchema.extend({ type: identifier(64) });
/** The event's payload; checked against the event's own schema by the route. */
export const eventBodySchema = z.record(identifier(64), z.unknown()).default({});

/** An org admin entering a business event for another party of the case. */
export const onBehalfSchema = z
  .object({
    role: z.enum(['sending_officer', 'receiving_officer', 'cadre']),
    id: identifier(128).optional(),
  })
  .strict();
export type OnBehalf = z.infer<typeof onBehalfSchema>;

/**
 * A nomination as the API takes it (POST /api/cases): the person of the registry by id, never a
 * name or birth date. The server builds the machine's rule facts from the registry, derives the
 * organization and united front departments from the unit tree, takes who nominates from the
 * session and the time from its clock.
 */
export const nominationBodySchema = nominationSchema
  .pick({ kind: true, programme: true, sendingUnit: true, requestedReceivingUnit: true, termMonths: true })
  .extend({
    personId: identifier(128),
    caseId: nominationSchema.shape.caseId.optional(),
    year: domainYear.optional(),
    cohort: storableText(1, 64).optional(),
    source: nominationSchema.shape.source,
    policy: nominationSchema.shape.policy.default('default'),
  })
  .strict();
export type NominationBody = z.input<typeof nominationBodySchema>;
