import type { Queryable } from '../db';
import type { Locale } from './directory';
import { toIso, type Timestamp } from './time';

export interface MailboxMessage {
  id: number;
  notificationId: string;
  to: string;
  locale: Locale;
  subject: string;
  body: string;
  deliveredAt: string;
}

interface MailboxRow {
  id: number;
  notification_id: string;
  to_address: string;
  locale: Locale;
  subject: string;
  body: string;
  delivered_at: Timestamp;
}

/** The local mailbox, oldest first; one address or all of it. */
export async function getMailbox(db: Queryable, address?: string): Promise<MailboxMessage[]> {
  const rows = await db.query<MailboxRow>(
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

/** One delivered mail; UNIQUE(notification_id) turns any second delivery into a no-op. */
export async function insertMail(
  tx: Queryable,
  mail: { notificationId: string; to: string; locale: Locale; subject: string; body: string },
  deliveredAt: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO mailbox (notification_id, to_address, locale, subject, body, delivered_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
     ON CONFLICT (notification_id) DO NOTHING`,
    [mail.notificationId, mail.to, mail.locale, mail.subject, mail.body, deliveredAt.toISOString()],
  );
}
