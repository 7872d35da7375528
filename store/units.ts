// The unit directory (单位库, migration 004): units with names, type, level and parent; the closure
// table `unit_ancestry` (kept by a trigger) answers "is this unit under that one" in one join.
import type { Unit, UnitType, UnitLevel, Label } from '../contract';
import type { Db, Queryable } from '../db';

interface UnitRow {
  code: string;
  name_zh: string;
  name_en: string;
  type: UnitType;
  level: UnitLevel;
  parent_code: string | null;
  active: boolean;
  origin: 'directory' | 'backfill';
}

const toUnit = (r: UnitRow): Unit => ({
  code: r.code,
  name: { zh: r.name_zh, en: r.name_en },
  type: r.type,
  level: r.level,
  parentCode: r.parent_code,
  active: r.active,
  origin: r.origin,
});

export interface NewUnitRow {
  code: string;
  name: Label;
  type: UnitType;
  level: UnitLevel;
  parentCode: string | null;
  active?: boolean;
}

/** Inserts a unit; the trigger adds its ancestry in the same statement. Throws 23505 on a taken code. */
export async function insertUnit(db: Queryable, u: NewUnitRow): Promise<Unit> {
  const rows = await db.query<UnitRow>(
    `INSERT INTO units (code, name_zh, name_en, type, level, parent_code, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [u.code, u.name.zh, u.name.en, u.type, u.level, u.parentCode, u.active ?? true],
  );
  return toUnit(rows[0] as UnitRow);
}

/**
 * Inserts the unit or brings an existing one up to date (names, type, level, parent, active): what
 * a seed runs, so running it twice changes nothing and fixes backfilled names.
 */
export async function upsertUnit(db: Queryable, u: NewUnitRow): Promise<void> {
  await db.query(
    `INSERT INTO units (code, name_zh, name_en, type, level, parent_code, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
       type = EXCLUDED.type, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
       active = EXCLUDED.active, origin = 'directory'
     WHERE (units.name_zh, units.name_en, units.type, units.level, units.parent_code, units.active)
       IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.type, EXCLUDED.level,
                         EXCLUDED.parent_code, EXCLUDED.active)`,
    [u.code, u.name.zh, u.name.en, u.type, u.level, u.parentCode, u.active ?? true],
  );
}

/** Changes names, type, level, parent (a move: the trigger re-hangs the subtree) or the active flag. */
export async function updateUnit(
  db: Queryable,
  code: string,
  patch: Partial<Omit<NewUnitRow, 'code'>>,
): Promise<Unit | null> {
  const rows = await db.query<UnitRow>(
    `UPDATE units SET
       name_zh = COALESCE($2, name_zh), name_en = COALESCE($3, name_en), type = COALESCE($4, type),
       level = COALESCE($5, level),
       parent_code = CASE WHEN $6::boolean THEN $7 ELSE parent_code END,
       active = COALESCE($8, active)
     WHERE code = $1 RETURNING *`,
    [
      code,
      patch.name?.zh ?? null,
      patch.name?.en ?? null,
      patch.type ?? null,
      patch.level ?? null,
      patch.parentCode !== undefined,
      patch.parentCode ?? null,
      patch.active ?? null,
    ],
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

export async function getUnit(db: Queryable, code: string): Promise<Unit | null> {
  const rows = await db.query<UnitRow>('SELECT * FROM units WHERE code = $1', [code]);
  return rows[0] ? toUnit(rows[0]) : null;
}

/** The unit's ancestors, nearest first (itself excluded). */
export async function ancestorsOf(db: Queryable, code: string): Promise<Unit[]> {
  const rows = await db.query<UnitRow>(
    `SELECT u.* FROM unit_ancestry a JOIN units u ON u.code = a.ancestor
      WHERE a.descendant = $1 AND a.depth > 0 ORDER BY a.depth`,
    [code],
  );
  return rows.map(toUnit);
}

export async function childrenOf(db: Queryable, code: string): Promise<Unit[]> {
  const rows = await db.query<UnitRow>('SELECT * FROM units WHERE parent_code = $1 ORDER BY code', [code]);
  return rows.map(toUnit);
}

/**
 * The regions (市, 县 …) whose subtrees are these units' jurisdiction: for each unit the nearest
 * ancestor of type region, itself included.
 */
export async function jurisdictionRoots(db: Queryable, units: readonly string[]): Promise<string[]> {
  if (units.length === 0) return [];
  const rows = await db.query<{ region: string }>(
    'SELECT DISTINCT region FROM unit_region WHERE unit = ANY($1::text[]) ORDER BY region',
    [units],
  );
  return rows.map((r) => r.region);
}

/** SQL: `column` lies in the jurisdiction of the units in parameter `param` (a text[]). */
export const inJurisdictionSql = (column: string, param: string): string =>
  `${column} IN (SELECT ja.descendant FROM unit_ancestry ja
     WHERE ja.ancestor IN (SELECT jr.region FROM unit_region jr WHERE jr.unit = ANY(${param}::text[])))`;

/** Which of `codes` lie in the jurisdiction of `units`. */
export async function codesInJurisdiction(
  db: Queryable,
  units: readonly string[],
  codes: readonly string[],
): Promise<Set<string>> {
  if (units.length === 0 || codes.length === 0) return new Set();
  const rows = await db.query<{ code: string }>(
    `SELECT code FROM units WHERE code = ANY($2::text[]) AND ${inJurisdictionSql('code', '$1')}`,
    [units, codes],
  );
  return new Set(rows.map((r) => r.code));
}

/**
 * The department of a kind responsible for a unit: walking up from the unit, the first ancestor
 * (itself included) with an active child of that type — the org department (组织部) or the united
 * front department (统战部) hangs under its region beside the units it is responsible for.
 */
export async function nearestDepartment(
  db: Queryable,
  code: string,
  type: 'org_dept' | 'united_front_dept',
): Promise<string | null> {
  const rows = await db.query<{ code: string }>(
    `SELECT d.code FROM unit_ancestry a JOIN units d ON d.parent_code = a.ancestor
      WHERE a.descendant = $1 AND d.type = $2 AND d.active
      ORDER BY a.depth, d.code LIMIT 1`,
    [code, type],
  );
  return rows[0]?.code ?? null;
}

export interface UnitQuery {
  /** within the jurisdiction of these units (a user's); undefined = everything */
  within?: readonly string[] | undefined;
  parent?: string | undefined;
  type?: UnitType | undefined;
  /** part of the code or of either name */
  q?: string | undefined;
  includeInactive?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listUnits(db: Queryable, query: UnitQuery): Promise<{ items: Unit[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (query.within) where.push(inJurisdictionSql('u.code', p(query.within)));
  if (query.parent) where.push(`u.parent_code = ${p(query.parent)}`);
  if (query.type) where.push(`u.type = ${p(query.type)}`);
  if (query.q) {
    const like = p(`%${query.q.toLowerCase()}%`);
    where.push(
      `(lower(u.code) LIKE ${like} OR lower(u.name_zh) LIKE ${like} OR lower(u.name_en) LIKE ${like})`,
    );
  }
  if (!query.includeInactive) where.push('u.active');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM units u ${whereSql}`, params);
  // Tree order: by the path of codes from the root, so children follow their parent.
  const rows = await db.query<UnitRow>(
    `SELECT u.* FROM units u ${whereSql}
      ORDER BY (SELECT string_agg(a.ancestor, '/' ORDER BY a.depth DESC) FROM unit_ancestry a WHERE a.descendant = u.code)
      LIMIT ${p(query.limit)} OFFSET ${p(query.offset)}`,
    params,
  );
  return { items: rows.map(toUnit), total: total[0]?.n ?? 0 };
}

/** Names of these codes (an unknown code is named by itself, so nothing shows blank). */
export async function unitNames(db: Queryable, codes: Iterable<string>): Promise<Map<string, Label>> {
  const list = [...new Set(codes)].filter(Boolean);
  const names = new Map<string, Label>();
  if (list.length === 0) return names;
  const rows = await db.query<{ code: string; name_zh: string; name_en: string }>(
    'SELECT code, name_zh, name_en FROM units WHERE code = ANY($1::text[])',
    [list],
  );
  for (const r of rows) names.set(r.code, { zh: r.name_zh, en: r.name_en });
  for (const c of list) if (!names.has(c)) names.set(c, { zh: c, en: c });
  return names;
}

/** Every unit's name (the console's vocabulary of unit names). */
export async function allUnitNames(db: Queryable): Promise<Record<string, Label>> {
  const rows = await db.query<{ code: string; name_zh: string; name_en: string }>(
    'SELECT code, name_zh, name_en FROM units ORDER BY code',
  );
  return Object.fromEntries(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
}

/** Units in one transaction (a seed or an import): parents before children, each upserted. */
export async function upsertUnits(db: Db, units: readonly NewUnitRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const u of units) await upsertUnit(tx, u);
  });
}
