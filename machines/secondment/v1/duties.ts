// Duties: every open obligation has an owner, an absolute due time and the next alarm the host
// must arm. The escalation ladder (提醒 → 逾期 → 单位负责人督办 → 组织部督办 → 停滞) is decided
// here from the policy; the host only keeps one timer per duty at nextAlarmAt.
import { addDuration } from './calendar';
import { LADDER_STEPS, type Duty, type LadderStep, type Owner, type SecondmentContext } from './context';
import type { Duration } from './policy/schema';
import type { Role } from './roles';
import type { DutyKind } from './vocabulary';
import { iso, ms } from './time';

type Ctx = SecondmentContext;

export const DUTY_OWNER_ROLE: Record<DutyKind, Role> = {
  'approval.decide': 'org_admin',
  'posting.post': 'receiving_officer',
  'posting.election': 'receiving_officer',
  'posting.appointment': 'receiving_officer',
  'posting.unitedFront': 'united_front',
  'posting.party': 'cadre',
  'posting.introduction': 'sending_officer',
  'posting.mentor': 'receiving_officer',
  'posting.duties': 'receiving_officer',
  'posting.arrival': 'receiving_officer',
  'service.quarterly': 'cadre',
  'service.halfYearReport': 'cadre',
  'service.halfYearAssessment': 'org_admin',
  'service.contact': 'sending_officer',
  'service.firstHalfRecord': 'sending_officer',
  'service.annualAssessment': 'receiving_officer',
  'service.termEnd': 'org_admin',
  'service.leaveDecision': 'receiving_officer',
  'service.sendingTaskDecision': 'org_admin',
  'extension.consent': 'sending_officer',
  'extension.decision': 'org_admin',
  'recall.consent': 'receiving_officer',
  'hold.review': 'org_admin',
  'final.summary': 'cadre',
  'final.appraisal': 'receiving_officer',
  'final.inspection': 'sending_officer',
  'final.democratic': 'org_admin',
  'final.grade': 'org_admin',
  'final.disposition': 'org_admin',
  'return.handover': 'cadre',
  'return.party': 'cadre',
  'return.post': 'sending_officer',
  'tracking.review': 'sending_officer',
};

