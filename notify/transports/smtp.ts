import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { MailTransport, OutgoingMail } from './mailTransport';

export const smtpConfigSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535).default(587),
  /** true = implicit TLS (usually port 465); false = STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  pass: z.string().min(1).optional(),
  from: z.string().min(3),
  /** Right-hand side of generated Message-IDs. */
  messageIdDomain: z.string().min(1).default('secondment.local'),
});
export type SmtpConfig = z.infer<typeof smtpConfigSchema>;

/** SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, SMTP_FROM; undefined when SMTP_HOST is unset. */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | undefined {
  if (!env['SMTP_HOST']) return undefined;
  return smtpConfigSchema.parse({
    host: env['SMTP_HOST'],
    port: env['SMTP_PORT'] || undefined,
    secure: env['SMTP_SECURE'] === 'true',
    user: env['SMTP_USER'] || undefined,
    pass: env['SMTP_PASS'] || undefined,
    from: env['SMTP_FROM'] || 'secondment@localhost',
  });
}

/** The same notification always gets the same Message-ID (a hash, since ids contain ':' which RFC 5322 forbids). */
export function messageIdFor(notificationId: string, domain = 'secondment.local'): string {
  const local = createHash('sha256').update(notificationId).digest('hex').slice(0, 40);
  return `<${local}@${domain}>`;
}

/**
 * Production transport. At-least-once at the SMTP boundary: if the process dies after the server
 * accepted the mail but before the "sent" mark commits, the mail is sent again on the next attempt,
 * with the same Message-ID so that mail systems which deduplicate by Message-ID show it once.
 */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  readonly config: SmtpConfig;
  private readonly transporter: Transporter;

  constructor(config: z.input<typeof smtpConfigSchema>, options: { transporter?: Transporter } = {}) {
    this.config = smtpConfigSchema.parse(config);
    this.transporter =
      options.transporter ??
      nodemailer.createTransport({
        host: this.config.host,
        port: this.config.port,
        secure: this.config.secure,
        ...(this.config.user ? { auth: { user: this.config.user, pass: this.config.pass ?? '' } } : {}),
      });
  }

  messageId(notificationId: string): string {
    return messageIdFor(notificationId, this.config.messageIdDomain);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.body,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.locale, 'X-Secondment-Notification-Id': mail.notificationId },
    });
  }

  close(): void {
    this.transporter.close();
  }
}
