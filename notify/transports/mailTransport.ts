import type { Queryable } from '../../db';
import type { Locale } from '../../store';

export interface OutgoingMail {
  notificationId: string;
  /** Deterministic per notification, so a receiving system can drop a re-sent copy. */
  messageId: string;
  to: string;
  locale: Locale;
  subject: string;
  body: string;
}

export interface MailTransport {
  readonly name: string;
  /** Message-ID for a notification; the default is derived from its id (see messageIdFor). */
  messageId?(notificationId: string): string;
  /**
   * Called inside the delivery transaction that marks the notification sent. A transport that
   * writes into the database uses `tx`, which makes its delivery exactly-once; others ignore it.
   */
  send(mail: OutgoingMail, tx: Queryable, now: Date): Promise<void>;
}
