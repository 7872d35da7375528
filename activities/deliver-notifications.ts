import { z } from 'zod';
import type { Db, Queryable } from '../db';
import { resolveRecipient } from './directory';
import { parseOrFail } from './failures';
import { renderNotification } from './render-notification';
import type { MailTransport } from './transports/mail-transport';
import { messageIdFor } from './transports/smtp';

export const deliverNotificationsInputSchema = z.object({
  limit: z.number().int().min(1).max(1000).default(50),
});
export type DeliverNotificationsInput = z.input<typeof deliverNotificationsInputSchema>;

export const deliveryPolicySchema = z.object({
  /** After this many failed attempts a notification is 'dead' and waits for an admin. */
  maxAttempts: z.number().int().min(1).default(5),
  /** Delay after the first failure; doubles after each further one, up to maxDelayMs. */
  baseDelayMs: z.number().int().min(0).default(30_000),
  maxDelayMs: z.number().int().min(0).default(3_600_000),
});
export type DeliveryPolicy = z.infer<typeof deliveryPolicySchema>;

export interface DeliveryReport {
  sent: number;
  retried: number;
  dead: number;
}

interface PendingRow {
  id: string;
  case_id: string;
  recipient_role: string;
  recipient_unit: string;
  template: string;
  vars: Record<string, unknown>;
  attempts: number;
}

export function backoffMs(policy: DeliveryPolicy, failedAttempts: number): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1), policy.maxDelayMs);
}

/**
 * Delivers due outbox rows one per transaction. The row stays locked (FOR UPDATE SKIP LOCKED) while
 * it is sent, so concurrent deliverers on PostgreSQL never pick the same one; PGlite has a single
 * connection and runs the transactions one after another. Marking "sent" commits together with a
 * database transport's write, which makes the local mailbox exactly-once.
 */
export async function deliverNotifications(
  deps: { db: Db; transport: MailTransport; now: () => Date; policy: DeliveryPolicy },
  input: DeliverNotificationsInput = {},
): Promise<DeliveryReport> {
  const { limit } = parseOrFail(deliverNotificationsInputSchema, input, 'deliverNotifications input');
  const report: DeliveryReport = { sent: 0, retried: 0, dead: 0 };
  for (let i = 0; i < limit; i++) {
    const outcome = await deps.db.transaction((tx) => deliverOne(tx, deps));
    if (outcome === 'none') break;
    report[outcome]++;
  }
  return report;
}

async function deliverOne(
  tx: Queryable,
  deps: { transport: MailTransport; now: () => Date; policy: DeliveryPolicy },
): Promise<keyof DeliveryReport | 'none'> {
  const now = deps.now();
  const claimed = await tx.query<PendingRow>(
    `SELECT id, case_id, recipient_role, recipient_unit, template, vars, attempts
       FROM notifications
      WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $1::timestamptz)
      ORDER BY next_attempt_at NULLS FIRST, created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED`,
    [now.toISOString()],
  );
  const row = claimed[0];
  if (!row) return 'none';

  const attempts = row.attempts + 1;
  // The savepoint lets a transport that failed half-way through a database write be undone alone,
  // while the attempt count is still recorded in this transaction.
  await tx.query('SAVEPOINT deliver');
  try {
    const recipient = await resolveRecipient(tx, row.recipient_role, row.recipient_unit);
    const text = renderNotification(row.template, recipient.locale, row.vars, { caseId: row.case_id });
    await deps.transport.send(
      {
        notificationId: row.id,
        messageId: deps.transport.messageId?.(row.id) ?? messageIdFor(row.id),
        to: recipient.address,
        locale: recipient.locale,
        ...text,
      },
      tx,
      now,
    );
    await tx.query('RELEASE SAVEPOINT deliver');
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT deliver');
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const dead = attempts >= deps.policy.maxAttempts;
    const retryAt = new Date(now.getTime() + backoffMs(deps.policy, attempts)).toISOString();
    await tx.query(
      `UPDATE notifications SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5::timestamptz
        WHERE id = $1`,
      [row.id, dead ? 'dead' : 'pending', attempts, message, dead ? null : retryAt],
    );
    return dead ? 'dead' : 'retried';
  }
  await tx.query(
    `UPDATE notifications SET status = 'sent', attempts = $2, sent_at = $3::timestamptz, last_error = NULL,
            next_attempt_at = NULL
      WHERE id = $1`,
    [row.id, attempts, now.toISOString()],
  );
  return 'sent';
}
