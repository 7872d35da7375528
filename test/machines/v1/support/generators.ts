// Event generators per state: the valid next steps a real party could take, used by the
// model-based coverage test (mode 'model': a bounded choice) and the property tests ('all').
import {
  addDuration,
  openDuties,
  stateKeyOf,
  type Duty,
  type SecondmentEvent,
  type SecondmentSnapshot,
} from '../../../../machines/secondment/v1';
import { P, actor, event } from './fixtures';

const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

type Mode = 'model' | 'all';

const periodicRank = (d: Duty): number => Date.parse(d.dueAt);
const PERIODIC = [
  'service.quarterly',
  'service.halfYearReport',
  'service.halfYearAssessment',
  'service.contact',
  'service.firstHalfRecord',
  'service.annualAssessment',
];

export function submitPeriodic(d: Duty, at: string): SecondmentEvent | null {
  const n = Number(d.key.split('/')[1] ?? '1');
  switch (d.kind) {
    case 'service.quarterly':
      return event('service.quarterly.submit', { quarter: n, study: '学习', work: '工作', life: '生活' }, at);
    case 'service.halfYearReport':
      return event('service.halfYear.report', { half: n, thought: '思想', work: '工作' }, at);
    case 'service.halfYearAssessment':
      return event(
        'service.halfYear.assess',
        { half: n, grade: 'competent', score: 85, feedback: '继续努力' },
        at,
      );
    case 'service.contact':
      return event('service.contact.log', { half: n, channel: 'visit', summary: '走访了解' }, at);
    case 'service.firstHalfRecord':
      return event('service.firstHalfRecord.provide', { summary: '上半年表现良好' }, at);
    case 'service.annualAssessment':
      return event(
        'service.annual.assess',
        { year: n, grade: 'excellent', score: 91, comment: '表现突出' },
        at,
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
      return [event('posting.arrival.confirm', P.arrival(at.slice(0, 10)), at)];
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

/** Valid-looking next events for a snapshot. */
export function usefulEvents(s: SecondmentSnapshot, mode: Mode = 'all'): SecondmentEvent[] {
  if (s.status === 'done') return [];
  const c = s.context;
  const at = iso(Date.parse(c.lastAt) + MIN);
  const open = openDuties(s);
  const key = stateKeyOf(s);
  const out: SecondmentEvent[] = [];
  const admin = (d: Duty | undefined) => {
    if (!d) return;
    out.push(
      event(
        'admin.deadline.extend',
        { dutyId: d.id, until: iso(Date.parse(d.dueAt) + 7 * 86_400_000), reason: '特殊情况' },
        at,
      ),
    );
    out.push(
      event(
        'admin.duty.reassign',
        { dutyId: d.id, owner: { role: 'org_admin', unit: c.orgUnit }, reason: '人员调整' },
        at,
      ),
    );
  };
  const firstExtendable = open.find((d) => !d.milestone);
  const alarms = open
    .filter((d) => d.nextAlarmAt !== null && !d.milestone)
    .sort((a, b) => Date.parse(a.nextAlarmAt!) - Date.parse(b.nextAlarmAt!));
  const alarm = (d: Duty | undefined) => {
    if (d?.nextAlarmAt)
      out.push(
        event(
          'deadline.reached',
          { dutyId: d.id },
          iso(Math.max(Date.parse(d.nextAlarmAt), Date.parse(c.lastAt))),
          actor('system'),
        ),
      );
  };
  alarm(alarms[0]);
  if (mode === 'all') for (const d of alarms.slice(1, 3)) alarm(d);
  // in model mode waive the same periodic review the chain would submit next, so states stay few
  const byDue = [...open].sort(
    (a, b) =>
      Number(PERIODIC.includes(b.kind)) - Number(PERIODIC.includes(a.kind)) ||
      periodicRank(a) - periodicRank(b),
  );
  for (const d of mode === 'model' ? byDue : open)
    if (c.policy.waivable.includes(d.kind)) {
      out.push(event('admin.duty.waive', { dutyId: d.id, reason: '情况变化' }, at));
      if (mode === 'model') break;
    }
  const hold = () => out.push(event('admin.case.hold', { reason: '干部病假' }, at));

  switch (key) {
    case 'nominated':
      out.push(
        event('approval.approve', P.approve, at),
        event('approval.reject', { reason: '名额调整' }, at),
      );
      out.push(event('nomination.withdraw', { reason: '工作需要' }, at));
      admin(firstExtendable);
      break;
    case 'posting':
      for (const d of open) out.push(...postingItem(d, at));
      hold();
      out.push(event('admin.case.force', { to: 'WITHDRAWN', reason: '干部未到位' }, at));
      admin(firstExtendable);
      break;
    case 'service':
    case 'extensionRequested':
    case 'extensionConsented':
    case 'recallRequested': {
      const periodic = open
        .filter((d) => PERIODIC.includes(d.kind))
        .sort((a, b) => periodicRank(a) - periodicRank(b));
      for (const d of mode === 'model' ? periodic.slice(0, 1) : periodic) {
        const e = submitPeriodic(d, at);
        if (e) out.push(e);
      }
      const pendingLeave = c.leaves.find((l) => l.state === 'pending');
      if (pendingLeave)
        out.push(event('service.leave.decide', { requestId: pendingLeave.id, approved: true }, at));
      else
        out.push(
          event('service.leave.request', { from: '2026-05-01', to: '2026-05-03', reason: '家事' }, at),
        );
      const pendingTask = c.sendingTasks.find((t) => t.state === 'pending');
      if (pendingTask)
        out.push(event('service.sendingTask.decide', { requestId: pendingTask.id, approved: false }, at));
      else out.push(event('service.sendingTask.request', { task: '参加专项督查', reason: '急需' }, at));
      out.push(
        event(
          'service.post.rotate',
          { title: '镇长助理', level: 'deputy_section', portfolio: '分管安全生产' },
          at,
        ),
      );
      admin(firstExtendable);
      const termEnd = open.find((d) => d.milestone);
      const earlyDone = periodic.every((d) => d.dueAt >= (c.termEnd ?? ''));
      if (termEnd?.nextAlarmAt && (mode === 'all' || earlyDone))
        out.push(
          event(
            'deadline.reached',
            { dutyId: termEnd.id },
            iso(Math.max(Date.parse(termEnd.nextAlarmAt), Date.parse(c.lastAt))),
            actor('system'),
          ),
        );
      if (key === 'service') {
        out.push(event('extension.request', { months: 6, reason: '项目未完成' }, at));
        out.push(event('recall.request', { ground: 'other', reason: '单位人手紧张' }, at));
        out.push(
          event(
            'recall.request',
            { ground: 'campaign', reference: '区委〔2026〕1号', reason: '专项任务' },
            at,
          ),
        );
        out.push(event('promotion.decide', P.promotion, at));
        hold();
        if (mode === 'all' || (!pendingLeave && !pendingTask))
          out.push(event('admin.case.force', { to: 'FINAL_ASSESSMENT', reason: '提前结束' }, at));
        const clean = !pendingLeave && !pendingTask;
        if (c.termEnd && (mode === 'all' || (earlyDone && clean))) {
          const from = addDuration(c.termEnd, c.policy.service.finalOpenLead, c.policy, -1);
          out.push(event('final.open', {}, iso(Math.max(Date.parse(from), Date.parse(at)))));
        }
      }
      if (key === 'extensionRequested')
        out.push(
          event('extension.consent', { consent: true }, at),
          event('extension.consent', { consent: false }, at),
        );
      if (key === 'extensionConsented')
        out.push(
          event('extension.decide', { approved: true, reason: '同意' }, at),
          event('extension.decide', { approved: false, reason: '不同意' }, at),
        );
      if (key === 'recallRequested')
        out.push(
          event('recall.consent', { consent: true }, at),
          event('recall.consent', { consent: false }, at),
        );
      break;
    }
    case 'onHold':
      out.push(event('admin.case.resume', { reason: '病愈返岗' }, iso(Date.parse(at) + 9 * MIN)));
      admin(open.find((d) => d.kind === 'hold.review'));
      break;
    case 'finalAssessment':
    case 'assessed': {
      const late = open
        .filter((d) => PERIODIC.includes(d.kind))
        .sort((a, b) => periodicRank(a) - periodicRank(b));
      for (const d of mode === 'model' ? late.slice(0, 1) : late) {
        const e = submitPeriodic(d, at);
        if (e) out.push(e);
      }
      const pendingLeave = c.leaves.find((l) => l.state === 'pending');
      if (pendingLeave)
        out.push(event('service.leave.decide', { requestId: pendingLeave.id, approved: true }, at));
      const pendingTask = c.sendingTasks.find((t) => t.state === 'pending');
      if (pendingTask)
        out.push(event('service.sendingTask.decide', { requestId: pendingTask.id, approved: true }, at));
      const items = open.filter((d) => d.kind.startsWith('final.'));
      for (const d of mode === 'model' ? items.slice(0, 1) : items) out.push(...finalItem(d, at));
      if (key === 'assessed')
        out.push(event('return.start', {}, at), event('promotion.decide', P.promotion, at));
      hold();
      admin(firstExtendable);
      break;
    }
    case 'returning':
      for (const d of open) out.push(...finalItem(d, at));
      hold();
      out.push(event('admin.case.force', { to: 'TRACKING', reason: '已实际返回' }, at));
      admin(firstExtendable);
      break;
    case 'tracking': {
      const review = open.find((d) => d.kind === 'tracking.review');
      if (review) {
        const end = Date.parse(review.dueAt) - 20 * 86_400_000 * 2;
        out.push(
          event(
            'tracking.review.submit',
            { summary: '跟踪培养情况良好' },
            iso(Math.max(end, Date.parse(at))),
          ),
        );
        out.push(
          event(
            'tracking.review.submit',
            { summary: '跟踪培养情况良好' },
            review.dueAt > at ? review.dueAt : at,
          ),
        );
      }
      out.push(event('promotion.decide', P.promotion, at));
      hold();
      out.push(event('admin.case.force', { to: 'CLOSED_RETURNED', reason: '提前结束跟踪' }, at));
      admin(firstExtendable);
      break;
    }
    default:
      break;
  }
  return out;
}

/** A coarse state key for graph traversal: phase, which duties are open, a few flags. */
export function serializeForModel(s: SecondmentSnapshot): string {
  const c = s.context;
  const key = stateKeyOf(s);
  if (key === 'onHold') return JSON.stringify([key, c.hold?.heldStatus]);
  const open = openDuties(s);
  // periodic reviews are taken in due order by the generator, so their count identifies them
  const periodicOpen = open.filter((d) => PERIODIC.includes(d.kind));
  const periodic =
    key === 'finalAssessment' || key === 'assessed'
      ? periodicOpen.map((d) => d.key).join()
      : periodicOpen.length;
  const others = open
    .filter((d) => !PERIODIC.includes(d.kind))
    .map((d) => d.key.replace(/\/[LT]\d+$/, '/x'))
    .sort();
  const serving = ['service', 'extensionRequested', 'extensionConsented', 'recallRequested'].includes(key);
  return JSON.stringify([
    key,
    c.status,
    periodic,
    others,
    serving ? c.extensionMonths : 0,
    key === 'posting' ? (c.posting.post?.elected ?? null) : 0,
  ]);
}
