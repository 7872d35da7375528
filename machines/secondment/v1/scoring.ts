// 期满考核综合评定: weighted composite of the appraisal (鉴定), the sending unit's inspection (考察),
// the democratic evaluation (民主测评) and the routine assessments (平时考核) → grade.
import type { FinalResult, SecondmentContext } from './context';
import type { Grade } from './vocabulary';
import { gradeLabels } from './vocabulary';

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function missingFinalInputs(c: SecondmentContext): { zh: string; en: string }[] {
  const missing: { zh: string; en: string }[] = [];
  if (c.final.summaryAt === null) missing.push({ zh: '挂职工作总结', en: 'work summary' });
  if (c.final.appraisal === null) missing.push({ zh: '接收单位鉴定', en: 'appraisal' });
  if (c.final.inspection === null) missing.push({ zh: '派出单位考察', en: 'inspection' });
  if (c.final.democratic === null) missing.push({ zh: '民主测评', en: 'democratic evaluation' });
  return missing;
}

export function computeFinal(c: SecondmentContext): FinalResult {
  const { appraisal, inspection, democratic } = c.final;
  if (!appraisal || !inspection || !democratic) throw new Error('final inputs missing');
  const s = c.policy.scoring;
  const dims = Object.values(appraisal);
  const appraisalScore = dims.reduce((a, d) => a + d.score, 0) / dims.length;
  const votes =
    democratic.excellent + democratic.competent + democratic.basically_competent + democratic.incompetent;
  const democraticScore =
    (democratic.excellent * s.voteValues.excellent +
      democratic.competent * s.voteValues.competent +
      democratic.basically_competent * s.voteValues.basically_competent +
      democratic.incompetent * s.voteValues.incompetent) /
    votes;
  const routine = [...c.halfYearAssessments, ...c.annualAssessments];
  const routineScore = routine.length > 0 ? routine.reduce((a, r) => a + r.score, 0) / routine.length : null;
  // a short term has no routine assessment: its weight is shared out proportionally
  const w = s.weights;
  const parts: [number, number][] = [
    [w.appraisal, appraisalScore],
    [w.inspection, inspection.score],
    [w.democratic, democraticScore],
  ];
  if (routineScore !== null) parts.push([w.routine, routineScore]);
  const weight = parts.reduce((a, [wt]) => a + wt, 0);
  const composite = round2(weight > 0 ? parts.reduce((a, [wt, v]) => a + wt * v, 0) / weight : 0);

  const t = s.thresholds;
  let grade: Grade =
    composite >= t.excellent
      ? 'excellent'
      : composite >= t.competent
        ? 'competent'
        : composite >= t.basically_competent
          ? 'basically_competent'
          : 'incompetent';
  const reasons = [`composite ${composite} → ${gradeLabels[grade].zh}`];
  const hint = s.excellentHint;
  if (hint && grade === 'competent' && votes > 0) {
    const recent = c.cadre.previousAnnualGrades.slice(-hint.previousExcellentYears);
    const share = democratic.excellent / votes;
    if (
      recent.length === hint.previousExcellentYears &&
      recent.every((g) => g === 'excellent') &&
      share >= hint.minExcellentVoteShare
    ) {
      grade = 'excellent';
      reasons.push(`前${hint.previousExcellentYears}年均为优秀且优秀票占${round2(share * 100)}% → 优秀`);
    }
  }
  if (s.integrityFloor !== null && appraisal.integrity.score < s.integrityFloor) {
    grade = 'incompetent';
    reasons.push(`廉洁得分${appraisal.integrity.score}低于${s.integrityFloor} → 不称职`);
  }
  return {
    composite,
    grade,
    components: {
      appraisal: round2(appraisalScore),
      inspection: inspection.score,
      democratic: round2(democraticScore),
      routine: routineScore === null ? null : round2(routineScore),
    },
    reasons,
  };
}
