// 选派条件: checked when the nomination is created (the result travels in the context) and again
// enforced by the approval guard, so an ineligible nominee can be recorded but never approved.
import type { SecondmentContext } from './context';
import type { NominationSource } from './input';
import type { Policy } from './policy/schema';
import { kindLabels, rankLabels } from './vocabulary';

export interface EligibilityFailure {
  code: string;
  zh: string;
  en: string;
}

export function competitiveScore(source: NominationSource, policy: Policy): number | null {
  if (source.type !== 'competitive') return null;
  const w = policy.eligibility.competitive;
  return (
    Math.round((source.examScore * w.examWeight + source.interviewScore * w.interviewWeight) * 100) / 100
  );
}

export function evaluateEligibility(
  c: Pick<
    SecondmentContext,
    'cadre' | 'kind' | 'termMonths' | 'source' | 'sendingUnit' | 'requestedReceivingUnit'
  >,
  policy: Policy,
): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  const age = c.cadre.age;
  const max = policy.eligibility.maxAgeByRank[c.cadre.rank];
  if (age > max)
    failures.push({
      code: 'age',
      zh: `${rankLabels[c.cadre.rank].zh}干部年龄上限${max}岁，被推荐人${age}岁`,
      en: `age limit for ${rankLabels[c.cadre.rank].en} is ${max}; the nominee is ${age}`,
    });
  const rule = policy.kinds[c.kind];
  if (rule.requiresNoGrassrootsPrincipalPost && c.cadre.heldGrassrootsPrincipalPost)
    failures.push({
      code: 'grassrootsPrincipal',
      zh: `${kindLabels[c.kind].zh}干部须未在基层担任过主要领导职务`,
      en: `${kindLabels[c.kind].en} requires never having held a principal post at the grassroots`,
    });
  if (c.termMonths < rule.termMonths.min || c.termMonths > rule.termMonths.max)
    failures.push({
      code: 'term',
      zh: `${kindLabels[c.kind].zh}挂职期限为${rule.termMonths.min}至${rule.termMonths.max}个月，申请${c.termMonths}个月`,
      en: `${kindLabels[c.kind].en} lasts ${rule.termMonths.min}–${rule.termMonths.max} months; ${c.termMonths} asked`,
    });
  const score = competitiveScore(c.source, policy);
  if (score !== null && score < policy.eligibility.competitive.minScore)
    failures.push({
      code: 'competitiveScore',
      zh: `竞争性选拔综合成绩${score}分，低于${policy.eligibility.competitive.minScore}分`,
      en: `competitive selection score ${score} is below ${policy.eligibility.competitive.minScore}`,
    });
  if (c.sendingUnit === c.requestedReceivingUnit)
    failures.push({
      code: 'sameUnit',
      zh: '接收单位不得与派出单位相同',
      en: 'receiving unit equals sending unit',
    });
  return failures;
}
