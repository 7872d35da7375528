import type { AuditEntry } from '../contract';
import type { Queryable } from '../db';
import type { HashedAuditFields } from './auditHash';
import { toIso, type Timestamp } from './time';

/** An `audit_entries` row as both drivers return it. */
export interface AuditRow {
  case_id: string;
  seq: number;
  event_type: string;
  actor_id: string;
  actor_role: string;
  actor_unit: string;
  on_behalf_of: string | null;
  reason: string | null;
  from_state: string;
  to_state: string;
  payload: Record<string, unknown>;
  payload_digest: string;
  transition_digest: string;
  at: Timestamp;
  prev_hash: string;
  hash: string;
  /** the HMAC key the row was hashed with; null: a legacy SHA-256 row */
  key_id?: string | null;
}

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    caseId: r.case_id,
    seq: r.seq,
    eventType: r.event_type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorUnit: r.actor_unit,
    onBehalfOf: r.on_behalf_of,
    reason: r.reason,
    fromState: r.from_state,
    toState: r.to_state,
    payload: r.payload,
    payloadDigest: r.payload_digest,
    at: toIso(r.at),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The hashed fields of a stored row, for recomputing its hash. */
export function hashedFieldsOf(r: AuditRow): HashedAuditFields {
  const { payload: _payload, hash: _hash, ...entry } = toAuditEntry(r);
  return { ...entry, transitionDigest: r.transition_digest };
}

/** The whole trail of a case, oldest first; `sinceSeq` returns only later entries. */
export async function getAuditTrail(db: Queryable, caseId: string, sinceSeq = 0): Promise<AuditEntry[]> {
  const rows = await db.query<AuditRow>(
    'SELECT * FROM audit_entries WHERE case_id = $1 AND seq > $2 ORDER BY seq',
    [caseId, sinceSeq],
  );
  return rows.map(toAuditEntry);
}

/** Every row of a case's chain, oldest first, as stored. */
export function auditRowsOf(db: Queryable, caseId: string): Promise<AuditRow[]> {
  return db.query<AuditRow>('SELECT * FROM audit_entries WHERE case_id = $1 ORDER BY seq', [caseId]);
}
