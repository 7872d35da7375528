// Who a case belongs to beyond what the projection carries (organization department, cadre):
// written by the API when it nominates, before the workflow starts, so the case is scoped from its
// first moment (migration 002). Ids and unit codes only.
import type { Queryable } from '../db';

export interface CaseParties {
  caseId: string;
  orgUnit: string;
  unitedFrontUnit: string;
  sendingUnit: string;
  requestedReceivingUnit: string;
  cadreId: string;
  createdBy: string;
}

/** Records the parties; false when the case id is taken. */
export async function recordCaseParties(db: Queryable, parties: CaseParties): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO case_parties (case_id, org_unit, united_front_unit, sending_unit, requested_receiving_unit, cadre_id, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [
      parties.caseId,
      parties.orgUnit,
      parties.unitedFrontUnit,
      parties.sendingUnit,
      parties.requestedReceivingUnit,
      parties.cadreId,
      parties.createdBy,
    ],
  );
  return inserted.length > 0;
}

/** Undoes recordCaseParties when the case could not be started. */
export async function forgetCaseParties(db: Queryable, caseId: string): Promise<void> {
  await db.query('DELETE FROM case_parties WHERE case_id = $1', [caseId]);
}

/** Cadre ids of the cases of these organization departments. */
export async function cadresOfOrgUnits(db: Queryable, orgUnits: string[]): Promise<Set<string>> {
  const rows = await db.query<{ cadre_id: string }>(
    'SELECT DISTINCT cadre_id FROM case_parties WHERE org_unit = ANY($1::text[])',
    [orgUnits],
  );
  return new Set(rows.map((r) => r.cadre_id));
}
