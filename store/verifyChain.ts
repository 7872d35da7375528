import type { ChainVerification } from '../contract';
import type { Queryable } from '../db';
import { auditEntryHash, GENESIS_HASH, payloadDigest } from './auditHash';
import { auditRowsOf, hashedFieldsOf } from './auditTrail';

export interface ChainVerificationSummary {
  ok: boolean;
  cases: number;
  entries: number;
  broken: Extract<ChainVerification, { ok: false }>[];
}

/** Recomputes a case's chain from the stored rows and names the first row that does not fit. */
export async function verifyChain(db: Queryable, caseId: string): Promise<ChainVerification> {
  const rows = await auditRowsOf(db, caseId);
  let expectedPrev = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const broken = (reason: string, firstBrokenSeq = row.seq): ChainVerification => ({
      ok: false,
      caseId,
      entries: rows.length,
      firstBrokenSeq,
      reason,
    });
    if (row.seq !== i + 1) return broken(`第 ${i + 1} 条记录缺失 / entry ${i + 1} is missing`, i + 1);
    if (row.prev_hash !== expectedPrev) {
      return broken('prev_hash 与上一条记录的哈希不符 / prev_hash does not match the previous entry');
    }
    if (payloadDigest(row.payload) !== row.payload_digest) {
      return broken('载荷摘要不符，载荷被修改 / payload digest mismatch: payload was altered');
    }
    if (auditEntryHash(hashedFieldsOf(row)) !== row.hash)
      return broken('哈希不符，记录被修改 / hash mismatch: entry was altered');
    expectedPrev = row.hash;
  }
  // Removing the newest rows leaves a valid chain; the projection (a round: its stored state) still
  // remembers how far it got.
  const projected = await db.query<{ last_seq: number }>(
    caseId.startsWith('round:')
      ? 'SELECT seq AS last_seq FROM round_state WHERE round_id = $1'
      : 'SELECT last_seq FROM cases WHERE case_id = $1',
    [caseId.startsWith('round:') ? caseId.slice('round:'.length) : caseId],
  );
  const lastSeq = projected[0]?.last_seq ?? 0;
  if (lastSeq > rows.length) {
    return {
      ok: false,
      caseId,
      entries: rows.length,
      firstBrokenSeq: rows.length + 1,
      reason: `案件投影记录到第 ${lastSeq} 条，审计记录只有 ${rows.length} 条 / projection records seq ${lastSeq} but only ${rows.length} entries exist`,
    };
  }
  return { ok: true, caseId, entries: rows.length };
}

/** Verifies every case; meant for an admin check or a periodic job. */
export async function verifyAll(db: Queryable): Promise<ChainVerificationSummary> {
  const cases = await db.query<{ case_id: string }>(
    'SELECT DISTINCT case_id FROM audit_entries ORDER BY case_id',
  );
  const summary: ChainVerificationSummary = { ok: true, cases: cases.length, entries: 0, broken: [] };
  for (const { case_id } of cases) {
    const result = await verifyChain(db, case_id);
    summary.entries += result.entries;
    if (!result.ok) {
      summary.ok = false;
      summary.broken.push(result);
    }
  }
  return summary;
}
