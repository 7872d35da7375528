// The holiday tables shipped with the repository (generated from chinese-days by
// scripts/genHolidays.ts), version 1 of each year. Later years come from the State Council's
// notice, loaded by an org admin into the database.
import data from './cnHolidays.json';
import { holidayYearSchema, type HolidayYear } from './holidays';
import { compactYear, type Calendar } from './table';

export const SHIPPED_SOURCE: string = data.source;
export const SHIPPED_YEARS: readonly HolidayYear[] = data.years.map((y) => holidayYearSchema.parse(y));

/** Every shipped year as version 1. */
export function shippedCalendar(): Calendar {
  return Object.fromEntries(SHIPPED_YEARS.map((y) => [String(y.year), compactYear(y, 1)]));
}
