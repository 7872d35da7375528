// Event generators per state for v2: the valid next steps a real party could take, used by the
// model-based coverage test (mode 'model': a bounded choice) and the property tests ('all').
import { compactYear, holidayYearSchema } from '../../../../machines/calendar';
import {
  addDuration,
  inState,
  liveDuties,
  PERIODIC_KINDS,
  statusCode,
  type Duty,
  type SecondmentEvent,
  type SecondmentSnapshot,
} from '../../../../machines/secondment/v2';
import { FIXTURE_2027 } from '../../calendar/fixture2027';
import { P, actor, event, intake } from './fixtures';

const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const TABLE_2027 = compactYear(holidayYearSchema.parse(FIXTURE_2027), 1);

type Mode = 'model' | 'all';

const PERIODIC = [...PERIODIC_KINDS, 'service.firstHalfRecord'] as string[];
const byDue = (a: Duty, b: Duty) => Date.parse(a.dueAt) - Date.parse(b.dueAt);

export function submitPeriodic(d: Duty, at: string): SecondmentEvent | null {
  const n = Number(d.key.split('/')[1] ?? '1');
  const when = d.opensAt && Date.parse(d.opensAt) > Date.parse(at) ? d.opensAt : at;
  switch (d.kind) {
    case 'service.quarterly':
      return event(
        'service.quarterly.submit',
        { quarter: n, study: '学习', work: '工作', life: '生活' },
        when,
      );
    case 'service.halfYearReport':
      return event('service.halfYear.report', { half: n, thought: '思想', work: '工作' }, when);
    case 'service.halfYearAssessment':
      return event(
        'service.halfYear.assess',
        { half: n, grade: 'competent', score: 85, feedback: '继续努力' },
        when,
      );
    case 'service.contact':
      return event('service.contact.log', { half: n, channel: 'visit', summary: '走访了解' }, when);
    case 'service.firstHalfRecord':
      return event('service.firstHalfRecord.provide', { summary: '挂职前表现良好' }, when);
    case 'service.annualAssessment':
      return event(
        'service.annual.assess',
        { year: n, grade: 'excellent', score: 91, comment: '表现突出', votes: { excellent: 20, total: 40 } },
        when,
      );
    default:
      return null;
  }
}

export function postingItem(d: Duty, at: string): SecondmentEvent[] {
  switch (d.kind) {
    case 'posting.post':
      return [
        event('posting.post.arrange', P.arrange, at),
        event('posting.post.arrange', P.arrangeElected, at),
      ];
    case 'posting.election':
      return [
        event('posting.election.record', P.elected, at),
        event('posting.election.record', { ...P.elected, elected: false, votesFor: 10 }, at),
      ];
    case 'posting.appointment':
      return [event('posting.appointment.file', P.appointment, at)];
    case 'posting.unitedFront':
      return [event('posting.unitedFront.acknowledge', P.appointment, at)];
    case 'posting.party':
      return [event('posting.party.transfer', P.party, at)];
    case 'posting.introduction':
      return [event('posting.introduction.send', P.intro, at)];
    case 'posting.mentor':
      return [event('posting.mentor.name', P.mentor, at)];
    case 'posting.duties':
      return [event('posting.duties.assign', P.duties, at)];
    case 'posting.arrival':
      return [
        event('posting.arrival.confirm', P.arrival(iso(Date.parse(at) + 8 * 3_600_000).slice(0, 10)), at),
      ];
    default:
      return [];
  }
}

export function finalItem(d: Duty, at: string): SecondmentEvent[] {
  switch (d.kind) {
    case 'final.summary':
      return [event('final.summary.submit', { summary: '工作总结' }, at)];
    case 'final.appraisal':
      return [event('final.appraisal.submit', P.appraisal, at)];
    case 'final.inspection':
      return [event('final.inspection.submit', P.inspection, at)];
    case 'final.democratic':
      return [event('final.democratic.record', P.votes, at)];
    case 'final.grade':
      return [event('final.grade.decide', {}, at)];
    case 'return.handover':
      return [event('return.handover.complete', { receivedBy: '王五', summary: '交接完毕' }, at)];
    case 'return.party':
      return [event('return.party.return', P.party, at)];
    case 'return.post':
      return [event('return.post.resume', { post: '原岗位' }, at)];
    default:
      return [];
  }
}

