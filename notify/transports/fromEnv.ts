import { LocalMailboxTransport } from './localMailbox';
import type { MailTransport } from './mailTransport';
import { SmtpTransport, smtpConfigFromEnv } from './smtp';

/** SMTP when SMTP_HOST is set (production), otherwise the database's local mailbox (embedded default). */
export function mailTransportFromEnv(env: NodeJS.ProcessEnv = process.env): MailTransport {
  const smtp = smtpConfigFromEnv(env);
  return smtp ? new SmtpTransport(smtp) : new LocalMailboxTransport();
}
