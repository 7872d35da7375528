// What each phase owes, planned when the phase begins. Periodic reviews are anchored to the
// posting date (到岗之日) and re-planned when the term is extended.
import { addDuration, addTermMonths } from './calendar';
import type { SecondmentContext } from './context';
import { durationFor, findOpen, hasDuty, openDuty, openTimedDuty } from './duties';
import { iso, ms } from './time';
import type { DutyKind } from './vocabulary';

type Ctx = SecondmentContext;

export function planNomination(c: Ctx, now: string): void {
  openTimedDuty(c, 'approval.decide', now);
}

/** Items that gate "posted". Dependent items (election, appointment, united front) open later. */
export function planPosting(c: Ctx, now: string): void {
  openTimedDuty(c, 'posting.post', now);
  openTimedDuty(c, 'posting.introduction', now);
  openTimedDuty(c, 'posting.mentor', now);
  openTimedDuty(c, 'posting.duties', now);
  openTimedDuty(c, 'posting.arrival', now);
  if (c.cadre.cpcMember) openTimedDuty(c, 'posting.party', now);
}

/** Term month n after posting, shifted by time spent on hold. */
export function termAnchor(c: Ctx, months: number): string {
  if (c.postedAt === null) throw new Error('term anchor before posting');
  return iso(ms(addTermMonths(c.postedAt, months, c.policy)) + c.heldMs);
}

function periodic(c: Ctx, kind: DutyKind, n: number, periodEnd: string, now: string): void {
  const key = `${kind}/${n}`;
  if (hasDuty(c, key)) return;
  openDuty(
    c,
    { key, kind, n, periodEnd, dueAt: addDuration(periodEnd, durationFor(c, kind), c.policy) },
    now,
  );
}

/**
 * Create every review the current term calls for that does not exist yet, and move the term-end
 * milestone. Idempotent, so an extension just calls it again.
 */
export function syncServicePlan(c: Ctx, now: string): void {
  const term = c.termMonths + c.extensionMonths;
  c.termEnd = termAnchor(c, term);
  for (let q = 1; q * 3 - 3 < term; q += 1)
    periodic(c, 'service.quarterly', q, termAnchor(c, Math.min(q * 3, term)), now);
  // the half-year that ends with the term is covered by the final assessment
  for (let h = 1; h * 6 < term; h += 1) {
    const end = termAnchor(c, h * 6);
    periodic(c, 'service.halfYearReport', h, end, now);
    periodic(c, 'service.halfYearAssessment', h, end, now);
    periodic(c, 'service.contact', h, end, now);
  }
  if (term > c.policy.service.annualAssessmentAboveMonths) {
    for (let y = 1; y * 12 < term; y += 1)
      periodic(c, 'service.annualAssessment', y, termAnchor(c, y * 12), now);
    periodic(c, 'service.firstHalfRecord', 1, termAnchor(c, 12), now);
  }
  const milestone = findOpen(c, 'service.termEnd');
  if (milestone) {
    milestone.dueAt = c.termEnd;
    milestone.nextAlarmAt = c.termEnd;
  } else
    openDuty(c, { key: 'service.termEnd', kind: 'service.termEnd', dueAt: c.termEnd, milestone: true }, now);
}

export function planFinal(c: Ctx, now: string): void {
  for (const k of [
    'final.summary',
    'final.appraisal',
    'final.inspection',
    'final.democratic',
    'final.grade',
  ] as const)
    openTimedDuty(c, k, now);
}

export function planReturn(c: Ctx, now: string): void {
  openTimedDuty(c, 'return.handover', now);
  openTimedDuty(c, 'return.post', now);
  if (c.cadre.cpcMember) openTimedDuty(c, 'return.party', now);
}

export function trackingEnd(c: Ctx): string {
  if (c.trackingStart === null) throw new Error('tracking not started');
  return addTermMonths(c.trackingStart, c.policy.service.trackingMonths, c.policy);
}

export function planTracking(c: Ctx, now: string): void {
  c.trackingStart = now;
  openTimedDuty(c, 'tracking.review', now, { from: trackingEnd(c) });
}
