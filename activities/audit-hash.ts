import { canonicalJson, sha256Hex } from './canonical-json';

/** prev_hash of a case's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every stored column of an audit entry except `hash` itself. */
export interface HashedAuditFields {
  caseId: string;
  seq: number;
  eventType: string;
  actorId: string;
  actorRole: string;
  actorUnit: string;
  onBehalfOf: string | null;
  reason: string | null;
  fromState: string;
  toState: string;
  payloadDigest: string;
  transitionDigest: string;
  /** ISO 8601 with milliseconds, UTC (Date#toISOString): what timestamptz gives back. */
  at: string;
  prevHash: string;
}

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
