import type { Db } from '../db';
import { transitionRecordSchema, writeTransition, type ApplyTransitionResult } from '../store';
import { parseOrFail, toActivityFailure } from './failures';

/**
 * The one activity the secondment workflow runs per accepted transition: checks the record at the
 * boundary, then writes it (audit row, projection, case state, personnel file, outbox) in one
 * transaction, idempotent on (caseId, seq).
 */
export async function applyTransition(db: Db, input: unknown): Promise<ApplyTransitionResult> {
  const record = parseOrFail(transitionRecordSchema, input, 'transitionRecord');
  try {
    return await writeTransition(db, record);
  } catch (error) {
    throw toActivityFailure(error);
  }
}