const alarmOf = (d: Duty, lastAt: string): SecondmentEvent =>
  event(
    'deadline.reached',
    { dutyId: d.id },
    iso(Math.max(Date.parse(d.nextAlarmAt!), Date.parse(lastAt))),
    actor('system'),
  );

function lateAnswers(
  leaveDecide: () => unknown,
  taskDecide: () => unknown,
  out: SecondmentEvent[],
): SecondmentEvent[] {
  const start = out.length;
  leaveDecide();
  taskDecide();
  return out.slice(start);
}

/** Valid-looking next events for a snapshot. */
export function usefulEvents(
  s: SecondmentSnapshot,
  mode: Mode = 'all',
  opts: { carryRequests?: boolean } = {},
): SecondmentEvent[] {
  if (s.status === 'done') return [];
  const c = s.context;
  // one second between steps on the demo's compressed clock (a month is 10 s), a minute otherwise
  const at = iso(Date.parse(c.lastAt) + (c.policy.termClock.kind === 'compressed' ? 1000 : MIN));
  const live = liveDuties(s);
  const open = live.filter((d) => d.state === 'open');
  const status = statusCode(s);
  const out: SecondmentEvent[] = [];
  const admin = (d: Duty | undefined) => {
    if (!d) return;
    out.push(
      event(
        'admin.deadline.extend',
        { dutyId: d.id, until: iso(Date.parse(d.dueAt) + 7 * 86_400_000), reason: '特殊情况' },
        at,
      ),
      event(
        'admin.duty.reassign',
        { dutyId: d.id, owner: { role: 'org_admin', unit: c.orgUnit }, reason: '人员调整' },
        at,
      ),
    );
  };
  const alarms = live
    .filter((d) => d.nextAlarmAt !== null && !d.milestone)
    .sort((a, b) => Date.parse(a.nextAlarmAt!) - Date.parse(b.nextAlarmAt!));
  if (alarms[0]) out.push(alarmOf(alarms[0], c.lastAt));
  if (mode === 'all') for (const d of alarms.slice(1, 3)) out.push(alarmOf(d, c.lastAt));
  const waivable = live.filter((d) => c.policy.waivable.includes(d.kind)).sort(byDue);
  for (const d of mode === 'model' ? waivable.slice(0, 1) : waivable)
    out.push(event('admin.duty.waive', { dutyId: d.id, reason: '情况变化' }, at));
  if (!c.calendar['2027'] && live.some((d) => d.provisional))
    out.push(
      event(
        'calendar.update',
        { year: 2027, version: 1, reason: '2027年节假日安排', facts: { calendar: { '2027': TABLE_2027 } } },
        at,
        actor('system'),
      ),
    );
  const hold = () => out.push(event('admin.case.hold', { reason: '干部病假' }, at));
  const firstExtendable = open.find((d) => !d.milestone);
  const periodic = live.filter((d) => PERIODIC.includes(d.kind)).sort(byDue);
  const leaveDecide = () => {
    const pending = c.leaves.find((l) => l.state === 'pending');
    if (pending)
      out.push(
        event('service.leave.decide', { requestId: pending.id, approved: true }, at),
        event('service.leave.decide', { requestId: pending.id, approved: false }, at),
      );
    const away = c.leaves.find((l) => l.state === 'approved');
    if (away)
      out.push(
        event(
          'service.leave.return',
          { requestId: away.id, returnedOn: at.slice(0, 10) },
          iso(Math.max(Date.parse(at), Date.parse(`${away.to}T12:00:00+08:00`))),
        ),
      );
    return { pending, away };
  };
  const taskDecide = () => {
    const pending = c.sendingTasks.find((t) => t.state === 'pending');
    if (pending)
      out.push(event('service.sendingTask.decide', { requestId: pending.id, approved: false }, at));
    return pending;
  };
  const breaches = () => {
    const b = c.breaches.find((x) => x.state === 'open' || x.state === 'responded');
    if (b?.state === 'open')
      out.push(event('service.breach.respond', { breachId: b.id, response: '已整改' }, at));
    if (b)
      out.push(
        event('service.breach.resolve', { breachId: b.id, upheld: mode === 'all', measures: '约谈提醒' }, at),
      );
    return b;
  };

  if (status === 'NOMINATED') {
    out.push(
      event('approval.approve', { facts: intake() }, at),
      event('approval.reject', { reason: '名额调整' }, at),
      event('nomination.withdraw', { reason: '工作需要' }, at),
    );
    admin(firstExtendable);
  } else if (status === 'POSTING') {
    for (const d of open) out.push(...postingItem(d, at));
    hold();
    out.push(event('admin.case.force', { to: 'WITHDRAWN', reason: '干部未到位' }, at));
    admin(firstExtendable);
  } else if (inState(s, { active: 'serving' })) {
    const pendingLeave = c.leaves.find((l) => l.state === 'pending' || l.state === 'approved');
    const pendingTask = c.sendingTasks.find((t) => t.state === 'pending');
    const openBreach = c.breaches.find((b) => b.state === 'open' || b.state === 'responded');
    if (mode === 'model' && (pendingLeave || pendingTask || openBreach)) {
      // the regions run in parallel; the model walks one side process at a time to stay finite
      if (pendingLeave) leaveDecide();
      else if (pendingTask) taskDecide();
      else {
        breaches();
        if (openBreach?.state === 'open' && c.counters.breach === 1)
          out.push(event('service.breach.report', { task: '再次回原单位值班', detail: '仍未经批准' }, at));
      }
      if (opts.carryRequests && (pendingLeave || pendingTask) && status === 'IN_SERVICE')
        out.push(event('admin.case.force', { to: 'FINAL_ASSESSMENT', reason: '提前结束' }, at));
      return out;
    }
    for (const d of mode === 'model' ? periodic.slice(0, 1) : periodic) {
      const e = submitPeriodic(d, at);
      if (e) out.push(e);
    }
    const { pending, away } = leaveDecide();
    if (!pending && !away && c.termStart && c.termEnd) {
      // on the demo's clock a whole term fits in one day
      const ahead = c.policy.termClock.kind === 'compressed' ? 0 : 10 * 86_400_000;
      const from = iso(Date.parse(at) + 8 * 3_600_000 + ahead).slice(0, 10);
      const to = iso(Date.parse(at) + 8 * 3_600_000 + ahead + 2 * (ahead / 10)).slice(0, 10);
      if (to <= iso(Date.parse(c.termEnd) + 8 * 3_600_000).slice(0, 10))
        out.push(event('service.leave.request', { from, to, reason: '探亲' }, at));
    }
    const task = taskDecide();
    if (!task) out.push(event('service.sendingTask.request', { task: '参加专项督查', reason: '急需' }, at));
    const breach = breaches();
    if (!breach) out.push(event('service.breach.report', { task: '回原单位值班', detail: '未经批准' }, at));
    out.push(
      event(
        'service.post.rotate',
        { title: '镇长助理', level: 'deputy_section', portfolio: '分管安全生产' },
        at,
      ),
    );
    admin(firstExtendable);
    const termEnd = live.find((d) => d.milestone);
    const clean = !pending && !away && !task && !breach;
    const quiet = periodic.every((d) => Date.parse(d.dueAt) >= Date.parse(c.termEnd ?? ''));
    // the term may end with reviews still owed: they are handed in late during the final assessment
    if (termEnd?.nextAlarmAt && (mode === 'all' || clean)) out.push(alarmOf(termEnd, c.lastAt));
    if (status === 'IN_SERVICE' || status === 'EXTENDED') {
      out.push(
        event('extension.request', { months: 6, reason: '项目未完成' }, at),
        event('recall.request', { ground: 'other', reason: '单位人手紧张' }, at),
        event('recall.request', { ground: 'campaign', reference: '区委〔2026〕1号', reason: '专项任务' }, at),
        event(
          'recall.request',
          {
            ground: 'promotion',
            reference: '县委〔2026〕9号',
            reason: '提拔',
            newPost: '科长',
            newRank: 'section',
          },
          at,
        ),
        event('promotion.decide', P.promotion, at),
      );
      hold();
      if (mode === 'all' || clean)
        out.push(event('admin.case.force', { to: 'FINAL_ASSESSMENT', reason: '提前结束' }, at));
      if (c.termEnd && (mode === 'all' || (clean && quiet))) {
        const from = addDuration(c.termEnd, c.policy.service.finalOpenLead, c.policy, c.calendar, -1).at;
        out.push(event('final.open', {}, iso(Math.max(Date.parse(from), Date.parse(at)))));
      }
    }
    if (status === 'EXTENSION_REQUESTED')
      out.push(
        event('extension.consent', { consent: true }, at),
        event('extension.consent', { consent: false }, at),
      );
    if (status === 'EXTENSION_CONSENTED')
      out.push(
        event('extension.decide', { approved: true, reason: '同意' }, at),
        event('extension.decide', { approved: false, reason: '不同意' }, at),
      );
    if (status === 'RECALL_REQUESTED')
      out.push(
        event('recall.consent', { consent: true }, at),
        event('recall.consent', { consent: false }, at),
      );
  } else if (status === 'ON_HOLD') {
    out.push(event('admin.case.resume', { reason: '病愈返岗' }, iso(Date.parse(at) + 9 * MIN)));
    admin(live.find((d) => d.kind === 'hold.review'));
  } else if (opts.carryRequests && status === 'FINAL_ASSESSMENT') {
    // this model only follows the requests carried over into the final assessment
    return [
      ...out.filter((e) => e.type === 'deadline.reached').slice(0, 0),
      ...lateAnswers(leaveDecide, taskDecide, out),
    ];
  } else if (status === 'FINAL_ASSESSMENT' || status === 'ASSESSED') {
    for (const d of mode === 'model' ? periodic.slice(0, 1) : periodic) {
      const e = submitPeriodic(d, at);
      if (e) out.push(e);
    }
    if (mode === 'all') {
      leaveDecide();
      taskDecide();
      breaches();
    }
    const items = open.filter((d) => d.kind.startsWith('final.'));
    for (const d of mode === 'model' ? items.slice(0, 1) : items) out.push(...finalItem(d, at));
    if (status === 'ASSESSED')
      out.push(event('return.start', {}, at), event('promotion.decide', P.promotion, at));
    hold();
    admin(firstExtendable);
  } else if (status === 'RETURNING') {
    for (const d of open) out.push(...finalItem(d, at));
    if (mode === 'all') {
      breaches();
      leaveDecide();
    }
    hold();
    const to =
      c.disposition === 'promoted'
        ? 'CLOSED_PROMOTED'
        : c.disposition === 'recalled'
          ? 'RECALLED'
          : 'TRACKING';
    out.push(event('admin.case.force', { to, reason: '已实际离开' }, at));
    admin(firstExtendable);
  } else if (status === 'TRACKING') {
    const review = live.find((d) => d.kind === 'tracking.review');
    if (review) {
      out.push(event('tracking.review.submit', { summary: '跟踪培养情况良好' }, at));
      out.push(
        event(
          'tracking.review.submit',
          { summary: '跟踪培养情况良好' },
          review.dueAt > at ? review.dueAt : at,
        ),
      );
    }
    if (mode === 'all') breaches();
    out.push(event('promotion.decide', P.promotion, at));
    hold();
    out.push(event('admin.case.force', { to: 'CLOSED_RETURNED', reason: '提前结束跟踪' }, at));
    admin(firstExtendable);
  }
  return out;
}

/** A coarse state key for graph traversal: the state value, which duties are live, a few flags. */
export function serializeForModel(s: SecondmentSnapshot): string {
  const c = s.context;
  const live = liveDuties(s);
  const periodic = live.filter((d) => PERIODIC.includes(d.kind));
  const others = live
    .filter((d) => !PERIODIC.includes(d.kind))
    .map((d) => `${d.key.replace(/\/[LTB]\d+$/, '/x')}:${d.state}`)
    .sort();
  return JSON.stringify([
    s.value,
    periodic.length,
    others,
    c.extensionMonths,
    c.posting.post?.elected ?? null,
    c.disposition,
    Boolean(c.calendar['2027']),
    c.hold !== null,
  ]);
}