const DUTY_TEXT: Record<DutyKind, (n: number | undefined) => { zh: string; en: string }> = {
  'approval.decide': () => ({ zh: '审批挂职推荐', en: 'decide on the nomination' }),
  'posting.post': () => ({ zh: '安排挂职岗位（职务、层级）', en: 'arrange the post (title and level)' }),
  'posting.election': () => ({ zh: '组织选举并登记结果', en: 'hold the election and record the result' }),
  'posting.appointment': () => ({ zh: '任职文件报组织部备案', en: 'file the appointment documents' }),
  'posting.unitedFront': () => ({
    zh: '确认收到党外干部任职文件抄送',
    en: 'acknowledge the copy for a non-CPC cadre',
  }),
  'posting.party': () => ({
    zh: '党组织关系转入临时党支部',
    en: 'transfer the party relation to the temporary branch',
  }),
  'posting.introduction': () => ({ zh: '出具介绍信及干部情况', en: 'send the letter of introduction' }),
  'posting.mentor': () => ({ zh: '明确传帮带联系人', en: 'name a mentor' }),
  'posting.duties': () => ({ zh: '明确具体工作分工', en: 'assign concrete duties' }),
  'posting.arrival': () => ({ zh: '确认干部全脱产到岗', en: 'confirm the cadre is on post full time' }),
  'service.quarterly': (n) => ({
    zh: `第${n}季度学习、工作、生活汇报`,
    en: `quarter ${n} report (study, work, life)`,
  }),
  'service.halfYearReport': (n) => ({
    zh: `第${n}个半年思想和工作汇报`,
    en: `half-year ${n} thought-and-work report`,
  }),
  'service.halfYearAssessment': (n) => ({ zh: `第${n}个半年考核`, en: `half-year ${n} assessment` }),
  'service.contact': (n) => ({
    zh: `第${n}个半年派出单位联系了解干部情况`,
    en: `half-year ${n} sending-unit contact`,
  }),
  'service.firstHalfRecord': () => ({
    zh: '向接收单位提供干部上半年表现情况',
    en: 'give the receiving unit the first-half record',
  }),
  'service.annualAssessment': (n) => ({ zh: `第${n}年度考核`, en: `year ${n} annual assessment` }),
  'service.termEnd': () => ({ zh: '挂职期满，启动期满考核', en: 'term ends: start the final assessment' }),
  'service.leaveDecision': () => ({ zh: '审批请假申请', en: 'decide the leave request' }),
  'service.sendingTaskDecision': () => ({
    zh: '审批派出单位临时使用申请',
    en: 'decide the sending-unit task request',
  }),
  'extension.consent': () => ({ zh: '答复延期申请', en: 'answer the extension request' }),
  'extension.decision': () => ({ zh: '审批延期', en: 'decide the extension' }),
  'recall.consent': () => ({ zh: '答复召回申请', en: 'answer the recall request' }),
  'hold.review': () => ({ zh: '复核暂停案件', en: 'review the case on hold' }),
  'final.summary': () => ({ zh: '提交挂职工作总结', en: 'submit the end-of-term work summary' }),
  'final.appraisal': () => ({
    zh: '出具鉴定（思想、工作、学习、生活、廉洁）',
    en: 'write the appraisal (thought, work, study, life, integrity)',
  }),
  'final.inspection': () => ({ zh: '派人考察挂职表现', en: 'inspect the cadre’s performance' }),
  'final.democratic': () => ({ zh: '组织民主测评', en: 'hold the democratic evaluation' }),
  'final.grade': () => ({ zh: '综合评定考核等次', en: 'decide the final grade' }),
  'final.disposition': () => ({ zh: '决定返回原单位或提拔任用', en: 'decide return or promotion' }),
  'return.handover': () => ({ zh: '完成工作交接', en: 'hand over the work' }),
  'return.party': () => ({ zh: '党组织关系转回', en: 'return the party relation' }),
  'return.post': () => ({ zh: '安排回原单位工作', en: 'arrange the cadre’s work back home' }),
  'tracking.review': () => ({ zh: '报告跟踪培养情况', en: 'report on the follow-up tracking' }),
};

export function ownerUnit(c: Ctx, role: Role): string {
  switch (role) {
    case 'org_admin':
      return c.orgUnit;
    case 'sending_officer':
      return c.sendingUnit;
    case 'united_front':
      return c.unitedFrontUnit;
    case 'receiving_officer':
    case 'cadre':
      return c.receivingUnit;
    default:
      return 'system';
  }
}

/** Kind rule beats programme rule beats the policy's default duration. */
export function durationFor(c: Ctx, kind: DutyKind): Duration {
  const p = c.policy;
  return (
    p.kinds[c.kind].durationOverrides[kind] ??
    p.programmes[c.programme]?.durationOverrides[kind] ??
    p.durations[kind]
  );
}

export function stepTime(c: Ctx, d: Duty, step: LadderStep): string {
  const e = c.policy.escalation;
  switch (step) {
    case 'reminder':
      return addDuration(d.dueAt, e.reminderBefore, c.policy, -1);
    case 'overdue':
      return addDuration(d.dueAt, e.overdueAfter, c.policy);
    case 'unitHead':
      return addDuration(d.dueAt, e.unitHeadAfter, c.policy);
    case 'orgDept':
      return addDuration(d.dueAt, e.orgDeptAfter, c.policy);
    case 'stuck':
      return addDuration(d.dueAt, e.stuckAfter, c.policy);
  }
}

