import type { ChainVerification } from '../contract';
import type { AuditKeys, Queryable } from '../db';
import { auditEntryHash, GENESIS_HASH, keyedAuditEntryHash, payloadDigest } from './auditHash';
import { auditRowsOf, hashedFieldsOf, type AuditRow } from './auditTrail';
import { verifyDocumentChain } from './documentRecords';

export interface ChainVerificationSummary {
  ok: boolean;
  cases: number;
  entries: number;
  broken: Extract<ChainVerification, { ok: false }>[];
}

/** The newest (seq, hash) of a case as Temporal holds it (the workflow's memo), outside the database. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Checks a chain of rows on its own: sequence, links, payload digests, and each row's hash under
 * the key its key_id names (HMAC-SHA-256) or, for a legacy row (key_id NULL), plain SHA-256. A
 * legacy row after a keyed one cannot be legacy: it is a forgery. Used by the database verifier
 * and, on an export's rows, by the offline one.
 */
export function checkRows(
  caseId: string,
  rows: readonly AuditRow[],
  keys: AuditKeys,
): ChainVerification & { legacyEntries: number } {
  let expectedPrev = GENESIS_HASH;
  let legacy = 0;
  let keyedSeen = false;
  for (const [i, row] of rows.entries()) {
    const broken = (reason: string, firstBrokenSeq = row.seq) => ({
      ok: false as const,
      caseId,
      entries: rows.length,
      firstBrokenSeq,
      reason,
      legacyEntries: legacy,
    });
    if (row.seq !== i + 1) return broken(`第 ${i + 1} 条记录缺失 / entry ${i + 1} is missing`, i + 1);
    if (row.prev_hash !== expectedPrev) {
      return broken('prev_hash 与上一条记录的哈希不符 / prev_hash does not match the previous entry');
    }
    if (payloadDigest(row.payload) !== row.payload_digest) {
      return broken('载荷摘要不符，载荷被修改 / payload digest mismatch: payload was altered');
    }
    const fields = hashedFieldsOf(row);
    if (row.key_id === null || row.key_id === undefined) {
      if (keyedSeen) {
        return broken('带密钥的记录之后出现无密钥记录（伪造）/ an unkeyed row after keyed rows: forged');
      }
      if (auditEntryHash(fields) !== row.hash)
        return broken('哈希不符，记录被修改 / hash mismatch: entry was altered');
      legacy += 1;
    } else {
      keyedSeen = true;
      const key = keys.keys.get(row.key_id);
      if (!key) return broken(`未知的审计密钥 ${row.key_id} / unknown audit key ${row.key_id}`);
      if (keyedAuditEntryHash(fields, row.key_id, key) !== row.hash)
        return broken('密钥哈希不符，记录被修改或重建 / keyed hash mismatch: entry altered or rebuilt');
    }
    expectedPrev = row.hash;
  }
  return { ok: true, caseId, entries: rows.length, legacyEntries: legacy };
}

/** Compares a chain that verified with the head Temporal holds: a deleted tail, forged rows beyond it, a rebuilt chain. */
export function checkHead(
  caseId: string,
  rows: readonly AuditRow[],
  head: AuditHead,
): Extract<ChainVerification, { ok: false }> | null {
  const broken = (firstBrokenSeq: number, reason: string) => ({
    ok: false as const,
    caseId,
    entries: rows.length,
    firstBrokenSeq,
    reason,
  });
  if (rows.length < head.seq) {
    return broken(
      rows.length + 1,
      `Temporal 记录的链头为第 ${head.seq} 条，数据库只有 ${rows.length} 条（末尾被删除）/ Temporal's head is seq ${head.seq} but the database has ${rows.length} entries: the tail was deleted`,
    );
  }
  if (rows.length > head.seq) {
    return broken(
      head.seq + 1,
      `数据库有 Temporal 链头（第 ${head.seq} 条）之后的记录（伪造）/ entries beyond Temporal's head (seq ${head.seq}): forged`,
    );
  }
  if (rows[head.seq - 1]?.hash !== head.hash) {
    return broken(
      head.seq,
      `第 ${head.seq} 条的哈希与 Temporal 记录的链头不符（链被重建）/ seq ${head.seq} does not hash to Temporal's head: the chain was rebuilt`,
    );
  }
  return null;
}

