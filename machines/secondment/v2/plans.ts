// What each phase owes, planned when the phase begins. The term runs from arrival (到岗之日) to its
// planned end (the round's common term end, or arrival + the term's months); periodic reviews
// belong to their period and open only in its report window; the annual assessment (年度考核) is at
// every year end inside the term, by the receiving unit.
import { addCalendarMonths, addTermMonths, civilDate, startOfDate, yearEndsBetween } from './clock';
import type { SecondmentContext } from './context';
import type { Draft } from './draft';
import { dueAfter, durationFor, findLive, hasDuty, openDuty, openTimedDuty, armed } from './duties';
import { iso, ms } from './time';
import type { DutyKind } from './vocabulary';

type Ctx = SecondmentContext;
const DAY = 86_400_000;

export function planNomination(d: Draft): void {
  openTimedDuty(d, 'approval.decide');
}

/** Items that gate "posted". Dependent items (election, appointment, united front) open later. */
export function planPosting(d: Draft): void {
  openTimedDuty(d, 'posting.post');
  openTimedDuty(d, 'posting.introduction');
  openTimedDuty(d, 'posting.mentor');
  openTimedDuty(d, 'posting.duties');
  openTimedDuty(d, 'posting.arrival');
  if (d.c.cadre.cpcMember) openTimedDuty(d, 'posting.party');
}

/**
 * The term's first moment: the start of the arrival date. On the demo's compressed clock a date is
 * far too coarse (a month lasts seconds), so it is the moment the arrival was confirmed.
 */
export function termStartOf(c: Ctx, arrivedOn: string, confirmedAt: string): string {
  return c.policy.termClock.kind === 'compressed' ? confirmedAt : startOfDate(arrivedOn, c.policy);
}

/** Term month n after the start, shifted by time spent on hold. */
export function termAnchor(c: Ctx, months: number): string {
  if (c.termStart === null) throw new Error('term anchor before the term started');
  return iso(ms(addTermMonths(c.termStart, months, c.policy)) + c.heldMs);
}

export function plannedTermEnd(c: Ctx): string {
  if (c.plannedTerm && c.policy.termClock.kind === 'calendar') {
    const end = addCalendarMonths(
      startOfDate(c.plannedTerm.end, c.policy),
      c.extensionMonths,
      c.policy.timeZoneOffsetMinutes,
    );
    return iso(ms(end) + c.heldMs);
  }
  return termAnchor(c, c.termMonths + c.extensionMonths);
}

/** Whole term months between start and end (for rules stated in months: rotation, annual). */
export const termLengthMonths = (c: Ctx): number =>
  c.plannedTerm && c.policy.termClock.kind === 'calendar' && c.termStart
    ? Math.round((ms(plannedTermEnd(c)) - ms(c.termStart) - c.heldMs) / (30.436875 * DAY))
    : c.termMonths + c.extensionMonths;

/** The period a quarterly or half-yearly review covers under the current term, or null if not in it. */
export function periodOf(c: Ctx, kind: DutyKind, n: number): { start: string; end: string } | null {
  const end = c.termEnd;
  if (end === null || c.termStart === null) return null;
  if (kind === 'service.quarterly') {
    const start = termAnchor(c, n * 3 - 3);
    if (ms(start) >= ms(end)) return null;
    return { start, end: ms(termAnchor(c, n * 3)) < ms(end) ? termAnchor(c, n * 3) : end };
  }
  if (
    kind === 'service.halfYearReport' ||
    kind === 'service.halfYearAssessment' ||
    kind === 'service.contact'
  ) {
    const to = termAnchor(c, n * 6);
    return ms(to) < ms(end) ? { start: termAnchor(c, n * 6 - 6), end: to } : null;
  }
  return null;
}

/** When a review of a period opens and is due. */
export function periodTimes(c: Ctx, kind: DutyKind, period: { start: string; end: string }) {
  const window = dueAfter(c, period.end, c.policy.service.reportOpensBefore, -1).at;
  return {
    opensAt: ms(window) > ms(period.start) ? window : period.start,
    due: dueAfter(c, period.end, durationFor(c, kind)),
  };
}