/** Point nextAlarmAt at the duty's next ladder step; a reminder whose moment has passed is skipped. */
export function arm(c: Ctx, d: Duty, now: string): void {
  if (d.state !== 'open' || d.pausedAt !== null || d.stuck) {
    d.nextAlarmAt = null;
    return;
  }
  if (d.milestone) {
    d.nextAlarmAt = d.dueAt;
    return;
  }
  if (d.ladder === 0 && ms(stepTime(c, d, 'reminder')) <= ms(now)) d.ladder = 1;
  const step = LADDER_STEPS[d.ladder];
  d.nextAlarmAt = step ? stepTime(c, d, step) : null;
}

export interface NewDuty {
  key: string;
  kind: DutyKind;
  dueAt: string;
  n?: number;
  owner?: Owner;
  milestone?: boolean;
  periodEnd?: string;
}

export function openDuty(c: Ctx, spec: NewDuty, now: string): Duty {
  c.counters.duty += 1;
  const role = DUTY_OWNER_ROLE[spec.kind];
  const d: Duty = {
    id: `d${c.counters.duty}:${spec.key}`,
    key: spec.key,
    kind: spec.kind,
    what: DUTY_TEXT[spec.kind](spec.n),
    owner: spec.owner ?? { role, unit: ownerUnit(c, role) },
    createdAt: now,
    dueAt: spec.dueAt,
    nextAlarmAt: null,
    ladder: 0,
    escalations: [],
    state: 'open',
    stuck: false,
    pausedAt: null,
    closedAt: null,
    periodEnd: spec.periodEnd ?? null,
    milestone: spec.milestone ?? false,
  };
  arm(c, d, now);
  c.duties.push(d);
  return d;
}

/** A duty due a policy duration after `from` (default: now). */
export function openTimedDuty(
  c: Ctx,
  kind: DutyKind,
  now: string,
  opts: { key?: string; n?: number; from?: string } = {},
): Duty {
  const spec: NewDuty = {
    key: opts.key ?? kind,
    kind,
    dueAt: addDuration(opts.from ?? now, durationFor(c, kind), c.policy),
  };
  if (opts.n !== undefined) spec.n = opts.n;
  return openDuty(c, spec, now);
}

export const findOpen = (c: Ctx, key: string): Duty | undefined =>
  c.duties.find((d) => d.key === key && d.state === 'open');
export const findById = (c: Ctx, id: string): Duty | undefined => c.duties.find((d) => d.id === id);
export const hasDuty = (c: Ctx, key: string): boolean => c.duties.some((d) => d.key === key);

export function closeDuty(d: Duty, state: 'done' | 'waived' | 'lapsed', now: string): void {
  d.state = state;
  d.closedAt = now;
  d.nextAlarmAt = null;
  d.pausedAt = null;
}

export function closeByKey(c: Ctx, key: string, state: 'done' | 'waived' | 'lapsed', now: string): void {
  const d = findOpen(c, key);
  if (d) closeDuty(d, state, now);
}

export function lapseAllOpen(c: Ctx, now: string, filter: (d: Duty) => boolean = () => true): void {
  for (const d of c.duties) if (d.state === 'open' && filter(d)) closeDuty(d, 'lapsed', now);
}

export function pauseAll(c: Ctx, now: string): void {
  for (const d of c.duties)
    if (d.state === 'open') {
      d.pausedAt = now;
      d.nextAlarmAt = null;
    }
}

/** On resume every paused due date moves by the time spent on hold (decision documented in lifecycle.md). */
export function resumeAll(c: Ctx, heldMs: number, now: string): void {
  for (const d of c.duties)
    if (d.state === 'open' && d.pausedAt !== null) {
      d.dueAt = iso(ms(d.dueAt) + heldMs);
      if (d.periodEnd !== null) d.periodEnd = iso(ms(d.periodEnd) + heldMs);
      d.pausedAt = null;
      arm(c, d, now);
    }
}

export const openDutiesOf = (c: Ctx): Duty[] => c.duties.filter((d) => d.state === 'open');
