import type { Db } from '../db';
import { roundTransitionRecordSchema, writeRoundTransition } from '../store';
import { parseOrFail, toActivityFailure } from './failures';

/**
 * The round workflow's one activity per accepted transition: its audit entry (the same chained
 * trail as the cases, subject `round:<id>`), the round's state and its notifications, in one
 * transaction, idempotent on (round, seq).
 */
export async function applyRoundTransition(
  db: Db,
  input: unknown,
): Promise<{ roundId: string; seq: number; hash: string }> {
  const record = parseOrFail(roundTransitionRecordSchema, input, 'roundTransitionRecord');
  try {
    return await writeRoundTransition(db, record);
  } catch (error) {
    throw toActivityFailure(error);
  }
}
