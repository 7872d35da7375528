// The holiday calendar in the database: each year's table as loaded (version, source, by whom,
// when), and the compact tables a case computes with. Years the repository ships (generated from
// chinese-days) are seeded as version 1; an org admin adds years (and corrections) from the State
// Council's notice. Rows are only ever added.
import {
  compactYear,
  holidayYearSchema,
  SHIPPED_SOURCE,
  SHIPPED_YEARS,
  type Calendar,
  type HolidayYear,
  type HolidayYearInput,
} from '../machines/calendar';
import type { Db, Queryable } from '../db';
import { toIso, type Timestamp } from './time';

export interface CalendarYearRow {
  year: number;
  version: number;
  source: string;
  holidays: HolidayYear['holidays'];
  workdays: HolidayYear['workdays'];
  loadedBy: string;
  /** null: a year shipped with the repository that start-up has not written to this database yet */
  loadedAt: string | null;
}

interface Row {
  year: number;
  version: number;
  source: string;
  holidays: unknown;
  workdays: unknown;
  loaded_by: string;
  loaded_at: Timestamp;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const toRow = (r: Row): CalendarYearRow => ({
  year: r.year,
  version: r.version,
  source: r.source,
  holidays: json(r.holidays),
  workdays: json(r.workdays),
  loadedBy: r.loaded_by,
  loadedAt: toIso(r.loaded_at),
});

/** Writes a shipped year as version 1 unless the year has a row already; true when written. */
async function seedYear(db: Queryable, y: HolidayYear, at: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO calendar_years (year, version, source, holidays, workdays, loaded_by, loaded_at)
     SELECT $1, 1, $2, $3::jsonb, $4::jsonb, 'system', $5::timestamptz
     WHERE NOT EXISTS (SELECT 1 FROM calendar_years WHERE year = $1)
     RETURNING year`,
    [y.year, SHIPPED_SOURCE, JSON.stringify(y.holidays), JSON.stringify(y.workdays), at],
  );
  return rows.length > 0;
}

/** Seeds the shipped years as version 1 where a year has no row yet (idempotent; run at start). */
export async function seedShippedCalendar(db: Queryable, at = new Date().toISOString()): Promise<number> {
  let added = 0;
  for (const y of SHIPPED_YEARS) if (await seedYear(db, y, at)) added += 1;
  return added;
}

/**
 * Every version of every year, newest year and version first: the stored rows, and the shipped
 * years not written to this database yet (as version 1, which is what cases compute with).
 */
export async function listCalendarYears(db: Queryable): Promise<CalendarYearRow[]> {
  const rows = (await db.query<Row>('SELECT * FROM calendar_years')).map(toRow);
  const stored = new Set(rows.map((r) => r.year));
  for (const y of SHIPPED_YEARS)
    if (!stored.has(y.year))
      rows.push({ ...y, version: 1, source: SHIPPED_SOURCE, loadedBy: 'system', loadedAt: null });
  return rows.sort((a, b) => b.year - a.year || b.version - a.version);
}

/** Adds the next version of a year (validated like the notice). */
export async function addCalendarYear(
  db: Db,
  input: HolidayYearInput,
  by: { source: string; loadedBy: string; at: string },
): Promise<CalendarYearRow> {
  const y = holidayYearSchema.parse(input);
  return db.transaction(async (tx) => {
    // one writer per year at a time, so two loads of one year get versions n and n+1
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [7_312_011, y.year]);
    // a correction of a shipped year is version 2 even before start-up wrote version 1 here
    const shipped = SHIPPED_YEARS.find((s) => s.year === y.year);
    if (shipped) await seedYear(tx, shipped, by.at);
    const last = await tx.query<{ version: number }>(
      'SELECT COALESCE(max(version), 0)::int AS version FROM calendar_years WHERE year = $1',
      [y.year],
    );
    const version = (last[0]?.version ?? 0) + 1;
    const rows = await tx.query<Row>(
      `INSERT INTO calendar_years (year, version, source, holidays, workdays, loaded_by, loaded_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7::timestamptz) RETURNING *`,
      [
        y.year,
        version,
        by.source,
        JSON.stringify(y.holidays),
        JSON.stringify(y.workdays),
        by.loadedBy,
        by.at,
      ],
    );
    return toRow(rows[0] as Row);
  });
}

/**
 * The compact tables of the years in [from, to] a case computes with: each year's highest version.
 * A shipped year not seeded yet is taken from the repository, so a fresh database works at once.
 */
export async function calendarTables(db: Queryable, from: number, to: number): Promise<Calendar> {
  const rows = await db.query<Row>(
    `SELECT DISTINCT ON (year) * FROM calendar_years WHERE year BETWEEN $1 AND $2 ORDER BY year, version DESC`,
    [from, to],
  );
  const out: Record<string, ReturnType<typeof compactYear>> = {};
  for (const y of SHIPPED_YEARS) if (y.year >= from && y.year <= to) out[String(y.year)] = compactYear(y, 1);
  for (const r of rows.map(toRow))
    out[String(r.year)] = compactYear(
      { year: r.year, holidays: r.holidays, workdays: r.workdays },
      r.version,
    );
  return out;
}
