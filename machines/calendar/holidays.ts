// A year's holiday table as the State Council's annual notice gives it (国务院办公厅关于某年部分节假日
// 安排的通知): holiday ranges (法定节假日, weekends inside a range included) and the make-up
// workdays (调休上班) that fall on a Saturday or Sunday. This is what an org admin loads and what the
// repository ships; the machine works on the compact form in table.ts.
import { z } from 'zod';
import { storableText } from '../common/text';

const isoDate = z.iso.date();
const name = storableText(1, 40);

export const holidayRangeSchema = z.object({ name, from: isoDate, to: isoDate });
export const makeupWorkdaySchema = z.object({ date: isoDate, name: name.optional() });

const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const inYear = (date: string, year: number): boolean => date.startsWith(`${year}-`);

export const holidayYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(holidayRangeSchema).min(1).max(40),
    workdays: z.array(makeupWorkdaySchema).max(20).default([]),
  })
  .superRefine((y, ctx) => {
    const off = new Set<string>();
    y.holidays.forEach((h, i) => {
      if (!inYear(h.from, y.year) || !inYear(h.to, y.year))
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `dates must be in ${y.year}` });
      else if (h.to < h.from)
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: 'to is before from' });
      else
        for (const d of datesBetween(h.from, h.to)) {
          if (off.has(d))
            ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${d} is in two holidays` });
          off.add(d);
        }
    });
    y.workdays.forEach((w, i) => {
      if (!inYear(w.date, y.year))
        ctx.addIssue({ code: 'custom', path: ['workdays', i, 'date'], message: `must be in ${y.year}` });
      else if (off.has(w.date))
        ctx.addIssue({ code: 'custom', path: ['workdays', i, 'date'], message: `${w.date} is a holiday` });
      // 调休: a make-up workday replaces a weekend day; a weekday is a workday anyway
      else if (![0, 6].includes(dayOfWeek(w.date)))
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', i, 'date'],
          message: `${w.date} is a weekday: a make-up workday is a Saturday or Sunday`,
        });
    });
  });
export type HolidayYear = z.infer<typeof holidayYearSchema>;
export type HolidayYearInput = z.input<typeof holidayYearSchema>;

/** Every ISO date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
