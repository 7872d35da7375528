// Writes machines/calendar/cnHolidays.json: the holiday tables (法定节假日 and 调休 make-up workdays)
// of every year the `chinese-days` package knows, as plain data. The engine reads only this file
// (and years loaded by an org admin into the database), never the package at run time, so
// upgrading the package cannot move a due date of a recorded case. Run after upgrading it:
//   npx tsx scripts/genHolidays.ts
import { writeFileSync } from 'node:fs';
import data from 'chinese-days/dist/chinese-days.json';
import { version } from 'chinese-days/package.json';
import path from 'node:path';
import { holidayYearSchema, type HolidayYear } from '../machines/calendar/holidays';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** 'Spring Festival,春节,4' → '春节' */
const zhName = (label: string): string => label.split(',')[1] ?? label;
const nextDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function buildYears(d: ChineseDaysData): HolidayYear[] {
  const years = new Map<number, HolidayYear>();
  const yearOf = (date: string): HolidayYear => {
    const y = Number(date.slice(0, 4));
    let entry = years.get(y);
    if (!entry) years.set(y, (entry = { year: y, holidays: [], workdays: [] }));
    return entry;
  };
  for (const date of Object.keys(d.holidays).sort()) {
    const name = zhName(d.holidays[date] ?? '');
    const y = yearOf(date);
    const last = y.holidays.at(-1);
    if (last && last.name === name && nextDay(last.to) === date) last.to = date;
    else y.holidays.push({ name, from: date, to: date });
  }
  for (const date of Object.keys(d.workdays).sort())
    yearOf(date).workdays.push({ date, name: zhName(d.workdays[date] ?? '') });
  return [...years.values()].sort((a, b) => a.year - b.year).map((y) => holidayYearSchema.parse(y));
}

if (require.main === module) {
  const out = path.join(__dirname, '..', 'machines', 'calendar', 'cnHolidays.json');
  const years = buildYears(data);
  writeFileSync(out, `${JSON.stringify({ source: `chinese-days@${version}`, years }, null, 1)}\n`);
  console.log(`wrote ${years.length} years (${years[0]?.year}–${years.at(-1)?.year}) to ${out}`);
}