function periodic(d: Draft, kind: DutyKind, n: number, periodStart: string, periodEnd: string): void {
  const c = d.c;
  const key = `${kind}/${n}`;
  if (hasDuty(c, key)) return;
  const { opensAt, due } = periodTimes(c, kind, { start: periodStart, end: periodEnd });
  openDuty(d, { key, kind, n, periodEnd, due, opensAt });
}

/** Did the cadre spend enough of the term's first calendar year at home to need the sending unit's record? */
export function priorRecordYear(c: Ctx, start: string): number | null {
  const date = civilDate(start, c.policy);
  const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / DAY;
  return days >= c.policy.annual.priorRecordMinDays ? Number(date.slice(0, 4)) : null;
}

/**
 * Create every review the current term calls for that does not exist yet, and move the term-end
 * milestone. Idempotent, so an extension just calls it again.
 */
export function syncServicePlan(d: Draft): void {
  const start = d.c.termStart;
  if (start === null) throw new Error('service plan before the term started');
  d.set({ termEnd: plannedTermEnd(d.c) });
  const c = d.c;
  const end = c.termEnd as string;
  for (let q = 1; ms(termAnchor(c, q * 3 - 3)) < ms(end); q += 1) {
    const periodEnd = ms(termAnchor(c, q * 3)) < ms(end) ? termAnchor(c, q * 3) : end;
    periodic(d, 'service.quarterly', q, termAnchor(c, q * 3 - 3), periodEnd);
  }
  // the half-year that ends with the term is covered by the final assessment
  for (let h = 1; ms(termAnchor(c, h * 6)) < ms(end); h += 1) {
    const from = termAnchor(c, h * 6 - 6);
    const to = termAnchor(c, h * 6);
    periodic(d, 'service.halfYearReport', h, from, to);
    periodic(d, 'service.halfYearAssessment', h, from, to);
    periodic(d, 'service.contact', h, from, to);
  }
  const priorYear = priorRecordYear(c, start);
  for (const ye of yearEndsBetween(start, end, c.policy)) {
    periodic(d, 'service.annualAssessment', ye.year, start, ye.at);
    const key = `service.firstHalfRecord/${ye.year}`;
    if (ye.year === priorYear && !hasDuty(d.c, key)) {
      const byYearEnd = dueAfter(d.c, ye.at, d.c.policy.annual.priorRecordLead, -1);
      const earliest = dueAfter(d.c, d.now, durationFor(d.c, 'service.firstHalfRecord'));
      openDuty(d, {
        key,
        kind: 'service.firstHalfRecord',
        n: ye.year,
        due: ms(byYearEnd.at) > ms(earliest.at) ? byYearEnd : earliest,
      });
    }
  }
  const milestone = findLive(d.c, 'service.termEnd');
  const due = { at: end, basis: null, calendarVersion: null, provisional: false };
  if (milestone) d.updateDuty(milestone.id, (m) => armed(d.c, { ...m, dueAt: end }, d.now));
  else openDuty(d, { key: 'service.termEnd', kind: 'service.termEnd', due, milestone: true });
}

export function planFinal(d: Draft): void {
  for (const k of [
    'final.summary',
    'final.appraisal',
    'final.inspection',
    'final.democratic',
    'final.grade',
  ] as const)
    openTimedDuty(d, k);
}

/** Handover and party relation always; back at the home post unless promoted where they serve. */
export function planReturn(d: Draft): void {
  openTimedDuty(d, 'return.handover');
  if (!(d.c.disposition === 'promoted' && d.c.promotion?.inPlace)) openTimedDuty(d, 'return.post');
  if (d.c.cadre.cpcMember) openTimedDuty(d, 'return.party');
}

export function trackingEnd(c: Ctx): string {
  if (c.trackingStart === null) throw new Error('tracking not started');
  return addTermMonths(c.trackingStart, c.policy.service.trackingMonths, c.policy);
}

export function planTracking(d: Draft): void {
  d.set({ trackingStart: d.now });
  openTimedDuty(d, 'tracking.review', { from: trackingEnd(d.c) });
}
