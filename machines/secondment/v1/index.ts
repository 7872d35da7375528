// Public API of the secondment (挂职锻炼) lifecycle machine. Pure: no I/O, no clock, no Temporal.
export { MACHINE_VERSION, secondmentMachine, EDGES, type SecondmentMachine } from './machine';
export {
  secondmentInputSchema,
  nominationSourceSchema,
  cadreSchema,
  type SecondmentInput,
  type SecondmentInputDraft,
} from './input';
export {
  secondmentEventSchema,
  eventSchemas,
  eventPayloadSchemas,
  eventLabels,
  eventTypeSchema,
  EVENT_TYPES,
  type EventType,
  type EventOf,
  type EventPayload,
  type SecondmentEvent,
} from './events';
export {
  roleSchema,
  roleLabels,
  actorSchema,
  recipientSchema,
  ROLES,
  type Role,
  type Actor,
  type Recipient,
} from './roles';
export { checkEvent } from './check';
export { RULES, type RuleId, type Refusal, type RefusalCode, type CheckResult } from './refusal';
export {
  allowedEvents,
  openDuties,
  statusCode,
  eventsInState,
  searchAttributes,
  stateKeyOf,
  type SecondmentSnapshot,
} from './snapshot';
export {
  policySchema,
  durationSchema,
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
  toEffects,
  type Effect,
  type EffectOf,
  type PersonnelFileKind,
} from './effects';
export { notifyTemplates, TEMPLATE_IDS, type TemplateId } from './templates';
export {
  STATUS_CODES,
  STATE_KEYS,
  STATUS_STATE,
  type StateKey,
  statusCodeSchema,
  statusLabels,
  TERMINAL_STATUSES,
  isTerminal as isTerminalStatus,
  FORCE_EDGES,
  forceEdgeLabels,
  type StatusCode,
  type ForceEdge,
} from './status';
export { toPersisted, fromPersisted, type PersistedSecondment } from './persistence';
export {
  LADDER_STEPS,
  ladderStepLabels,
  type Duty,
  type LadderStep,
  type SecondmentContext,
} from './context';
export { postingChecklist, postingComplete, type ChecklistItem } from './phases';
export { evaluateEligibility, type EligibilityFailure } from './eligibility';
export { computeFinal, missingFinalInputs } from './scoring';
export { addDuration, addWorkingDays, addTermMonths } from './calendar';
export { renderStatechart } from './statechart';
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
  dutyKindSchema,
  NEVER_WAIVABLE,
  type Kind,
  type Programme,
  type Rank,
  type Category,
  type Grade,
  type DutyKind,
} from './vocabulary';
export { checkNomination } from './nomination';
