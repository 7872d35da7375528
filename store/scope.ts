// Which cases (and persons) a user sees, in SQL. The rule itself (table in api/scope.ts and
// api/README.md) is decided by the user's role, units and person as stored, never by the request;
// jurisdictions follow the unit tree (migration 004).
import { TERMINAL_STATUSES } from '../machines/secondment';
import type { CaseQuery, CasePage, User } from '../contract';
import type { Queryable } from '../db';
import { casePage, PROJECTION_FROM } from './cases';
import { inJurisdictionSql } from './units';

/** What scoping reads of a user. */
export type Viewer = Pick<User, 'role' | 'units' | 'personId'>;

/** Columns a scope predicate is evaluated over (SQL expressions). */
export interface ScopeColumns {
  org: string;
  sending: string;
  receiving: string;
  cadre: string;
  /** the cadre is a CPC member (null: unknown, a case nominated outside the API) */
  cpc: string;
}

/**
 * The user's scope as a SQL predicate; parameters go into `params`.
 * - org_admin, auditor: the case's org department, sending or receiving unit lies in the
 *   jurisdiction of the user's units (the subtree of their region: the city's includes its counties)
 * - united_front: the same, for 党外 (non-CPC) cadres only
 * - sending_officer / receiving_officer: the case's sending / (current) receiving unit is one of
 *   the user's units (exactly: an officer acts for a desk, not for the units under it)
 * - cadre: the case's cadre is the user's person
 */
export function scopePredicate(user: Viewer, cols: ScopeColumns, params: unknown[]): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const inJurisdiction = () => {
    const units = p(user.units);
    return `(${[cols.org, cols.sending, cols.receiving].map((c) => inJurisdictionSql(c, units)).join(' OR ')})`;
  };
  switch (user.role) {
    case 'org_admin':
    case 'auditor':
      return inJurisdiction();
    case 'united_front':
      return `(${cols.cpc} = false AND ${inJurisdiction()})`;
    case 'sending_officer':
      return `${cols.sending} = ANY(${p(user.units)}::text[])`;
    case 'receiving_officer':
      return `${cols.receiving} = ANY(${p(user.units)}::text[])`;
    case 'cadre':
      return user.personId ? `${cols.cadre} = ${p(user.personId)}` : 'false';
  }
}

export const PROJECTION_SCOPE: ScopeColumns = {
  org: 'p.org_unit',
  sending: 'c.sending_unit',
  receiving: 'c.receiving_unit',
  cadre: 'p.cadre_id',
  cpc: 'p.cpc_member',
};

/**
 * The case's parties as the API knows them: the projection (current receiving unit, status) joined
 * with what the API recorded at nomination (org unit, cadre). Either side may be missing: a case
 * nominated outside the API has no parties row (only its unit officers and those whose jurisdiction
 * covers its units see it), and a case whose first transition has not been written yet has no
 * projection row.
 */
export const CASE_REFS_FROM = `(
  SELECT COALESCE(c.case_id, p.case_id) AS case_id,
         c.status AS status,
         p.org_unit AS org_unit,
         p.united_front_unit AS united_front_unit,
         COALESCE(c.sending_unit, p.sending_unit) AS sending_unit,
         COALESCE(c.receiving_unit, p.requested_receiving_unit) AS receiving_unit,
         p.cadre_id AS cadre_id,
         p.cpc_member AS cpc_member,
         p.round_id AS round_id
    FROM cases c FULL OUTER JOIN case_parties p ON p.case_id = c.case_id
) r`;
export const REF_SCOPE: ScopeColumns = {
  org: 'r.org_unit',
  sending: 'r.sending_unit',
  receiving: 'r.receiving_unit',
  cadre: 'r.cadre_id',
  cpc: 'r.cpc_member',
};

export interface CaseRef {
  caseId: string;
  status: string | null;
  orgUnit: string | null;
  unitedFrontUnit: string | null;
  sendingUnit: string;
  receivingUnit: string;
  cadreId: string | null;
  cpcMember: boolean | null;
  roundId: string | null;
}

interface RefRow {
  case_id: string;
  status: string | null;
  org_unit: string | null;
  united_front_unit: string | null;
  sending_unit: string;
  receiving_unit: string;
  cadre_id: string | null;
  cpc_member: boolean | null;
  round_id: string | null;
}

