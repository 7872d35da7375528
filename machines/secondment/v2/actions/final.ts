// 期满考核 (final assessment), 返回 (return), 跟踪培养 (tracking) and closing a case.
import { closeByKey, lapseWhere, openTimedDuty } from '../duties';
import { planReturn, planTracking, trackingEnd } from '../plans';
import { computeFinal } from '../scoring';
import { gradeLabels } from '../vocabulary';
import { as, type Action } from './types';

export const finalActions = {
  submitSummary: (d) => {
    d.set({ final: { ...d.c.final, summaryAt: d.now } });
    closeByKey(d, 'final.summary', 'done');
  },
  submitAppraisal: (d, e) => {
    const x = as('final.appraisal.submit', e);
    const appraisal = {
      thought: x.thought,
      work: x.work,
      study: x.study,
      life: x.life,
      integrity: x.integrity,
    };
    d.set({ final: { ...d.c.final, appraisal } });
    closeByKey(d, 'final.appraisal', 'done');
    d.personnelFile('appraisal', { ...appraisal, by: d.c.receivingUnit });
  },
  submitInspection: (d, e) => {
    const x = as('final.inspection.submit', e);
    d.set({ final: { ...d.c.final, inspection: { score: x.score, findings: x.findings } } });
    closeByKey(d, 'final.inspection', 'done');
  },
  recordDemocratic: (d, e) => {
    const x = as('final.democratic.record', e);
    const democratic = {
      excellent: x.excellent,
      competent: x.competent,
      basically_competent: x.basically_competent,
      incompetent: x.incompetent,
    };
    d.set({ final: { ...d.c.final, democratic } });
    closeByKey(d, 'final.democratic', 'done');
  },
  grade: (d, e) => {
    const result = computeFinal(d.c);
    d.set({ final: { ...d.c.final, result } });
    closeByKey(d, 'final.grade', 'done');
    openTimedDuty(d, 'final.disposition');
    // 考核结果存入个人档案, the evidence for later promotion decisions
    d.personnelFile('assessmentGrade', { ...result, comment: as('final.grade.decide', e).comment ?? null });
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.graded', {
      grade: gradeLabels[result.grade].zh,
      composite: result.composite,
    });
  },
  /** Into the return: what the term still owed lapses (the final assessment or the decision replaced it). */
  startReturn: (d) => {
    closeByKey(d, 'final.disposition', 'done');
    lapseWhere(
      d,
      (x) =>
        (x.kind.startsWith('service.') && !x.kind.startsWith('service.breach')) ||
        x.kind.startsWith('final.') ||
        x.kind.startsWith('extension.') ||
        x.kind.startsWith('recall.'),
    );
    d.set({ disposition: d.c.disposition ?? 'returned', extensionRequest: null, recallRequest: null });
    planReturn(d);
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.returnStarted');
  },
  completeHandover: (d) => {
    d.set({ returned: { ...d.c.returned, handoverAt: d.now } });
    closeByKey(d, 'return.handover', 'done');
  },
  returnParty: (d) => {
    d.set({ returned: { ...d.c.returned, partyReturnedAt: d.now } });
    closeByKey(d, 'return.party', 'done');
  },
  resumePost: (d) => {
    d.set({ returned: { ...d.c.returned, postResumedAt: d.now } });
    closeByKey(d, 'return.post', 'done');
  },
  skipReturn: (d) => lapseWhere(d, (x) => x.kind.startsWith('return.')),
  startTracking: (d) => {
    lapseWhere(d, (x) => x.kind.startsWith('return.'));
    planTracking(d);
    d.notifyRoles(['cadre', 'sending_officer', 'org_admin'], 'case.tracking', { until: trackingEnd(d.c) });
  },
  closeTracking: (d) => closeByKey(d, 'tracking.review', 'done'),
  /** Entry of every final state: nothing stays owed. */
  closeCase: (d, _e, p) => {
    lapseWhere(d, () => true);
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer', 'org_admin'], 'case.closed', {
      status: p?.status ?? null,
    });
  },
} satisfies Record<string, Action>;
