import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { EVENT_TYPES, type EventType, type PersistedSecondment, type Role } from '../../machines/secondment';

/**
 * The wire contract of a secondment workflow, shared by the workflow and its clients. Every
 * business event and admin intervention is an Update named by its event type; its argument is
 * the event without `type` and `at` (the workflow stamps the time, so nobody can backdate).
 */
export type EventInput = Record<string, unknown>;

export type UpdateEventType = Exclude<EventType, 'deadline.reached'>;
export const UPDATE_EVENT_TYPES = EVENT_TYPES.filter((t): t is UpdateEventType => t !== 'deadline.reached');

export const eventUpdate = (type: UpdateEventType) => defineUpdate<CaseView, [EventInput]>(type);

export interface DutyView {
  id: string;
  key: string;
  kind: string;
  what: { zh: string; en: string };
  owner: { role: string; unit: string };
  dueAt: string;
  nextAlarmAt: string | null;
  /** escalation steps already taken, oldest first */
  escalations: { step: string; at: string }[];
  stuck: boolean;
  paused: boolean;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  eventType: string;
  actor: { id: string; role: string; unit: string };
  onBehalfOf: { id: string; role: string; unit: string } | null;
  reason: string | null;
  fromState: string | null;
  toState: string;
}

export interface CaseView {
  caseId: string;
  /** stable external status code, never an internal state path */
  status: string;
  statusLabel: { zh: string; en: string };
  kind: string;
  year: number;
  sendingUnit: string;
  receivingUnit: string;
  openDuties: DutyView[];
  nextDeadline: string | null;
  overdue: boolean;
  stuck: boolean;
  closed: boolean;
  lastSeq: number;
  machineVersion: number;
  /** how many workflow runs (continue-as-new) this case has crossed */
  run: number;
}

export const caseViewQuery = defineQuery<CaseView>('case.view');
export const allowedEventsQuery = defineQuery<string[], [{ role: Role; unit: string }]>('case.allowedEvents');
export const auditTailQuery = defineQuery<AuditEntryView[], [number?]>('case.auditTail');

export interface CarriedState {
  persisted: PersistedSecondment;
  auditTail: AuditEntryView[];
  run: number;
}

/** Either a nomination (a new case) or the state carried over by continue-as-new. */
export interface SecondmentWorkflowInput {
  nomination?: unknown;
  carried?: CarriedState;
  /** test hook: continue-as-new after this many transitions in one run (0 = only when Temporal suggests) */
  continueAsNewAfter?: number;
}

/** Workflow ids carry the random case id only: no names or ID-card numbers in Temporal. */
export const caseWorkflowId = (caseId: string): string => `secondment-${caseId}`;
export const SECONDMENT_WORKFLOW_TYPE = 'secondmentWorkflow';
