// The cadre registry (干部库, migration 005): persons, their annual grades and the reserve pool.
// Personal data stays here; what leaves for the lifecycle machine are rule facts (cadreFactsOf).
import type { Category, Grade, Rank } from '../machines/secondment';
import type { NewPerson, Person, PersonPatch, PersonQuery } from '../contract';
import type { Db, Queryable } from '../db';
import { REF_SCOPE, CASE_REFS_FROM, scopePredicate, type Viewer } from './scope';
import { inJurisdictionSql } from './units';

interface PersonRow {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: Date | string | null;
  ethnicity: string | null;
  native_place: string | null;
  party_status: 'cpc' | 'non_cpc';
  party_name: string | null;
  party_joined_on: Date | string | null;
  education: Record<string, string>;
  work_started_on: Date | string | null;
  current_unit: string | null;
  current_post: string | null;
  rank: Rank | null;
  categories: Category[];
  held_grassroots_principal_post: boolean;
  email: string | null;
  origin: 'registry' | 'backfill';
  unit_zh?: string | null;
  unit_en?: string | null;
  in_pool?: boolean | null;
}

/** A `date` column selected `::text`, as YYYY-MM-DD. */
export function civilDate(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string'
    ? value.slice(0, 10)
    : new Date(value.valueOf()).toISOString().slice(0, 10);
}

// Dates as text: a `date` read back as a Date would shift with the process time zone.
const PERSON_COLUMNS = `pe.id, pe.name, pe.gender, pe.birth_date::text AS birth_date, pe.ethnicity, pe.native_place,
  pe.party_status, pe.party_name, pe.party_joined_on::text AS party_joined_on, pe.education,
  pe.work_started_on::text AS work_started_on, pe.current_unit, pe.current_post, pe.rank, pe.categories,
  pe.held_grassroots_principal_post, pe.email, pe.origin, pu.name_zh AS unit_zh, pu.name_en AS unit_en,
  EXISTS (SELECT 1 FROM reserve_pool rp WHERE rp.person_id = pe.id AND rp.active) AS in_pool`;
const PERSON_FROM = 'persons pe LEFT JOIN units pu ON pu.code = pe.current_unit';

function toPerson(r: PersonRow): Person {
  const unit = r.current_unit;
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: civilDate(r.birth_date),
    ethnicity: r.ethnicity,
    nativePlace: r.native_place,
    partyStatus: r.party_status,
    partyName: r.party_name,
    partyJoinedOn: civilDate(r.party_joined_on),
    education: r.education ?? {},
    workStartedOn: civilDate(r.work_started_on),
    currentUnit: unit,
    currentUnitName: unit ? { zh: r.unit_zh ?? unit, en: r.unit_en ?? unit } : null,
    currentPost: r.current_post,
    rank: r.rank,
    categories: r.categories ?? [],
    heldGrassrootsPrincipalPost: r.held_grassroots_principal_post,
    email: r.email,
    origin: r.origin,
    inReservePool: r.in_pool === true,
  };
}

