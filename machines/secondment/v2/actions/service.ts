// 挂职期间 (service): periodic reviews in their windows, the annual assessment at year end, leave and
// 销假, the sending unit's requests and breaches, rotation, extension, recall and promotion.
import { workingDaysBetween } from '../../../calendar';
import { excellentSuggested } from '../assessment';
import { startOfDate } from '../clock';
import type { Duty } from '../context';
import type { Draft } from '../draft';
import {
  closeByKey,
  closed,
  dueAfter,
  durationFor,
  findLive,
  isLive,
  lapseWhere,
  openDuty,
  openTimedDuty,
  opened,
} from '../duties';
import type { SecondmentEvent } from '../events';
import { PERIODIC_EVENTS } from '../guards';
import { planFinal, syncServicePlan } from '../plans';
import { shifted } from '../reschedule';
import { iso, ms } from '../time';
import { gradeLabels } from '../vocabulary';
import { as, type Action } from './types';

const DAY = 86_400_000;

/** Close the period's duty (opening it first if its window came before its alarm did). */
function dischargePeriod(d: Draft, e: SecondmentEvent): Duty | undefined {
  const spec = PERIODIC_EVENTS[e.type as keyof typeof PERIODIC_EVENTS];
  const duty = spec ? findLive(d.c, `${spec.kind}/${spec.n(e)}`) : undefined;
  if (duty) d.updateDuty(duty.id, (x) => closed(opened(d.c, x, d.now), 'done', d.now));
  return duty;
}

const feedback = (
  what: string,
  grade: keyof typeof gradeLabels,
  score: number,
  text: string,
  caseId: string,
) => ({
  what,
  grade: gradeLabels[grade].zh,
  score,
  feedback: text,
  caseId,
});

const NEGOTIATION_DUTIES = ['extension.consent', 'extension.decision', 'recall.consent'];

