import type { Queryable } from '../db';
import type { Actor } from '../machines/secondment';
import { TERMINAL_STATUSES } from '../machines/secondment';
import { ApiError, notFound } from './errors';
import type { ApiUser } from './auth/users';

/**
 * Who sees which case (the one rule every read and write goes through):
 *
 * | role              | sees a case when                                   | acts as unit         |
 * | ----------------- | -------------------------------------------------- | -------------------- |
 * | org_admin         | the case's organization department ∈ user's units  | the case's org unit  |
 * | sending_officer   | the case's sending unit ∈ user's units             | the sending unit     |
 * | receiving_officer | the case's (current) receiving unit ∈ user's units | the receiving unit   |
 * | cadre             | the case's cadre id = the user's cadre id          | (cadre id)           |
 * | auditor           | org, sending or receiving unit ∈ user's units      | never acts           |
 *
 * Anything else is "not found" (404), so a user cannot learn that another unit's case exists.
 */

/** Columns a scope predicate is evaluated over (SQL expressions). */
export interface ScopeColumns {
  org: string;
  sending: string;
  receiving: string;
  cadre: string;
}

/** Appends the user's scope as a SQL predicate; parameters go into `params`. */
export function scopePredicate(user: ApiUser, cols: ScopeColumns, params: unknown[]): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (user.role) {
    case 'org_admin':
      return `${cols.org} = ANY(${p(user.units)}::text[])`;
    case 'sending_officer':
      return `${cols.sending} = ANY(${p(user.units)}::text[])`;
    case 'receiving_officer':
      return `${cols.receiving} = ANY(${p(user.units)}::text[])`;
    case 'cadre':
      return user.cadreId ? `${cols.cadre} = ${p(user.cadreId)}` : 'false';
    case 'auditor': {
      const units = p(user.units);
      return `(${cols.org} = ANY(${units}::text[]) OR ${cols.sending} = ANY(${units}::text[]) OR ${cols.receiving} = ANY(${units}::text[]))`;
    }
  }
}

/**
 * The case's parties as the API knows them: the projection (current receiving unit, status) joined
 * with what the API recorded at nomination (org unit, cadre). Either side may be missing: a case
 * nominated outside the API has no parties row (only its unit officers and auditors see it), and a
 * case whose first transition has not been written yet has no projection row.
 */
export const CASE_REFS_FROM = `(
  SELECT COALESCE(c.case_id, p.case_id) AS case_id,
         c.status AS status,
         p.org_unit AS org_unit,
         COALESCE(c.sending_unit, p.sending_unit) AS sending_unit,
         COALESCE(c.receiving_unit, p.requested_receiving_unit) AS receiving_unit,
         p.cadre_id AS cadre_id
    FROM cases c FULL OUTER JOIN case_parties p ON p.case_id = c.case_id
) r`;
export const REF_COLUMNS: ScopeColumns = {
  org: 'r.org_unit',
  sending: 'r.sending_unit',
  receiving: 'r.receiving_unit',
  cadre: 'r.cadre_id',
};

export interface CaseRef {
  caseId: string;
  status: string | null;
  orgUnit: string | null;
  sendingUnit: string;
  receivingUnit: string;
  cadreId: string | null;
}

interface RefRow {
  case_id: string;
  status: string | null;
  org_unit: string | null;
  sending_unit: string;
  receiving_unit: string;
  cadre_id: string | null;
}

const toRef = (r: RefRow): CaseRef => ({
  caseId: r.case_id,
  status: r.status,
  orgUnit: r.org_unit,
  sendingUnit: r.sending_unit,
  receivingUnit: r.receiving_unit,
  cadreId: r.cadre_id,
});

/** The case if this user may see it; otherwise NOT_FOUND, exactly as if it did not exist. */
export async function caseInScope(db: Queryable, user: ApiUser, caseId: string): Promise<CaseRef> {
  const params: unknown[] = [caseId];
  const scope = scopePredicate(user, REF_COLUMNS, params);
  const rows = await db.query<RefRow>(
    `SELECT * FROM ${CASE_REFS_FROM} WHERE r.case_id = $1 AND ${scope}`,
    params,
  );
  if (!rows[0]) throw notFound();
  return toRef(rows[0]);
}

/** Open (or not yet projected) cases in scope, for the technical-stuck scan. */
export async function openCasesInScope(db: Queryable, user: ApiUser, limit: number): Promise<CaseRef[]> {
  const params: unknown[] = [TERMINAL_STATUSES];
  const scope = scopePredicate(user, REF_COLUMNS, params);
  params.push(limit);
  const rows = await db.query<RefRow>(
    `SELECT * FROM ${CASE_REFS_FROM}
      WHERE (r.status IS NULL OR NOT (r.status = ANY($1::text[]))) AND ${scope}
      ORDER BY r.case_id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toRef);
}

/** Only these roles change cases; an auditor reads and verifies. */
export function assertMayAct(user: ApiUser): void {
  if (user.role === 'auditor') {
    throw new ApiError('FORBIDDEN', '审计角色只读 / auditors only read', { rule: 'auditor.readOnly' });
  }
}

export function assertOrgAdmin(user: ApiUser, what: string): void {
  if (user.role !== 'org_admin') {
    throw new ApiError(
      'FORBIDDEN',
      `仅组织部可以${what.split(' / ')[0]} / only the organization department may ${what.split(' / ')[1] ?? what}`,
    );
  }
}

/** The unit this user acts for in this case (always one of the user's units, by the scope rule). */
export function actingUnit(user: ApiUser, ref: CaseRef): string {
  switch (user.role) {
    case 'org_admin':
      return ref.orgUnit ?? '';
    case 'sending_officer':
      return ref.sendingUnit;
    case 'receiving_officer':
    case 'cadre':
      return ref.receivingUnit;
    case 'auditor':
      return user.units[0] ?? 'audit';
  }
}

/**
 * The event's actor, built from the logged-in user only (never from the request body). A cadre's
 * actor id is their cadre id, which is how the lifecycle machine recognises the case's own cadre.
 */
export function actorFor(user: ApiUser, ref: CaseRef): Actor {
  return {
    id: user.role === 'cadre' ? (user.cadreId ?? user.username) : user.username,
    role: user.role,
    unit: actingUnit(user, ref),
  };
}

/** An org admin entering a step for another party of the case: recorded as on-behalf-of. */
export function onBehalfPrincipal(
  ref: CaseRef,
  forParty: { role: 'sending_officer' | 'receiving_officer' | 'cadre'; id?: string | undefined },
): NonNullable<Actor['onBehalfOf']> {
  const unit = forParty.role === 'sending_officer' ? ref.sendingUnit : ref.receivingUnit;
  const id =
    forParty.role === 'cadre'
      ? (ref.cadreId ?? forParty.id ?? 'cadre')
      : (forParty.id ?? `${forParty.role}@${unit}`);
  return { id, role: forParty.role, unit };
}
