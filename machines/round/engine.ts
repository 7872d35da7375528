// The round's rules, pure: who may do what in which status, the duties (one application duty per
// invited receiving unit, one recommendation duty per invited sending unit) with their deadlines and
// the same escalation ladder as a case's duties (提醒 → 逾期 → 单位负责人督办 → 组织部督办 → 停滞).
import { LADDER_STEPS, type LadderStep } from '../secondment/v2/context';
import { arm } from './ladder';
import { getPolicy } from '../secondment/v1/policy';
import type { Policy } from '../secondment/v1/policy/schema';
import type { Principal } from '../secondment/v2/roles';
import { iso, ms, normalize } from '../secondment/v2/time';
import type { RoundContext, RoundDuty, RoundDutyKind, RoundStatus } from './context';
import {
  roundEventLabels,
  roundEventSchema,
  type RoundEvent,
  type RoundEventOf,
  type RoundEventType,
} from './events';
import type { RoundRuleId } from './rules';

/** What the host carries out: the audit record and the notifications (timers follow the duties). */
export type RoundEffect =
  | {
      type: 'record';
      params: {
        roundId: string;
        seq: number;
        at: string;
        eventType: string;
        actor: Principal;
        onBehalfOf: Principal | null;
        reason: string | null;
        fromState: RoundStatus | null;
        toState: RoundStatus;
        payload: Record<string, unknown>;
      };
    }
  | {
      type: 'notify';
      params: {
        recipients: { role: string; unit: string }[];
        template: string;
        vars: Record<string, string | number | boolean | null>;
      };
    };

export type RoundRefusalCode =
  | 'INVALID_EVENT'
  | 'CASE_CLOSED'
  | 'NOT_IN_STATE'
  | 'TIME_ORDER'
  | 'READ_ONLY'
  | 'ROLE_FORBIDDEN'
  | 'WRONG_UNIT'
  | 'UNKNOWN_DUTY'
  | 'STALE_ALARM'
  | 'RULE_VIOLATION';

export interface RoundRefusal {
  ok: false;
  code: RoundRefusalCode;
  rule: RoundRuleId;
  message: { zh: string; en: string };
}

export type RoundEvaluation =
  { ok: true; next: RoundContext; effects: RoundEffect[] } | { ok: false; refusal: RoundRefusal };

const refuse = (code: RoundRefusalCode, rule: RoundRuleId, zh: string, en: string): RoundRefusal => ({
  ok: false,
  code,
  rule,
  message: { zh, en },
});

/** What a new round starts from (ids, units, dates; no names). */
export interface RoundInput {
  roundId: string;
  year: number;
  orgUnit: string;
  policy: string | Policy;
  applicationDeadline: string;
  recommendationDeadline: string;
  maxRecommendationsPerUnit: number;
  receivingUnits: string[];
  sendingUnits: string[];
  createdBy: Principal;
  at: string;
}

const DUTY_TEXT: Record<RoundDutyKind, { zh: string; en: string }> = {
  'round.application': { zh: '申报接收挂职干部需求', en: 'state the cadres and posts wanted' },
  'round.recommendation': { zh: '推荐拟选派干部人选', en: 'recommend candidates' },
};

class Out {
  readonly effects: RoundEffect[] = [];
  constructor(
    readonly c: RoundContext,
    readonly now: string,
  ) {}
  notify(
    recipients: { role: string; unit: string }[],
    template: string,
    vars: Record<string, string | number | boolean | null> = {},
  ) {
    if (recipients.length > 0) this.effects.push({ type: 'notify', params: { recipients, template, vars } });
  }
}

function openRoundDuty(c: RoundContext, kind: RoundDutyKind, unit: string, out: Out): void {
  const key = `${kind}/${unit}`;
  if (c.duties.some((d) => d.key === key)) return;
  c.counters.duty += 1;
  const role = kind === 'round.application' ? 'receiving_officer' : 'sending_officer';
  const dueAt = kind === 'round.application' ? c.deadlines.application : c.deadlines.recommendation;
  const d: RoundDuty = {
    id: `r${c.counters.duty}:${key}`,
    key,
    kind,
    what: DUTY_TEXT[kind],
    owner: { role, unit },
    createdAt: out.now,
    dueAt,
    nextAlarmAt: null,
    ladder: 0,
    escalations: [],
    state: 'open',
    stuck: false,
    pausedAt: null,
    closedAt: null,
    milestone: false,
  };
  arm(c, d, out.now);
  c.duties.push(d);
  out.notify(
    [d.owner],
    kind === 'round.application' ? 'round.application.requested' : 'round.recommendation.requested',
    { year: c.year, dueAt, max: c.maxRecommendationsPerUnit, dutyId: d.id },
  );
}

