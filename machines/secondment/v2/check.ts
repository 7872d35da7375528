// Why an event is or is not accepted, read from the chart itself: the edges the event has in the
// current state configuration (deepest state first, like xstate), each guard of an edge evaluated
// in order with the same functions the machine uses. The first rule that fails names the refusal.
import type { AnyStateNode, StateValue } from 'xstate';
import type { SecondmentContext } from './context';
import { eventLabels, eventTypeSchema, type EventType, type SecondmentEvent } from './events';
import { GUARDS, type GuardName, type GuardSpec } from './guards';
import { secondmentMachine } from './machine';
import { mayOffer } from './permissions';
import { refuse, type CheckResult, type Refusal } from './refusal';
import type { Role } from './roles';
import { statusLabels } from './status';
import { statusOf, type SecondmentSnapshot } from './step';

type Transition = { guard?: unknown; eventType: string };
interface Mode {
  /** Skip what needs the host's facts (quota, holiday table): the Update validator, previews. */
  factsPending?: boolean;
  /** Judge only what does not depend on a payload (allowedEvents). */
  offer?: boolean;
}
type Verdict = { pass: true } | { pass: false; refusal: Refusal | null };

const FACT_GUARDS = new Set<GuardName>(['hasFacts', 'withinQuota', 'calendarNewer']);

function leaves(node: AnyStateNode, value: StateValue): AnyStateNode[] {
  if (typeof value === 'string') {
    const child = node.states[value];
    return child ? [child] : [];
  }
  return Object.entries(value).flatMap(([k, v]) => {
    const child = node.states[k];
    return child && v !== undefined ? leaves(child, v) : [];
  });
}

/** The event's edges in the current configuration, deepest state first. */
export function candidateEdges(snapshot: SecondmentSnapshot, type: string): Transition[] {
  const seen = new Set<Transition>();
  const out: Transition[] = [];
  for (const leaf of leaves(secondmentMachine.root, snapshot.value))
    for (let n: AnyStateNode | undefined = leaf; n; n = n.parent)
      for (const t of n.transitions.get(type) ?? [])
        if (!seen.has(t)) {
          seen.add(t);
          out.push(t);
        }
  return out;
}

function judge(guard: unknown, c: SecondmentContext, e: SecondmentEvent, mode: Mode): Verdict {
  if (guard === undefined) return { pass: true };
  if (typeof guard === 'function' && 'guards' in guard) {
    for (const g of (guard as { guards: unknown[] }).guards) {
      const v = judge(g, c, e, mode);
      if (!v.pass) return v;
    }
    return { pass: true };
  }
  const ref =
    typeof guard === 'string'
      ? { type: guard, params: undefined }
      : (guard as { type: string; params?: Record<string, string> });
  const name = ref.type as GuardName;
  const spec: GuardSpec = GUARDS[name];
  if (mode.factsPending && FACT_GUARDS.has(name)) return { pass: true };
  if (
    mode.offer &&
    (spec.payload || spec.kind === 'base' || spec.kind === 'facts' || spec.kind === 'selector')
  )
    return { pass: true };
  if (spec.test(c, e, ref.params)) return { pass: true };
  return { pass: false, refusal: spec.refusal ? spec.refusal(c, e, ref.params) : null };
}

/** The host's Update validator and the bulk preview: would this event be accepted now, and if not, why. */
export function checkEvent(snapshot: SecondmentSnapshot, event: unknown, mode: Mode = {}): CheckResult {
  const type = eventTypeSchema.safeParse((event as { type?: unknown } | null)?.type);
  if (!type.success) return GUARDS.wellFormed.refusal(snapshot.context, event as SecondmentEvent);
  if (snapshot.status === 'done')
    return refuse(
      'CASE_CLOSED',
      'case.closed',
      `案件已结束（${statusOf(snapshot)}）`,
      `The case is closed (${statusOf(snapshot)})`,
    );
  const edges = candidateEdges(snapshot, type.data);
  const status = statusOf(snapshot);
  const label = eventLabels[type.data];
  const notHere = refuse(
    'NOT_IN_STATE',
    'state.events',
    `当前阶段「${statusLabels[status].zh}」不能「${label.zh}」`,
    `"${label.en}" is not possible while the case is ${statusLabels[status].en}`,
  );
  let first: Refusal | null = null;
  for (const t of edges) {
    const v = judge(t.guard, snapshot.context, event as SecondmentEvent, mode);
    if (v.pass) return { ok: true };
    first ??= v.refusal;
  }
  return first ?? notHere;
}

/** Event types the chart handles in this configuration (before any role or rule). */
export function eventsInState(snapshot: SecondmentSnapshot): EventType[] {
  if (snapshot.status === 'done') return [];
  return eventTypeSchema.options.filter((t) => candidateEdges(snapshot, t).length > 0);
}

/** Event types this role, acting for this unit, may send now (the console builds its forms from it). */
export function allowedEvents(snapshot: SecondmentSnapshot, role: Role, unit: string): EventType[] {
  const c = snapshot.context;
  const probe = {
    type: 'probe',
    actor: { id: role, role, unit },
    at: c.lastAt,
  } as unknown as SecondmentEvent;
  return eventsInState(snapshot).filter(
    (t) =>
      mayOffer(c, t, role, unit) &&
      candidateEdges(snapshot, t).some(
        (edge) => judge(edge.guard, c, { ...probe, type: t } as SecondmentEvent, { offer: true }).pass,
      ),
  );
}