/**
 * Recomputes a case's chain from the stored rows and names the first row that does not fit; with
 * the head Temporal holds (`head`), also that the database ends exactly there. `head: null` means
 * Temporal knows the case but holds no head (a case from before the keyed chain).
 */
export async function verifyChain(
  db: Queryable & { auditKeys: AuditKeys },
  caseId: string,
  opts: { head?: AuditHead | null } = {},
): Promise<ChainVerification> {
  const rows = await auditRowsOf(db, caseId);
  const result = checkRows(caseId, rows, db.auditKeys);
  if (!result.ok) return stripLegacy(result);
  if (opts.head) {
    const mismatch = checkHead(caseId, rows, opts.head);
    if (mismatch) return mismatch;
  }
  // Without an anchor, removing the newest rows leaves a valid chain; the projection (a round: its
  // stored state) still remembers how far it got.
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
  // The generated documents' entries, anchored in this chain (migration 012).
  const documents = await verifyDocumentChain(db, caseId);
  if (documents)
    return {
      ok: false,
      caseId,
      entries: rows.length,
      firstBrokenSeq: documents.seq,
      reason: documents.reason,
    };
  return {
    ok: true,
    caseId,
    entries: rows.length,
    ...(result.legacyEntries > 0 ? { legacyEntries: result.legacyEntries } : {}),
    ...(opts.head ? { anchored: true } : {}),
  };
}

function stripLegacy(r: Extract<ChainVerification, { ok: false }> & { legacyEntries?: number }) {
  const { legacyEntries: _l, ...rest } = r;
  return rest;
}

/**
 * Verifies every case of the database; with `heads` (every case Temporal knows, by id, with its
 * head or null), also each case against its head, and every case Temporal knows that the database
 * has lost entirely.
 */
export async function verifyAll(
  db: Queryable & { auditKeys: AuditKeys },
  opts: { heads?: ReadonlyMap<string, AuditHead | null> } = {},
): Promise<ChainVerificationSummary> {
  const cases = await db.query<{ case_id: string }>(
    'SELECT DISTINCT case_id FROM audit_entries ORDER BY case_id',
  );
  const summary: ChainVerificationSummary = { ok: true, cases: cases.length, entries: 0, broken: [] };
  const seen = new Set<string>();
  for (const { case_id } of cases) {
    seen.add(case_id);
    const head = opts.heads?.get(case_id);
    const result = await verifyChain(db, case_id, head ? { head } : {});
    summary.entries += result.entries;
    if (!result.ok) {
      summary.ok = false;
      summary.broken.push(result);
    }
  }
  for (const [caseId, head] of opts.heads ?? []) {
    if (seen.has(caseId)) continue;
    summary.ok = false;
    summary.cases += 1;
    summary.broken.push({
      ok: false,
      caseId,
      entries: 0,
      firstBrokenSeq: 1,
      reason: `Temporal 有此案件${head ? `（链头第 ${head.seq} 条）` : ''}，数据库中没有任何审计记录（案件被删除）/ Temporal knows this case${head ? ` (head seq ${head.seq})` : ''} but the database has no audit entry: the case was deleted`,
    });
  }
  return summary;
}

/** Which of `caseIds` the database still holds anything of (a case row, its parties or an audit entry). */
export async function caseIdsStored(db: Queryable, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db.query<{ case_id: string }>(
    `SELECT case_id FROM cases WHERE case_id = ANY($1::text[])
     UNION SELECT case_id FROM case_parties WHERE case_id = ANY($1::text[])
     UNION SELECT DISTINCT case_id FROM audit_entries WHERE case_id = ANY($1::text[])`,
    [caseIds],
  );
  return new Set(rows.map((r) => r.case_id));
}

/** The verdict on a case Temporal holds a head for while the database holds nothing of it. */
export function deletedCase(caseId: string, head: AuditHead): Extract<ChainVerification, { ok: false }> {
  return {
    ok: false,
    caseId,
    entries: 0,
    firstBrokenSeq: 1,
    reason: `Temporal 有此案件（链头第 ${head.seq} 条），数据库中没有任何记录（案件被删除）/ Temporal knows this case (head seq ${head.seq}) but the database holds nothing of it: the case was deleted`,
  };
}
