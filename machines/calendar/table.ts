// The compact table the machine carries (per year: version, holiday ranges and make-up workdays as
// 'MM-DD' / 'MM-DD/MM-DD'): small enough to live in a case's context, so every due date is computed
// from data recorded with the case and replay never depends on a package or the database.
import { z } from 'zod';
import type { HolidayYear } from './holidays';

const monthDay = /^\d{2}-\d{2}$/;
const monthDayRange = /^\d{2}-\d{2}(\/\d{2}-\d{2})?$/;

export const calendarYearSchema = z.object({
  version: z.number().int().min(1),
  holidays: z.array(z.string().regex(monthDayRange)),
  workdays: z.array(z.string().regex(monthDay)),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** Year ('2027') → its table. A year that is absent has no table: weekdays are workdays (provisional). */
export const calendarSchema = z.record(z.string().regex(/^\d{4}$/), calendarYearSchema);
export type Calendar = Readonly<Record<string, CalendarYear>>;

export function compactYear(y: HolidayYear, version: number): CalendarYear {
  return {
    version,
    holidays: y.holidays.map((h) =>
      h.from === h.to ? h.from.slice(5) : `${h.from.slice(5)}/${h.to.slice(5)}`,
    ),
    workdays: y.workdays.map((w) => w.date.slice(5)),
  };
}

/** The years of `cal` within [from, to], as a smaller table (what a case needs). */
export function calendarFor(cal: Calendar, from: number, to: number): Record<string, CalendarYear> {
  const out: Record<string, CalendarYear> = {};
  for (const [year, table] of Object.entries(cal)) if (+year >= from && +year <= to) out[year] = table;
  return out;
}
