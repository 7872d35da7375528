// Public API of the secondment (挂职锻炼) lifecycle machine, version 2. Pure: no I/O, no clock, no Temporal.
export { MACHINE_VERSION, secondmentMachine, CHART, BASE_GUARDS, type SecondmentMachine } from './machine';
export {
  secondmentInputSchema,
  nominationSchema,
  nominationSourceSchema,
  cadreFactsSchema,
  plannedTermSchema,
  calendarYearsFor,
  type Nomination,
  type NominationDraft,
  type SecondmentInput,
  type SecondmentInputDraft,
} from './input';
export {
  secondmentEventSchema,
  eventSchemas,
  eventPayloadSchemas,
  eventLabels,
  eventTypeSchema,
  intakeFactsSchema,
  EVENT_TYPES,
  HOST_FACT_EVENTS,
  type EventType,
  type EventOf,
  type EventPayload,
  type SecondmentEvent,
  type HostFactsType,
} from './events';
export {
  roleSchema,
  roleLabels,
  unitCodeSchema,
  actorSchema,
  recipientSchema,
  ROLES,
  type Role,
  type Actor,
  type Recipient,
  type Principal,
} from './roles';
export { PERMISSIONS } from './permissions';
export { GUARDS, type GuardName } from './guards';
export { checkEvent, allowedEvents, eventsInState, candidateEdges } from './check';
export { RULES, type RuleId, type Refusal, type RefusalCode, type CheckResult } from './refusal';
export {
  start,
  advance,
  restoreEffects,
  statusOf,
  searchAttributesOf,
  type Step,
  type SecondmentSnapshot,
} from './step';
export { statusCode, openDuties, liveDuties, searchAttributes, provisionalDuties, inState } from './snapshot';
export {
  policySchema,
  fourEyesSchema,
  durationSchema,
  type FourEyes,
  defaultPolicy,
  demoPolicy,
  getPolicy,
  POLICY_IDS,
  DEMO_SECONDS_PER_MONTH,
  type Policy,
  type Duration,
} from './policy';
export {
  effectSchema,
  personnelFileKindSchema,
  personnelFileKindLabels,
  searchAttributesSchema,
  type Effect,
  type EffectOf,
  type SearchAttributes,
} from './effects';
export { notifyTemplates, TEMPLATE_IDS, type TemplateId } from './templates';
export {
  STATUS_CODES,
  statusCodeSchema,
  statusLabels,
  statusFromValue,
  TERMINAL_STATUSES,
  isTerminal as isTerminalStatus,
  FORCE_EDGES,
  forceEdgeLabels,
  type StatusCode,
  type ForceEdge,
} from './status';
export {
  LADDER_STEPS,
  ladderStepLabels,
  type Duty,
  type LadderStep,
  type SecondmentContext,
} from './context';
export { postingChecklist, postingComplete, returnComplete, type ChecklistItem } from './progress';
export { evaluateEligibility, type EligibilityFailure } from './eligibility';
export { computeFinal, missingFinalInputs } from './scoring';
export { gradeBand, excellentSuggested } from './assessment';
export {
  addDuration,
  addTermMonths,
  addCalendarMonths,
  startOfDate,
  civilDate,
  onCalendarClock,
} from './clock';
export {
  kindSchema,
  kindLabels,
  programmeSchema,
  programmeLabels,
  rankSchema,
  rankLabels,
  categorySchema,
  categoryLabels,
  gradeSchema,
  gradeLabels,
  postTypeSchema,
  POST_TYPES,
  dutyKindSchema,
  NEVER_WAIVABLE,
  PERIODIC_KINDS,
  type Kind,
  type Programme,
  type Rank,
  type Category,
  type Grade,
  type PostType,
  type DutyKind,
} from './vocabulary';
export { toPersisted, fromPersisted, type PersistedSecondment } from './persistence';
export {
  migrateFromV1,
  migrationStep,
  previewMigration,
  describeMigration,
  migratePolicy,
  type V1Persisted,
  type MigrationFacts,
  type MigrationPreview,
  type CaseSummary,
  type DutySummary,
} from './migration';
export { renderStatechart, STATUS_NODE } from './statechart';
export { isoDateSchema, isoDateTimeSchema } from './time';
export { checkNomination } from './nomination';
export { needsSecondAdmin, bulkNeedsSecondAdmin, proposalDeadlines, proposalLadder } from './fourEyes';
export { stepTime } from './duties';
