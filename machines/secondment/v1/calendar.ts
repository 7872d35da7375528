// Due-date arithmetic. Working days come from `chinese-days` (statutory holidays and 调休 make-up
// workdays). That package reads dates with *local* getters, so we hand it a Date built from civil
// date components at local noon: the answer is then the same in any process time zone.
import { isWorkday } from 'chinese-days';
import type { Duration, Policy } from './policy/schema';
import { iso, ms } from './time';

const DAY = 86_400_000;

/** Civil (wall) time in the policy's fixed offset (China: UTC+8, no daylight saving). */
const toCivil = (at: string, offsetMin: number): Date => new Date(ms(at) + offsetMin * 60_000);
const fromCivil = (civil: Date, offsetMin: number): string => iso(civil.getTime() - offsetMin * 60_000);

export function isChineseWorkday(civil: Date): boolean {
  return isWorkday(new Date(civil.getUTCFullYear(), civil.getUTCMonth(), civil.getUTCDate(), 12));
}

/** Move by n working days keeping the time of day; n = 0 leaves the instant unchanged. */
export function addWorkingDays(at: string, n: number, offsetMin: number): string {
  const civil = toCivil(at, offsetMin);
  const sign = n >= 0 ? 1 : -1;
  let left = Math.abs(Math.trunc(n));
  let cursor = civil.getTime();
  while (left > 0) {
    cursor += sign * DAY;
    if (isChineseWorkday(new Date(cursor))) left -= 1;
  }
  return fromCivil(new Date(cursor), offsetMin);
}

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

export function addDuration(at: string, d: Duration, policy: Policy, sign: 1 | -1 = 1): string {
  const n = d.amount * sign;
  switch (d.unit) {
    case 'seconds':
      return iso(ms(at) + n * 1000);
    case 'minutes':
      return iso(ms(at) + n * 60_000);
    case 'hours':
      return iso(ms(at) + n * 3_600_000);
    case 'calendarDays':
      return iso(ms(at) + n * DAY);
    case 'workingDays':
      return addWorkingDays(at, n, policy.timeZoneOffsetMinutes);
    case 'months':
      return addTermMonths(at, n, policy);
  }
}