function closeRoundDuty(c: RoundContext, key: string, state: RoundDuty['state'], now: string): void {
  const d = c.duties.find((x) => x.key === key && x.state === 'open');
  if (!d) return;
  d.state = state;
  d.closedAt = now;
  d.nextAlarmAt = null;
}

function invite(c: RoundContext, receiving: string[], sending: string[], out: Out): void {
  for (const u of receiving) {
    if (!c.invited.receiving.includes(u)) c.invited.receiving.push(u);
    openRoundDuty(c, 'round.application', u, out);
  }
  for (const u of sending) {
    if (!c.invited.sending.includes(u)) c.invited.sending.push(u);
    openRoundDuty(c, 'round.recommendation', u, out);
  }
}

/** The round's first context and effects. Throws on an invalid input (the host validates first). */
export function initialRound(input: RoundInput): { context: RoundContext; effects: RoundEffect[] } {
  const at = normalize(input.at);
  const c: RoundContext = {
    roundId: input.roundId,
    year: input.year,
    orgUnit: input.orgUnit,
    policy: typeof input.policy === 'string' ? getPolicy(input.policy) : input.policy,
    deadlines: {
      application: normalize(input.applicationDeadline),
      recommendation: normalize(input.recommendationDeadline),
    },
    maxRecommendationsPerUnit: input.maxRecommendationsPerUnit,
    invited: { receiving: [], sending: [] },
    applications: {},
    recommendations: {},
    decision: null,
    launch: null,
    status: 'COLLECTING',
    seq: 1,
    lastAt: at,
    createdBy: input.createdBy,
    duties: [],
    counters: { duty: 0 },
  };
  const out = new Out(c, at);
  invite(c, input.receivingUnits, input.sendingUnits, out);
  const record: RoundEffect = {
    type: 'record',
    params: {
      roundId: c.roundId,
      seq: 1,
      at,
      eventType: 'round.create',
      actor: input.createdBy,
      onBehalfOf: null,
      reason: null,
      fromState: null,
      toState: 'COLLECTING',
      payload: {
        year: c.year,
        receivingUnits: c.invited.receiving.length,
        sendingUnits: c.invited.sending.length,
        applicationDeadline: c.deadlines.application,
        recommendationDeadline: c.deadlines.recommendation,
      },
    },
  };
  return { context: c, effects: [record, ...out.effects] };
}

const LADDER_NOTICE: Record<LadderStep, string> = {
  reminder: 'duty.reminder',
  overdue: 'duty.overdue',
  unitHead: 'duty.escalated.unitHead',
  orgDept: 'duty.escalated.orgDept',
  stuck: 'duty.stuck',
};

function ladderStep(c: RoundContext, d: RoundDuty, out: Out): void {
  const step = LADDER_STEPS[d.ladder];
  if (!step) return;
  d.escalations.push({ step, at: out.now });
  const org = { role: 'org_admin', unit: c.orgUnit };
  const to =
    step === 'unitHead'
      ? [{ role: 'unit_head', unit: d.owner.unit }]
      : step === 'orgDept'
        ? [org]
        : step === 'stuck'
          ? [org, d.owner]
          : [d.owner];
  out.notify(to, LADDER_NOTICE[step], { what: d.what.zh, dueAt: d.dueAt, dutyId: d.id });
  if (step === 'stuck') {
    d.stuck = true;
    d.nextAlarmAt = null;
    return;
  }
  d.ladder += 1;
  arm(c, d, out.now);
}

/** Does this principal act for the round as this role (its org department, an invited unit)? */
function asOrg(c: RoundContext, p: Principal): boolean {
  return p.role === 'org_admin' && p.unit === c.orgUnit;
}

type Check = (c: RoundContext, e: RoundEvent, now: string) => RoundRefusal | null;
type Apply = (c: RoundContext, e: RoundEvent, out: Out) => void;

interface RoundSpec {
  /** statuses it is accepted in */
  in: RoundStatus[];
  check: Check;
  apply: Apply;
}

const as = <K extends RoundEventType>(e: RoundEvent) => e as unknown as RoundEventOf<K>;

