import type { AuditEntry } from '../contract';
import { createHmac } from 'node:crypto';
import type { AuditKeys } from '../db';
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

/**
 * Legacy rows (key_id NULL, written before the keyed chain): sha256 of the canonical fields. It
 * still detects an edit, but anyone who can write to the table can recompute it.
 */
export function auditEntryHash(fields: HashedAuditFields): string {
  return sha256Hex(canonicalJson(hashedObject(fields, 1)));
}

/**
 * hash = HMAC-SHA-256(key, canonical JSON of the row's fields with prev_hash and the key id): a
 * rebuilt or forged row needs the key, which only the worker and the verifier hold.
 */
export function keyedAuditEntryHash(fields: HashedAuditFields, keyId: string, key: Buffer): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ ...hashedObject(fields, 2), keyId }))
    .digest('hex');
}

/** The active key's id and its hash of the row (what a new row is written with). */
export function signRow(fields: HashedAuditFields, keys: AuditKeys): { keyId: string; hash: string } {
  const key = keys.keys.get(keys.activeKeyId);
  if (!key) throw new Error(`audit key ${keys.activeKeyId} is not in the keyring`);
  return { keyId: keys.activeKeyId, hash: keyedAuditEntryHash(fields, keys.activeKeyId, key) };
}

function hashedObject(fields: HashedAuditFields, v: 1 | 2) {
  return {
    v,
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
  };
}
