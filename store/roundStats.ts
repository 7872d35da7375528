// The round's statistics (the numbers the organization department reports upward, seed 001: 党外
// share, 选调生 + 县级后备 share, how many from townships, promoted …), counted from the cases' real
// state: the projection (status, overdue, stuck) and the machine's stored snapshot (arrival,
// extension, final grade). Rejected and withdrawn nominations and recommendations are counted apart.
import type { Label } from '../contract';
import type { Queryable } from '../db';
import type { Category, Grade, Kind } from '../machines/secondment';

export interface RoundCaseFacts {
  caseId: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  partyStatus: 'cpc' | 'non_cpc';
  partyName: string | null;
  categories: Category[];
  kind: Kind;
  sendingUnit: string;
  sendingUnitName: Label;
  sendingUnitType: string;
  receivingUnit: string;
  receivingUnitName: Label;
  post: string | null;
  termStart: string;
  termEnd: string;
  termReason: string | null;
  subsidyPerDay: number;
  payRule: string;
  /** null: the case was never started (a failed launch) */
  status: string | null;
  overdue: boolean;
  stuck: boolean;
  arrived: boolean;
  extended: boolean;
  promoted: boolean;
  grade: Grade | null;
}

interface Row {
  case_id: string;
  name: string;
  gender: string | null;
  birth_date: string | null;
  party_status: 'cpc' | 'non_cpc';
  party_name: string | null;
  categories: Category[];
  kind: Kind;
  sending_unit: string;
  sending_zh: string | null;
  sending_en: string | null;
  sending_type: string | null;
  receiving_unit: string;
  receiving_zh: string | null;
  receiving_en: string | null;
  post_title: string | null;
  term_start: string;
  term_end: string;
  term_reason: string | null;
  subsidy_per_day: string | number;
  pay_rule: string;
  status: string | null;
  overdue: boolean | null;
  stuck: boolean | null;
  snapshot: unknown;
}

interface SnapshotFacts {
  context?: {
    posting?: { arrivedOn?: string | null };
    extensionMonths?: number;
    promotion?: unknown;
    final?: { result?: { grade?: Grade } | null };
  };
}

export async function roundCaseFacts(db: Queryable, roundId: string): Promise<RoundCaseFacts[]> {
  const rows = await db.query<Row>(
    `SELECT rc.case_id, pe.name, pe.gender, pe.birth_date::text AS birth_date, pe.party_status, pe.party_name,
            pe.categories, rr.kind, rr.sending_unit, su.name_zh AS sending_zh, su.name_en AS sending_en,
            su.type AS sending_type, COALESCE(c.receiving_unit, ra.receiving_unit) AS receiving_unit,
            ru.name_zh AS receiving_zh, ru.name_en AS receiving_en, ra.post_title,
            rc.term_start::text AS term_start, rc.term_end::text AS term_end, rc.term_reason, rc.subsidy_per_day,
            rc.pay_rule, c.status, c.overdue, c.stuck, cs.snapshot
       FROM round_cases rc
       JOIN round_recommendations rr ON rr.id = rc.recommendation_id
       JOIN persons pe ON pe.id = rr.person_id
       LEFT JOIN round_assignments ra ON ra.recommendation_id = rr.id
       LEFT JOIN cases c ON c.case_id = rc.case_id
       LEFT JOIN case_state cs ON cs.case_id = rc.case_id
       LEFT JOIN units su ON su.code = rr.sending_unit
       LEFT JOIN units ru ON ru.code = COALESCE(c.receiving_unit, ra.receiving_unit)
      WHERE rc.round_id = $1
      ORDER BY rr.kind, pe.name, rc.case_id`,
    [roundId],
  );
  return rows.map((r) => {
    const snap = (
      typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot
    ) as SnapshotFacts | null;
    const c = snap?.context;
    return {
      caseId: r.case_id,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      partyStatus: r.party_status,
      partyName: r.party_name,
      categories: r.categories ?? [],
      kind: r.kind,
      sendingUnit: r.sending_unit,
      sendingUnitName: { zh: r.sending_zh ?? r.sending_unit, en: r.sending_en ?? r.sending_unit },
      sendingUnitType: r.sending_type ?? 'other',
      receivingUnit: r.receiving_unit,
      receivingUnitName: { zh: r.receiving_zh ?? r.receiving_unit, en: r.receiving_en ?? r.receiving_unit },
      post: r.post_title,
      termStart: r.term_start,
      termEnd: r.term_end,
      termReason: r.term_reason,
      subsidyPerDay: Number(r.subsidy_per_day),
      payRule: r.pay_rule,
      status: r.status,
      overdue: r.overdue ?? false,
      stuck: r.stuck ?? false,
      arrived: Boolean(c?.posting?.arrivedOn),
      extended: (c?.extensionMonths ?? 0) > 0,
      promoted: r.status === 'CLOSED_PROMOTED' || (c?.promotion !== undefined && c?.promotion !== null),
      grade: c?.final?.result?.grade ?? null,
    };
  });
}

/** Recommendations not posted: not selected by the board, or withdrawn by their unit. */
export async function recommendationsApart(
  db: Queryable,
  roundId: string,
): Promise<{ rejected: number; withdrawn: number }> {
  const rows = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM round_recommendations WHERE round_id = $1
      AND status IN ('rejected', 'withdrawn') GROUP BY 1`,
    [roundId],
  );
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { rejected: n('rejected'), withdrawn: n('withdrawn') };
}
