// 期满考核 (final assessment), 返回 (return) and 跟踪培养 (tracking).
import { closeByKey, findOpen, openTimedDuty } from '../duties';
import { close, enterReturning, maybeCompleteReturn } from '../phases';
import { trackingEnd } from '../plans';
import { violation, type Refusal } from '../refusal';
import { computeFinal, missingFinalInputs } from '../scoring';
import type { SpecMap } from '../spec';
import type { SecondmentContext } from '../context';
import { ms } from '../time';
import { gradeLabels, type DutyKind } from '../vocabulary';

type K =
  | 'final.summary.submit'
  | 'final.appraisal.submit'
  | 'final.inspection.submit'
  | 'final.democratic.record'
  | 'final.grade.decide'
  | 'return.start'
  | 'return.handover.complete'
  | 'return.party.return'
  | 'return.post.resume'
  | 'tracking.review.submit';

const owed = (c: SecondmentContext, kind: DutyKind, zh: string, en: string): Refusal | null =>
  findOpen(c, kind)
    ? null
    : violation('posting.itemDone', `${zh}已提交或无需提交`, `The ${en} is already in or not owed`);

export const finalSpecs: SpecMap<K> = {
  'final.summary.submit': {
    roles: ['cadre'],
    discharges: ['final.summary'],
    pre: (c) => owed(c, 'final.summary', '挂职工作总结', 'work summary'),
    apply: (c, _e, out) => {
      c.final.summaryAt = out.now;
      closeByKey(c, 'final.summary', 'done', out.now);
    },
  },
  'final.appraisal.submit': {
    roles: ['receiving_officer'],
    discharges: ['final.appraisal'],
    pre: (c) => owed(c, 'final.appraisal', '鉴定', 'appraisal'),
    apply: (c, e, out) => {
      c.final.appraisal = {
        thought: e.thought,
        work: e.work,
        study: e.study,
        life: e.life,
        integrity: e.integrity,
      };
      closeByKey(c, 'final.appraisal', 'done', out.now);
      out.personnelFile('appraisal', { ...c.final.appraisal, by: c.receivingUnit });
    },
  },
  'final.inspection.submit': {
    roles: ['sending_officer'],
    discharges: ['final.inspection'],
    pre: (c) => owed(c, 'final.inspection', '考察意见', 'inspection'),
    apply: (c, e, out) => {
      c.final.inspection = { score: e.score, findings: e.findings };
      closeByKey(c, 'final.inspection', 'done', out.now);
    },
  },
  'final.democratic.record': {
    roles: ['org_admin'],
    discharges: ['final.democratic'],
    pre: (c) => owed(c, 'final.democratic', '民主测评结果', 'democratic evaluation'),
    check: (_c, e) =>
      e.excellent + e.competent + e.basically_competent + e.incompetent > 0
        ? null
        : violation('final.votes', '民主测评没有有效票', 'The democratic evaluation has no votes'),
    apply: (c, e, out) => {
      c.final.democratic = {
        excellent: e.excellent,
        competent: e.competent,
        basically_competent: e.basically_competent,
        incompetent: e.incompetent,
      };
      closeByKey(c, 'final.democratic', 'done', out.now);
    },
  },
  'final.grade.decide': {
    roles: ['org_admin'],
    discharges: ['final.grade'],
    pre: (c) => {
      const missing = missingFinalInputs(c);
      return missing.length === 0
        ? null
        : violation(
            'final.inputs',
            `尚缺：${missing.map((m) => m.zh).join('、')}，不能评定等次`,
            `Missing: ${missing.map((m) => m.en).join(', ')}; no grade yet`,
          );
    },
    apply: (c, e, out) => {
      const result = computeFinal(c);
      c.final.result = result;
      closeByKey(c, 'final.grade', 'done', out.now);
      c.status = 'ASSESSED';
      openTimedDuty(c, 'final.disposition', out.now);
      // 考核结果存入个人档案, the evidence for later promotion decisions
      out.personnelFile('assessmentGrade', { ...result, comment: e.comment ?? null });
      out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.graded', {
        grade: gradeLabels[result.grade].zh,
        composite: result.composite,
      });
    },
  },
  'return.start': {
    roles: ['org_admin'],
    discharges: ['final.disposition'],
    apply: (c, _e, out) => enterReturning(c, out),
  },
  'return.handover.complete': {
    roles: ['cadre'],
    discharges: ['return.handover'],
    pre: (c) => owed(c, 'return.handover', '工作交接', 'handover'),
    apply: (c, _e, out) => {
      c.returned.handoverAt = out.now;
      closeByKey(c, 'return.handover', 'done', out.now);
      maybeCompleteReturn(c, out);
    },
  },
  'return.party.return': {
    roles: ['cadre'],
    discharges: ['return.party'],
    pre: (c) =>
      c.cadre.cpcMember
        ? owed(c, 'return.party', '党组织关系转回', 'party relation return')
        : violation(
            'return.party',
            '党外干部无需转回党组织关系',
            'A non-CPC cadre has no party relation to return',
          ),
    apply: (c, _e, out) => {
      c.returned.partyReturnedAt = out.now;
      closeByKey(c, 'return.party', 'done', out.now);
      maybeCompleteReturn(c, out);
    },
  },
  'return.post.resume': {
    roles: ['sending_officer'],
    discharges: ['return.post'],
    pre: (c) => owed(c, 'return.post', '回原单位岗位', 'return to post'),
    apply: (c, _e, out) => {
      c.returned.postResumedAt = out.now;
      closeByKey(c, 'return.post', 'done', out.now);
      maybeCompleteReturn(c, out);
    },
  },
  'tracking.review.submit': {
    roles: ['sending_officer'],
    discharges: ['tracking.review'],
    check: (c, _e, now) => {
      const end = trackingEnd(c);
      return ms(now) >= ms(end)
        ? null
        : violation('tracking.period', `跟踪培养期至${end}，尚未期满`, `Tracking runs until ${end}`);
    },
    apply: (c, _e, out) => {
      closeByKey(c, 'tracking.review', 'done', out.now);
      close(c, out, 'CLOSED_RETURNED');
    },
  },
};
