// The storage layer's one door: every module outside store/ (tests aside) imports from here, never
// a file inside. It offers functions, not SQL: writing a transition, the read models (case list and
// detail, audit trail, personnel file, case state, outbox and mailbox), chain verification, scope,
// case parties, users and sessions, the directory.
export {
  writeTransition,
  notificationIds,
  TransitionConflictError,
  SequenceGapError,
} from './writeTransition';
export {
  transitionRecordSchema,
  type TransitionRecord,
  type TransitionRecordInput,
  type ApplyTransitionResult,
} from './transitionRecord';
export { auditEntryHash, payloadDigest, GENESIS_HASH, type HashedAuditFields } from './auditHash';
export { canonicalJson, sha256Hex } from './canonicalJson';
export { verifyChain, verifyAll, type ChainVerificationSummary } from './verifyChain';
export { getCaseState, caseHasProjection, type StoredCaseState } from './caseState';
export { listCases, getCase, openCaseIds } from './cases';
export { getAuditTrail } from './auditTrail';
export { getPersonnelFile } from './personnelFile';
export {
  caseRefInScope,
  openCasesInScope,
  caseIdsInScope,
  listCasesInScope,
  caseStatsInScope,
  type CaseRef,
  type Viewer,
} from './scope';
export { recordCaseParties, forgetCaseParties, cadresOfOrgUnits, type CaseParties } from './caseParties';
export {
  insertUser,
  findUser,
  listUsers,
  countUsers,
  setUserDisabled,
  insertSession,
  findSession,
  deleteSession,
  type StoredUser,
} from './users';
export {
  listNotifications,
  listDeadLetters,
  requeueDeadLetter,
  claimDueNotification,
  markSent,
  markFailed,
  type OutboxNotification,
  type NotificationStatus,
  type ClaimedNotification,
} from './outbox';
export { getMailbox, insertMail, type MailboxMessage } from './mailbox';
export {
  directoryEntrySchema,
  localeSchema,
  resolveRecipient,
  upsertDirectoryEntry,
  type DirectoryEntry,
  type Locale,
  type MailRecipient,
} from './directory';
export { operationalCounts, type OperationalCounts } from './operationalCounts';
export {
  seedShippedCalendar,
  listCalendarYears,
  addCalendarYear,
  calendarTables,
  type CalendarYearRow,
} from './calendar';
export {
  reserveIntake,
  releaseIntake,
  setIntakeAllocation,
  type IntakeRequest,
  type IntakeFacts,
} from './intake';
