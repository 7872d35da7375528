import { z } from 'zod';
import type { Db, Queryable } from '../db';
import { claimDueNotification, markFailed, markSent, resolveRecipient } from '../store';
import { renderNotification } from './render';
import type { MailTransport } from './transports/mailTransport';
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

/** One committed delivery attempt, for metrics: its outcome and how long the row had waited. */
export interface DeliveryOutcome {
  outcome: keyof DeliveryReport;
  /** from the row's creation to this attempt, seconds */
  waitedSeconds: number;
}

export interface DeliveryDeps {
  db: Db;
  transport: MailTransport;
  /** Clock for delivery timestamps and back-off (injectable for tests). */
  now: () => Date;
  policy: DeliveryPolicy;
  /** told of every attempt after its transaction committed */
  observe?: ((attempt: DeliveryOutcome) => void) | undefined;
}

export function backoffMs(policy: DeliveryPolicy, failedAttempts: number): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1), policy.maxDelayMs);
}

/** Delivery with the policy's defaults filled in: what the worker's outbox relay calls. */
export function createDeliverer(deps: {
  db: Db;
  transport: MailTransport;
  now?: () => Date;
  delivery?: Partial<DeliveryPolicy>;
  observe?: DeliveryDeps['observe'];
}): (input?: DeliverNotificationsInput) => Promise<DeliveryReport> {
  const full: DeliveryDeps = {
    db: deps.db,
    transport: deps.transport,
    now: deps.now ?? (() => new Date()),
    policy: deliveryPolicySchema.parse(deps.delivery ?? {}),
    observe: deps.observe,
  };
  return (input = {}) => deliverNotifications(full, input);
}

/**
 * Delivers due outbox rows one per transaction. The row stays locked while it is sent, so
 * concurrent deliverers on PostgreSQL never pick the same one; PGlite has a single connection and
 * runs the transactions one after another. Marking "sent" commits together with a database
 * transport's write, which makes the local mailbox exactly-once.
 */
export async function deliverNotifications(
  deps: DeliveryDeps,
  input: DeliverNotificationsInput = {},
): Promise<DeliveryReport> {
  const { limit } = deliverNotificationsInputSchema.parse(input);
  const report: DeliveryReport = { sent: 0, retried: 0, dead: 0 };
  for (let i = 0; i < limit; i++) {
    const attempt = await deps.db.transaction((tx) => deliverOne(tx, deps));
    if (attempt === 'none') break;
    report[attempt.outcome]++;
    deps.observe?.(attempt);
  }
  return report;
}

async function deliverOne(tx: Queryable, deps: DeliveryDeps): Promise<DeliveryOutcome | 'none'> {
  const now = deps.now();
  const row = await claimDueNotification(tx, now);
  if (!row) return 'none';
  const waitedSeconds = Math.max(0, (now.getTime() - Date.parse(row.createdAt)) / 1000);

  const attempts = row.attempts + 1;
  // The savepoint lets a transport that failed half-way through a database write be undone alone,
  // while the attempt count is still recorded in this transaction.
  await tx.query('SAVEPOINT deliver');
  try {
    const recipient = await resolveRecipient(tx, row.recipientRole, row.recipientUnit, row.recipientPersonId);
    const text = renderNotification(row.template, recipient.locale, row.vars, { caseId: row.caseId });
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
    const retryAt = dead ? null : new Date(now.getTime() + backoffMs(deps.policy, attempts)).toISOString();
    await markFailed(tx, row.id, { attempts, error: message, retryAt });
    return { outcome: dead ? 'dead' : 'retried', waitedSeconds };
  }
  await markSent(tx, row.id, attempts, now);
  return { outcome: 'sent', waitedSeconds };
}
