// One step of a case for the host: the pure transition plus the effects that follow from it — the
// audit record (first, exactly one), what the actions decided (notifications, personnel file), the
// timers to set or clear and the search attributes when they change. The host carries out exactly
// these effects and recomputes nothing.
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { SecondmentContext } from './context';
import { effectSchema, type Effect } from './effects';
import type { SecondmentEvent } from './events';
import type { SecondmentInputDraft } from './input';
import { secondmentMachine } from './machine';
import { statusFromValue, type StatusCode } from './status';
import { minIso } from './time';

export type SecondmentSnapshot = SnapshotFrom<typeof secondmentMachine>;
export interface Step {
  snapshot: SecondmentSnapshot;
  effects: Effect[];
}

export const statusOf = (s: SecondmentSnapshot): StatusCode => statusFromValue(s.value);

/** Things derived from the state that the host mirrors: no personal data here. */
export function searchAttributesOf(s: SecondmentSnapshot) {
  const open = s.context.duties.filter((d) => d.state === 'open');
  return {
    status: statusOf(s),
    kind: s.context.kind,
    sendingUnit: s.context.sendingUnit,
    receivingUnit: s.context.receivingUnit,
    nextDeadline: minIso(open.filter((d) => d.pausedAt === null).map((d) => d.dueAt)),
    overdue: open.some((d) => !d.milestone && (d.ladder > 1 || d.stuck)),
    stuck: open.some((d) => d.stuck),
  };
}

/** xstate's actions carry an `info` object besides type and params: keep only the effect, validated. */
const toEffects = (actions: readonly { type: string; params?: unknown }[]): Effect[] =>
  actions.map((a) => effectSchema.parse({ type: a.type, params: a.params }));

function dutyEffects(before: SecondmentContext | null, after: SecondmentContext): Effect[] {
  if (before !== null && before.duties === after.duties) return [];
  const fx: Effect[] = [];
  const prev = new Map((before?.duties ?? []).map((d) => [d.id, d]));
  for (const d of after.duties) {
    const old = prev.get(d.id);
    if (old === d) continue;
    if (d.state === 'open' && old?.state !== 'open')
      fx.push({
        type: 'notify',
        params: {
          recipients: [d.owner],
          template: 'duty.opened',
          vars: { what: d.what.zh, dueAt: d.dueAt, dutyId: d.id },
        },
      });
    if ((old?.nextAlarmAt ?? null) === d.nextAlarmAt) continue;
    fx.push(
      d.nextAlarmAt !== null
        ? { type: 'deadline.set', params: { dutyId: d.id, at: d.nextAlarmAt } }
        : { type: 'deadline.clear', params: { dutyId: d.id } },
    );
  }
  return fx;
}

function searchAttributeEffect(before: SecondmentSnapshot | null, after: SecondmentSnapshot): Effect[] {
  const sa = searchAttributesOf(after);
  return before !== null && JSON.stringify(searchAttributesOf(before)) === JSON.stringify(sa)
    ? []
    : [{ type: 'searchAttributes', params: sa }];
}

/** What the audit trail keeps of an event: its payload and the host's quota facts, not its tables. */
function auditPayload(e: SecondmentEvent): Record<string, unknown> {
  const { type: _t, actor: _a, at: _at, ...rest } = e as SecondmentEvent & Record<string, unknown>;
  const { facts, ...payload } = rest as { facts?: { intake?: unknown } } & Record<string, unknown>;
  return facts?.intake !== undefined ? { ...payload, intake: facts.intake } : payload;
}

/** The nomination: the first snapshot and its effects. Throws (zod) on an invalid input. */
export function start(input: SecondmentInputDraft): Step {
  const [s, actions] = initialTransition(secondmentMachine, input);
  const c = s.context;
  const record: Effect = {
    type: 'record',
    params: {
      caseId: c.caseId,
      seq: c.seq,
      at: c.nominatedAt,
      eventType: 'nomination.create',
      actor: c.nominatedBy,
      onBehalfOf: null,
      reason: null,
      fromState: null,
      toState: statusOf(s),
      payload: {
        kind: c.kind,
        programme: c.programme,
        termMonths: c.termMonths,
        source: c.source.type,
        sendingUnit: c.sendingUnit,
        requestedReceivingUnit: c.requestedReceivingUnit,
        roundId: c.roundId,
        eligible: c.eligibility.ok,
        calendar: Object.entries(c.calendar)
          .map(([y, t]) => `${y}:${t.version}`)
          .join(','),
      },
    },
  };
  return {
    snapshot: s,
    effects: [record, ...toEffects(actions), ...dutyEffects(null, c), ...searchAttributeEffect(null, s)],
  };
}

/** One accepted event, or null when the chart refuses it (the snapshot is then untouched). */
export function advance(snapshot: SecondmentSnapshot, event: SecondmentEvent): Step | null {
  const [next, actions] = transition(secondmentMachine, snapshot, event);
  if (next === snapshot) return null;
  const { onBehalfOf, ...actor } = event.actor;
  const reason = (event as { reason?: unknown }).reason;
  const record: Effect = {
    type: 'record',
    params: {
      caseId: next.context.caseId,
      seq: next.context.seq,
      at: next.context.lastAt,
      eventType: event.type,
      actor: { id: actor.id, role: actor.role, unit: actor.unit },
      onBehalfOf: onBehalfOf ?? null,
      reason: typeof reason === 'string' ? reason : null,
      fromState: statusOf(snapshot),
      toState: statusOf(next),
      payload: auditPayload(event),
    },
  };
  return {
    snapshot: next,
    effects: [
      record,
      ...toEffects(actions),
      ...dutyEffects(snapshot.context, next.context),
      ...searchAttributeEffect(snapshot, next),
    ],
  };
}

/** What a host must (re)establish for a snapshot it did not step into: a new run after continue-as-new. */
export function restoreEffects(s: SecondmentSnapshot): Effect[] {
  const timers: Effect[] = s.context.duties
    .filter((d) => d.nextAlarmAt !== null)
    .map((d) => ({ type: 'deadline.set', params: { dutyId: d.id, at: d.nextAlarmAt as string } }));
  return [...timers, { type: 'searchAttributes', params: searchAttributesOf(s) }];
}
