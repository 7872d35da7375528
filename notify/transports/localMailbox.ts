import type { Queryable } from '../../db';
import { insertMail } from '../../store';
import type { MailTransport, OutgoingMail } from './mailTransport';

/** The embedded default: mail lands in the `mailbox` table, in the same transaction as "sent". */
export class LocalMailboxTransport implements MailTransport {
  readonly name = 'local-mailbox';

  async send(mail: OutgoingMail, tx: Queryable, now: Date): Promise<void> {
    await insertMail(tx, mail, now);
  }
}
