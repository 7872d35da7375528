// The holiday table as data: the shipped years equal chinese-days day by day, arithmetic over a
// table says which versions it used, and a year without a table is counted on weekdays and
// reported provisional.
import { isWorkday } from 'chinese-days';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import {
  SHIPPED_YEARS,
  addWorkingDays,
  calendarVersionOf,
  compactYear,
  datesBetween,
  holidayYearSchema,
  isWorkingDay,
  shippedCalendar,
  workingDaysBetween,
  type Calendar,
} from '../../../machines/calendar';
import { buildYears } from '../../../scripts/genHolidays';
import { FIXTURE_2027 } from './fixture2027';

const CST = 480;
const with2027: Calendar = {
  ...shippedCalendar(),
  '2027': compactYear(holidayYearSchema.parse(FIXTURE_2027), 1),
};

describe('holiday tables (节假日与调休)', () => {
  test('the shipped tables say exactly what chinese-days says, for every day of every year it knows', () => {
    const cal = shippedCalendar();
    const first = SHIPPED_YEARS[0]!.year;
    const last = SHIPPED_YEARS.at(-1)!.year;
    const differing: string[] = [];
    for (const date of datesBetween(`${first}-01-01`, `${last}-12-31`)) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const theirs = isWorkday(new Date(y, m - 1, d, 12));
      if (isWorkingDay(cal, `${date}T12:00:00+08:00`, CST) !== theirs) differing.push(date);
    }
    expect({ first, last, differing }).toEqual({ first: 2004, last: 2026, differing: [] });
  });

  test('the committed JSON is what the generator produces from the installed package', () => {
    const fresh = buildYears(chineseDaysData);
    expect(SHIPPED_YEARS).toEqual(fresh);
  });

  test('a 2026 deadline skips 国庆, and names the version it used', () => {
    // Wednesday 30 Sep 2026 + 1 working day: 1–7 Oct are off
    const r = addWorkingDays(shippedCalendar(), '2026-09-30T09:00:00+08:00', 1, CST);
    expect(r.at).toBe('2026-10-08T01:00:00.000Z');
    expect(calendarVersionOf(shippedCalendar(), r.years)).toEqual({
      calendarVersion: '2026:1',
      provisional: false,
    });
  });

  test('a 2027 deadline without a 2027 table counts weekdays and is provisional; with the table it is not', () => {
    const from = '2027-09-30T09:00:00+08:00'; // Thursday
    const without = addWorkingDays(shippedCalendar(), from, 3, CST);
    expect(without.at).toBe('2027-10-05T01:00:00.000Z'); // Fri 1, Mon 4, Tue 5 Oct
    expect(calendarVersionOf(shippedCalendar(), without.years)).toEqual({
      calendarVersion: '2027:none',
      provisional: true,
    });
    const withTable = addWorkingDays(with2027, from, 3, CST);
    expect(withTable.at).toBe('2027-10-11T01:00:00.000Z'); // Fri 8, Sat 9 (调休), Mon 11 Oct
    expect(calendarVersionOf(with2027, withTable.years)).toEqual({
      calendarVersion: '2027:1',
      provisional: false,
    });
  });

  test('counting working days between two instants respects the table', () => {
    // 2027 春节: Sat 6 – Fri 12 Feb off; Sat 20 Feb works
    const r = workingDaysBetween(with2027, '2027-02-05T10:00:00+08:00', '2027-02-21T10:00:00+08:00', CST);
    expect(r.count).toBe(6); // 15–19 Feb and Sat 20 Feb
    expect(
      workingDaysBetween(shippedCalendar(), '2027-02-05T10:00:00+08:00', '2027-02-21T10:00:00+08:00', CST)
        .count,
    ).toBe(10);
  });

  test('a notice with a make-up workday on a weekday, or a holiday outside its year, is refused with the field', () => {
    const bad = holidayYearSchema.safeParse({
      ...FIXTURE_2027,
      workdays: [{ date: '2027-02-22' }],
      holidays: [...FIXTURE_2027.holidays, { name: '元旦', from: '2026-12-31', to: '2027-01-01' }],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'workdays.0.date: 2027-02-22 is a weekday: a make-up workday is a Saturday or Sunday',
        'holidays.7: dates must be in 2027',
      ]),
    );
  });
});