function ownUnit(
  c: RoundContext,
  e: RoundEvent,
  role: 'receiving_officer' | 'sending_officer',
  unit: string,
) {
  const p = e.actor.onBehalfOf ?? e.actor;
  if (asOrg(c, e.actor)) return null;
  if (p.role !== role)
    return refuse(
      'ROLE_FORBIDDEN',
      'round.role',
      `「${roundEventLabels[e.type].zh}」由${role === 'receiving_officer' ? '接收单位' : '派出单位'}或组织部办理`,
      `"${roundEventLabels[e.type].en}" is for the ${role === 'receiving_officer' ? 'receiving' : 'sending'} unit or the organization department`,
    );
  if (p.unit !== unit)
    return refuse(
      'WRONG_UNIT',
      'round.unit',
      `只能为本单位办理（${p.unit}不是${unit}）`,
      `Only for your own unit (${p.unit} is not ${unit})`,
    );
  return null;
}

const invited = (c: RoundContext, part: 'receiving' | 'sending', unit: string) =>
  c.invited[part].includes(unit)
    ? null
    : refuse(
        'RULE_VIOLATION',
        'round.invited',
        `${unit}未列入本批次${part === 'receiving' ? '接收' : '推荐'}单位，请组织部先发函`,
        `${unit} was not invited to ${part === 'receiving' ? 'apply' : 'recommend'} in this round`,
      );

const orgOnly: Check = (c, e) =>
  asOrg(c, e.actor)
    ? null
    : refuse(
        'ROLE_FORBIDDEN',
        'round.role',
        `「${roundEventLabels[e.type].zh}」只能由本批次的组织部办理`,
        `Only the round's organization department may ${roundEventLabels[e.type].en}`,
      );

const systemOnly: Check = (_c, e) =>
  e.actor.role === 'system'
    ? null
    : refuse('ROLE_FORBIDDEN', 'round.role', '该事件只能由系统发出', 'Only the system sends this event');

function openDutyById(c: RoundContext, id: string): RoundDuty | RoundRefusal {
  const d = c.duties.find((x) => x.id === id && x.state === 'open');
  return d ?? refuse('UNKNOWN_DUTY', 'round.unknownDuty', `没有未完成事项${id}`, `No open duty ${id}`);
}
const isRefusal = (x: RoundDuty | RoundRefusal): x is RoundRefusal => 'ok' in x;

