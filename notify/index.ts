// Notification delivery: the outbox relay's work (claim a due row, render it in the recipient's
// language, hand it to a transport, mark it sent or back off), the mail templates and the transports
// (the database's local mailbox by default, SMTP in production).
export {
  createDeliverer,
  deliverNotifications,
  deliverNotificationsInputSchema,
  deliveryPolicySchema,
  backoffMs,
  type DeliverNotificationsInput,
  type DeliveryDeps,
  type DeliveryOutcome,
  type DeliveryPolicy,
  type DeliveryReport,
} from './deliver';
export { renderNotification } from './render';
export { mailNames, type MailNames } from './names';
export { notificationTemplates, type MailText } from './templates';
export type { MailTransport, OutgoingMail } from './transports/mailTransport';
export { LocalMailboxTransport } from './transports/localMailbox';
export {
  SmtpTransport,
  smtpConfigSchema,
  smtpConfigFromEnv,
  messageIdFor,
  type SmtpConfig,
} from './transports/smtp';
export { mailTransportFromEnv } from './transports/fromEnv';
