// The audit entries of generated documents (migration 012): who generated which form of a case or a
// round, with the SHA-256 of the bytes handed out. Each case's document entries form a chain of
// their own, anchored in the case's audit chain at the head it had when the document was made (the
// case chain's seq is the workflow's, so nothing else may write into it; see the migration).
import type { Db, Queryable } from '../db';
import { GENESIS_HASH } from './auditHash';
import { canonicalJson, sha256Hex } from './canonicalJson';
import { toIso, type Timestamp } from './time';

/** Lock class of a case's document chain (the second key is hashtext(case_id)). */
const DOCUMENT_LOCK_CLASS = 7_312_014;

export interface NewDocumentRecord {
  /** a case id, or `round:<id>` for a round's documents */
  subject: string;
  kind: string;
  format: 'docx' | 'pdf';
  year: number | null;
  fileName: string;
  sha256: string;
  bytes: number;
  actor: { id: string; role: string; unit: string };
  at: string;
}

export interface DocumentRecord {
  subject: string;
  seq: number;
  kind: string;
  format: 'docx' | 'pdf';
  year: number | null;
  fileName: string;
  sha256: string;
  bytes: number;
  actorId: string;
  actorRole: string;
  actorUnit: string;
  at: string;
  /** the case chain's head when the document was generated (0: before its first entry) */
  anchorSeq: number;
  anchorHash: string;
  prevHash: string;
  hash: string;
}

interface Row {
  case_id: string;
  seq: number;
  kind: string;
  format: 'docx' | 'pdf';
  year: number | null;
  file_name: string;
  sha256: string;
  bytes: number;
  actor_id: string;
  actor_role: string;
  actor_unit: string;
  at: Timestamp;
  anchor_seq: number;
  anchor_hash: string;
  prev_hash: string;
  hash: string;
}

const toRecord = (r: Row): DocumentRecord => ({
  subject: r.case_id,
  seq: r.seq,
  kind: r.kind,
  format: r.format,
  year: r.year,
  fileName: r.file_name,
  sha256: r.sha256,
  bytes: r.bytes,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  actorUnit: r.actor_unit,
  at: toIso(r.at),
  anchorSeq: r.anchor_seq,
  anchorHash: r.anchor_hash,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The hash of a document entry: every stored field but the hash itself, canonically. */
export function documentRecordHash(r: Omit<DocumentRecord, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      subject: r.subject,
      seq: r.seq,
      kind: r.kind,
      format: r.format,
      year: r.year,
      fileName: r.fileName,
      sha256: r.sha256,
      bytes: r.bytes,
      actorId: r.actorId,
      actorRole: r.actorRole,
      actorUnit: r.actorUnit,
      at: r.at,
      anchorSeq: r.anchorSeq,
      anchorHash: r.anchorHash,
      prevHash: r.prevHash,
    }),
  );
}

/** Appends one document entry to the subject's document chain, anchored at its audit head. */
export async function recordDocument(db: Db, n: NewDocumentRecord): Promise<DocumentRecord> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DOCUMENT_LOCK_CLASS, n.subject]);
    const head = await tx.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_entries WHERE case_id = $1 ORDER BY seq DESC LIMIT 1',
      [n.subject],
    );
    const last = await tx.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM document_records WHERE case_id = $1 ORDER BY seq DESC LIMIT 1',
      [n.subject],
    );
    const fields: Omit<DocumentRecord, 'hash'> = {
      subject: n.subject,
      seq: (last[0]?.seq ?? 0) + 1,
      kind: n.kind,
      format: n.format,
      year: n.year,
      fileName: n.fileName,
      sha256: n.sha256,
      bytes: n.bytes,
      actorId: n.actor.id,
      actorRole: n.actor.role,
      actorUnit: n.actor.unit,
      at: new Date(n.at).toISOString(),
      anchorSeq: head[0]?.seq ?? 0,
      anchorHash: head[0]?.hash ?? GENESIS_HASH,
      prevHash: last[0]?.hash ?? GENESIS_HASH,
    };
    const hash = documentRecordHash(fields);
    await tx.query(
      `INSERT INTO document_records (case_id, seq, kind, format, year, file_name, sha256, bytes, actor_id,
         actor_role, actor_unit, at, anchor_seq, anchor_hash, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13, $14, $15, $16)`,
      [
        fields.subject,
        fields.seq,
        fields.kind,
        fields.format,
        fields.year,
        fields.fileName,
        fields.sha256,
        fields.bytes,
        fields.actorId,
        fields.actorRole,
        fields.actorUnit,
        fields.at,
        fields.anchorSeq,
        fields.anchorHash,
        fields.prevHash,
        hash,
      ],
    );
    return { ...fields, hash };
  });
}

/** A subject's document entries, oldest first. */
export async function listDocumentRecords(db: Queryable, subject: string): Promise<DocumentRecord[]> {
  const rows = await db.query<Row>('SELECT * FROM document_records WHERE case_id = $1 ORDER BY seq', [
    subject,
  ]);
  return rows.map(toRecord);
}

/**
 * Recomputes a subject's document chain: consecutive seqs, each prev_hash the previous hash, each
 * hash its fields', each anchor a real entry of the case's audit chain. Null when it holds; else the
 * first broken entry and why.
 */
export async function verifyDocumentChain(
  db: Queryable,
  subject: string,
): Promise<{ seq: number; reason: string } | null> {
  const records = await listDocumentRecords(db, subject);
  const audit = new Map(
    (
      await db.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_entries WHERE case_id = $1',
        [subject],
      )
    ).map((r) => [r.seq, r.hash]),
  );
  let prev = GENESIS_HASH;
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1)
      return { seq: i + 1, reason: `文书记录第 ${i + 1} 条缺失 / document entry ${i + 1} is missing` };
    if (r.prevHash !== prev)
      return { seq: r.seq, reason: '文书记录 prev_hash 不符 / document entry prev_hash does not match' };
    const { hash, ...fields } = r;
    if (documentRecordHash(fields) !== hash)
      return {
        seq: r.seq,
        reason: '文书记录哈希不符，记录被修改 / document entry hash mismatch: entry was altered',
      };
    const anchored = r.anchorSeq === 0 ? GENESIS_HASH : audit.get(r.anchorSeq);
    if (anchored !== r.anchorHash)
      return {
        seq: r.seq,
        reason: '文书记录的锚点与案件审计链不符 / document entry anchor does not match the case audit chain',
      };
    prev = hash;
  }
  return null;
}
