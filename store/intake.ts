// The quota the case workflow enforces (名额): the stored allocation per (round, receiving unit) — or
// per (year, receiving unit) for a case outside a round — against the cases already approved for
// that unit, counted from their reservations (migration 007).
import type { Db, Queryable } from '../db';

/** Namespace of the advisory lock per (round or year, unit); the second key hashes both. */
const INTAKE_LOCK_CLASS = 7_312_010;

export interface IntakeRequest {
  caseId: string;
  roundId: string | null;
  year: number;
  receivingUnit: string;
}

export interface IntakeFacts {
  /** the stored allocation; null: none stored, no cap */
  quota: number | null;
  /** cases approved for the unit before this one (this one excluded) */
  approvedBefore: number;
  /** this case holds a place */
  reserved: boolean;
}

/** Rows of the same round (or, outside rounds, of the same year) and unit. */
const SAME_INTAKE = `COALESCE(round_id, '') = COALESCE($1::text, '') AND ($1::text IS NOT NULL OR year = $2)
  AND receiving_unit = $3`;

export async function allocationOf(
  db: Queryable,
  key: Omit<IntakeRequest, 'caseId'>,
): Promise<number | null> {
  const rows = await db.query<{ quota: number }>(
    `SELECT quota FROM intake_allocations WHERE ${SAME_INTAKE}`,
    [key.roundId, key.year, key.receivingUnit],
  );
  return rows[0]?.quota ?? null;
}

/**
 * Takes a place for this case if the unit has one left, atomically: the advisory lock on (round or
 * year, unit) makes two approvals for the last place take turns, so exactly one wins. Idempotent by
 * case id: a retry after success finds its own reservation and answers the same.
 */
export function reserveIntake(db: Db, req: IntakeRequest): Promise<IntakeFacts> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      INTAKE_LOCK_CLASS,
      `${req.roundId ?? `year:${req.year}`}:${req.receivingUnit}`,
    ]);
    const mine = await tx.query<{ round_id: string | null; year: number; receiving_unit: string }>(
      'SELECT round_id, year, receiving_unit FROM intake_reservations WHERE case_id = $1',
      [req.caseId],
    );
    const held = mine[0];
    const sameKey =
      held !== undefined &&
      held.receiving_unit === req.receivingUnit &&
      (held.round_id ?? null) === req.roundId &&
      (req.roundId !== null || held.year === req.year);
    // A place held for another unit (an approval refused before its release ran) is given back.
    if (held && !sameKey) await tx.query('DELETE FROM intake_reservations WHERE case_id = $1', [req.caseId]);
    const quota = await allocationOf(tx, req);
    const counted = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM intake_reservations WHERE ${SAME_INTAKE} AND case_id <> $4`,
      [req.roundId, req.year, req.receivingUnit, req.caseId],
    );
    const approvedBefore = counted[0]?.n ?? 0;
    if (sameKey) return { quota, approvedBefore, reserved: true };
    if (quota !== null && approvedBefore >= quota) return { quota, approvedBefore, reserved: false };
    await tx.query(
      `INSERT INTO intake_reservations (case_id, round_id, year, receiving_unit, at)
       VALUES ($1, $2, $3, $4, now())`,
      [req.caseId, req.roundId, req.year, req.receivingUnit],
    );
    return { quota, approvedBefore, reserved: true };
  });
}

/** Gives the place back (an approval refused or rolled back after its reservation). */
export async function releaseIntake(db: Queryable, caseId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM intake_reservations WHERE case_id = $1 RETURNING case_id', [
    caseId,
  ]);
  return rows.length > 0;
}

/** Sets the allocation of (round or year, unit); replaces an earlier one. */
export async function setAllocation(
  db: Queryable,
  a: { roundId: string | null; year: number; receivingUnit: string; quota: number; setBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO intake_allocations (round_id, year, receiving_unit, quota, set_by, set_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT ((COALESCE(round_id, '')), year, receiving_unit)
     DO UPDATE SET quota = EXCLUDED.quota, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
    [a.roundId, a.year, a.receivingUnit, a.quota, a.setBy],
  );
}

/** Approved (reserved) places per receiving unit of a round. */
export async function reservationsOfRound(db: Queryable, roundId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ unit: string; n: number }>(
    'SELECT receiving_unit AS unit, count(*)::int AS n FROM intake_reservations WHERE round_id = $1 GROUP BY 1',
    [roundId],
  );
  return new Map(rows.map((r) => [r.unit, r.n]));
}

/** The allocations of a year's cases outside rounds, with the places taken, per unit. */
export async function yearAllocations(
  db: Queryable,
  year: number,
  units?: readonly string[],
): Promise<{ receivingUnit: string; quota: number; approved: number }[]> {
  return db.query<{ receivingUnit: string; quota: number; approved: number }>(
    `SELECT a.receiving_unit AS "receivingUnit", a.quota,
            (SELECT count(*)::int FROM intake_reservations r
              WHERE r.round_id IS NULL AND r.year = a.year AND r.receiving_unit = a.receiving_unit) AS approved
       FROM intake_allocations a
      WHERE a.round_id IS NULL AND a.year = $1 AND ($2::text[] IS NULL OR a.receiving_unit = ANY($2::text[]))
      ORDER BY a.receiving_unit`,
    [year, units ?? null],
  );
}
