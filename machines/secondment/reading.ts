// Reading a case whatever machine version runs it. A v1 case keeps running on the frozen v1
// machine until an org admin migrates it; until then the read side (API, console, CLI, the bulk
// preview) asks that machine, not v2, so what it shows is what the workflow does.
import type { StateValue } from 'xstate';
import { transition } from 'xstate';
import type { CaseReadout, DutyView } from './projections/views';
import * as v1 from './v1';
import * as v2 from './v2';
// v1 is frozen (its index included): the preview reads its effects from its engine directly
import { evaluate as evaluateV1 } from './v1/engine';

export type AnySnapshot =
  { version: 1; snapshot: v1.SecondmentSnapshot } | { version: 2; snapshot: v2.SecondmentSnapshot };

export interface AnyPersisted {
  machineVersion: number;
  value: unknown;
  context: unknown;
  historyValue?: unknown;
}

export function restore(p: AnyPersisted): AnySnapshot {
  if (p.machineVersion === 1)
    return {
      version: 1,
      snapshot: v1.fromPersisted(p as { machineVersion: number; value: unknown; context: unknown }),
    };
  return { version: 2, snapshot: v2.fromPersisted(p as v2.PersistedSecondment) };
}

export function persist(x: AnySnapshot): AnyPersisted {
  return x.version === 1 ? v1.toPersisted(x.snapshot) : v2.toPersisted(x.snapshot);
}

const v1Duty = (d: v1.Duty): DutyView => ({
  id: d.id,
  key: d.key,
  kind: d.kind,
  what: d.what,
  owner: d.owner,
  state: 'open',
  opensAt: null,
  dueAt: d.dueAt,
  provisional: false,
  calendarVersion: null,
  nextAlarmAt: d.nextAlarmAt,
  escalations: d.escalations,
  stuck: d.stuck,
  paused: d.pausedAt !== null,
});

const v2Duty = (d: v2.Duty): DutyView => ({
  id: d.id,
  key: d.key,
  kind: d.kind,
  what: d.what,
  owner: d.owner,
  state: d.state === 'planned' ? 'planned' : 'open',
  opensAt: d.opensAt,
  dueAt: d.dueAt,
  provisional: d.provisional,
  calendarVersion: d.calendarVersion,
  nextAlarmAt: d.nextAlarmAt,
  escalations: d.escalations,
  stuck: d.stuck,
  paused: d.pausedAt !== null,
});

export function readout(x: AnySnapshot): CaseReadout {
  if (x.version === 1) {
    const s = x.snapshot;
    const sa = v1.searchAttributes(s);
    const status = v1.statusCode(s);
    return {
      caseId: s.context.caseId,
      machineVersion: 1,
      status,
      statusLabel: v1.statusLabels[status],
      kind: s.context.kind,
      year: s.context.year,
      sendingUnit: sa.sendingUnit,
      receivingUnit: sa.receivingUnit,
      openDuties: v1.openDuties(s).map(v1Duty),
      plannedDuties: [],
      nextDeadline: sa.nextDeadline,
      overdue: sa.overdue,
      stuck: sa.stuck,
      closed: s.status === 'done',
    };
  }
  const s = x.snapshot;
  const sa = v2.searchAttributes(s);
  return {
    caseId: s.context.caseId,
    machineVersion: 2,
    status: sa.status,
    statusLabel: v2.statusLabels[sa.status],
    kind: s.context.kind,
    year: s.context.year,
    sendingUnit: sa.sendingUnit,
    receivingUnit: sa.receivingUnit,
    openDuties: v2.openDuties(s).map(v2Duty),
    plannedDuties: v2
      .liveDuties(s)
      .filter((d) => d.state === 'planned')
      .map(v2Duty),
    nextDeadline: sa.nextDeadline,
    overdue: sa.overdue,
    stuck: sa.stuck,
    closed: s.status === 'done',
  };
}

/** 组织部迁移案件到新版规则: carries a v1 case into a v2 run (not an event of either machine). */
export const MIGRATE_EVENT = 'admin.case.migrate';
export const migrateLabel = { zh: '迁移到第2版规则', en: 'migrate to machine version 2' };

/** The workflow's own rule: only the case's organization department, while the case is open on v1. */
export const mayMigrate = (x: AnySnapshot, role: v2.Role, unit: string): boolean =>
  x.version === 1 &&
  x.snapshot.status !== 'done' &&
  role === 'org_admin' &&
  unit === x.snapshot.context.orgUnit;

export function allowedEventsOf(x: AnySnapshot, role: v2.Role, unit: string): string[] {
  if (x.version === 2) return v2.allowedEvents(x.snapshot, role, unit);
  const allowed = v1.allowedEvents(x.snapshot, role, unit);
  return mayMigrate(x, role, unit) ? [...allowed, MIGRATE_EVENT] : allowed;
}

/** The same verdict the case's own workflow gives (v1 cases: the v1 rules; v2: the v2 chart). */
export function checkEventOf(
  x: AnySnapshot,
  event: unknown,
  mode: { factsPending?: boolean } = {},
): v2.CheckResult {
  if (x.version === 2) return v2.checkEvent(x.snapshot, event, mode);
  const verdict = v1.checkEvent(x.snapshot, event);
  return verdict.ok ? verdict : (verdict as unknown as v2.CheckResult);
}

/** A notification one step would send: the template and its recipients (roles at units, a person). */
export interface NotificationPlan {
  template: string;
  recipients: v2.Recipient[];
  vars: Record<string, string | number | boolean | null>;
}

/**
 * The case after this event and the notifications the step sends, or null when refused: the
 * single-intervention preview (the same transition the workflow takes, and the effects it carries out).
 */
export function previewStepOf(
  x: AnySnapshot,
  event: unknown,
): { next: AnySnapshot; notifications: NotificationPlan[] } | null {
  const notifyOf = (effects: readonly { type: string; params?: unknown }[]): NotificationPlan[] =>
    effects.filter((e) => e.type === 'notify').map((e) => e.params as NotificationPlan);
  if (x.version === 2) {
    const step = v2.advance(x.snapshot, event as v2.SecondmentEvent);
    return step
      ? { next: { version: 2, snapshot: step.snapshot }, notifications: notifyOf(step.effects) }
      : null;
  }
  const next = stepOf(x, event);
  if (!next) return null;
  const verdict = evaluateV1(x.snapshot.context, event);
  return { next, notifications: verdict.ok ? notifyOf(verdict.effects) : [] };
}

/** The case after this event, or null when refused (the bulk dry run). */
export function stepOf(x: AnySnapshot, event: unknown): AnySnapshot | null {
  if (x.version === 2) {
    const step = v2.advance(x.snapshot, event as v2.SecondmentEvent);
    return step ? { version: 2, snapshot: step.snapshot } : null;
  }
  const [next] = transition(v1.secondmentMachine, x.snapshot, event as v1.SecondmentEvent);
  return next === x.snapshot ? null : { version: 1, snapshot: next };
}

export const stateValueOf = (x: AnySnapshot): StateValue => x.snapshot.value as StateValue;
