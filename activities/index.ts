export { createActivities, type Activities, type ActivityDeps } from './create-activities';
export { applyTransition, notificationIds } from './apply-transition';
export {
  transitionRecordSchema,
  type TransitionRecord,
  type TransitionRecordInput,
  type ApplyTransitionResult,
} from './transition-record';
export { FailureType } from './failures';
export { getCaseState, caseHasProjection, type StoredCaseState } from './case-state';
export { auditEntryHash, payloadDigest, GENESIS_HASH, type HashedAuditFields } from './audit-hash';
export { canonicalJson, sha256Hex } from './canonical-json';
export {
  verifyChain,
  verifyAll,
  type ChainVerification,
  type ChainVerificationSummary,
} from './verify-chain';
export {
  deliverNotifications,
  deliverNotificationsInputSchema,
  deliveryPolicySchema,
  backoffMs,
  type DeliverNotificationsInput,
  type DeliveryPolicy,
  type DeliveryReport,
} from './deliver-notifications';
export {
  caseFilterSchema,
  listCases,
  getCase,
  getAuditTrail,
  getPersonnelFile,
  getMailbox,
  listNotifications,
  listDeadLetters,
  requeueDeadLetter,
  type CaseFilter,
  type CasePage,
  type CaseSummary,
  type AuditEntry,
  type PersonnelFileEntry,
  type MailboxMessage,
  type OutboxNotification,
} from './read-models';
export {
  directoryEntrySchema,
  resolveRecipient,
  upsertDirectoryEntry,
  type DirectoryEntry,
} from './directory';
export { renderNotification } from './render-notification';
export { notificationTemplates, localeSchema, type Locale } from './notification-templates';
export type { MailTransport, OutgoingMail } from './transports/mail-transport';
export { LocalMailboxTransport } from './transports/local-mailbox';
export {
  SmtpTransport,
  smtpConfigSchema,
  smtpConfigFromEnv,
  messageIdFor,
  type SmtpConfig,
} from './transports/smtp';
export { mailTransportFromEnv } from './transports/from-env';