export const serviceActions = {
  submitQuarterly: (d, e) => {
    dischargePeriod(d, e);
    // 每季度汇报 goes to both the sending unit and the organization department
    d.notifyRoles(['sending_officer', 'org_admin'], 'case.reportReceived', {
      what: `第${as('service.quarterly.submit', e).quarter}季度汇报`,
    });
  },
  submitHalfYearReport: (d, e) => {
    dischargePeriod(d, e);
    d.notifyRoles(['sending_officer', 'org_admin'], 'case.reportReceived', {
      what: `第${as('service.halfYear.report', e).half}个半年思想工作汇报`,
    });
  },
  assessHalfYear: (d, e) => {
    const x = as('service.halfYear.assess', e);
    dischargePeriod(d, e);
    d.set({
      halfYearAssessments: [
        ...d.c.halfYearAssessments,
        { period: x.half, grade: x.grade, score: x.score, at: d.now },
      ],
    });
    // 列入干部个人档案 and fed back to the cadre and both units
    d.personnelFile('halfYearAssessment', {
      half: x.half,
      grade: x.grade,
      score: x.score,
      feedback: x.feedback,
    });
    d.notifyRoles(
      ['cadre', 'sending_officer', 'receiving_officer'],
      'case.feedback',
      feedback(`第${x.half}个半年考核`, x.grade, x.score, x.feedback, d.c.caseId),
    );
  },
  logContact: (d, e) => void dischargePeriod(d, e),
  providePriorRecord: (d) => {
    const duty = d.c.duties.find((x) => x.kind === 'service.firstHalfRecord' && isLive(x));
    if (!duty) return;
    d.updateDuty(duty.id, (x) => closed(x, 'done', d.now));
    d.set({ priorRecords: [...d.c.priorRecords, { year: Number(duty.key.split('/')[1]), at: d.now }] });
    d.notifyRoles(['receiving_officer'], 'case.reportReceived', { what: '派出单位提供的挂职前表现情况' });
  },
  assessYear: (d, e) => {
    const x = as('service.annual.assess', e);
    const suggested = excellentSuggested(d.c, x.year, x.votes);
    const share = Math.round((x.votes.excellent / x.votes.total) * 1000) / 1000;
    dischargePeriod(d, e);
    d.set({
      annualAssessments: [
        ...d.c.annualAssessments,
        {
          year: x.year,
          grade: x.grade,
          score: x.score,
          excellentVoteShare: share,
          guidance: suggested ? 'excellent' : null,
          at: d.now,
        },
      ],
    });
    d.personnelFile('annualAssessment', {
      year: x.year,
      grade: x.grade,
      score: x.score,
      comment: x.comment,
      excellentVoteShare: share,
      guidance: suggested ? 'excellent' : null,
      deviationReason: x.deviationReason ?? null,
      by: d.c.receivingUnit,
    });
    d.notifyRoles(
      ['cadre', 'sending_officer', 'org_admin'],
      'case.feedback',
      feedback(`${x.year}年度考核`, x.grade, x.score, x.comment, d.c.caseId),
    );
  },

  requestLeave: (d, e) => {
    const x = as('service.leave.request', e);
    const n = d.c.counters.leave + 1;
    const id = `L${n}`;
    d.set({
      counters: { ...d.c.counters, leave: n },
      leaves: [
        ...d.c.leaves,
        { id, from: x.from, to: x.to, reason: x.reason, state: 'pending', returnedOn: null },
      ],
    });
    // 请销假 follows the receiving unit's rules: it decides
    openTimedDuty(d, 'service.leaveDecision', { key: `service.leaveDecision/${id}` });
    d.notifyRoles(['receiving_officer'], 'case.leaveRequested', { from: x.from, to: x.to, requestId: id });
  },
  grantLeave: (d, e) => {
    const x = as('service.leave.decide', e);
    const leave = d.c.leaves.find((l) => l.id === x.requestId);
    if (!leave) return;
    d.set({ leaves: d.c.leaves.map((l) => (l.id === leave.id ? { ...l, state: 'approved' as const } : l)) });
    closeByKey(d, `service.leaveDecision/${leave.id}`, 'done');
    // 销假 is owed by the end of the first working day after the leave
    const evening = iso(ms(startOfDate(leave.to, d.c.policy)) + 18 * 3_600_000);
    openDuty(d, {
      key: `service.leaveReturn/${leave.id}`,
      kind: 'service.leaveReturn',
      due: dueAfter(d.c, evening, durationFor(d.c, 'service.leaveReturn')),
    });
    // the cadre's own duties falling due during the leave move past it, by its working days
    const from = iso(ms(startOfDate(leave.from, d.c.policy)) - 1);
    const to = iso(ms(startOfDate(leave.to, d.c.policy)) + DAY - 1);
    const days = workingDaysBetween(d.c.calendar, from, to, d.c.policy.timeZoneOffsetMinutes).count;
    d.updateDuties(
      (y) =>
        isLive(y) &&
        y.owner.role === 'cadre' &&
        y.kind !== 'service.leaveReturn' &&
        ms(y.dueAt) >= ms(from) &&
        ms(y.dueAt) <= ms(to),
      (y) => shifted(d.c, y, days, ms(to) - ms(from), d.now),
    );
    d.notifyRoles(['cadre', 'sending_officer'], 'case.leaveDecided', { result: '已批准' });
  },
  denyLeave: (d, e) => {
    const x = as('service.leave.decide', e);
    d.set({ leaves: d.c.leaves.map((l) => (l.id === x.requestId ? { ...l, state: 'denied' as const } : l)) });
    closeByKey(d, `service.leaveDecision/${x.requestId}`, 'done');
    d.notifyRoles(['cadre', 'sending_officer'], 'case.leaveDecided', { result: '未批准' });
  },
  endLeave: (d, e) => {
    const x = as('service.leave.return', e);
    const leave = d.c.leaves.find((l) => l.id === x.requestId);
    if (!leave) return;
    d.set({
      leaves: d.c.leaves.map((l) =>
        l.id === leave.id ? { ...l, state: 'returned' as const, returnedOn: x.returnedOn } : l,
      ),
    });
    closeByKey(d, `service.leaveReturn/${leave.id}`, 'done');
    // working days between the leave's end and the return: days absent without leave (超假)
    const over = workingDaysBetween(
      d.c.calendar,
      iso(ms(startOfDate(leave.to, d.c.policy)) + DAY - 1),
      iso(ms(startOfDate(x.returnedOn, d.c.policy)) - 1),
      d.c.policy.timeZoneOffsetMinutes,
    ).count;
    const vars = { returnedOn: x.returnedOn, overstayDays: over, requestId: leave.id };
    d.notifyRoles(
      over > 0
        ? ['receiving_officer', 'sending_officer', 'org_admin']
        : ['receiving_officer', 'sending_officer'],
      'case.leaveReturned',
      vars,
    );
  },

  requestSendingTask: (d, e) => {
    const x = as('service.sendingTask.request', e);
    const n = d.c.counters.task + 1;
    const id = `T${n}`;
    d.set({
      counters: { ...d.c.counters, task: n },
      sendingTasks: [...d.c.sendingTasks, { id, task: x.task, state: 'pending' }],
    });
    // 派出单位不得再给挂职干部安排工作; special need → ask the secondment office
    openTimedDuty(d, 'service.sendingTaskDecision', { key: `service.sendingTaskDecision/${id}` });
    d.notifyRoles(['org_admin'], 'case.sendingTaskRequested', { task: x.task, requestId: id });
  },
  decideSendingTask: (d, e) => {
    const x = as('service.sendingTask.decide', e);
    d.set({
      sendingTasks: d.c.sendingTasks.map((t) =>
        t.id === x.requestId ? { ...t, state: x.approved ? ('approved' as const) : ('denied' as const) } : t,
      ),
    });
    closeByKey(d, `service.sendingTaskDecision/${x.requestId}`, 'done');
    d.notifyRoles(['sending_officer', 'receiving_officer', 'cadre'], 'case.sendingTaskDecided', {
      result: x.approved ? '已批准' : '未批准',
    });
  },
  reportBreach: (d, e) => {
    const x = as('service.breach.report', e);
    const n = d.c.counters.breach + 1;
    const id = `B${n}`;
    d.set({
      counters: { ...d.c.counters, breach: n },
      breaches: [
        ...d.c.breaches,
        {
          id,
          task: x.task,
          reportedBy: { role: e.actor.role, unit: e.actor.unit },
          at: d.now,
          state: 'open',
        },
      ],
    });
    openTimedDuty(d, 'service.breachResponse', { key: `service.breachResponse/${id}` });
    openTimedDuty(d, 'service.breachFollowUp', { key: `service.breachFollowUp/${id}` });
    d.notify(
      [d.to('sending_officer'), { role: 'unit_head', unit: d.c.sendingUnit }, d.to('org_admin')],
      'case.breachReported',
      {
        breachId: id,
      },
    );
  },
  respondBreach: (d, e) => {
    const x = as('service.breach.respond', e);
    d.set({
      breaches: d.c.breaches.map((b) => (b.id === x.breachId ? { ...b, state: 'responded' as const } : b)),
    });
    closeByKey(d, `service.breachResponse/${x.breachId}`, 'done');
    d.notifyRoles(['org_admin'], 'case.breachAnswered', { breachId: x.breachId });
  },
  resolveBreach: (d, e) => {
    const x = as('service.breach.resolve', e);
    d.set({
      breaches: d.c.breaches.map((b) =>
        b.id === x.breachId ? { ...b, state: x.upheld ? ('upheld' as const) : ('dismissed' as const) } : b,
      ),
    });
    closeByKey(d, `service.breachFollowUp/${x.breachId}`, 'done');
    closeByKey(d, `service.breachResponse/${x.breachId}`, 'lapsed');
    const to = [d.to('sending_officer'), d.to('receiving_officer'), d.to('cadre')];
    if (x.upheld) to.push({ role: 'unit_head', unit: d.c.sendingUnit });
    d.notify(to, 'case.breachResolved', {
      breachId: x.breachId,
      result: x.upheld ? '情况属实，责令整改' : '经核实不属实',
      measures: x.measures,
    });
  },
  rotate: (d, e) => {
    const x = as('service.post.rotate', e);
    d.set({
      rotations: [...d.c.rotations, { title: x.title, level: x.level, portfolio: x.portfolio, at: d.now }],
    });
    d.personnelFile('rotation', { title: x.title, level: x.level, portfolio: x.portfolio });
    d.notifyRoles(['org_admin', 'sending_officer', 'cadre'], 'case.rotated', { title: x.title });
  },

  requestExtension: (d, e) => {
    const x = as('extension.request', e);
    d.set({ extensionRequest: { months: x.months, reason: x.reason, at: d.now } });
    openTimedDuty(d, 'extension.consent');
    d.notifyRoles(['sending_officer', 'org_admin'], 'case.extensionRequested', {
      months: x.months,
      reason: x.reason,
    });
  },
  consentExtension: (d) => {
    closeByKey(d, 'extension.consent', 'done');
    openTimedDuty(d, 'extension.decision');
    d.notifyRoles(['receiving_officer', 'org_admin'], 'case.extensionAnswered', {
      result: '派出单位同意，待组织部审批',
    });
  },
  refuseExtension: (d) => {
    closeByKey(d, 'extension.consent', 'done');
    d.set({ extensionRequest: null });
    d.notifyRoles(['receiving_officer', 'org_admin'], 'case.extensionAnswered', { result: '派出单位不同意' });
  },
  extendTerm: (d) => {
    closeByKey(d, 'extension.decision', 'done');
    d.set({
      extensionMonths: d.c.extensionMonths + (d.c.extensionRequest?.months ?? 0),
      extensionRequest: null,
    });
    syncServicePlan(d);
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.extended', {
      termEnd: d.c.termEnd,
    });
  },
  declineExtension: (d) => {
    closeByKey(d, 'extension.decision', 'done');
    d.set({ extensionRequest: null });
    d.notifyRoles(['sending_officer', 'receiving_officer'], 'case.extensionAnswered', {
      result: '组织部不予批准',
    });
  },
  requestRecall: (d, e) => {
    const x = as('recall.request', e);
    // any other recall needs negotiation and the receiving unit's consent
    d.set({ recallRequest: { ground: 'other', reason: x.reason, at: d.now } });
    openTimedDuty(d, 'recall.consent');
    d.notifyRoles(['receiving_officer', 'org_admin'], 'case.recallRequested', { reason: x.reason });
  },
  refuseRecall: (d) => {
    closeByKey(d, 'recall.consent', 'done');
    d.set({ recallRequest: null });
    d.notifyRoles(['sending_officer', 'org_admin'], 'case.recallRefused');
  },
  recallConsented: (d, e) => {
    closeByKey(d, 'recall.consent', 'done');
    const req = d.c.recallRequest;
    d.set({
      recall: { ground: 'other', reference: null, at: d.now },
      recallRequest: null,
      disposition: 'recalled',
    });
    d.personnelFile('recall', {
      ground: 'other',
      reference: null,
      reason: req?.reason ?? null,
      consentedBy: e.actor.unit,
    });
    d.notifyRoles(['cadre', 'sending_officer', 'org_admin'], 'case.recalled', { ground: 'other' });
  },
  recallForCampaign: (d, e) => {
    const x = as('recall.request', e);
    d.set({
      recall: { ground: 'campaign', reference: x.reference ?? null, at: d.now },
      disposition: 'recalled',
    });
    d.personnelFile('recall', { ground: 'campaign', reference: x.reference ?? null, reason: x.reason });
    d.notifyRoles(['receiving_officer', 'org_admin', 'cadre'], 'case.recalled', { ground: 'campaign' });
  },
  // 因提拔召回 is a promotion: it counts as one, and the cadre hands over before leaving
  recallForPromotion: (d, e) => {
    const x = as('recall.request', e);
    const promotion = {
      newPost: x.newPost ?? '',
      newRank: x.newRank ?? d.c.cadre.rank,
      documentNo: x.reference ?? '',
      inPlace: false,
      at: d.now,
    };
    d.set({
      recall: { ground: 'promotion', reference: x.reference ?? null, at: d.now },
      promotion,
      disposition: 'promoted',
    });
    d.personnelFile('promotion', { ...promotion, phase: 'IN_SERVICE', byRecall: true });
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.promoted', {
      newPost: promotion.newPost,
      documentNo: promotion.documentNo,
    });
  },
  promote: (d, e, p) => {
    const x = as('promotion.decide', e);
    closeByKey(d, 'final.disposition', 'done');
    const promotion = {
      newPost: x.newPost,
      newRank: x.newRank,
      documentNo: x.documentNo,
      inPlace: x.inPlace,
      at: d.now,
    };
    d.set({ promotion, disposition: 'promoted' });
    d.personnelFile('promotion', { ...promotion, phase: p?.phase ?? null });
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.promoted', {
      newPost: x.newPost,
      documentNo: x.documentNo,
    });
  },
  /** Term over (milestone, early opening or forced): reviews of periods not yet ended lapse. */
  endTerm: (d) => {
    const now = d.now;
    const milestone = findLive(d.c, 'service.termEnd');
    if (milestone)
      d.updateDuty(milestone.id, (m) => closed(m, ms(m.dueAt) <= ms(now) ? 'done' : 'lapsed', now));
    lapseWhere(
      d,
      (x) => NEGOTIATION_DUTIES.includes(x.kind) || (x.periodEnd !== null && ms(x.periodEnd) > ms(now)),
    );
    // a review of a period that has ended is still owed, late, during the final assessment
    d.updateDuties(
      (x) => x.state === 'planned',
      (x) => opened(d.c, x, now),
    );
    d.set({ extensionRequest: null, recallRequest: null });
  },
  openFinalAssessment: (d) => {
    planFinal(d);
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.finalOpened');
  },
} satisfies Record<string, Action>;
