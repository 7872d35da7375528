// Due-date arithmetic over the case's own holiday tables (context.calendar) and its policy. A
// working-day result says which table versions it relied on and whether it is provisional.
import { addWorkingDays, calendarVersionOf, type Calendar } from '../../calendar';
import type { Duration, Policy } from './policy/schema';
import { iso, ms } from './time';

const DAY = 86_400_000;
/** The mean Gregorian month, for mapping the demo's compressed months onto calendar time. */
const MEAN_MONTH_MS = 30.436875 * DAY;

export interface Due {
  at: string;
  basis: { from: string; workingDays: number } | null;
  calendarVersion: string | null;
  provisional: boolean;
}

const toCivil = (at: string, offsetMin: number): Date => new Date(ms(at) + offsetMin * 60_000);
const fromCivil = (civil: Date, offsetMin: number): string => iso(civil.getTime() - offsetMin * 60_000);

/** Calendar months, clamped to the month's last day (31 Aug + 1 month = 30 Sep). */
export function addCalendarMonths(at: string, n: number, offsetMin: number): string {
  const civil = toCivil(at, offsetMin);
  const y = civil.getUTCFullYear();
  const m = civil.getUTCMonth() + Math.trunc(n);
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const moved = new Date(
    Date.UTC(
      y,
      m,
      Math.min(civil.getUTCDate(), lastDay),
      civil.getUTCHours(),
      civil.getUTCMinutes(),
      civil.getUTCSeconds(),
      civil.getUTCMilliseconds(),
    ),
  );
  return fromCivil(moved, offsetMin);
}

/** Term months: real calendar months, or the demo policy's compressed month. */
export function addTermMonths(at: string, n: number, policy: Policy): string {
  if (policy.termClock.kind === 'compressed')
    return iso(ms(at) + n * policy.termClock.secondsPerMonth * 1000);
  return addCalendarMonths(at, n, policy.timeZoneOffsetMinutes);
}

/** Midnight (civil, policy offset) at the start of an ISO date. */
export const startOfDate = (date: string, policy: Policy): string =>
  iso(Date.parse(`${date}T00:00:00Z`) - policy.timeZoneOffsetMinutes * 60_000);

/** The civil date (YYYY-MM-DD) of an instant. */
export const civilDate = (at: string, policy: Policy): string =>
  toCivil(at, policy.timeZoneOffsetMinutes).toISOString().slice(0, 10);

export function addDuration(
  at: string,
  d: Duration,
  policy: Policy,
  calendar: Calendar,
  sign: 1 | -1 = 1,
): Due {
  const n = d.amount * sign;
  const plain = (t: number): Due => ({ at: iso(t), basis: null, calendarVersion: null, provisional: false });
  switch (d.unit) {
    case 'seconds':
      return plain(ms(at) + n * 1000);
    case 'minutes':
      return plain(ms(at) + n * 60_000);
    case 'hours':
      return plain(ms(at) + n * 3_600_000);
    case 'calendarDays':
      return plain(ms(at) + n * DAY);
    case 'workingDays': {
      const r = addWorkingDays(calendar, at, n, policy.timeZoneOffsetMinutes);
      const v = calendarVersionOf(calendar, r.years);
      return {
        at: r.at,
        basis: sign === 1 ? { from: at, workingDays: d.amount } : null,
        calendarVersion: r.years.length > 0 ? v.calendarVersion : null,
        provisional: v.provisional,
      };
    }
    case 'months':
      return { ...plain(0), at: addTermMonths(at, n, policy) };
  }
}

/**
 * Year ends (1 January, 00:00 civil) that fall in (start, end]. On the demo's compressed clock the
 * term is mapped onto calendar time from its start, so a compressed year has a year end too.
 */
export function yearEndsBetween(start: string, end: string, policy: Policy): { year: number; at: string }[] {
  const offset = policy.timeZoneOffsetMinutes;
  const scale =
    policy.termClock.kind === 'compressed' ? MEAN_MONTH_MS / (policy.termClock.secondsPerMonth * 1000) : 1;
  const toVirtual = (t: number) => ms(start) + (t - ms(start)) * scale;
  const toReal = (v: number) => ms(start) + (v - ms(start)) / scale;
  const out: { year: number; at: string }[] = [];
  const first = toCivil(start, offset).getUTCFullYear();
  for (let y = first; ; y += 1) {
    const yearEnd = Date.UTC(y + 1, 0, 1) - offset * 60_000;
    if (yearEnd > toVirtual(ms(end))) break;
    if (yearEnd > ms(start)) out.push({ year: y, at: iso(toReal(yearEnd)) });
  }
  return out;
}

/** 1 January (civil) of the year of `at`, on the same virtual clock as yearEndsBetween. */
export function yearStartBefore(yearEnd: string, start: string, policy: Policy): string {
  const scale =
    policy.termClock.kind === 'compressed' ? MEAN_MONTH_MS / (policy.termClock.secondsPerMonth * 1000) : 1;
  const virtualEnd = ms(start) + (ms(yearEnd) - ms(start)) * scale;
  const civilEnd = new Date(virtualEnd + policy.timeZoneOffsetMinutes * 60_000);
  const yearStart = Date.UTC(civilEnd.getUTCFullYear() - 1, 0, 1) - policy.timeZoneOffsetMinutes * 60_000;
  return iso(ms(start) + (yearStart - ms(start)) / scale);
}

/**
 * An instant of the case on calendar time, counted from the term's start: itself on the real clock;
 * on the demo's compressed clock where the mapped calendar has got to (so a printed term runs a
 * year, as yearEndsBetween's years do, not two minutes).
 */
export function onCalendarClock(at: string, start: string, policy: Policy): string {
  if (policy.termClock.kind !== 'compressed') return at;
  const scale = MEAN_MONTH_MS / (policy.termClock.secondsPerMonth * 1000);
  return iso(ms(start) + (ms(at) - ms(start)) * scale);
}
