// Working-day arithmetic over a holiday table, reporting which years' tables it relied on, so a
// due date can say which calendar version it was computed with and whether it is provisional
// (some day it stepped over lies in a year without a table: counted as Monday–Friday).
import type { Calendar, CalendarYear } from './table';

const DAY = 86_400_000;

interface YearDays {
  off: Set<string>;
  on: Set<string>;
}
const parsed = new WeakMap<CalendarYear, YearDays>();

function daysOf(table: CalendarYear): YearDays {
  const hit = parsed.get(table);
  if (hit) return hit;
  const off = new Set<string>();
  for (const h of table.holidays) {
    const [from, to = from] = h.split('/') as [string, string?];
    // month-day strings of one year compare like dates
    for (let t = Date.parse(`2000-${from}T00:00:00Z`); t <= Date.parse(`2000-${to}T00:00:00Z`); t += DAY)
      off.add(new Date(t).toISOString().slice(5, 10));
  }
  const days = { off, on: new Set(table.workdays) };
  parsed.set(table, days);
  return days;
}

/** Is this civil date (UTC fields of `civil`) a working day, and did a table say so? */
export function dayRule(cal: Calendar, civil: Date): { workday: boolean; known: boolean } {
  const table = cal[String(civil.getUTCFullYear())];
  const weekday = civil.getUTCDay() !== 0 && civil.getUTCDay() !== 6;
  if (!table) return { workday: weekday, known: false };
  const md = civil.toISOString().slice(5, 10);
  const { off, on } = daysOf(table);
  return { workday: on.has(md) || (weekday && !off.has(md)), known: true };
}

export interface Counted {
  at: string;
  /** calendar years whose days were stepped over, ascending */
  years: number[];
}

const toCivil = (at: string, offsetMin: number): number => Date.parse(at) + offsetMin * 60_000;
const fromCivil = (civil: number, offsetMin: number): string =>
  new Date(civil - offsetMin * 60_000).toISOString();

/** Move by n working days keeping the time of day; n = 0 leaves the instant unchanged. */
export function addWorkingDays(cal: Calendar, at: string, n: number, offsetMin: number): Counted {
  const sign = n >= 0 ? 1 : -1;
  let left = Math.abs(Math.trunc(n));
  let cursor = toCivil(at, offsetMin);
  const years = new Set<number>();
  while (left > 0) {
    cursor += sign * DAY;
    const day = new Date(cursor);
    years.add(day.getUTCFullYear());
    if (dayRule(cal, day).workday) left -= 1;
  }
  return { at: fromCivil(cursor, offsetMin), years: [...years].sort() };
}

/** Working days d with from < d ≤ to (civil dates), for shifting a due date by time on hold. */
export function workingDaysBetween(
  cal: Calendar,
  from: string,
  to: string,
  offsetMin: number,
): { count: number; years: number[] } {
  const start = Math.floor(toCivil(from, offsetMin) / DAY);
  const end = Math.floor(toCivil(to, offsetMin) / DAY);
  const years = new Set<number>();
  let count = 0;
  for (let d = start + 1; d <= end; d += 1) {
    const day = new Date(d * DAY);
    years.add(day.getUTCFullYear());
    if (dayRule(cal, day).workday) count += 1;
  }
  return { count, years: [...years].sort() };
}

/** 'YYYY:version' per year relied on ('YYYY:none' when the year has no table). */
export function calendarVersionOf(
  cal: Calendar,
  years: readonly number[],
): { calendarVersion: string; provisional: boolean } {
  const parts = years.map((y) => `${y}:${cal[String(y)]?.version ?? 'none'}`);
  return { calendarVersion: parts.join(','), provisional: years.some((y) => !cal[String(y)]) };
}

/** Is the civil date of `at` a working day under this table (weekday fallback for unknown years)? */
export function isWorkingDay(cal: Calendar, at: string, offsetMin: number): boolean {
  return dayRule(cal, new Date(toCivil(at, offsetMin))).workday;
}
