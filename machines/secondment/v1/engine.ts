// The pure core: judge an event against a context and, if allowed, compute the next context and
// the effects. The xstate machine calls this from its guards and its single `apply` action; the
// result is memoised on (context, event) identity so guard and action share one evaluation.
import type { Duty, SecondmentContext } from './context';
import { openDutiesOf } from './duties';
import type { Effect } from './effects';
import { secondmentEventSchema, type EventOf, type EventType, type SecondmentEvent } from './events';
import { EffectCollector } from './effectCollector';
import { refuse, type Refusal } from './refusal';
import type { Principal, Role } from './roles';
import { roleLabels } from './roles';
import { SPECS } from './specs';
import type { EventSpec } from './spec';
import { isTerminal } from './status';
import { minIso, ms, normalize } from './time';
import { eventLabels } from './events';

type Ctx = SecondmentContext;
export type Evaluation = { ok: true; next: Ctx; effects: Effect[] } | { ok: false; refusal: Refusal };

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Does this principal hold `role` in this case (right unit, or the cadre themself)? */
export function holdsRole(c: Ctx, p: Principal, role: Role): boolean {
  switch (role) {
    case 'org_admin':
      return p.unit === c.orgUnit;
    case 'sending_officer':
      return p.unit === c.sendingUnit;
    case 'receiving_officer':
      return p.unit === c.receivingUnit;
    case 'united_front':
      return p.unit === c.unitedFrontUnit;
    case 'cadre':
      return p.id === c.cadre.id;
    case 'system':
      return true;
    case 'auditor':
      return false;
  }
}

export function unitOfRole(c: Ctx, role: Role): string {
  switch (role) {
    case 'org_admin':
      return c.orgUnit;
    case 'sending_officer':
      return c.sendingUnit;
    case 'receiving_officer':
    case 'cadre':
      return c.receivingUnit;
    case 'united_front':
      return c.unitedFrontUnit;
    default:
      return role;
  }
}

/** Open duties this event type discharges whose (possibly reassigned) owner is this role at this unit. */
const ownsDischargedDuty = <K extends EventType>(
  c: Ctx,
  spec: EventSpec<K>,
  role: Role,
  unit: string,
): boolean =>
  (spec.discharges ?? []).some((kind) =>
    openDutiesOf(c).some((d: Duty) => d.kind === kind && d.owner.role === role && d.owner.unit === unit),
  );

function authorize<K extends EventType>(c: Ctx, e: EventOf<K>, spec: EventSpec<K>): Refusal | null {
  const label = eventLabels[e.type];
  const actor = e.actor;
  if (actor.role === 'auditor')
    return refuse(
      'READ_ONLY',
      'auditor.readOnly',
      `审计角色不能执行「${label.zh}」`,
      `An auditor cannot ${label.en}`,
    );
  const p = actor.onBehalfOf ?? actor;
  if (actor.onBehalfOf) {
    const org = actor.role === 'org_admin' && actor.unit === c.orgUnit;
    const sameDesk = actor.role === p.role && actor.unit === p.unit;
    if ((!org && !sameDesk) || p.role === 'system' || p.role === 'auditor')
      return refuse(
        'ON_BEHALF_FORBIDDEN',
        'actor.onBehalf',
        `${roleLabels[actor.role].zh}不能代${roleLabels[p.role].zh}办理「${label.zh}」`,
        `The ${roleLabels[actor.role].en} cannot act for the ${roleLabels[p.role].en}`,
      );
  }
  const byOwnership = ownsDischargedDuty(c, spec, p.role, p.unit);
  if (!spec.roles.includes(p.role) && !byOwnership)
    return refuse(
      'ROLE_FORBIDDEN',
      'role.permission',
      `「${label.zh}」只能由${spec.roles.map((r) => roleLabels[r].zh).join('或')}执行，${roleLabels[p.role].zh}无权执行`,
      `"${label.en}" is for the ${spec.roles.map((r) => roleLabels[r].en).join(' or ')}, not the ${roleLabels[p.role].en}`,
    );
  if (!byOwnership && !holdsRole(c, p, p.role))
    return refuse(
      'WRONG_UNIT',
      'unit.binding',
      p.role === 'cadre'
        ? `只有本案挂职干部本人可以执行「${label.zh}」`
        : `只有本案的${roleLabels[p.role].zh}（${unitOfRole(c, p.role)}）可以执行「${label.zh}」，${p.unit}不是`,
      p.role === 'cadre'
        ? `Only this case's cadre may ${label.en}`
        : `Only this case's ${roleLabels[p.role].en} (${unitOfRole(c, p.role)}) may ${label.en}; ${p.unit} is not`,
    );
  return null;
}

/** Role/unit/precondition test without a payload: what allowedEvents offers. */
export function mayOffer(c: Ctx, type: EventType, role: Role, unit: string): boolean {
  if (isTerminal(c.status) || role === 'auditor') return false;
  const spec = SPECS[type] as EventSpec<EventType>;
  const p: Principal = { id: role === 'cadre' ? c.cadre.id : role, role, unit };
  const permitted = spec.roles.includes(role)
    ? holdsRole(c, p, role)
    : ownsDischargedDuty(c, spec, role, unit);
  return permitted && (spec.pre?.(c) ?? null) === null;
}

