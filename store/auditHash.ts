import type { AuditEntry } from '../contract';
import { canonicalJson, sha256Hex } from './canonicalJson';

/** prev_hash of a case's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Every stored column of an audit entry except `hash` itself: the served entry without its payload
 * (only its digest is hashed) plus the digest of the whole transition. `at` is ISO 8601 with
 * milliseconds, UTC (Date#toISOString): what timestamptz gives back.
 */
export type HashedAuditFields = Omit<AuditEntry, 'payload' | 'hash'> & { transitionDigest: string };

export function payloadDigest(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

/** hash = sha256(canonical JSON of the row's fields, prev_hash included): changing any field breaks the chain. */
export function auditEntryHash(fields: HashedAuditFields): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      caseId: fields.caseId,
      seq: fields.seq,
      eventType: fields.eventType,
      actorId: fields.actorId,
      actorRole: fields.actorRole,
      actorUnit: fields.actorUnit,
      onBehalfOf: fields.onBehalfOf,
      reason: fields.reason,
      fromState: fields.fromState,
      toState: fields.toState,
      payloadDigest: fields.payloadDigest,
      transitionDigest: fields.transitionDigest,
      at: fields.at,
      prevHash: fields.prevHash,
    }),
  );
}