const toRef = (r: RefRow): CaseRef => ({
  caseId: r.case_id,
  status: r.status,
  orgUnit: r.org_unit,
  unitedFrontUnit: r.united_front_unit,
  sendingUnit: r.sending_unit,
  receivingUnit: r.receiving_unit,
  cadreId: r.cadre_id,
  cpcMember: r.cpc_member,
  roundId: r.round_id,
});

/** The case if this user may see it, else null (exactly as if it did not exist). */
export async function caseRefInScope(db: Queryable, user: Viewer, caseId: string): Promise<CaseRef | null> {
  const params: unknown[] = [caseId];
  const scope = scopePredicate(user, REF_SCOPE, params);
  const rows = await db.query<RefRow>(
    `SELECT * FROM ${CASE_REFS_FROM} WHERE r.case_id = $1 AND ${scope}`,
    params,
  );
  return rows[0] ? toRef(rows[0]) : null;
}

/** Open (or not yet projected) cases in scope, by case id. */
export async function openCasesInScope(db: Queryable, user: Viewer, limit: number): Promise<CaseRef[]> {
  const params: unknown[] = [TERMINAL_STATUSES];
  const scope = scopePredicate(user, REF_SCOPE, params);
  params.push(limit);
  const rows = await db.query<RefRow>(
    `SELECT * FROM ${CASE_REFS_FROM}
      WHERE (r.status IS NULL OR NOT (r.status = ANY($1::text[]))) AND ${scope}
      ORDER BY r.case_id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toRef);
}

/** Every case id in scope (open or closed, projected or not). */
export async function caseIdsInScope(db: Queryable, user: Viewer): Promise<string[]> {
  const params: unknown[] = [];
  const scope = scopePredicate(user, REF_SCOPE, params);
  const rows = await db.query<{ case_id: string }>(
    `SELECT r.case_id FROM ${CASE_REFS_FROM} WHERE ${scope} ORDER BY r.case_id`,
    params,
  );
  return rows.map((r) => r.case_id);
}

/** The case projection, restricted to the user's scope before any other filter. */
export function listCasesInScope(db: Queryable, user: Viewer, filter: CaseQuery): Promise<CasePage> {
  const params: unknown[] = [];
  const scope = scopePredicate(user, PROJECTION_SCOPE, params);
  return casePage(db, filter, { where: [scope], params });
}

/** Statuses that are not secondments: nominations that never became one are counted apart. */
const NOT_SECONDMENTS = ['REJECTED', 'WITHDRAWN'];

/**
 * Case counts in scope: totals and groups, in SQL so they stay right beyond one page of cases.
 * Rejected and withdrawn nominations are counted apart (`notSecondments`), never as kinds or units.
 */
export async function caseStatsInScope(db: Queryable, user: Viewer) {
  const params: unknown[] = [NOT_SECONDMENTS];
  const scope = scopePredicate(user, PROJECTION_SCOPE, params);
  const from = `FROM ${PROJECTION_FROM} WHERE ${scope}`;
  // every query names $1, so its type is known even where it does not filter
  const all = `${from} AND cardinality($1::text[]) >= 0`;
  const secondments = `${from} AND NOT (c.status = ANY($1::text[]))`;
  const group = async (column: string, where = secondments) =>
    (
      await db.query<{ key: string | number; count: number }>(
        `SELECT ${column} AS key, count(*)::int AS count ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
        params,
      )
    ).map((x) => ({ key: String(x.key), count: x.count }));
  const [totals, byStatus, byKind, bySendingUnit, byReceivingUnit, byYear, notSecondments] =
    await Promise.all([
      db.query<{ total: number; overdue: number; stuck: number; provisional: number; notMigrated: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE c.overdue)::int AS overdue,
              count(*) FILTER (WHERE c.stuck)::int AS stuck,
              count(*) FILTER (WHERE c.provisional)::int AS provisional,
              count(*) FILTER (WHERE c.machine_version = 1 AND NOT (c.status = ANY($${params.length + 1}::text[])))::int
                AS "notMigrated" ${secondments}`,
        [...params, [...TERMINAL_STATUSES]],
      ),
      group('c.status', all),
      group('c.kind'),
      group('c.sending_unit'),
      group('c.receiving_unit'),
      group('c.year'),
      group('c.status', `${from} AND c.status = ANY($1::text[])`),
    ]);
  const t = totals[0] ?? { total: 0, overdue: 0, stuck: 0, provisional: 0, notMigrated: 0 };
  return { ...t, byStatus, byKind, bySendingUnit, byReceivingUnit, byYear, notSecondments };
}
