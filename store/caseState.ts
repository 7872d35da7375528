import { restore, type AnyPersisted, type AnySnapshot } from '../machines/secondment';
import type { Queryable } from '../db';

export interface StoredCaseState {
  caseId: string;
  /** the audit sequence number of the transition that produced this state */
  seq: number;
  run: number;
  /** the machine version that runs the case (1 until it is migrated) and its snapshot */
  snapshot: AnySnapshot;
  /** the snapshot as stored, for a migration preview */
  persisted: AnyPersisted;
}

/**
 * The machine's state as of the case's last applied transition (migration 003), or null when no
 * transition with a state has been applied yet — a case just started, or one from before 003.
 */
export async function getCaseState(db: Queryable, caseId: string): Promise<StoredCaseState | null> {
  const rows = await db.query<{ seq: number; run: number; snapshot: unknown }>(
    'SELECT seq, run, snapshot FROM case_state WHERE case_id = $1',
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  const persisted = (
    typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot
  ) as AnyPersisted;
  return { caseId, seq: row.seq, run: row.run, snapshot: restore(persisted), persisted };
}

/** True when the case has a projection row: it has run at least one transition. */
export async function caseHasProjection(db: Queryable, caseId: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT 1 AS n FROM cases WHERE case_id = $1', [caseId]);
  return rows.length > 0;
}
