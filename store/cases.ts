import {
  caseFilterSchema,
  type CaseFilter,
  type CasePage,
  type CaseQuery,
  type CaseSummary,
} from '../contract';
import type { Queryable } from '../db';
import { TERMINAL_STATUSES } from '../machines/secondment';
import { toIso, toIsoOrNull, type Timestamp } from './time';

/**
 * The projection joined with the parties the API recorded and the names of cadre and units: what
 * the list, the stats and the export read. Names are joined here, never looked up by the console.
 */
export const PROJECTION_FROM = `cases c
  LEFT JOIN case_parties p ON p.case_id = c.case_id
  LEFT JOIN persons pe ON pe.id = p.cadre_id
  LEFT JOIN units su ON su.code = c.sending_unit
  LEFT JOIN units ru ON ru.code = c.receiving_unit
  LEFT JOIN units ou ON ou.code = c.next_duty_owner_unit`;

const NAMED_COLUMNS = `c.*, p.cadre_id AS party_cadre_id, p.cpc_member, p.round_id, pe.name AS cadre_name,
  su.name_zh AS sending_zh, su.name_en AS sending_en, ru.name_zh AS receiving_zh, ru.name_en AS receiving_en,
  ou.name_zh AS owner_zh, ou.name_en AS owner_en`;

/** A `cases` row as both drivers return it. */
export interface CaseRow {
  case_id: string;
  status: string;
  kind: string;
  year: number;
  sending_unit: string;
  receiving_unit: string;
  next_duty_id: string | null;
  next_duty_label: string | null;
  next_duty_owner_role: string | null;
  next_duty_owner_unit: string | null;
  next_duty_due_at: Timestamp | null;
  next_deadline: Timestamp | null;
  overdue: boolean;
  stuck: boolean;
  stuck_reason: string | null;
  last_seq: number;
  updated_at: Timestamp;
  provisional: boolean;
  machine_version: number;
}

/** The row with its joined names (PROJECTION_FROM). */
export interface NamedCaseRow extends CaseRow {
  party_cadre_id: string | null;
  cpc_member: boolean | null;
  round_id: string | null;
  cadre_name: string | null;
  sending_zh: string | null;
  sending_en: string | null;
  receiving_zh: string | null;
  receiving_en: string | null;
  owner_zh: string | null;
  owner_en: string | null;
}

const named = (code: string, zh: string | null, en: string | null) => ({ zh: zh ?? code, en: en ?? code });

export function toCaseSummary(row: NamedCaseRow): CaseSummary {
  return {
    caseId: row.case_id,
    status: row.status,
    kind: row.kind,
    year: row.year,
    sendingUnit: row.sending_unit,
    sendingUnitName: named(row.sending_unit, row.sending_zh, row.sending_en),
    receivingUnit: row.receiving_unit,
    receivingUnitName: named(row.receiving_unit, row.receiving_zh, row.receiving_en),
    cadre:
      row.party_cadre_id === null
        ? null
        : { id: row.party_cadre_id, name: row.cadre_name ?? row.party_cadre_id, cpcMember: row.cpc_member },
    roundId: row.round_id,
    nextDuty:
      row.next_duty_id === null
        ? null
        : {
            id: row.next_duty_id,
            label: row.next_duty_label ?? '',
            ownerRole: row.next_duty_owner_role ?? '',
            ownerUnit: row.next_duty_owner_unit ?? '',
            ownerUnitName: named(row.next_duty_owner_unit ?? '', row.owner_zh, row.owner_en),
            dueAt: toIsoOrNull(row.next_duty_due_at),
          },
    nextDeadline: toIsoOrNull(row.next_deadline),
    overdue: row.overdue,
    stuck: row.stuck,
    stuckReason: row.stuck_reason,
    lastSeq: row.last_seq,
    updatedAt: toIso(row.updated_at),
    provisional: row.provisional,
    machineVersion: row.machine_version,
  };
}

