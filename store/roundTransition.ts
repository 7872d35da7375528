// What one accepted transition of a round writes, in one transaction: its audit entry in the same
// hash-chained trail as the cases (under the subject `round:<id>`), the round machine's state, and
// its notifications (outbox rows about the round, not a case). Idempotent on (round, seq).
import { z } from 'zod';
import type { AuditKeys, Db, Queryable } from '../db';
import { GENESIS_HASH, payloadDigest, signRow } from './auditHash';
import { canonicalJson, sha256Hex } from './canonicalJson';
import { TransitionConflictError, SequenceGapError } from './writeTransition';

/** The audit subject of a round: never a case id (those have no colon). */
export const roundSubject = (roundId: string): string => `round:${roundId}`;

const text = z.string().min(1);
const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const jsonObject = z
  .record(z.string(), z.unknown())
  .transform((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

export const roundTransitionRecordSchema = z.object({
  roundId: text.max(64),
  seq: z.number().int().min(1),
  event: z.object({
    type: text,
    actor: z.object({ id: text, role: text, unit: text, onBehalfOf: text.nullish() }),
    reason: z.string().nullish(),
    payload: jsonObject,
    at: instant,
  }),
  fromState: text,
  toState: text,
  state: z.object({ machineVersion: z.number().int().min(1), snapshot: jsonObject }),
  notifications: z
    .array(
      z.object({
        recipients: z.array(z.object({ role: text, unit: text })).min(1),
        template: text,
        vars: jsonObject,
      }),
    )
    .default([]),
});
export type RoundTransitionRecord = z.infer<typeof roundTransitionRecordSchema>;
export type RoundTransitionRecordInput = z.input<typeof roundTransitionRecordSchema>;

const ROUND_LOCK_CLASS = 7_312_011;

export async function writeRoundTransition(
  db: Db,
  record: RoundTransitionRecord,
): Promise<{ roundId: string; seq: number; hash: string }> {
  const digest = sha256Hex(canonicalJson(record));
  return db.transaction((tx) => writeIn(tx, record, digest, db.auditKeys));
}

async function writeIn(
  tx: Queryable,
  record: RoundTransitionRecord,
  transitionDigest: string,
  auditKeys: AuditKeys,
): Promise<{ roundId: string; seq: number; hash: string }> {
  const subject = roundSubject(record.roundId);
  const { seq, event } = record;
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ROUND_LOCK_CLASS, subject]);
  const existing = await tx.query<{ transition_digest: string; hash: string }>(
    'SELECT transition_digest, hash FROM audit_entries WHERE case_id = $1 AND seq = $2',
    [subject, seq],
  );
  if (existing[0]) {
    if (existing[0].transition_digest !== transitionDigest) throw new TransitionConflictError(subject, seq);
    return { roundId: record.roundId, seq, hash: existing[0].hash };
  }
  const last = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_entries WHERE case_id = $1 ORDER BY seq DESC LIMIT 1',
    [subject],
  );
  const lastSeq = last[0]?.seq ?? 0;
  if (seq !== lastSeq + 1) throw new SequenceGapError(subject, seq, lastSeq);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const fields = {
    caseId: subject,
    seq,
    eventType: event.type,
    actorId: event.actor.id,
    actorRole: event.actor.role,
    actorUnit: event.actor.unit,
    onBehalfOf: event.actor.onBehalfOf ?? null,
    reason: event.reason ?? null,
    fromState: record.fromState,
    toState: record.toState,
    payloadDigest: payloadDigest(event.payload),
    transitionDigest,
    at: event.at,
    prevHash,
  };
  const { keyId, hash } = signRow(fields, auditKeys);
  await tx.query(
    `INSERT INTO audit_entries (case_id, seq, event_type, actor_id, actor_role, actor_unit, on_behalf_of, reason,
       from_state, to_state, payload, payload_digest, transition_digest, at, prev_hash, hash, key_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14::timestamptz, $15, $16, $17)`,
    [
      subject,
      seq,
      fields.eventType,
      fields.actorId,
      fields.actorRole,
      fields.actorUnit,
      fields.onBehalfOf,
      fields.reason,
      fields.fromState,
      fields.toState,
      JSON.stringify(event.payload),
      fields.payloadDigest,
      transitionDigest,
      event.at,
      prevHash,
      hash,
      keyId,
    ],
  );
  await tx.query(
    `INSERT INTO round_state (round_id, seq, status, snapshot, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz)
     ON CONFLICT (round_id) DO UPDATE SET seq = EXCLUDED.seq, status = EXCLUDED.status,
       snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
     WHERE round_state.seq < EXCLUDED.seq`,
    [record.roundId, seq, record.toState, JSON.stringify(record.state), event.at],
  );
  const rows = record.notifications.flatMap((n) => n.recipients.map((r) => ({ r, n })));
  for (const [idx, { r, n }] of rows.entries()) {
    await tx.query(
      `INSERT INTO notifications (id, case_id, seq, subject, recipient_role, recipient_unit, template, vars, created_at)
       VALUES ($1, NULL, $2, $3, $4, $5, $6, $7::jsonb, $8::timestamptz) ON CONFLICT (id) DO NOTHING`,
      [
        `${subject}:${seq}:${idx}`,
        seq,
        subject,
        r.role,
        r.unit,
        n.template,
        JSON.stringify(n.vars),
        event.at,
      ],
    );
  }
  return { roundId: record.roundId, seq, hash };
}
