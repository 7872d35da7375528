import { z } from 'zod';
import type { Queryable } from '../db';
import type { Locale } from './notification-templates';
import { toIso, toIsoOrNull } from './time';

type Timestamp = Date | string;

/** Accepts real booleans and the query-string forms 'true' / 'false'. */
const booleanish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const oneOrMany = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const instant = z.iso.datetime({ offset: true });

export const caseSortSchema = z.enum(['nextDeadline', 'updatedAt', 'caseId', 'year', 'status']);

export const caseFilterSchema = z.object({
  status: oneOrMany.optional(),
  kind: oneOrMany.optional(),
  year: z.coerce.number().int().optional(),
  sendingUnit: z.string().min(1).optional(),
  receivingUnit: z.string().min(1).optional(),
  /** Either side: cases a unit sends or receives. */
  unit: z.string().min(1).optional(),
  overdue: booleanish.optional(),
  stuck: booleanish.optional(),
  /** Inclusive window on next_deadline; cases without a deadline never match a window. */
  deadlineFrom: instant.optional(),
  deadlineTo: instant.optional(),
  sort: caseSortSchema.default('nextDeadline'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseFilter = z.input<typeof caseFilterSchema>;

export interface CaseSummary {
  caseId: string;
  status: string;
  kind: string;
  year: number;
  sendingUnit: string;
  receivingUnit: string;
  nextDuty: { id: string; label: string; ownerRole: string; ownerUnit: string; dueAt: string | null } | null;
  nextDeadline: string | null;
  overdue: boolean;
  stuck: boolean;
  stuckReason: string | null;
  lastSeq: number;
  updatedAt: string;
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** A `cases` row as both drivers return it; the API's scoped list selects the same columns. */
export interface CaseRow {
  case_id: string;
  status: string;
  kind: string;
  year: number;
  sending_unit: string;
  receiving_unit: string;
  next_duty_id: string | null;
  next_duty_label: string | null;
  next_duty_owner_role: string | null;
  next_duty_owner_unit: string | null;
  next_duty_due_at: Timestamp | null;
  next_deadline: Timestamp | null;
  overdue: boolean;
  stuck: boolean;
  stuck_reason: string | null;
  last_seq: number;
  updated_at: Timestamp;
}

const sortColumns: Record<z.infer<typeof caseSortSchema>, string> = {
  nextDeadline: 'next_deadline',
  updatedAt: 'updated_at',
  caseId: 'case_id',
  year: 'year',
  status: 'status',
};

export function toCaseSummary(row: CaseRow): CaseSummary {
  return {
    caseId: row.case_id,
    status: row.status,
    kind: row.kind,
    year: row.year,
    sendingUnit: row.sending_unit,
    receivingUnit: row.receiving_unit,
    nextDuty:
      row.next_duty_id === null
        ? null
        : {
            id: row.next_duty_id,
            label: row.next_duty_label ?? '',
            ownerRole: row.next_duty_owner_role ?? '',
            ownerUnit: row.next_duty_owner_unit ?? '',
            dueAt: toIsoOrNull(row.next_duty_due_at),
          },
    nextDeadline: toIsoOrNull(row.next_deadline),
    overdue: row.overdue,
    stuck: row.stuck,
    stuckReason: row.stuck_reason,
    lastSeq: row.last_seq,
    updatedAt: toIso(row.updated_at),
  };
}

/** Lists the case projection; every filter is optional and they combine with AND. */
export async function listCases(db: Queryable, filterInput: CaseFilter = {}): Promise<CasePage> {
  const filter = caseFilterSchema.parse(filterInput);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.status) add((p) => `status = ANY(${p}::text[])`, filter.status);
  if (filter.kind) add((p) => `kind = ANY(${p}::text[])`, filter.kind);
  if (filter.year !== undefined) add((p) => `year = ${p}`, filter.year);
  if (filter.sendingUnit) add((p) => `sending_unit = ${p}`, filter.sendingUnit);
  if (filter.receivingUnit) add((p) => `receiving_unit = ${p}`, filter.receivingUnit);
  if (filter.unit) add((p) => `(sending_unit = ${p} OR receiving_unit = ${p})`, filter.unit);
  if (filter.overdue !== undefined) add((p) => `overdue = ${p}`, filter.overdue);
  if (filter.stuck !== undefined) add((p) => `stuck = ${p}`, filter.stuck);
  if (filter.deadlineFrom) add((p) => `next_deadline >= ${p}::timestamptz`, filter.deadlineFrom);
  if (filter.deadlineTo) add((p) => `next_deadline <= ${p}::timestamptz`, filter.deadlineTo);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
  // case_id breaks ties so pages never overlap or skip; cases without a deadline sort last.
  const orderSql = `ORDER BY ${sortColumns[filter.sort]} ${direction} NULLS LAST, case_id ${direction}`;

  const countRows = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM cases ${whereSql}`,
    params,
  );
  const rows = await db.query<CaseRow>(
    `SELECT * FROM cases ${whereSql} ${orderSql} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return {
    items: rows.map(toCaseSummary),
    total: countRows[0]?.total ?? 0,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getCase(db: Queryable, caseId: string): Promise<CaseSummary | null> {
  const rows = await db.query<CaseRow>('SELECT * FROM cases WHERE case_id = $1', [caseId]);
  return rows[0] ? toCaseSummary(rows[0]) : null;
}

export interface AuditEntry {
  caseId: string;
  seq: number;
  eventType: string;
  actorId: string;
  actorRole: string;
  actorUnit: string;
  onBehalfOf: string | null;
  reason: string | null;
  fromState: string;
  toState: string;
  payload: Record<string, unknown>;
  payloadDigest: string;
  at: string;
  prevHash: string;
  hash: string;
}

/** The whole trail of a case, oldest first; `sinceSeq` returns only later entries. */
export async function getAuditTrail(db: Queryable, caseId: string, sinceSeq = 0): Promise<AuditEntry[]> {
  const rows = await db.query<{
    case_id: string;
    seq: number;
    event_type: string;
    actor_id: string;
    actor_role: string;
    actor_unit: string;
    on_behalf_of: string | null;
    reason: string | null;
    from_state: string;
    to_state: string;
    payload: Record<string, unknown>;
    payload_digest: string;
    at: Timestamp;
    prev_hash: string;
    hash: string;
  }>('SELECT * FROM audit_entries WHERE case_id = $1 AND seq > $2 ORDER BY seq', [caseId, sinceSeq]);
  return rows.map((r) => ({
    caseId: r.case_id,
    seq: r.seq,
    eventType: r.event_type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorUnit: r.actor_unit,
    onBehalfOf: r.on_behalf_of,
    reason: r.reason,
    fromState: r.from_state,
    toState: r.to_state,
    payload: r.payload,
    payloadDigest: r.payload_digest,
    at: toIso(r.at),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export interface PersonnelFileEntry {
  caseId: string;
  seq: number;
  idx: number;
  kind: string;
  content: Record<string, unknown>;
  at: string;
}

export async function getPersonnelFile(db: Queryable, caseId: string): Promise<PersonnelFileEntry[]> {
  const rows = await db.query<{
    case_id: string;
    seq: number;
    idx: number;
    kind: string;
    content: Record<string, unknown>;
    at: Timestamp;
  }>('SELECT * FROM personnel_file_entries WHERE case_id = $1 ORDER BY seq, idx', [caseId]);
  return rows.map((r) => ({
    caseId: r.case_id,
    seq: r.seq,
    idx: r.idx,
    kind: r.kind,
    content: r.content,
    at: toIso(r.at),
  }));
}

export interface MailboxMessage {
  id: number;
  notificationId: string;
  to: string;
  locale: Locale;
  subject: string;
  body: string;
  deliveredAt: string;
}

/** The local mailbox, oldest first; one address or all of it. */
export async function getMailbox(db: Queryable, address?: string): Promise<MailboxMessage[]> {
  const rows = await db.query<{
    id: number;
    notification_id: string;
    to_address: string;
    locale: Locale;
    subject: string;
    body: string;
    delivered_at: Timestamp;
  }>(
    address === undefined
      ? 'SELECT * FROM mailbox ORDER BY id'
      : 'SELECT * FROM mailbox WHERE to_address = $1 ORDER BY id',
    address === undefined ? [] : [address],
  );
  return rows.map((r) => ({
    id: r.id,
    notificationId: r.notification_id,
    to: r.to_address,
    locale: r.locale,
    subject: r.subject,
    body: r.body,
    deliveredAt: toIso(r.delivered_at),
  }));
}

export type NotificationStatus = 'pending' | 'sent' | 'dead';

export interface OutboxNotification {
  id: string;
  caseId: string;
  seq: number;
  recipientRole: string;
  recipientUnit: string;
  template: string;
  vars: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface NotificationRow {
  id: string;
  case_id: string;
  seq: number;
  recipient_role: string;
  recipient_unit: string;
  template: string;
  vars: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

function toNotification(r: NotificationRow): OutboxNotification {
  return {
    id: r.id,
    caseId: r.case_id,
    seq: r.seq,
    recipientRole: r.recipient_role,
    recipientUnit: r.recipient_unit,
    template: r.template,
    vars: r.vars,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: toIsoOrNull(r.next_attempt_at),
    createdAt: toIso(r.created_at),
    sentAt: toIsoOrNull(r.sent_at),
  };
}

/** Outbox rows of one case (all cases when omitted), in the order they were written. */
export async function listNotifications(db: Queryable, caseId?: string): Promise<OutboxNotification[]> {
  const rows = await db.query<NotificationRow>(
    caseId === undefined
      ? 'SELECT * FROM notifications ORDER BY case_id, seq, id'
      : 'SELECT * FROM notifications WHERE case_id = $1 ORDER BY seq, id',
    caseId === undefined ? [] : [caseId],
  );
  return rows.map(toNotification);
}

/** Notifications that exhausted their attempts: what an admin must look at. */
export async function listDeadLetters(
  db: Queryable,
  options: { limit?: number; offset?: number } = {},
): Promise<OutboxNotification[]> {
  const rows = await db.query<NotificationRow>(
    `SELECT * FROM notifications WHERE status = 'dead' ORDER BY created_at, id LIMIT $1 OFFSET $2`,
    [options.limit ?? 100, options.offset ?? 0],
  );
  return rows.map(toNotification);
}

/** Admin action: give a dead notification a fresh set of attempts. Returns false if it was not dead. */
export async function requeueDeadLetter(db: Queryable, notificationId: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = NULL
      WHERE id = $1 AND status = 'dead' RETURNING id`,
    [notificationId],
  );
  return rows.length === 1;
}