const SORT_COLUMNS: Record<CaseQuery['sort'], string> = {
  nextDeadline: 'next_deadline',
  updatedAt: 'updated_at',
  caseId: 'case_id',
  year: 'year',
  status: 'status',
};

/**
 * A page of the case projection matching the filter, names joined; `base` adds conditions that
 * come first (the caller's scope), so the scoped list runs the very same filters.
 */
export async function casePage(
  db: Queryable,
  filter: CaseQuery,
  base: { where: string[]; params: unknown[] },
): Promise<CasePage> {
  const col = (name: string) => `c.${name}`;
  const params = [...base.params];
  const where = [...base.where];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.status) add((p) => `${col('status')} = ANY(${p}::text[])`, filter.status);
  if (filter.kind) add((p) => `${col('kind')} = ANY(${p}::text[])`, filter.kind);
  if (filter.year !== undefined) add((p) => `${col('year')} = ${p}`, filter.year);
  if (filter.sendingUnit) add((p) => `${col('sending_unit')} = ${p}`, filter.sendingUnit);
  if (filter.receivingUnit) add((p) => `${col('receiving_unit')} = ${p}`, filter.receivingUnit);
  if (filter.unit)
    add((p) => `(${col('sending_unit')} = ${p} OR ${col('receiving_unit')} = ${p})`, filter.unit);
  if (filter.overdue !== undefined) add((p) => `${col('overdue')} = ${p}`, filter.overdue);
  if (filter.stuck !== undefined) add((p) => `${col('stuck')} = ${p}`, filter.stuck);
  if (filter.provisional !== undefined) add((p) => `${col('provisional')} = ${p}`, filter.provisional);
  if (filter.machineVersion !== undefined)
    add((p) => `${col('machine_version')} = ${p}`, filter.machineVersion);
  if (filter.deadlineFrom) add((p) => `${col('next_deadline')} >= ${p}::timestamptz`, filter.deadlineFrom);
  if (filter.deadlineTo) add((p) => `${col('next_deadline')} <= ${p}::timestamptz`, filter.deadlineTo);
  if (filter.q) add((p) => `lower(pe.name) LIKE ${p}`, `%${filter.q.toLowerCase()}%`);
  if (filter.roundId) add((p) => `p.round_id = ${p}`, filter.roundId);
  if (filter.personId) add((p) => `p.cadre_id = ${p}`, filter.personId);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = filter.order === 'asc' ? 'ASC' : 'DESC';
  // case_id breaks ties so pages never overlap or skip; cases without a deadline sort last.
  const orderSql = `ORDER BY ${col(SORT_COLUMNS[filter.sort])} ${dir} NULLS LAST, ${col('case_id')} ${dir}`;
  const total = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM ${PROJECTION_FROM} ${whereSql}`,
    params,
  );
  const rows = await db.query<NamedCaseRow>(
    `SELECT ${NAMED_COLUMNS} FROM ${PROJECTION_FROM} ${whereSql} ${orderSql}
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

/** Lists the case projection (all cases, no scope); every filter is optional and they combine with AND. */
export async function listCases(db: Queryable, filterInput: CaseFilter = {}): Promise<CasePage> {
  return casePage(db, caseFilterSchema.parse(filterInput), { where: [], params: [] });
}

export async function getCase(db: Queryable, caseId: string): Promise<CaseSummary | null> {
  const rows = await db.query<NamedCaseRow>(
    `SELECT ${NAMED_COLUMNS} FROM ${PROJECTION_FROM} WHERE c.case_id = $1`,
    [caseId],
  );
  return rows[0] ? toCaseSummary(rows[0]) : null;
}

/** Every open case on this machine version, by case id (the calendar re-plan run walks them all). */
export async function openCaseIds(db: Queryable, machineVersion: number): Promise<string[]> {
  const rows = await db.query<{ case_id: string }>(
    `SELECT case_id FROM cases WHERE machine_version = $1 AND NOT (status = ANY($2::text[])) ORDER BY case_id`,
    [machineVersion, [...TERMINAL_STATUSES]],
  );
  return rows.map((r) => r.case_id);
}
