// The chart's guards, named after the rules. Each is cheap (a look at the context and the event)
// and knows how to say no: the statechart uses `test`, and checkEvent walks the same guards of the
// same edges to tell a person which rule refused them. Kinds:
//   base      every edge: well-formed, in time order, sent by someone permitted
//   facts     the host's facts are attached (approval quota, holiday table)
//   rule      a rule of the practice; its refusal names the rule
//   selector  picks one of an event's branches (an elected post, a consent given); no refusal
//   condition guards an eventless transition (the checklist is complete)
import { excellentSuggested, gradeBand } from './assessment';
import { civilDate, startOfDate } from './clock';
import type { Duty, SecondmentContext } from './context';
import { dueAfter, findById, findLive, isLive } from './duties';
import { eventSchemas, type EventOf, type EventType, type SecondmentEvent } from './events';
import { authorize } from './permissions';
import { postingComplete, returnComplete } from './progress';
import { refuse, violation, type Refusal } from './refusal';
import { ms } from './time';
import { gradeLabels, NEVER_WAIVABLE, POST_TYPES, rankLabels, type DutyKind } from './vocabulary';
import type { ForceEdge, StatusCode } from './status';
import { calendarYearsFor } from './input';
import { trackingEnd } from './plans';
import { missingFinalInputs } from './scoring';

type Ctx = SecondmentContext;
type Ev = SecondmentEvent;
type Params = Record<string, string> | undefined;
export type GuardKind = 'base' | 'facts' | 'rule' | 'selector' | 'condition';

export interface GuardSpec {
  kind: GuardKind;
  /** Reads the event's payload or time (so it cannot be judged before someone sends it). */
  payload: boolean;
  test: (c: Ctx, e: Ev, p: Params) => boolean;
  refusal?: (c: Ctx, e: Ev, p: Params) => Refusal;
  /** How the diagram names it when it takes a parameter. */
  label?: (p: Params) => string;
}

const as = <K extends EventType>(e: Ev) => e as EventOf<K>;
const live = (c: Ctx, key: string): Duty | undefined => findLive(c, key);

const schemaMemo = new WeakMap<object, string | null>();
/** Null when the event matches its schema, else the first issues (memoised per event object). */
export function schemaIssues(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return '(event): expected an object';
  const hit = schemaMemo.get(e);
  if (hit !== undefined) return hit;
  const type = (e as { type?: unknown }).type;
  const schema = typeof type === 'string' ? eventSchemas[type as EventType] : undefined;
  let issues: string | null;
  if (!schema) issues = `type: unknown event type ${JSON.stringify(type)}`;
  else {
    const r = schema.safeParse(e);
    issues = r.success
      ? null
      : r.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
          .join('; ');
  }
  schemaMemo.set(e, issues);
  return issues;
}

const owed = (kind: DutyKind, zh: string, en: string): GuardSpec => ({
  kind: 'rule',
  payload: false,
  test: (c) => live(c, kind) !== undefined,
  refusal: () =>
    violation('posting.itemDone', `「${zh}」已办理或当前无需办理`, `"${en}" is done or not owed now`),
});

/** Which period an event names and which duty kind it discharges. */
export const PERIODIC_EVENTS = {
  'service.quarterly.submit': {
    kind: 'service.quarterly',
    n: (e: Ev) => as<'service.quarterly.submit'>(e).quarter,
  },
  'service.halfYear.report': {
    kind: 'service.halfYearReport',
    n: (e: Ev) => as<'service.halfYear.report'>(e).half,
  },
  'service.halfYear.assess': {
    kind: 'service.halfYearAssessment',
    n: (e: Ev) => as<'service.halfYear.assess'>(e).half,
  },
  'service.contact.log': { kind: 'service.contact', n: (e: Ev) => as<'service.contact.log'>(e).half },
  'service.annual.assess': {
    kind: 'service.annualAssessment',
    n: (e: Ev) => as<'service.annual.assess'>(e).year,
  },
} as const satisfies Partial<Record<EventType, { kind: DutyKind; n: (e: Ev) => number }>>;
type PeriodicEvent = keyof typeof PERIODIC_EVENTS;
const periodDuty = (c: Ctx, e: Ev): Duty | undefined => {
  const spec = PERIODIC_EVENTS[e.type as PeriodicEvent];
  return spec ? live(c, `${spec.kind}/${spec.n(e)}`) : undefined;
};
const windowOpen = (d: Duty, at: string) =>
  d.state === 'open' || (d.opensAt !== null && ms(d.opensAt) <= ms(at));

