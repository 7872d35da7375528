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
export {
  checkHead,
  checkRows,
  verifyChain,
  verifyAll,
  caseIdsStored,
  deletedCase,
  type AuditHead,
  type ChainVerificationSummary,
} from './verifyChain';
export { keyedAuditEntryHash } from './auditHash';
export { getCaseState, caseHasProjection, type StoredCaseState } from './caseState';
export { listCases, getCase, openCaseIds } from './cases';
export { getAuditTrail } from './auditTrail';
export { exportCases } from './auditExport';
export {
  recordDocument,
  listDocumentRecords,
  verifyDocumentChain,
  documentRecordHash,
  type DocumentRecord,
  type NewDocumentRecord,
} from './documentRecords';
export {
  createFeedToken,
  revokeFeedTokens,
  feedTokenOwner,
  liveFeedTokens,
  type FeedPurpose,
  type FeedPrincipal,
} from './feedTokens';
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
export { recordCaseParties, forgetCaseParties, type CaseParties } from './caseParties';
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
  reserveIntake,
  releaseIntake,
  setAllocation,
  allocationOf,
  reservationsOfRound,
  yearAllocations,
  type IntakeFacts,
  type IntakeRequest,
} from './intake';
export {
  insertUnit,
  upsertUnit,
  upsertUnits,
  updateUnit,
  getUnit,
  ancestorsOf,
  childrenOf,
  jurisdictionRoots,
  codesInJurisdiction,
  nearestDepartment,
  listUnits,
  unitNames,
  allUnitNames,
  type NewUnitRow,
  type UnitQuery,
} from './units';
export {
  insertPerson,
  updatePerson,
  getPerson,
  personsById,
  personInScope,
  listPersonsInScope,
  personGrades,
  setGrade,
  ageOn,
  cadreFactsOf,
  poolEntryOf,
  addToPool,
  removeFromPool,
  personNames,
  personAddress,
  civilDate,
  type CadreFacts,
  type PoolEntry,
} from './persons';
export {
  nominationPartiesOf,
  chinaDay,
  type NominationParties,
  type NominationProblem,
} from './nominationParties';
export {
  insertRound,
  deleteRound,
  addRoundUnits,
  getRound,
  roundInScope,
  listRoundsInScope,
  roundUnitsOf,
  upsertApplication,
  listApplications,
  deleteApplication,
  insertRecommendation,
  deleteRecommendation,
  listRecommendations,
  getRecommendation,
  setRecommendationStatus,
  assign,
  unassign,
  assignmentsPerUnit,
  allocationsOfRound,
  roundCaseId,
  insertRoundCase,
  setLaunchState,
  listRoundCases,
  caseRoundOf,
  startLaunch,
  finishLaunch,
  launchOf,
  roundLinksOf,
  type RoundLink,
  getRoundState,
  PAY_RULE_LABEL,
  SUBSIDY_PAYER_LABEL,
  type StoredRound,
  type NewRoundRow,
  type StoredApplication,
  type StoredPost,
  type StoredRecommendation,
  type RecommendationStatus,
  type Eligibility,
  type StoredRoundCase,
  type LaunchState,
} from './rounds';
export {
  writeRoundTransition,
  roundTransitionRecordSchema,
  roundSubject,
  type RoundTransitionRecord,
  type RoundTransitionRecordInput,
} from './roundTransition';
export { listMyNotifications, type MyNotificationRow } from './myNotifications';
export {
  createSeminar,
  inviteToSeminar,
  getSeminar,
  listSeminars,
  seminarInvitees,
  setAttendance,
  setMinutes,
  seminarsOfPerson,
  seminarSubject,
  type StoredSeminar,
  type SeminarInvitee,
} from './seminars';
export { roundCaseFacts, recommendationsApart, type RoundCaseFacts } from './roundStats';
export {
  seedShippedCalendar,
  listCalendarYears,
  addCalendarYear,
  calendarTables,
  type CalendarYearRow,
} from './calendar';
export { namedRecipients, type NamedRecipient } from './recipientNames';
export {
  insertProposal,
  getProposal,
  listProposals,
  proposalTrail,
  decideProposal,
  recordProposalResult,
  stuckProposals,
  recordProposalEscalation,
  type StoredProposal,
  type ProposalEvent,
} from './proposals';
