// Building the first snapshot's context from a nomination (and the host's holiday tables).
import type { SecondmentContext } from './context';
import { Draft } from './draft';
import { evaluateEligibility } from './eligibility';
import { secondmentInputSchema, type SecondmentInputDraft } from './input';
import { planNomination } from './plans';
import { getPolicy } from './policy';
import { normalize } from './time';

/** Throws (zod error) on an invalid nomination: the host validates with secondmentInputSchema first. */
export function initialContext(draft: SecondmentInputDraft): SecondmentContext {
  const input = secondmentInputSchema.parse(draft);
  const policy = typeof input.policy === 'string' ? getPolicy(input.policy) : input.policy;
  const at = normalize(input.at);
  const c: SecondmentContext = {
    caseId: input.caseId,
    year: input.year,
    cohort: input.cohort ?? null,
    roundId: input.roundId ?? null,
    kind: input.kind,
    programme: input.programme,
    cadre: {
      id: input.cadre.id,
      age: input.cadre.age,
      rank: input.cadre.rank,
      cpcMember: input.cadre.cpcMember,
      categories: input.cadre.categories,
      heldGrassrootsPrincipalPost: input.cadre.heldGrassrootsPrincipalPost,
      previousAnnualGrades: input.cadre.previousAnnualGrades,
    },
    sendingUnit: input.sendingUnit,
    requestedReceivingUnit: input.requestedReceivingUnit,
    receivingUnit: input.requestedReceivingUnit,
    orgUnit: input.orgUnit,
    unitedFrontUnit: input.unitedFrontUnit,
    termMonths: input.termMonths,
    plannedTerm: input.term
      ? { start: input.term.start, end: input.term.end, reason: input.term.reason ?? null }
      : null,
    source: input.source,
    nominatedBy: { id: input.nominatedBy.id, role: input.nominatedBy.role, unit: input.nominatedBy.unit },
    nominatedAt: at,
    policy,
    calendar: input.calendar,
    seq: 1,
    lastAt: at,
    eligibility: { ok: true, failures: [] },
    approval: null,
    posting: {
      post: null,
      election: null,
      appointmentNo: null,
      unitedFrontAckAt: null,
      partyBranch: null,
      introductionLetter: null,
      mentor: null,
      portfolio: null,
      arrivedOn: null,
    },
    postedAt: null,
    termStart: null,
    termEnd: null,
    heldMs: 0,
    extensionMonths: 0,
    extensionRequest: null,
    recallRequest: null,
    rotations: [],
    leaves: [],
    sendingTasks: [],
    breaches: [],
    priorRecords: [],
    halfYearAssessments: [],
    annualAssessments: [],
    final: { summaryAt: null, appraisal: null, inspection: null, democratic: null, result: null },
    disposition: null,
    returned: { handoverAt: null, partyReturnedAt: null, postResumedAt: null },
    trackingStart: null,
    promotion: null,
    recall: null,
    hold: null,
    duties: [],
    counters: { duty: 0, leave: 0, task: 0, breach: 0 },
  };
  const failures = evaluateEligibility(c, policy);
  const d = new Draft({ ...c, eligibility: { ok: failures.length === 0, failures } }, at);
  planNomination(d);
  return d.c;
}
