// Periodic assessments (半年考核, 年度考核): a grade must match its score under the policy's bands,
// and the seed's 优秀 guidance (前两年年度考核均为优秀、年终民主测评优秀票比例较高 → 建议确定为优秀)
// guides the receiving unit's annual assessment.
import type { SecondmentContext } from './context';
import type { Grade } from './vocabulary';

type Ctx = SecondmentContext;

/** The grade a score earns under the policy's thresholds. */
export function gradeBand(c: Ctx, score: number): Grade {
  const t = c.policy.scoring.thresholds;
  if (score >= t.excellent) return 'excellent';
  if (score >= t.competent) return 'competent';
  if (score >= t.basically_competent) return 'basically_competent';
  return 'incompetent';
}

/** The annual grade of a calendar year: from this case's assessments, else from the nomination facts. */
export function annualGradeOf(c: Ctx, year: number): Grade | null {
  const here = c.annualAssessments.find((a) => a.year === year);
  if (here) return here.grade;
  // previousAnnualGrades: newest last, the last being the year before the case's year
  const back = c.year - 1 - year;
  const grades = c.cadre.previousAnnualGrades;
  return back >= 0 && back < grades.length ? (grades[grades.length - 1 - back] ?? null) : null;
}

/** Does the seed's guidance suggest 优秀 for the annual assessment of `year` with these votes? */
export function excellentSuggested(
  c: Ctx,
  year: number,
  votes: { excellent: number; total: number },
): boolean {
  const g = c.policy.annual.excellentGuidance;
  if (!g || votes.total <= 0) return false;
  for (let k = 1; k <= g.previousExcellentYears; k += 1)
    if (annualGradeOf(c, year - k) !== 'excellent') return false;
  return votes.excellent / votes.total >= g.minExcellentVoteShare;
}
