import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  EVENT_TYPES,
  MIGRATE_EVENT,
  type AnyPersisted,
  type EventType,
  type Role,
} from '../../machines/secondment';
import type { AuditTailEntry, CaseView } from '../../machines/secondment/projections';

/*
 * The message definitions of a secondment workflow, shared by the workflow and its clients: the
 * only file of workflows/ that code outside the worker imports. Every business event and admin
 * intervention is an Update named by its event type; its argument is the event without `type`, with
 * the caller's time stamp `at` (checked against the workflow clock, so nobody can backdate).
 */

export type { AuditTailEntry, CaseView, DutyView } from '../../machines/secondment/projections';

export type EventInput = Record<string, unknown>;

export type UpdateEventType = Exclude<EventType, 'deadline.reached'>;
export const UPDATE_EVENT_TYPES = EVENT_TYPES.filter((t): t is UpdateEventType => t !== 'deadline.reached');

export const eventUpdate = (type: UpdateEventType) => defineUpdate<CaseView, [EventInput]>(type);

/** 组织部迁移案件到新版规则 (org admin, reason required): a v1 case moves to machine v2 in a new run. */
export const MIGRATE_UPDATE = MIGRATE_EVENT;
export interface MigrateInput {
  actor: { id: string; role: string; unit: string };
  reason: string;
  /** the caller's time stamp, like every Update */
  at?: string;
}
export const migrateUpdate = defineUpdate<CaseView, [MigrateInput]>(MIGRATE_UPDATE);

export const caseViewQuery = defineQuery<CaseView>('case.view');
export const allowedEventsQuery = defineQuery<string[], [{ role: Role; unit: string }]>('case.allowedEvents');
export const auditTailQuery = defineQuery<AuditTailEntry[], [number?]>('case.auditTail');

export interface CarriedState {
  /** with its machine version: a run continues the version it was given */
  persisted: AnyPersisted;
  auditTail: AuditTailEntry[];
  run: number;
}

/** Either a nomination (a new case) or the state carried over by continue-as-new. */
export interface SecondmentWorkflowInput {
  nomination?: unknown;
  /**
   * The machine version a nomination starts on. Absent: 1, so the histories recorded before
   * version 2 replay unchanged; the client starts new cases on the current version.
   */
  machineVersion?: number;
  carried?: CarriedState;
  /** test hook: continue-as-new after this many transitions in one run (0 = only when Temporal suggests) */
  continueAsNewAfter?: number;
}

export type SecondmentWorkflow = (input: SecondmentWorkflowInput) => Promise<CaseView>;

/** Workflow ids carry the random case id only: no names or ID-card numbers in Temporal. */
export const caseWorkflowId = (caseId: string): string => `secondment-${caseId}`;
export const SECONDMENT_WORKFLOW_TYPE = 'secondmentWorkflow';

/**
 * Custom search attributes of a secondment workflow. They carry codes and flags only, never
 * personal data (names, ID-card numbers), because Temporal's visibility store is searchable
 * by anyone with namespace access.
 */
export const SA = {
  status: defineSearchAttributeKey('SecondmentStatus', SearchAttributeType.KEYWORD),
  kind: defineSearchAttributeKey('SecondmentKind', SearchAttributeType.KEYWORD),
  sendingUnit: defineSearchAttributeKey('SendingUnit', SearchAttributeType.KEYWORD),
  receivingUnit: defineSearchAttributeKey('ReceivingUnit', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
  stuck: defineSearchAttributeKey('Stuck', SearchAttributeType.BOOL),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);

/** Memo keys: read by the API from DescribeWorkflowExecution, never by a query. */
export const MEMO = {
  /** { seq, hash } of the case's newest audit entry as the activity wrote it */
  auditHead: 'auditHead',
  /** { reason, eventType, at } of a transition the database refused to store (rolled back) */
  technicalFailure: 'technicalFailure',
} as const;
