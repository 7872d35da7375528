import type { Queryable } from '../../db';
import type { MailTransport, OutgoingMail } from './mail-transport';

/** The embedded default: mail lands in the `mailbox` table, in the same transaction as "sent". */
export class LocalMailboxTransport implements MailTransport {
  readonly name = 'local-mailbox';

  async send(mail: OutgoingMail, tx: Queryable, now: Date): Promise<void> {
    // UNIQUE(notification_id) turns any second delivery of the same notification into a no-op.
    await tx.query(
      `INSERT INTO mailbox (notification_id, to_address, locale, subject, body, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
       ON CONFLICT (notification_id) DO NOTHING`,
      [mail.notificationId, mail.to, mail.locale, mail.subject, mail.body, now.toISOString()],
    );
  }
}