const leaveOf = (c: Ctx, id: string) => c.leaves.find((l) => l.id === id);
const breachOf = (c: Ctx, id: string) => c.breaches.find((b) => b.id === id);
const unknownRequest = (what: string, en: string, id: string) =>
  violation('service.unknownRequest', `没有待办的${what}${id}`, `No pending ${en} ${id}`);

function dutyForAdmin(c: Ctx, e: Ev): Duty | Refusal {
  const id = (e as { dutyId?: string }).dutyId ?? '';
  const d = findById(c, id);
  if (d && isLive(d)) return d;
  return refuse('UNKNOWN_DUTY', 'admin.unknownDuty', `没有未完成事项${id}`, `No open duty ${id}`);
}
const isRefusal = (x: Duty | Refusal): x is Refusal => 'ok' in x;

export const GUARDS = {
  wellFormed: {
    kind: 'base',
    payload: true,
    test: (_c, e) => schemaIssues(e) === null,
    refusal: (_c, e) => {
      const issues = schemaIssues(e) ?? '';
      return refuse('INVALID_EVENT', 'event.schema', `事件格式错误：${issues}`, `Malformed event: ${issues}`);
    },
  },
  inOrder: {
    kind: 'base',
    payload: true,
    test: (c, e) => ms(e.at) >= ms(c.lastAt),
    refusal: (c, e) =>
      refuse(
        'TIME_ORDER',
        'time.order',
        `事件时间${e.at}早于上一事件${c.lastAt}`,
        `Event time ${e.at} is before the last event ${c.lastAt}`,
      ),
  },
  permitted: {
    kind: 'base',
    payload: true,
    test: (c, e) => authorize(c, e.type, e.actor) === null,
    refusal: (c, e) => authorize(c, e.type, e.actor) as Refusal,
  },
  hasFacts: {
    kind: 'facts',
    payload: true,
    test: (_c, e) => (e as { facts?: unknown }).facts !== undefined,
    refusal: () =>
      refuse(
        'INVALID_EVENT',
        'event.facts',
        '缺少系统查询的事实（名额或节假日安排）',
        'The host did not attach its facts (quota or holiday table)',
      ),
  },

  // 审批
  eligible: {
    kind: 'rule',
    payload: false,
    test: (c) => c.eligibility.ok,
    refusal: (c) =>
      violation(
        'nomination.eligibility',
        `被推荐人不符合选派条件：${c.eligibility.failures.map((f) => f.zh).join('；')}。组织部只能不予批准`,
        `The nominee is not eligible: ${c.eligibility.failures.map((f) => f.en).join('; ')}. The organization department can only reject`,
      ),
  },
  differentUnits: {
    kind: 'rule',
    payload: true,
    test: (c, e) => (as<'approval.approve'>(e).receivingUnit ?? c.requestedReceivingUnit) !== c.sendingUnit,
    refusal: (c, e) => {
      const unit = as<'approval.approve'>(e).receivingUnit ?? c.requestedReceivingUnit;
      return violation(
        'approval.unit',
        `接收单位${unit}与派出单位相同`,
        `Receiving unit ${unit} is the sending unit`,
      );
    },
  },
  withinQuota: {
    kind: 'rule',
    payload: true,
    test: (_c, e) => {
      const intake = as<'approval.approve'>(e).facts?.intake;
      return (
        intake !== undefined &&
        (intake.quota === null || (intake.reserved && intake.approvedBefore < intake.quota))
      );
    },
    refusal: (c, e) => {
      const ev = as<'approval.approve'>(e);
      const unit = ev.receivingUnit ?? c.requestedReceivingUnit;
      const i = ev.facts?.intake;
      return violation(
        'approval.quota',
        `接收单位${unit}名额${i?.quota ?? '—'}人，已批准${i?.approvedBefore ?? '—'}人，名额已满`,
        `Receiving unit ${unit} has a quota of ${i?.quota ?? '—'} and ${i?.approvedBefore ?? '—'} already approved`,
      );
    },
  },

  // 任职准备
  postOwed: owed('posting.post', '安排挂职岗位', 'arrange the post'),
  postLevelExplained: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const expected = c.policy.kinds[c.kind].expectedPostLevel;
      const ev = as<'posting.post.arrange'>(e);
      return expected === null || ev.level === expected || ev.levelReason !== undefined;
    },
    refusal: (c, e) => {
      const expected = c.policy.kinds[c.kind].expectedPostLevel ?? 'deputy_section';
      const level = as<'posting.post.arrange'>(e).level;
      return violation(
        'posting.postLevel',
        `挂职岗位层级为${rankLabels[level].zh}，一般应为${rankLabels[expected].zh}，须说明理由（levelReason）`,
        `The post is at ${rankLabels[level].en}, usually ${rankLabels[expected].en}: give levelReason`,
      );
    },
  },
  electionRequired: {
    kind: 'selector',
    payload: true,
    test: (_c, e) => POST_TYPES[as<'posting.post.arrange'>(e).postType].elected,
  },
  electionOwed: {
    kind: 'rule',
    payload: false,
    test: (c) => live(c, 'posting.election') !== undefined,
    refusal: () =>
      violation(
        'posting.order',
        '只有须经选举的职务才登记选举结果',
        'An election result is recorded only for a post that needs an election',
      ),
  },
  votesAddUp: {
    kind: 'rule',
    payload: true,
    test: (_c, e) => {
      const ev = as<'posting.election.record'>(e);
      return ev.votesTotal > 0 && ev.votesFor <= ev.votesTotal;
    },
    refusal: (_c, e) => {
      const ev = as<'posting.election.record'>(e);
      return violation(
        'posting.votes',
        `得票${ev.votesFor}/${ev.votesTotal}不合理`,
        `Votes ${ev.votesFor}/${ev.votesTotal} do not add up`,
      );
    },
  },
  electionWon: { kind: 'selector', payload: true, test: (_c, e) => as<'posting.election.record'>(e).elected },
  appointmentOwed: {
    kind: 'rule',
    payload: false,
    test: (c) => live(c, 'posting.appointment') !== undefined,
    refusal: (c) =>
      violation(
        'posting.order',
        c.posting.appointmentNo !== null
          ? '任职文件已备案'
          : '须先安排岗位（选举职务须先当选）才能备案任职文件',
        c.posting.appointmentNo !== null
          ? 'The appointment is already filed'
          : 'Arrange the post (and win the election, if elected) before filing the appointment',
      ),
  },
  nonCpcCadre: { kind: 'selector', payload: false, test: (c) => !c.cadre.cpcMember },
  copyOwed: {
    kind: 'rule',
    payload: false,
    test: (c) => !c.cadre.cpcMember && live(c, 'posting.unitedFront') !== undefined,
    refusal: (c) =>
      c.cadre.cpcMember
        ? violation(
            'posting.unitedFront',
            '该干部为中共党员，无需统战部确认',
            'The cadre is a CPC member; no united front copy',
          )
        : violation(
            'posting.order',
            c.posting.unitedFrontAckAt ? '统战部已确认' : '任职文件尚未备案，无可确认的抄送',
            c.posting.unitedFrontAckAt
              ? 'Already acknowledged'
              : 'Nothing to acknowledge: the appointment is not filed yet',
          ),
  },
  cpcCadre: {
    kind: 'rule',
    payload: false,
    test: (c) => c.cadre.cpcMember,
    refusal: () =>
      violation(
        'posting.party',
        '党外干部无需转党组织关系',
        'A non-CPC cadre has no party relation to transfer',
      ),
  },
  partyTransferOwed: owed('posting.party', '转入临时党支部', 'party transfer'),
  introductionOwed: owed('posting.introduction', '出具介绍信', 'letter of introduction'),
  mentorOwed: owed('posting.mentor', '明确传帮带联系人', 'mentor'),
  dutiesOwed: owed('posting.duties', '明确工作分工', 'duties'),
  arrivalOwed: owed('posting.arrival', '确认到岗', 'arrival'),
  concreteDuties: {
    kind: 'rule',
    payload: true,
    // "只给挂职干部分配一些无关紧要的工作": a one-word portfolio is not a real assignment
    test: (_c, e) => as<'posting.duties.assign'>(e).portfolio.trim().length >= 6,
    refusal: () =>
      violation(
        'posting.realDuties',
        '分工描述过于笼统（至少6个字）',
        'The portfolio is too vague (6 characters at least)',
      ),
  },
  fullTime: {
    kind: 'rule',
    payload: true,
    test: (_c, e) => as<'posting.arrival.confirm'>(e).fullTime,
    refusal: () =>
      violation(
        'posting.fullTime',
        '干部未全脱产到岗（半到位），不能确认到岗',
        'The cadre is not on post full time (half on post)',
      ),
  },
  arrivalDateValid: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const on = as<'posting.arrival.confirm'>(e).arrivedOn;
      return ms(startOfDate(on, c.policy)) <= ms(e.at) && (c.plannedTerm === null || on < c.plannedTerm.end);
    },
    refusal: (c, e) => {
      const on = as<'posting.arrival.confirm'>(e).arrivedOn;
      return ms(startOfDate(on, c.policy)) > ms(e.at)
        ? violation('posting.arrivalDate', `到岗日期${on}晚于今天`, `Arrival date ${on} is in the future`)
        : violation(
            'posting.arrivalDate',
            `到岗日期${on}不早于挂职期满日${c.plannedTerm?.end}`,
            `Arrival date ${on} is not before the planned term end ${c.plannedTerm?.end}`,
          );
    },
  },
  postingComplete: { kind: 'condition', payload: false, test: (c) => postingComplete(c) },

  // 强制变更
  forceTo: {
    kind: 'selector',
    payload: true,
    test: (_c, e, p) => as<'admin.case.force'>(e).to === p?.to,
    label: (p) => `forceTo(${p?.to})`,
  },
  forceAllowed: {
    kind: 'rule',
    payload: false,
    test: (c, _e, p) => c.policy.forcedTransitions.includes(`${p?.from}->${p?.to}` as ForceEdge),
    refusal: (c, _e, p) =>
      violation(
        'admin.forceEdge',
        `政策不允许从${p?.from}强制变更为${p?.to}（允许：${c.policy.forcedTransitions.join('，') || '无'}）`,
        `The policy does not allow ${p?.from} → ${p?.to} (allowed: ${c.policy.forcedTransitions.join(', ') || 'none'})`,
      ),
    label: (p) => `forceAllowed(${p?.from}→${p?.to})`,
  },

  // 挂职期间
  termEndDue: {
    kind: 'selector',
    payload: true,
    test: (c, e) => {
      const d = findById(c, as<'deadline.reached'>(e).dutyId);
      return (
        d !== undefined &&
        d.milestone &&
        d.state === 'open' &&
        d.nextAlarmAt !== null &&
        ms(d.nextAlarmAt) <= ms(e.at)
      );
    },
  },
  finalWindowOpen: {
    kind: 'rule',
    payload: true,
    test: (c, e) => ms(e.at) >= ms(dueAfter(c, c.termEnd ?? e.at, c.policy.service.finalOpenLead, -1).at),
    refusal: (c, e) => {
      const earliest = dueAfter(c, c.termEnd ?? e.at, c.policy.service.finalOpenLead, -1).at;
      return violation(
        'final.tooEarly',
        `期满考核最早于${earliest}启动`,
        `The final assessment can start from ${earliest}`,
      );
    },
  },
  noPendingNegotiation: {
    kind: 'rule',
    payload: false,
    test: (c) => c.extensionRequest === null && c.recallRequest === null,
    refusal: () =>
      violation(
        'final.negotiationPending',
        '延期或召回协商未结束',
        'An extension or recall is still being negotiated',
      ),
  },
  rotationAllowed: {
    kind: 'rule',
    payload: false,
    test: (c) =>
      c.policy.kinds[c.kind].rotationAllowed &&
      c.termMonths + c.extensionMonths >= c.policy.service.rotationMinTermMonths,
    refusal: (c) =>
      c.policy.kinds[c.kind].rotationAllowed
        ? violation(
            'service.rotation',
            `挂职期${c.termMonths + c.extensionMonths}个月，少于${c.policy.service.rotationMinTermMonths}个月，不安排轮岗`,
            `The term (${c.termMonths + c.extensionMonths} months) is shorter than ${c.policy.service.rotationMinTermMonths}`,
          )
        : violation('service.rotation', '该挂职类型不安排轮岗', 'This kind of secondment has no rotation'),
  },
  withinExtensionLimit: {
    kind: 'rule',
    payload: true,
    test: (c, e) =>
      c.extensionMonths + as<'extension.request'>(e).months <= c.policy.service.extensionMaxTotalMonths,
    refusal: (c, e) => {
      const max = c.policy.service.extensionMaxTotalMonths;
      const m = as<'extension.request'>(e).months;
      return violation(
        'extension.limit',
        `已延期${c.extensionMonths}个月，再延${m}个月超过上限${max}个月`,
        `Already extended ${c.extensionMonths} months; ${m} more exceeds ${max}`,
      );
    },
  },
  extensionAskedInTime: {
    kind: 'rule',
    payload: true,
    test: (c, e) =>
      ms(e.at) <= ms(dueAfter(c, c.termEnd ?? e.at, c.policy.service.extensionRequestLead, -1).at),
    refusal: (c, e) => {
      const latest = dueAfter(c, c.termEnd ?? e.at, c.policy.service.extensionRequestLead, -1).at;
      return violation(
        'extension.lead',
        `延期申请须在${latest}前提出`,
        `An extension had to be asked before ${latest}`,
      );
    },
  },
  recallForPromotion: {
    kind: 'selector',
    payload: true,
    test: (_c, e) => as<'recall.request'>(e).ground === 'promotion',
  },
  recallForCampaign: {
    kind: 'selector',
    payload: true,
    test: (_c, e) => as<'recall.request'>(e).ground === 'campaign',
  },
  recallOnOtherGround: {
    kind: 'selector',
    payload: true,
    test: (_c, e) => as<'recall.request'>(e).ground === 'other',
  },
  recallDocumented: {
    kind: 'rule',
    payload: true,
    test: (_c, e) => as<'recall.request'>(e).reference !== undefined,
    refusal: (_c, e) =>
      as<'recall.request'>(e).ground === 'promotion'
        ? violation(
            'recall.ground',
            '因提拔召回须提供提拔决定文号',
            'Recall for promotion needs the promotion decision reference',
          )
        : violation(
            'recall.ground',
            '因专项任务召回须提供任务文件文号',
            'Recall for a campaign needs the mandate reference',
          ),
  },
  promotionDetailsGiven: {
    kind: 'rule',
    payload: true,
    test: (_c, e) =>
      as<'recall.request'>(e).newPost !== undefined && as<'recall.request'>(e).newRank !== undefined,
    refusal: () =>
      violation(
        'recall.promotionDetails',
        '因提拔召回须写明新任职务（newPost）和职级（newRank）',
        'A recall for promotion names newPost and newRank',
      ),
  },
  consentGiven: {
    kind: 'selector',
    payload: true,
    test: (_c, e) => (e as { consent?: boolean }).consent === true,
  },
  extensionApproved: { kind: 'selector', payload: true, test: (_c, e) => as<'extension.decide'>(e).approved },

  // 定期汇报与考核
  periodOwed: {
    kind: 'rule',
    payload: true,
    test: (c, e) => periodDuty(c, e) !== undefined,
    refusal: (_c, e) => {
      const spec = PERIODIC_EVENTS[e.type as PeriodicEvent];
      const n = spec?.n(e);
      return violation(
        'service.period',
        `没有待办的「${spec?.kind}」（第${n}期）`,
        `No open ${spec?.kind} for period ${n}`,
      );
    },
  },
  withinReportWindow: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const d = periodDuty(c, e);
      return d !== undefined && windowOpen(d, e.at);
    },
    refusal: (c, e) => {
      const d = periodDuty(c, e);
      return violation(
        'service.reportWindow',
        `「${d?.what.zh}」属于所在期间，${d?.opensAt}起方可办理`,
        `"${d?.what.en}" belongs to its period: it opens at ${d?.opensAt}`,
      );
    },
  },
  gradeMatchesScore: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const ev = e as EventOf<'service.halfYear.assess'> | EventOf<'service.annual.assess'>;
      const band = gradeBand(c, ev.score);
      if (ev.grade === band) return true;
      // the seed's guidance may lift a 称职 score to 优秀 at the annual assessment
      return (
        ev.type === 'service.annual.assess' &&
        ev.grade === 'excellent' &&
        band === 'competent' &&
        excellentSuggested(c, ev.year, ev.votes)
      );
    },
    refusal: (c, e) => {
      const ev = e as EventOf<'service.halfYear.assess'> | EventOf<'service.annual.assess'>;
      const band = gradeBand(c, ev.score);
      return violation(
        'assessment.gradeScore',
        `${ev.score}分对应「${gradeLabels[band].zh}」，不能评为「${gradeLabels[ev.grade].zh}」`,
        `A score of ${ev.score} is ${gradeLabels[band].en}, not ${gradeLabels[ev.grade].en}`,
      );
    },
  },
  guidanceFollowed: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const ev = as<'service.annual.assess'>(e);
      return (
        ev.grade === 'excellent' ||
        ev.deviationReason !== undefined ||
        !excellentSuggested(c, ev.year, ev.votes)
      );
    },
    refusal: (_c, e) => {
      const ev = as<'service.annual.assess'>(e);
      return violation(
        'annual.excellentGuidance',
        `前两年年度考核均为优秀，优秀票${ev.votes.excellent}/${ev.votes.total}，建议确定为优秀；评为「${gradeLabels[ev.grade].zh}」须说明理由（deviationReason）`,
        `Two previous years 优秀 and ${ev.votes.excellent}/${ev.votes.total} 优秀 votes suggest 优秀: grading ${gradeLabels[ev.grade].en} needs deviationReason`,
      );
    },
  },
  priorRecordOwed: {
    kind: 'rule',
    payload: false,
    test: (c) => c.duties.some((d) => d.kind === 'service.firstHalfRecord' && isLive(d)),
    refusal: () =>
      violation(
        'service.period',
        '没有待提供的挂职前表现情况',
        'No record of the year before the secondment is owed',
      ),
  },
  priorRecordProvided: {
    kind: 'rule',
    payload: true,
    test: (c, e) => live(c, `service.firstHalfRecord/${as<'service.annual.assess'>(e).year}`) === undefined,
    refusal: () =>
      violation(
        'service.firstHalfRecord',
        '派出单位尚未提供干部挂职前的本年度表现情况，接收单位不能进行年度考核',
        'The sending unit has not yet provided the record of the year before the secondment; the annual assessment must wait',
      ),
  },

  // 请销假
  leaveDatesValid: {
    kind: 'rule',
    payload: true,
    test: (_c, e) => as<'service.leave.request'>(e).to >= as<'service.leave.request'>(e).from,
    refusal: (_c, e) => {
      const ev = as<'service.leave.request'>(e);
      return violation(
        'service.leaveDates',
        `请假${ev.from}至${ev.to}，结束早于开始`,
        `Leave ${ev.from}–${ev.to} ends before it starts`,
      );
    },
  },
  leaveInTerm: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const ev = as<'service.leave.request'>(e);
      return (
        c.termStart !== null &&
        c.termEnd !== null &&
        ev.from >= civilDate(c.termStart, c.policy) &&
        ev.to <= civilDate(c.termEnd, c.policy)
      );
    },
    refusal: (c, e) => {
      const ev = as<'service.leave.request'>(e);
      const range = `${c.termStart ? civilDate(c.termStart, c.policy) : '?'}–${c.termEnd ? civilDate(c.termEnd, c.policy) : '?'}`;
      return violation(
        'service.leaveInTerm',
        `请假${ev.from}至${ev.to}不在挂职期${range}内`,
        `Leave ${ev.from}–${ev.to} is outside the term ${range}`,
      );
    },
  },
  noOpenLeave: {
    kind: 'rule',
    payload: false,
    test: (c) => !c.leaves.some((l) => l.state === 'pending' || l.state === 'approved'),
    refusal: (c) => {
      const l = c.leaves.find((x) => x.state === 'pending' || x.state === 'approved');
      return violation(
        'service.leaveOpen',
        `请假${l?.id}${l?.state === 'pending' ? '待审批' : '尚未销假'}`,
        `Leave ${l?.id} is ${l?.state === 'pending' ? 'awaiting a decision' : 'not reported back from'}`,
      );
    },
  },
  hasPendingLeave: {
    kind: 'rule',
    payload: false,
    test: (c) => c.leaves.some((l) => l.state === 'pending'),
    refusal: () =>
      violation('service.unknownRequest', '没有待审批的请假申请', 'No leave request awaits a decision'),
  },
  hasLeaveToReturn: {
    kind: 'rule',
    payload: false,
    test: (c) => c.leaves.some((l) => l.state === 'approved'),
    refusal: () =>
      violation('service.unknownRequest', '没有待销假的请假', 'No granted leave to report back from'),
  },
  hasPendingTask: {
    kind: 'rule',
    payload: false,
    test: (c) => c.sendingTasks.some((t) => t.state === 'pending'),
    refusal: () =>
      violation('service.unknownRequest', '没有待审批的临时使用申请', 'No task request awaits a decision'),
  },
  hasOpenBreach: {
    kind: 'rule',
    payload: false,
    test: (c) => c.breaches.some((b) => b.state === 'open'),
    refusal: () => violation('service.unknownRequest', '没有待说明的反映', 'No report awaits an answer'),
  },
  hasUnresolvedBreach: {
    kind: 'rule',
    payload: false,
    test: (c) => c.breaches.some((b) => b.state === 'open' || b.state === 'responded'),
    refusal: () => violation('service.unknownRequest', '没有待处理的反映', 'No report awaits a conclusion'),
  },
  leavePending: {
    kind: 'rule',
    payload: true,
    test: (c, e) => leaveOf(c, as<'service.leave.decide'>(e).requestId)?.state === 'pending',
    refusal: (_c, e) => unknownRequest('请假申请', 'leave request', as<'service.leave.decide'>(e).requestId),
  },
  leaveApproved: { kind: 'selector', payload: true, test: (_c, e) => as<'service.leave.decide'>(e).approved },
  leaveOutstanding: {
    kind: 'rule',
    payload: true,
    test: (c, e) => leaveOf(c, as<'service.leave.return'>(e).requestId)?.state === 'approved',
    refusal: (_c, e) =>
      unknownRequest(
        '销假（已批准未销假的请假）',
        'approved leave to report back from',
        as<'service.leave.return'>(e).requestId,
      ),
  },
  returnDateValid: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const ev = as<'service.leave.return'>(e);
      const l = leaveOf(c, ev.requestId);
      return (
        l !== undefined && ev.returnedOn >= l.from && ms(startOfDate(ev.returnedOn, c.policy)) <= ms(e.at)
      );
    },
    refusal: (c, e) => {
      const ev = as<'service.leave.return'>(e);
      const l = leaveOf(c, ev.requestId);
      return violation(
        'service.leaveDates',
        `销假日期${ev.returnedOn}须在假期开始${l?.from}之后且不晚于今天`,
        `The return date ${ev.returnedOn} must be after the leave began (${l?.from}) and not in the future`,
      );
    },
  },
  taskPending: {
    kind: 'rule',
    payload: true,
    test: (c, e) =>
      c.sendingTasks.some(
        (t) => t.id === as<'service.sendingTask.decide'>(e).requestId && t.state === 'pending',
      ),
    refusal: (_c, e) =>
      unknownRequest('临时使用申请', 'task request', as<'service.sendingTask.decide'>(e).requestId),
  },
  breachAwaitsResponse: {
    kind: 'rule',
    payload: true,
    test: (c, e) => breachOf(c, as<'service.breach.respond'>(e).breachId)?.state === 'open',
    refusal: (_c, e) =>
      unknownRequest('待说明的反映', 'report awaiting an answer', as<'service.breach.respond'>(e).breachId),
  },
  breachUnresolved: {
    kind: 'rule',
    payload: true,
    test: (c, e) =>
      ['open', 'responded'].includes(breachOf(c, as<'service.breach.resolve'>(e).breachId)?.state ?? ''),
    refusal: (_c, e) =>
      unknownRequest('待处理的反映', 'unresolved report', as<'service.breach.resolve'>(e).breachId),
  },
  noOpenBreach: {
    kind: 'condition',
    payload: false,
    test: (c) => !c.breaches.some((b) => b.state === 'open' || b.state === 'responded'),
  },

  // 期满考核
  summaryOwed: owed('final.summary', '挂职工作总结', 'work summary'),
  appraisalOwed: owed('final.appraisal', '鉴定', 'appraisal'),
  inspectionOwed: owed('final.inspection', '考察意见', 'inspection'),
  democraticOwed: owed('final.democratic', '民主测评结果', 'democratic evaluation'),
  votesCast: {
    kind: 'rule',
    payload: true,
    test: (_c, e) => {
      const v = as<'final.democratic.record'>(e);
      return v.excellent + v.competent + v.basically_competent + v.incompetent > 0;
    },
    refusal: () => violation('final.votes', '民主测评没有有效票', 'The democratic evaluation has no votes'),
  },
  finalInputsComplete: {
    kind: 'rule',
    payload: false,
    test: (c) => missingFinalInputs(c).length === 0,
    refusal: (c) => {
      const missing = missingFinalInputs(c);
      return violation(
        'final.inputs',
        `尚缺：${missing.map((m) => m.zh).join('、')}，不能评定等次`,
        `Missing: ${missing.map((m) => m.en).join(', ')}; no grade yet`,
      );
    },
  },

  // 返回
  handoverOwed: owed('return.handover', '工作交接', 'handover'),
  partyReturnOwed: {
    kind: 'rule',
    payload: false,
    test: (c) => c.cadre.cpcMember && live(c, 'return.party') !== undefined,
    refusal: (c) =>
      c.cadre.cpcMember
        ? violation(
            'posting.itemDone',
            '党组织关系转回已办理或无需办理',
            'The party relation is already returned or not owed',
          )
        : violation(
            'return.party',
            '党外干部无需转回党组织关系',
            'A non-CPC cadre has no party relation to return',
          ),
  },
  postResumeOwed: owed('return.post', '回原单位岗位', 'return to post'),
  returnComplete: { kind: 'condition', payload: false, test: (c) => returnComplete(c) },
  trackingPeriodOver: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const review = live(c, 'tracking.review');
      return review !== undefined && c.trackingStart !== null && ms(e.at) >= ms(trackingEndOf(c));
    },
    refusal: (c) =>
      violation(
        'tracking.period',
        `跟踪培养期至${trackingEndOf(c)}，尚未期满`,
        `Tracking runs until ${trackingEndOf(c)}`,
      ),
  },

  // 干预与期限
  dutyExtendable: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const d = dutyForAdmin(c, e);
      return !isRefusal(d) && !d.milestone;
    },
    refusal: (c, e) => {
      const d = dutyForAdmin(c, e);
      return isRefusal(d)
        ? d
        : violation(
            'admin.milestone',
            '挂职期满时间须走延期程序',
            'Use the extension procedure to move the term end',
          );
    },
  },
  laterDeadline: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const ev = as<'admin.deadline.extend'>(e);
      const d = findById(c, ev.dutyId);
      return d !== undefined && ms(ev.until) > ms(d.dueAt) && ms(ev.until) > ms(e.at);
    },
    refusal: (c, e) => {
      const d = findById(c, as<'admin.deadline.extend'>(e).dutyId);
      return violation(
        'admin.later',
        `新期限须晚于${d?.dueAt}和当前时间`,
        `The new deadline must be after ${d?.dueAt} and now`,
      );
    },
  },
  dutyWaivable: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const d = dutyForAdmin(c, e);
      return !isRefusal(d) && !NEVER_WAIVABLE.includes(d.kind) && c.policy.waivable.includes(d.kind);
    },
    refusal: (c, e) => {
      const d = dutyForAdmin(c, e);
      return isRefusal(d)
        ? d
        : violation('admin.notWaivable', `「${d.what.zh}」不可免除`, `"${d.what.en}" cannot be waived`);
    },
  },
  dutyReassignable: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const role = as<'admin.duty.reassign'>(e).owner.role;
      return !isRefusal(dutyForAdmin(c, e)) && role !== 'auditor' && role !== 'system';
    },
    refusal: (c, e) => {
      const d = dutyForAdmin(c, e);
      return isRefusal(d)
        ? d
        : violation('admin.owner', '审计和系统不能承担事项', 'Auditors and the system cannot own duties');
    },
  },
  alarmDue: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const d = findById(c, as<'deadline.reached'>(e).dutyId);
      return (
        d !== undefined &&
        isLive(d) &&
        !d.milestone &&
        d.nextAlarmAt !== null &&
        ms(e.at) >= ms(d.nextAlarmAt)
      );
    },
    refusal: (c, e) => {
      const id = as<'deadline.reached'>(e).dutyId;
      const d = findById(c, id);
      if (!d || !isLive(d))
        return refuse(
          'UNKNOWN_DUTY',
          'deadline.unknown',
          `事项${id}不存在或已完成`,
          `Duty ${id} is unknown or closed`,
        );
      return refuse(
        'STALE_ALARM',
        'deadline.stale',
        `事项${id}当前无到期提醒（下次：${d.nextAlarmAt ?? '无'}）`,
        `Duty ${id} has no alarm due (next: ${d.nextAlarmAt ?? 'none'})`,
      );
    },
  },
  /** A table matters to a case only for the years its deadlines can fall in (calendarYearsFor). */
  yearOfCase: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const span = calendarYearsFor(c);
      const year = as<'calendar.update'>(e).year;
      return year >= span.from && year <= span.to;
    },
    refusal: (c, e) => {
      const span = calendarYearsFor(c);
      const year = as<'calendar.update'>(e).year;
      return violation(
        'calendar.noChange',
        `本案的期限只在${span.from}—${span.to}年，${year}年节假日安排与本案无关`,
        `The case's deadlines fall in ${span.from}–${span.to}; the ${year} table does not concern it`,
      );
    },
  },
  calendarNewer: {
    kind: 'rule',
    payload: true,
    test: (c, e) => {
      const ev = as<'calendar.update'>(e);
      const table = ev.facts?.calendar[String(ev.year)];
      return (
        table !== undefined &&
        table.version === ev.version &&
        (c.calendar[String(ev.year)]?.version ?? 0) < ev.version
      );
    },
    refusal: (c, e) => {
      const ev = as<'calendar.update'>(e);
      const have = c.calendar[String(ev.year)]?.version;
      return violation(
        'calendar.noChange',
        `本案已使用${ev.year}年节假日安排第${have ?? '—'}版，无须更新为第${ev.version}版`,
        `The case already uses version ${have ?? '—'} of ${ev.year}; nothing to update to version ${ev.version}`,
      );
    },
  },
} satisfies Record<string, GuardSpec>;

export type GuardName = keyof typeof GUARDS;

const trackingEndOf = (c: Ctx): string => (c.trackingStart === null ? c.lastAt : trackingEnd(c));

/** The guard's name for people: its label, or its name. */
export const guardLabel = (name: GuardName, p: Params): string => {
  const g: GuardSpec = GUARDS[name];
  return g.label ? g.label(p) : name;
};
export type { StatusCode };