const SPECS: Record<RoundEventType, RoundSpec> = {
  'round.invite': {
    in: ['COLLECTING'],
    check: orgOnly,
    apply: (c, e, out) => {
      const ev = as<'round.invite'>(e);
      invite(c, ev.receiving, ev.sending, out);
    },
  },
  'round.application.submit': {
    in: ['COLLECTING'],
    check: (c, e) => {
      const ev = as<'round.application.submit'>(e);
      return ownUnit(c, e, 'receiving_officer', ev.unit) ?? invited(c, 'receiving', ev.unit);
    },
    apply: (c, e, out) => {
      const ev = as<'round.application.submit'>(e);
      c.applications[ev.unit] = { requested: ev.requested, declined: false };
      closeRoundDuty(c, `round.application/${ev.unit}`, 'done', out.now);
    },
  },
  'round.application.decline': {
    in: ['COLLECTING'],
    check: (c, e) => {
      const ev = as<'round.application.decline'>(e);
      return ownUnit(c, e, 'receiving_officer', ev.unit) ?? invited(c, 'receiving', ev.unit);
    },
    apply: (c, e, out) => {
      const ev = as<'round.application.decline'>(e);
      c.applications[ev.unit] = { requested: 0, declined: true };
      closeRoundDuty(c, `round.application/${ev.unit}`, 'done', out.now);
    },
  },
  'round.recommendation.submit': {
    in: ['COLLECTING'],
    check: (c, e) => {
      const ev = as<'round.recommendation.submit'>(e);
      const denied = ownUnit(c, e, 'sending_officer', ev.unit) ?? invited(c, 'sending', ev.unit);
      if (denied) return denied;
      if ((c.recommendations[ev.unit] ?? 0) >= c.maxRecommendationsPerUnit)
        return refuse(
          'RULE_VIOLATION',
          'round.maxRecommendations',
          `每个单位推荐1—${c.maxRecommendationsPerUnit}名，${ev.unit}已推荐${c.recommendations[ev.unit] ?? 0}名`,
          `A unit recommends 1–${c.maxRecommendationsPerUnit}; ${ev.unit} already has ${c.recommendations[ev.unit] ?? 0}`,
        );
      return null;
    },
    apply: (c, e, out) => {
      const ev = as<'round.recommendation.submit'>(e);
      c.recommendations[ev.unit] = (c.recommendations[ev.unit] ?? 0) + 1;
      closeRoundDuty(c, `round.recommendation/${ev.unit}`, 'done', out.now);
    },
  },
  'round.recommendation.withdraw': {
    in: ['COLLECTING'],
    check: (c, e) => {
      const ev = as<'round.recommendation.withdraw'>(e);
      const denied = ownUnit(c, e, 'sending_officer', ev.unit);
      if (denied) return denied;
      return (c.recommendations[ev.unit] ?? 0) > 0
        ? null
        : refuse(
            'RULE_VIOLATION',
            'round.noRecommendation',
            `${ev.unit}没有可撤回的推荐`,
            `${ev.unit} has no recommendation to withdraw`,
          );
    },
    apply: (c, e) => {
      const ev = as<'round.recommendation.withdraw'>(e);
      c.recommendations[ev.unit] = Math.max(0, (c.recommendations[ev.unit] ?? 0) - 1);
    },
  },
  'round.decide': {
    in: ['COLLECTING'],
    check: (c, e) => {
      const denied = orgOnly(c, e, '');
      if (denied) return denied;
      return as<'round.decide'>(e).assigned > 0
        ? null
        : refuse(
            'RULE_VIOLATION',
            'round.nothingAssigned',
            '决定板上尚未确定任何人选',
            'No candidate is assigned on the board yet',
          );
    },
    apply: (c, e, out) => {
      const ev = as<'round.decide'>(e);
      c.decision = { at: out.now, assigned: ev.assigned, rejected: ev.rejected, allocations: ev.allocations };
      // Whatever was not answered by the decision no longer can be.
      for (const d of c.duties) if (d.state === 'open') closeRoundDuty(c, d.key, 'lapsed', out.now);
      c.status = 'DECIDED';
      out.notify(
        [
          ...c.invited.receiving.map((unit) => ({ role: 'receiving_officer', unit })),
          ...c.invited.sending.map((unit) => ({ role: 'sending_officer', unit })),
        ],
        'round.decided',
        { year: c.year, assigned: ev.assigned },
      );
    },
  },
  'round.launch.start': {
    in: ['DECIDED'],
    check: orgOnly,
    apply: (c, e, out) => {
      c.launch = {
        at: out.now,
        by: e.actor.id,
        total: as<'round.launch.start'>(e).total,
        finishedAt: null,
        started: 0,
        already: 0,
        failed: 0,
      };
      c.status = 'LAUNCHING';
    },
  },
  'round.launch.finish': {
    in: ['LAUNCHING'],
    check: systemOnly,
    apply: (c, e, out) => {
      const ev = as<'round.launch.finish'>(e);
      if (c.launch)
        c.launch = {
          ...c.launch,
          finishedAt: out.now,
          started: ev.started,
          already: ev.already,
          failed: ev.failed,
        };
      c.status = 'LAUNCHED';
      out.notify([{ role: 'org_admin', unit: c.orgUnit }], 'round.launched', {
        year: c.year,
        started: ev.started + ev.already,
      });
    },
  },
  'round.close': {
    in: ['LAUNCHED', 'DECIDED'],
    check: orgOnly,
    apply: (c) => {
      c.status = 'CLOSED';
    },
  },
  'admin.deadline.extend': {
    in: ['COLLECTING'],
    check: (c, e, now) => {
      const denied = orgOnly(c, e, now);
      if (denied) return denied;
      const ev = as<'admin.deadline.extend'>(e);
      const d = openDutyById(c, ev.dutyId);
      if (isRefusal(d)) return d;
      if (ms(ev.until) <= ms(d.dueAt) || ms(ev.until) <= ms(now))
        return refuse(
          'RULE_VIOLATION',
          'round.later',
          `新期限须晚于${d.dueAt}和当前时间`,
          `The new deadline must be after ${d.dueAt} and now`,
        );
      return null;
    },
    apply: (c, e, out) => {
      const ev = as<'admin.deadline.extend'>(e);
      const d = c.duties.find((x) => x.id === ev.dutyId);
      if (!d) return;
      d.dueAt = iso(ms(ev.until));
      d.stuck = false;
      d.ladder = 0;
      arm(c, d, out.now);
      out.notify([d.owner], 'duty.extended', { what: d.what.zh, dueAt: d.dueAt, reason: ev.reason });
    },
  },
  'admin.duty.waive': {
    in: ['COLLECTING'],
    check: (c, e, now) => {
      const denied = orgOnly(c, e, now);
      if (denied) return denied;
      const d = openDutyById(c, as<'admin.duty.waive'>(e).dutyId);
      return isRefusal(d) ? d : null;
    },
    apply: (c, e, out) => {
      const ev = as<'admin.duty.waive'>(e);
      const d = c.duties.find((x) => x.id === ev.dutyId);
      if (!d) return;
      closeRoundDuty(c, d.key, 'waived', out.now);
      out.notify([d.owner], 'duty.waived', { what: d.what.zh, reason: ev.reason });
    },
  },
  'deadline.reached': {
    in: ['COLLECTING', 'DECIDED', 'LAUNCHING', 'LAUNCHED'],
    check: (c, e, now) => {
      const denied = systemOnly(c, e, now);
      if (denied) return denied;
      const id = as<'deadline.reached'>(e).dutyId;
      const d = openDutyById(c, id);
      if (isRefusal(d)) return d;
      if (d.nextAlarmAt === null || ms(now) < ms(d.nextAlarmAt))
        return refuse(
          'STALE_ALARM',
          'round.staleAlarm',
          `事项${id}当前无到期提醒`,
          `Duty ${id} has no alarm due`,
        );
      return null;
    },
    apply: (c, e, out) => {
      const d = c.duties.find((x) => x.id === as<'deadline.reached'>(e).dutyId);
      if (d) ladderStep(c, d, out);
    },
  },
};

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Judges an event against the round and, if accepted, computes the next context and effects. */
export function evaluateRound(c: RoundContext, raw: unknown): RoundEvaluation {
  const parsed = roundEventSchema.safeParse(raw);
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
  if (c.status === 'CLOSED')
    return {
      ok: false,
      refusal: refuse('CASE_CLOSED', 'round.closed', '本批次已结束', 'The round is closed'),
    };
  const spec = SPECS[e.type];
  if (!spec.in.includes(c.status))
    return {
      ok: false,
      refusal: refuse(
        'NOT_IN_STATE',
        'round.state',
        `本批次当前状态不能「${roundEventLabels[e.type].zh}」`,
        `"${roundEventLabels[e.type].en}" is not possible while the round is ${c.status}`,
      ),
    };
  if (e.actor.role === 'auditor')
    return {
      ok: false,
      refusal: refuse('READ_ONLY', 'auditor.readOnly', '审计角色只读', 'Auditors only read'),
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
  const refusal = spec.check(c, e, now);
  if (refusal) return { ok: false, refusal };
  const next = clone(c);
  const out = new Out(next, now);
  const from = c.status;
  spec.apply(next, e, out);
  next.seq = c.seq + 1;
  next.lastAt = now;
  const { type, actor, at: _at, ...payload } = e as RoundEvent & Record<string, unknown>;
  const { onBehalfOf, ...who } = actor;
  const record: RoundEffect = {
    type: 'record',
    params: {
      roundId: c.roundId,
      seq: next.seq,
      at: now,
      eventType: type,
      actor: { id: who.id, role: who.role, unit: who.unit },
      onBehalfOf: onBehalfOf ?? null,
      reason: typeof payload.reason === 'string' ? payload.reason : null,
      fromState: from,
      toState: next.status,
      payload,
    },
  };
  return { ok: true, next, effects: [record, ...out.effects] };
}

/** Open duties, including stuck ones. */
export const openRoundDuties = (c: RoundContext): RoundDuty[] => c.duties.filter((d) => d.state === 'open');

/** The alarms the host keeps: one timer per open duty at its next ladder step. */
export const roundAlarms = (c: RoundContext): Map<string, string> =>
  new Map(
    openRoundDuties(c).flatMap((d) => (d.nextAlarmAt ? [[d.id, d.nextAlarmAt] as [string, string]] : [])),
  );

/** Event types this principal may send now (the console offers them). */
export function roundEventsFor(c: RoundContext, p: Principal): RoundEventType[] {
  return (Object.keys(SPECS) as RoundEventType[]).filter((t) => {
    const spec = SPECS[t];
    if (!spec.in.includes(c.status) || p.role === 'auditor' || p.role === 'system') return false;
    if (t === 'round.launch.finish' || t === 'deadline.reached') return false;
    if (p.role === 'org_admin') return asOrg(c, p);
    if (t.startsWith('round.application'))
      return p.role === 'receiving_officer' && c.invited.receiving.includes(p.unit);
    if (t.startsWith('round.recommendation'))
      return p.role === 'sending_officer' && c.invited.sending.includes(p.unit);
    return false;
  });
}
