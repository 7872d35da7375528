// Who a case belongs to beyond what the projection carries (organization and united front
// departments, cadre, whether the cadre is a CPC member, round): written by the API or the launch
// before the workflow starts, so the case is scoped from its first moment (migrations 002, 005).
// Ids and unit codes only.
import type { Queryable } from '../db';

export interface CaseParties {
  caseId: string;
  orgUnit: string;
  unitedFrontUnit: string;
  sendingUnit: string;
  requestedReceivingUnit: string;
  /** the person of the registry */
  cadreId: string;
  cpcMember: boolean;
  roundId: string | null;
  createdBy: string;
}

/** Records the parties; false when the case id is taken. */
export async function recordCaseParties(db: Queryable, parties: CaseParties): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO case_parties (case_id, org_unit, united_front_unit, sending_unit, requested_receiving_unit, cadre_id,
       cpc_member, round_id, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [
      parties.caseId,
      parties.orgUnit,
      parties.unitedFrontUnit,
      parties.sendingUnit,
      parties.requestedReceivingUnit,
      parties.cadreId,
      parties.cpcMember,
      parties.roundId,
      parties.createdBy,
    ],
  );
  return inserted.length > 0;
}

/** Undoes recordCaseParties when the case could not be started. */
export async function forgetCaseParties(db: Queryable, caseId: string): Promise<void> {
  await db.query('DELETE FROM case_parties WHERE case_id = $1', [caseId]);
}
