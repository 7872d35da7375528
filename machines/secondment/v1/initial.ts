// Building the first snapshot's context from a nomination.
import type { SecondmentContext } from './context';
import { evaluateEligibility } from './eligibility';
import { finish } from './engine';
import type { Effect } from './effects';
import { secondmentInputSchema, type SecondmentInputDraft } from './input';
import { EffectCollector } from './effectCollector';
import { planNomination } from './plans';
import { getPolicy } from './policy';
import { kindLabels } from './vocabulary';
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
    kind: input.kind,
    programme: input.programme,
    cadre: {
      id: input.cadre.id,
      displayName: input.cadre.displayName,
      birthDate: input.cadre.birthDate,
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
    source: input.source,
    nominatedBy: { id: input.nominatedBy.id, role: input.nominatedBy.role, unit: input.nominatedBy.unit },
    nominatedAt: at,
    policy,
    status: 'NOMINATED',
    seq: 0,
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
    termEnd: null,
    extensionMonths: 0,
    extensionRequest: null,
    recallRequest: null,
    rotations: [],
    leaves: [],
    sendingTasks: [],
    firstHalfRecordAt: null,
    halfYearAssessments: [],
    annualAssessments: [],
    final: { summaryAt: null, appraisal: null, inspection: null, democratic: null, result: null },
    returned: { handoverAt: null, partyReturnedAt: null, postResumedAt: null },
    trackingStart: null,
    promotion: null,
    recall: null,
    hold: null,
    heldMs: 0,
    duties: [],
    counters: { duty: 0, leave: 0, task: 0 },
  };
  const failures = evaluateEligibility(c, policy, at);
  c.eligibility = { ok: failures.length === 0, failures };
  planNomination(c, at);
  c.seq = 1;
  return c;
}

/** Effects of the nomination itself (returned by initialTransition as entry actions). */
export function initialEffects(c: SecondmentContext): Effect[] {
  const scratch = JSON.parse(JSON.stringify(c)) as SecondmentContext;
  const out = new EffectCollector(scratch, c.nominatedAt);
  out.notifyRoles(['org_admin'], 'case.nominated', {
    kind: kindLabels[c.kind].zh,
    dueAt: c.duties[0]?.dueAt ?? null,
  });
  return finish(null, scratch, out, {
    eventType: 'nomination.create',
    actor: c.nominatedBy,
    reason: null,
    payload: {
      kind: c.kind,
      programme: c.programme,
      termMonths: c.termMonths,
      source: c.source.type,
      sendingUnit: c.sendingUnit,
      requestedReceivingUnit: c.requestedReceivingUnit,
      eligible: c.eligibility.ok,
    },
  });
}
