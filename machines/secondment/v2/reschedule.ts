// Moving due dates: by working days under a working-day rule (a hold, a leave), so a deadline never
// lands on a holiday, and re-computing provisional due dates once a year's holiday table arrives.
import { calendarVersionOf, addWorkingDays } from '../../calendar';
import type { Duty, SecondmentContext } from './context';
import { armed } from './duties';
import { iso, ms } from './time';

type Ctx = SecondmentContext;

/** The due date recomputed from its basis (working days from a moment) under the case's tables. */
export function recomputed(c: Ctx, d: Duty, extraWorkingDays = 0): Duty {
  if (d.basis === null) return d;
  const workingDays = d.basis.workingDays + extraWorkingDays;
  const r = addWorkingDays(c.calendar, d.basis.from, workingDays, c.policy.timeZoneOffsetMinutes);
  const v = calendarVersionOf(c.calendar, r.years);
  return {
    ...d,
    dueAt: r.at,
    basis: { from: d.basis.from, workingDays },
    calendarVersion: r.years.length > 0 ? v.calendarVersion : null,
    provisional: v.provisional,
  };
}

/**
 * A duty moved by time that did not count (on hold, on leave): `workingDays` for a working-day
 * rule, `calendarMs` for any other; its period end and opening move by the calendar time.
 */
export function shifted(c: Ctx, d: Duty, workingDays: number, calendarMs: number, now: string): Duty {
  const moved =
    d.basis !== null ? recomputed(c, d, workingDays) : { ...d, dueAt: iso(ms(d.dueAt) + calendarMs) };
  return armed(
    c,
    {
      ...moved,
      periodEnd: d.periodEnd === null ? null : iso(ms(d.periodEnd) + calendarMs),
      opensAt: d.opensAt === null ? null : iso(ms(d.opensAt) + calendarMs),
      pausedAt: null,
    },
    now,
  );
}

/** Did this due date rely on (or lack) the table of `year`? */
export const reliesOnYear = (d: Duty, year: number): boolean =>
  d.basis !== null && (d.calendarVersion ?? '').split(',').some((part) => part.startsWith(`${year}:`));
