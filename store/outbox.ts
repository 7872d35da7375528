// The notification outbox: rows written with each transition, claimed and marked by delivery,
// read by admins (dead letters).
import type { Queryable } from '../db';
import { toIso, toIsoOrNull, type Timestamp } from './time';

export type NotificationStatus = 'pending' | 'sent' | 'dead';

export interface OutboxNotification {
  id: string;
  caseId: string;
  seq: number;
  recipientRole: string;
  recipientUnit: string;
  /** the person addressed (the cadre), when the notification is theirs and not only their desk's */
  recipientPersonId: string | null;
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
  recipient_person_id: string | null;
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
    recipientPersonId: r.recipient_person_id,
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

/** A due notification, claimed for delivery by this transaction. */
export interface ClaimedNotification {
  id: string;
  caseId: string;
  recipientRole: string;
  recipientUnit: string;
  recipientPersonId: string | null;
  template: string;
  vars: Record<string, unknown>;
  attempts: number;
  /** when its transition wrote it (ISO 8601): delivery latency is measured from here */
  createdAt: string;
}

/**
 * The next due pending notification, locked for this transaction (FOR UPDATE SKIP LOCKED), so
 * concurrent deliverers on PostgreSQL never pick the same one; null when none is due.
 */
export async function claimDueNotification(tx: Queryable, now: Date): Promise<ClaimedNotification | null> {
  const rows = await tx.query<{
    id: string;
    case_id: string;
    recipient_role: string;
    recipient_unit: string;
    recipient_person_id: string | null;
    template: string;
    vars: Record<string, unknown>;
    attempts: number;
    created_at: Timestamp;
  }>(
    `SELECT id, case_id, recipient_role, recipient_unit, recipient_person_id, template, vars, attempts, created_at
       FROM notifications
      WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $1::timestamptz)
      ORDER BY next_attempt_at NULLS FIRST, created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED`,
    [now.toISOString()],
  );
  const r = rows[0];
  return r
    ? {
        id: r.id,
        caseId: r.case_id,
        recipientRole: r.recipient_role,
        recipientUnit: r.recipient_unit,
        recipientPersonId: r.recipient_person_id,
        template: r.template,
        vars: r.vars,
        attempts: r.attempts,
        createdAt: toIso(r.created_at),
      }
    : null;
}

export async function markSent(tx: Queryable, id: string, attempts: number, at: Date): Promise<void> {
  await tx.query(
    `UPDATE notifications SET status = 'sent', attempts = $2, sent_at = $3::timestamptz, last_error = NULL,
            next_attempt_at = NULL
      WHERE id = $1`,
    [id, attempts, at.toISOString()],
  );
}

/** A failed attempt: pending again at `retryAt`, or dead (retryAt null) once attempts are used up. */
export async function markFailed(
  tx: Queryable,
  id: string,
  failure: { attempts: number; error: string; retryAt: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE notifications SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5::timestamptz
      WHERE id = $1`,
    [id, failure.retryAt === null ? 'dead' : 'pending', failure.attempts, failure.error, failure.retryAt],
  );
}