/** Inserts a person with their grades, in one transaction. */
export async function insertPerson(db: Db, id: string, p: NewPerson, createdBy: string): Promise<Person> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO persons (id, name, gender, birth_date, ethnicity, native_place, party_status, party_name,
         party_joined_on, education, work_started_on, current_unit, current_post, rank, categories,
         held_grassroots_principal_post, email, created_by)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9::date, $10::jsonb, $11::date, $12, $13, $14, $15::jsonb,
         $16, $17, $18)`,
      [
        id,
        p.name,
        p.gender,
        p.birthDate,
        p.ethnicity,
        p.nativePlace ?? null,
        p.partyStatus,
        p.partyName ?? null,
        p.partyJoinedOn ?? null,
        JSON.stringify(p.education),
        p.workStartedOn ?? null,
        p.currentUnit,
        p.currentPost,
        p.rank,
        JSON.stringify(p.categories),
        p.heldGrassrootsPrincipalPost,
        p.email ?? null,
        createdBy,
      ],
    );
    for (const g of p.grades) await setGrade(tx, id, g.year, g.grade);
  });
  return (await getPerson(db, id)) as Person;
}

const PATCH_COLUMNS: [keyof PersonPatch, string, string?][] = [
  ['name', 'name'],
  ['gender', 'gender'],
  ['birthDate', 'birth_date', 'date'],
  ['ethnicity', 'ethnicity'],
  ['nativePlace', 'native_place'],
  ['partyStatus', 'party_status'],
  ['partyName', 'party_name'],
  ['partyJoinedOn', 'party_joined_on', 'date'],
  ['education', 'education', 'jsonb'],
  ['workStartedOn', 'work_started_on', 'date'],
  ['currentUnit', 'current_unit'],
  ['currentPost', 'current_post'],
  ['rank', 'rank'],
  ['categories', 'categories', 'jsonb'],
  ['heldGrassrootsPrincipalPost', 'held_grassroots_principal_post'],
  ['email', 'email'],
];

export async function updatePerson(db: Queryable, id: string, patch: PersonPatch): Promise<Person | null> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, column, cast] of PATCH_COLUMNS) {
    if (!(key in patch)) continue;
    const value = patch[key];
    params.push(cast === 'jsonb' ? JSON.stringify(value) : (value ?? null));
    sets.push(`${column} = $${params.length}${cast ? `::${cast}` : ''}`);
  }
  if (sets.length > 0) await db.query(`UPDATE persons SET ${sets.join(', ')} WHERE id = $1`, params);
  return getPerson(db, id);
}

export async function getPerson(db: Queryable, id: string): Promise<Person | null> {
  const rows = await db.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE pe.id = $1`, [
    id,
  ]);
  return rows[0] ? toPerson(rows[0]) : null;
}

export async function personsById(db: Queryable, ids: readonly string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE pe.id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, toPerson(r)]));
}

/**
 * Who sees a person: the same rule as cases, by the person's current unit (an org department or
 * auditor in its jurisdiction, the 统战部 for 党外 persons, an officer for their own units, a cadre
 * only themself) — or through any case of theirs the user sees.
 */
export function personScopeSql(user: Viewer, params: unknown[], alias = 'pe'): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  let byUnit: string;
  switch (user.role) {
    case 'org_admin':
    case 'auditor':
      byUnit = inJurisdictionSql(`${alias}.current_unit`, p(user.units));
      break;
    case 'united_front':
      byUnit = `(${alias}.party_status = 'non_cpc' AND ${inJurisdictionSql(`${alias}.current_unit`, p(user.units))})`;
      break;
    case 'sending_officer':
    case 'receiving_officer':
      byUnit = `${alias}.current_unit = ANY(${p(user.units)}::text[])`;
      break;
    case 'cadre':
      return user.personId ? `${alias}.id = ${p(user.personId)}` : 'false';
  }
  const byCase = `EXISTS (SELECT 1 FROM ${CASE_REFS_FROM} WHERE r.cadre_id = ${alias}.id AND ${scopePredicate(user, REF_SCOPE, params)})`;
  return `(${byUnit} OR ${byCase})`;
}

