// Public API of the round (批次) machine: pure, no I/O, no clock. Hosted by workflows/round.
export {
  ROUND_STATUSES,
  roundStatusLabels,
  type RoundContext,
  type RoundDuty,
  type RoundDutyKind,
  type RoundStatus,
} from './context';
export {
  ROUND_EVENT_TYPES,
  ROUND_SYSTEM_EVENTS,
  roundEventLabels,
  roundEventPayloadSchemas,
  roundEventSchema,
  type RoundEvent,
  type RoundEventOf,
  type RoundEventPayload,
  type RoundEventType,
} from './events';
export {
  evaluateRound,
  initialRound,
  openRoundDuties,
  roundAlarms,
  roundEventsFor,
  type RoundEffect,
  type RoundInput,
  type RoundRefusal,
  type RoundRefusalCode,
} from './engine';
export { ROUND_RULES, type RoundRuleId } from './rules';
export {
  roundMachine,
  ROUND_MACHINE_VERSION,
  roundStateOf,
  startRound,
  restoreRound,
  stepRound,
  type RoundSnapshot,
} from './machine';
export { roundTemplates, type RoundTemplateId } from './templates';
