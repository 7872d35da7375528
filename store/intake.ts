// The receiving units' quota (接收名额): an approval takes a place by reserving it, atomically and
// idempotently by case id, and a refused or rolled-back approval gives it back. Cases of a round
// count against the round's allocation for the unit; other cases against the year's allocation,
// and a unit without one has no cap.
import type { Db, Queryable } from '../db';

export interface IntakeRequest {
  caseId: string;
  roundId: string | null;
  year: number;
  receivingUnit: string;
}
export interface IntakeFacts {
  /** the stored allocation; null: none stored, no cap */
  quota: number | null;
  /** cases already approved for that unit (this one excluded) */
  approvedBefore: number;
  /** whether this case now holds a place (false when over quota) */
  reserved: boolean;
}

const LOCK_CLASS = 7_312_012;
const key = (r: Pick<IntakeRequest, 'roundId' | 'year' | 'receivingUnit'>) =>
  `${r.roundId ?? ''}|${r.year}|${r.receivingUnit}`;

export async function reserveIntake(db: Db, r: IntakeRequest, at: string): Promise<IntakeFacts> {
  return db.transaction(async (tx) => {
    // one approval per (round or year, unit) at a time: two approvals cannot both take the last place
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, key(r)]);
    const alloc = await tx.query<{ quota: number }>(
      `SELECT quota FROM intake_allocations
        WHERE COALESCE(round_id, '') = $1 AND year = $2 AND receiving_unit = $3`,
      [r.roundId ?? '', r.year, r.receivingUnit],
    );
    const quota = alloc[0]?.quota ?? null;
    const before = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM intake_reservations
        WHERE COALESCE(round_id, '') = $1 AND year = $2 AND receiving_unit = $3 AND case_id <> $4`,
      [r.roundId ?? '', r.year, r.receivingUnit, r.caseId],
    );
    const approvedBefore = before[0]?.n ?? 0;
    if (quota !== null && approvedBefore >= quota) {
      await tx.query('DELETE FROM intake_reservations WHERE case_id = $1', [r.caseId]);
      return { quota, approvedBefore, reserved: false };
    }
    // a retried activity finds its own row: the same answer, no second place
    await tx.query(
      `INSERT INTO intake_reservations (case_id, round_id, year, receiving_unit, at)
       VALUES ($1, $2, $3, $4, $5::timestamptz)
       ON CONFLICT (case_id) DO UPDATE SET round_id = EXCLUDED.round_id, year = EXCLUDED.year,
         receiving_unit = EXCLUDED.receiving_unit`,
      [r.caseId, r.roundId, r.year, r.receivingUnit, at],
    );
    return { quota, approvedBefore, reserved: true };
  });
}

/** Gives the case's place back (its approval was refused or rolled back); idempotent. */
export async function releaseIntake(db: Queryable, caseId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM intake_reservations WHERE case_id = $1 RETURNING case_id', [
    caseId,
  ]);
  return rows.length > 0;
}

/** Sets a unit's allocation for a round (or, with roundId null, for a year outside any round). */
export async function setIntakeAllocation(
  db: Queryable,
  a: { roundId: string | null; year: number; receivingUnit: string; quota: number },
): Promise<void> {
  await db.query(
    `DELETE FROM intake_allocations WHERE COALESCE(round_id, '') = $1 AND year = $2 AND receiving_unit = $3`,
    [a.roundId ?? '', a.year, a.receivingUnit],
  );
  await db.query(
    'INSERT INTO intake_allocations (round_id, year, receiving_unit, quota) VALUES ($1, $2, $3, $4)',
    [a.roundId, a.year, a.receivingUnit, a.quota],
  );
}