/** Things derived from context that the host mirrors: no personal data here. */
export function searchAttributesOf(c: Ctx): Extract<Effect, { type: 'searchAttributes' }>['params'] {
  const open = openDutiesOf(c);
  return {
    status: c.status,
    kind: c.kind,
    sendingUnit: c.sendingUnit,
    receivingUnit: c.receivingUnit,
    nextDeadline: minIso(open.filter((d) => d.pausedAt === null).map((d) => d.dueAt)),
    overdue: open.some((d) => !d.milestone && (d.ladder > 1 || d.stuck)),
    stuck: open.some((d) => d.stuck),
  };
}

function derivedEffects(before: Ctx | null, after: Ctx, out: EffectCollector): Effect[] {
  const fx: Effect[] = [];
  const prev = new Map((before?.duties ?? []).map((d) => [d.id, d]));
  for (const d of after.duties) {
    const old = prev.get(d.id);
    if (!old && d.state === 'open')
      out.notify([d.owner], 'duty.opened', { what: d.what.zh, dueAt: d.dueAt, dutyId: d.id });
    if ((old?.nextAlarmAt ?? null) === d.nextAlarmAt) continue;
    if (d.nextAlarmAt !== null)
      fx.push({ type: 'deadline.set', params: { dutyId: d.id, at: d.nextAlarmAt } });
    else fx.push({ type: 'deadline.clear', params: { dutyId: d.id } });
  }
  const sa = searchAttributesOf(after);
  if (!before || JSON.stringify(searchAttributesOf(before)) !== JSON.stringify(sa))
    fx.push({ type: 'searchAttributes', params: sa });
  return fx;
}

/** Record first, then what the handler decided, then deadlines and search attributes. */
export function finish(
  before: Ctx | null,
  after: Ctx,
  out: EffectCollector,
  audit: {
    eventType: string;
    actor: Principal & { onBehalfOf?: Principal | undefined };
    reason: string | null;
    payload: Record<string, unknown>;
  },
): Effect[] {
  if (isTerminal(after.status))
    for (const d of after.duties)
      if (d.state === 'open') {
        d.state = 'lapsed';
        d.closedAt = out.now;
        d.nextAlarmAt = null;
        d.pausedAt = null;
      }
  after.seq = (before?.seq ?? 0) + 1;
  after.lastAt = out.now;
  const derived = derivedEffects(before, after, out);
  const { onBehalfOf, ...actor } = audit.actor;
  const record: Effect = {
    type: 'record',
    params: {
      caseId: after.caseId,
      seq: after.seq,
      at: out.now,
      eventType: audit.eventType,
      actor: { id: actor.id, role: actor.role, unit: actor.unit },
      onBehalfOf: onBehalfOf ?? null,
      reason: audit.reason,
      fromState: before?.status ?? null,
      toState: after.status,
      payload: audit.payload,
    },
  };
  return [record, ...out.effects, ...derived];
}

const memo = new WeakMap<object, WeakMap<object, Evaluation>>();

export function evaluate(c: Ctx, raw: unknown): Evaluation {
  if (typeof raw !== 'object' || raw === null) return evaluateUncached(c, raw);
  let byEvent = memo.get(c);
  if (!byEvent) memo.set(c, (byEvent = new WeakMap()));
  const hit = byEvent.get(raw);
  if (hit) return hit;
  const result = evaluateUncached(c, raw);
  byEvent.set(raw, result);
  return result;
}

function evaluateUncached(c: Ctx, raw: unknown): Evaluation {
  const parsed = secondmentEventSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      refusal: refuse(
        'INVALID_EVENT',
        'event.schema',
        `事件格式错误：${issues}`,
        `Malformed event: ${issues}`,
      ),
    };
  }
  const e = parsed.data;
  if (isTerminal(c.status))
    return {
      ok: false,
      refusal: refuse(
        'CASE_CLOSED',
        'case.closed',
        `案件已结束（${c.status}）`,
        `The case is closed (${c.status})`,
      ),
    };
  const now = normalize(e.at);
  if (ms(now) < ms(c.lastAt))
    return {
      ok: false,
      refusal: refuse(
        'TIME_ORDER',
        'time.order',
        `事件时间${now}早于上一事件${c.lastAt}`,
        `Event time ${now} is before the last event ${c.lastAt}`,
      ),
    };
  const spec = SPECS[e.type] as EventSpec<EventType>;
  const ev = e as EventOf<EventType>;
  const refusal = authorize(c, ev, spec) ?? spec.pre?.(c) ?? spec.check?.(c, ev, now) ?? null;
  if (refusal) return { ok: false, refusal };

  const next = clone(c);
  const out = new EffectCollector(next, now);
  spec.apply(next, ev, out);
  const { type, actor, at: _at, ...payload } = e as SecondmentEvent & Record<string, unknown>;
  const reason = typeof payload.reason === 'string' ? payload.reason : null;
  const effects = finish(c, next, out, { eventType: type, actor, reason, payload });
  return { ok: true, next, effects };
}
