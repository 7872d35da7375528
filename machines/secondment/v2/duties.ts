// Duties: every obligation has an owner, an absolute due time and the next alarm the host must
// arm. The escalation ladder (提醒 → 逾期 → 单位负责人督办 → 组织部督办 → 停滞) is decided here from
// the policy; the host only keeps one timer per duty at nextAlarmAt. A planned duty's alarm is the
// moment it opens.
import { addDuration, type Due } from './clock';
import {
  LADDER_STEPS,
  type Duty,
  type DutyState,
  type LadderStep,
  type Owner,
  type SecondmentContext,
} from './context';
import { ownerUnit, type Draft } from './draft';
import type { Duration } from './policy/schema';
import type { Role } from './roles';
import { ms } from './time';
import type { DutyKind } from './vocabulary';

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
  'service.leaveReturn': 'cadre',
  'service.sendingTaskDecision': 'org_admin',
  'service.breachResponse': 'sending_officer',
  'service.breachFollowUp': 'org_admin',
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
  'posting.election': () => ({
    zh: '召开人代会选举并登记结果',
    en: 'hold the people’s congress election and record the result',
  }),
  'posting.appointment': () => ({ zh: '任职文件报组织部备案', en: 'file the appointment documents' }),
  'posting.unitedFront': () => ({
    zh: '确认收到党外干部任职文件及选举结果抄送',
    en: 'acknowledge the copies for a non-CPC cadre',
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
  'service.firstHalfRecord': (n) => ({
    zh: `向接收单位提供干部${n}年挂职前的工作表现情况`,
    en: `give the receiving unit the cadre’s ${n} record before the secondment`,
  }),
  'service.annualAssessment': (n) => ({ zh: `${n}年度考核`, en: `${n} annual assessment` }),
  'service.termEnd': () => ({ zh: '挂职期满，启动期满考核', en: 'term ends: start the final assessment' }),
  'service.leaveDecision': () => ({ zh: '审批请假申请', en: 'decide the leave request' }),
  'service.leaveReturn': () => ({ zh: '假期结束按时销假', en: 'report back when the leave ends' }),
  'service.sendingTaskDecision': () => ({
    zh: '审批派出单位临时使用申请',
    en: 'decide the sending-unit task request',
  }),
  'service.breachResponse': () => ({
    zh: '说明擅自安排挂职干部工作的情况并整改',
    en: 'explain and stop assigning the cadre work without approval',
  }),
  'service.breachFollowUp': () => ({
    zh: '核实处理派出单位擅自安排工作问题',
    en: 'follow up the report of unapproved work',
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
  'return.party': () => ({
    zh: '党组织关系转出临时党支部',
    en: 'move the party relation out of the temporary branch',
  }),
  'return.post': () => ({ zh: '安排回原单位工作', en: 'arrange the cadre’s work back home' }),
  'tracking.review': () => ({ zh: '报告跟踪培养情况', en: 'report on the follow-up tracking' }),
};

/** What a duty of this kind (and period number) asks, zh and en. */
export const dutyText = (kind: DutyKind, n?: number) => DUTY_TEXT[kind](n);

export function ownerOf(c: Ctx, kind: DutyKind): Owner {
  const role = DUTY_OWNER_ROLE[kind];
  return role === 'cadre'
    ? { role, unit: ownerUnit(c, role), personId: c.cadre.id }
    : { role, unit: ownerUnit(c, role) };
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

export const dueAfter = (c: Ctx, from: string, d: Duration, sign: 1 | -1 = 1): Due =>
  addDuration(from, d, c.policy, c.calendar, sign);

export function stepTime(c: Ctx, d: Duty, step: LadderStep): string {
  const e = c.policy.escalation;
  switch (step) {
    case 'reminder':
      return dueAfter(c, d.dueAt, e.reminderBefore, -1).at;
    case 'overdue':
      return dueAfter(c, d.dueAt, e.overdueAfter).at;
    case 'unitHead':
      return dueAfter(c, d.dueAt, e.unitHeadAfter).at;
    case 'orgDept':
      return dueAfter(c, d.dueAt, e.orgDeptAfter).at;
    case 'stuck':
      return dueAfter(c, d.dueAt, e.stuckAfter).at;
  }
}

/** The duty with nextAlarmAt at its next step; a reminder whose moment has passed is skipped. */
export function armed(c: Ctx, d: Duty, now: string): Duty {
  if ((d.state !== 'open' && d.state !== 'planned') || d.pausedAt !== null || d.stuck)
    return d.nextAlarmAt === null ? d : { ...d, nextAlarmAt: null };
  if (d.state === 'planned') return { ...d, nextAlarmAt: d.opensAt };
  if (d.milestone) return { ...d, nextAlarmAt: d.dueAt };
  let ladder = d.ladder;
  if (ladder === 0 && ms(stepTime(c, d, 'reminder')) <= ms(now)) ladder = 1;
  const step = LADDER_STEPS[ladder];
  return { ...d, ladder, nextAlarmAt: step ? stepTime(c, { ...d, ladder }, step) : null };
}

export interface NewDuty {
  key: string;
  kind: DutyKind;
  due: Due;
  n?: number;
  owner?: Owner;
  milestone?: boolean;
  periodEnd?: string;
  /** Opens later (its window): until then it is planned. */
  opensAt?: string;
}

export function openDuty(d: Draft, spec: NewDuty): Duty {
  const c = d.c;
  const counter = c.counters.duty + 1;
  d.set({ counters: { ...c.counters, duty: counter } });
  const planned = spec.opensAt !== undefined && ms(spec.opensAt) > ms(d.now);
  const duty: Duty = armed(
    d.c,
    {
      id: `d${counter}:${spec.key}`,
      key: spec.key,
      kind: spec.kind,
      what: DUTY_TEXT[spec.kind](spec.n),
      owner: spec.owner ?? ownerOf(c, spec.kind),
      createdAt: d.now,
      state: planned ? 'planned' : 'open',
      opensAt: planned ? (spec.opensAt ?? null) : null,
      dueAt: spec.due.at,
      nextAlarmAt: null,
      ladder: 0,
      escalations: [],
      stuck: false,
      pausedAt: null,
      closedAt: null,
      periodEnd: spec.periodEnd ?? null,
      milestone: spec.milestone ?? false,
      basis: spec.due.basis,
      calendarVersion: spec.due.calendarVersion,
      provisional: spec.due.provisional,
    },
    d.now,
  );
  d.addDuty(duty);
  return duty;
}

/** A duty due its policy duration after `from` (default: now). */
export function openTimedDuty(
  d: Draft,
  kind: DutyKind,
  opts: { key?: string; n?: number; from?: string } = {},
): Duty {
  const spec: NewDuty = {
    key: opts.key ?? kind,
    kind,
    due: dueAfter(d.c, opts.from ?? d.now, durationFor(d.c, kind)),
  };
  if (opts.n !== undefined) spec.n = opts.n;
  return openDuty(d, spec);
}

const live = (x: Duty): boolean => x.state === 'open' || x.state === 'planned';
export const isLive = live;

/** The open (or planned) duty with this key. */
export const findLive = (c: Ctx, key: string): Duty | undefined =>
  c.duties.find((x) => x.key === key && live(x));
export const findOpen = (c: Ctx, key: string): Duty | undefined =>
  c.duties.find((x) => x.key === key && x.state === 'open');
export const findById = (c: Ctx, id: string): Duty | undefined => c.duties.find((x) => x.id === id);
export const hasDuty = (c: Ctx, key: string): boolean => c.duties.some((x) => x.key === key);
export const openDutiesOf = (c: Ctx): Duty[] => c.duties.filter((x) => x.state === 'open');
export const liveDutiesOf = (c: Ctx): Duty[] => c.duties.filter(live);

export const closed = (x: Duty, state: Exclude<DutyState, 'open' | 'planned'>, now: string): Duty => ({
  ...x,
  state,
  closedAt: now,
  nextAlarmAt: null,
  pausedAt: null,
});

export function closeByKey(d: Draft, key: string, state: 'done' | 'waived' | 'lapsed'): void {
  const x = findLive(d.c, key);
  if (x) d.updateDuty(x.id, (y) => closed(y, state, d.now));
}

export function lapseWhere(d: Draft, pick: (x: Duty) => boolean): void {
  d.updateDuties(
    (x) => live(x) && pick(x),
    (x) => closed(x, 'lapsed', d.now),
  );
}

/** Opens a planned duty whose window has come (by its alarm, or by an early-arriving report). */
export function opened(c: Ctx, x: Duty, now: string): Duty {
  return x.state === 'planned' ? armed(c, { ...x, state: 'open', opensAt: null, nextAlarmAt: null }, now) : x;
}