export async function personInScope(db: Queryable, user: Viewer, id: string): Promise<Person | null> {
  const params: unknown[] = [id];
  const scope = personScopeSql(user, params);
  const rows = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE pe.id = $1 AND ${scope}`,
    params,
  );
  return rows[0] ? toPerson(rows[0]) : null;
}

export async function listPersonsInScope(
  db: Queryable,
  user: Viewer,
  q: PersonQuery,
): Promise<{ items: Person[]; total: number }> {
  const params: unknown[] = [];
  const where = [personScopeSql(user, params)];
  const add = (sql: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (q.q) add((p) => `lower(pe.name) LIKE ${p}`, `%${q.q.toLowerCase()}%`);
  if (q.unit) add((p) => `pe.current_unit = ${p}`, q.unit);
  if (q.category) add((p) => `pe.categories ? ${p}`, q.category);
  if (q.partyStatus) add((p) => `pe.party_status = ${p}`, q.partyStatus);
  if (q.pool !== undefined)
    where.push(
      `${q.pool ? '' : 'NOT '}EXISTS (SELECT 1 FROM reserve_pool rp WHERE rp.person_id = pe.id AND rp.active)`,
    );
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${PERSON_FROM} ${whereSql}`,
    params,
  );
  const rows = await db.query<PersonRow>(
    `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} ${whereSql} ORDER BY pe.name, pe.id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  return { items: rows.map(toPerson), total: total[0]?.n ?? 0 };
}

export async function personGrades(db: Queryable, id: string): Promise<{ year: number; grade: Grade }[]> {
  return db.query<{ year: number; grade: Grade }>(
    'SELECT year, grade FROM person_grades WHERE person_id = $1 ORDER BY year',
    [id],
  );
}

export async function setGrade(db: Queryable, id: string, year: number, grade: Grade): Promise<void> {
  await db.query(
    `INSERT INTO person_grades (person_id, year, grade) VALUES ($1, $2, $3)
     ON CONFLICT (person_id, year) DO UPDATE SET grade = EXCLUDED.grade`,
    [id, year, grade],
  );
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** What the lifecycle machine may know of a cadre: rule facts, no name, no birth date. */
export interface CadreFacts {
  id: string;
  age: number;
  rank: Rank;
  cpcMember: boolean;
  categories: Category[];
  heldGrassrootsPrincipalPost: boolean;
  previousAnnualGrades: Grade[];
}

/**
 * The machine's facts about a person on a day (their age that day, their grades of the years before
 * `year`, newest last), or the reason they cannot be built (a backfilled person without birth date
 * or rank).
 */
export async function cadreFactsOf(
  db: Queryable,
  personId: string,
  day: string,
  year: number,
): Promise<{ ok: true; facts: CadreFacts } | { ok: false; missing: string[] }> {
  const person = await getPerson(db, personId);
  if (!person) return { ok: false, missing: ['person'] };
  const missing = [...(person.birthDate ? [] : ['birthDate']), ...(person.rank ? [] : ['rank'])];
  if (missing.length > 0 || !person.birthDate || !person.rank) return { ok: false, missing };
  const grades = (await personGrades(db, personId)).filter((g) => g.year < year).slice(-5);
  return {
    ok: true,
    facts: {
      id: person.id,
      age: ageOn(person.birthDate, day),
      rank: person.rank,
      cpcMember: person.partyStatus === 'cpc',
      categories: person.categories,
      heldGrassrootsPrincipalPost: person.heldGrassrootsPrincipalPost,
      previousAnnualGrades: grades.map((g) => g.grade),
    },
  };
}

export interface PoolEntry {
  personId: string;
  enteredOn: string;
  source: 'survey' | 'self' | 'mass' | 'organization';
  note: string | null;
  active: boolean;
}

export async function poolEntryOf(db: Queryable, personId: string): Promise<PoolEntry | null> {
  const rows = await db.query<{
    person_id: string;
    entered_on: Date | string;
    source: PoolEntry['source'];
    note: string | null;
    active: boolean;
  }>(
    'SELECT person_id, entered_on::text AS entered_on, source, note, active FROM reserve_pool WHERE person_id = $1',
    [personId],
  );
  const r = rows[0];
  return r
    ? {
        personId: r.person_id,
        enteredOn: civilDate(r.entered_on) ?? '',
        source: r.source,
        note: r.note,
        active: r.active,
      }
    : null;
}

/** Enters a person into the reserve pool (again, if they had left it). */
export async function addToPool(
  db: Queryable,
  e: Omit<PoolEntry, 'active' | 'note'> & { note?: string | undefined; addedBy: string },
): Promise<PoolEntry> {
  await db.query(
    `INSERT INTO reserve_pool (person_id, entered_on, source, note, active, added_by)
     VALUES ($1, $2::date, $3, $4, true, $5)
     ON CONFLICT (person_id) DO UPDATE SET entered_on = EXCLUDED.entered_on, source = EXCLUDED.source,
       note = EXCLUDED.note, active = true, added_by = EXCLUDED.added_by, added_at = now()`,
    [e.personId, e.enteredOn, e.source, e.note ?? null, e.addedBy],
  );
  return (await poolEntryOf(db, e.personId)) as PoolEntry;
}

export async function removeFromPool(db: Queryable, personId: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE reserve_pool SET active = false WHERE person_id = $1 RETURNING person_id',
    [personId],
  );
  return rows.length > 0;
}

/** Names of persons by id (lists and notifications show names). */
export async function personNames(db: Queryable, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)].filter(Boolean);
  if (list.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM persons WHERE id = ANY($1::text[])',
    [list],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A person's own mail address: their record's, or the local mailbox's person-<id>@persons.local. */
export async function personAddress(db: Queryable, personId: string): Promise<string> {
  const rows = await db.query<{ email: string | null }>('SELECT email FROM persons WHERE id = $1', [
    personId,
  ]);
  return rows[0]?.email ?? `person-${personId}@persons.local`;
}
