import { z } from 'zod';
import type { Queryable } from '../db';
import {
  caseFilterSchema,
  caseSortSchema,
  toCaseSummary,
  type CaseRow,
  type CaseSummary,
} from '../activities/read-models';
import type { ApiUser } from './auth/users';
import { scopePredicate, type ScopeColumns } from './scope';

/** GET /api/cases query: the projection's filters, pagination and sorting. */
export const caseListQuerySchema = caseFilterSchema;
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const SCOPE_COLUMNS: ScopeColumns = {
  org: 'p.org_unit',
  sending: 'c.sending_unit',
  receiving: 'c.receiving_unit',
  cadre: 'p.cadre_id',
};

const SORT_COLUMNS: Record<z.infer<typeof caseSortSchema>, string> = {
  nextDeadline: 'c.next_deadline',
  updatedAt: 'c.updated_at',
  caseId: 'c.case_id',
  year: 'c.year',
  status: 'c.status',
};

/** The case projection, restricted to the user's scope before any other filter. */
export async function listCasesInScope(
  db: Queryable,
  user: ApiUser,
  filter: CaseListQuery,
): Promise<{ items: CaseSummary[]; total: number; limit: number; offset: number }> {
  const params: unknown[] = [];
  const where: string[] = [scopePredicate(user, SCOPE_COLUMNS, params)];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.status) add((p) => `c.status = ANY(${p}::text[])`, filter.status);
  if (filter.kind) add((p) => `c.kind = ANY(${p}::text[])`, filter.kind);
  if (filter.year !== undefined) add((p) => `c.year = ${p}`, filter.year);
  if (filter.sendingUnit) add((p) => `c.sending_unit = ${p}`, filter.sendingUnit);
  if (filter.receivingUnit) add((p) => `c.receiving_unit = ${p}`, filter.receivingUnit);
  if (filter.unit) add((p) => `(c.sending_unit = ${p} OR c.receiving_unit = ${p})`, filter.unit);
  if (filter.overdue !== undefined) add((p) => `c.overdue = ${p}`, filter.overdue);
  if (filter.stuck !== undefined) add((p) => `c.stuck = ${p}`, filter.stuck);
  if (filter.deadlineFrom) add((p) => `c.next_deadline >= ${p}::timestamptz`, filter.deadlineFrom);
  if (filter.deadlineTo) add((p) => `c.next_deadline <= ${p}::timestamptz`, filter.deadlineTo);
  const from = `FROM cases c LEFT JOIN case_parties p ON p.case_id = c.case_id WHERE ${where.join(' AND ')}`;
  const dir = filter.order === 'asc' ? 'ASC' : 'DESC';
  const total = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${from}`, params);
  const rows = await db.query<CaseRow>(
    `SELECT c.* ${from} ORDER BY ${SORT_COLUMNS[filter.sort]} ${dir} NULLS LAST, c.case_id ${dir}
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return {
    items: rows.map(toCaseSummary),
    total: total[0]?.total ?? 0,
    limit: filter.limit,
    offset: filter.offset,
  };
}
