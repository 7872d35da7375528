import type { AuditKeys, Db, Queryable } from '../db';
import { sqlState, UNIQUE_VIOLATION } from '../db';
import { GENESIS_HASH, payloadDigest, signRow } from './auditHash';
import { canonicalJson, sha256Hex } from './canonicalJson';
import type { ApplyTransitionResult, TransitionRecord } from './transitionRecord';

/** Namespace of the per-case advisory lock (the second key is hashtext(case_id)). */
const CASE_LOCK_CLASS = 7_312_001;

/** A different record was already written at this (case, seq): the workflow is non-deterministic. */
export class TransitionConflictError extends Error {
  constructor(
    readonly caseId: string,
    readonly seq: number,
  ) {
    super(
      `案件 ${caseId} 第 ${seq} 号转换已写入且内容不同（工作流不确定）/ ` +
        `case ${caseId} seq ${seq} was already written with different content (workflow non-determinism)`,
    );
    this.name = 'TransitionConflictError';
  }
}

/** A sequence number beyond last + 1. */
export class SequenceGapError extends Error {
  constructor(
    readonly caseId: string,
    readonly seq: number,
    readonly lastSeq: number,
  ) {
    super(
      `案件 ${caseId} 序号不连续：最后为 ${lastSeq}，收到 ${seq} / ` +
        `case ${caseId} sequence gap: last is ${lastSeq}, got ${seq}`,
    );
    this.name = 'SequenceGapError';
  }
}

export function notificationIds(record: TransitionRecord): string[] {
  const recipients = record.notifications.flatMap((n) => n.recipients);
  return recipients.map((_, idx) => `${record.caseId}:${record.seq}:${idx}`);
}

/**
 * Writes every effect of one accepted transition in one transaction: audit row (chained), case
 * projection, case state, personnel-file entries, outbox rows. Idempotent on (caseId, seq): if the
 * row exists with the same transition digest — a retry, even after a crash past COMMIT — nothing is
 * written and the same result is returned; a different digest is a TransitionConflictError.
 */
export async function writeTransition(db: Db, record: TransitionRecord): Promise<ApplyTransitionResult> {
  const transitionDigest = sha256Hex(canonicalJson(record));
  try {
    return await db.transaction((tx) => writeInTransaction(tx, record, transitionDigest, db.auditKeys));
  } catch (error) {
    // Another connection won the race for this (case, seq) between our check and insert (only possible
    // if its lock was not taken, e.g. a pre-lock writer); re-reading settles it as retry or conflict.
    if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
    return db.transaction((tx) => writeInTransaction(tx, record, transitionDigest, db.auditKeys));
  }
}
async function writeInTransaction(
  tx: Queryable,
  record: TransitionRecord,
  transitionDigest: string,
  auditKeys: AuditKeys,
): Promise<ApplyTransitionResult> {
  const { caseId, seq, event, projection } = record;
  // Serialises writers of one case so concurrent duplicates see each other's committed row.
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CASE_LOCK_CLASS, caseId]);

  const existing = await tx.query<{ transition_digest: string; hash: string; prev_hash: string }>(
    'SELECT transition_digest, hash, prev_hash FROM audit_entries WHERE case_id = $1 AND seq = $2',
    [caseId, seq],
  );
  const already = existing[0];
  if (already) {
    if (already.transition_digest !== transitionDigest) throw new TransitionConflictError(caseId, seq);
    return {
      caseId,
      seq,
      hash: already.hash,
      prevHash: already.prev_hash,
      notificationIds: notificationIds(record),
    };
  }

  const last = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_entries WHERE case_id = $1 ORDER BY seq DESC LIMIT 1',
    [caseId],
  );
  const lastSeq = last[0]?.seq ?? 0;
  if (seq !== lastSeq + 1) throw new SequenceGapError(caseId, seq, lastSeq);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;

  const fields = {
    caseId,
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
      caseId,
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

  const duty = projection.nextDuty ?? null;
  // The guard on last_seq keeps an older transition from overwriting a newer projection.
  await tx.query(
    `INSERT INTO cases (case_id, status, kind, year, sending_unit, receiving_unit, next_duty_id, next_duty_label,
       next_duty_owner_role, next_duty_owner_unit, next_duty_due_at, next_deadline, overdue, stuck, stuck_reason,
       last_seq, updated_at, provisional, machine_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12::timestamptz, $13, $14, $15, $16,
       $17::timestamptz, $18, $19)
     ON CONFLICT (case_id) DO UPDATE SET
       status = EXCLUDED.status, kind = EXCLUDED.kind, year = EXCLUDED.year,
       sending_unit = EXCLUDED.sending_unit, receiving_unit = EXCLUDED.receiving_unit,
       next_duty_id = EXCLUDED.next_duty_id, next_duty_label = EXCLUDED.next_duty_label,
       next_duty_owner_role = EXCLUDED.next_duty_owner_role, next_duty_owner_unit = EXCLUDED.next_duty_owner_unit,
       next_duty_due_at = EXCLUDED.next_duty_due_at, next_deadline = EXCLUDED.next_deadline,
       overdue = EXCLUDED.overdue, stuck = EXCLUDED.stuck, stuck_reason = EXCLUDED.stuck_reason,
       last_seq = EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at,
       provisional = EXCLUDED.provisional, machine_version = EXCLUDED.machine_version
     WHERE cases.last_seq < EXCLUDED.last_seq`,
    [
      caseId,
      projection.status,
      projection.kind,
      projection.year,
      projection.sendingUnit,
      projection.receivingUnit,
      duty?.id ?? null,
      duty?.label ?? null,
      duty?.ownerRole ?? null,
      duty?.ownerUnit ?? null,
      duty?.dueAt ?? null,
      projection.nextDeadline,
      projection.overdue,
      projection.stuck,
      projection.stuckReason ?? null,
      seq,
      event.at,
      projection.provisional,
      projection.machineVersion,
    ],
  );

  if (record.state) {
    const { run, machineVersion, snapshot } = record.state;
    await tx.query(
      `INSERT INTO case_state (case_id, seq, run, machine_version, snapshot, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz)
       ON CONFLICT (case_id) DO UPDATE SET
         seq = EXCLUDED.seq, run = EXCLUDED.run, machine_version = EXCLUDED.machine_version,
         snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
       WHERE case_state.seq < EXCLUDED.seq`,
      [caseId, seq, run, machineVersion, JSON.stringify(snapshot), event.at],
    );
  }

  for (const [idx, entry] of record.personnelFile.entries()) {
    await tx.query(
      `INSERT INTO personnel_file_entries (case_id, seq, idx, kind, content, at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz)`,
      [caseId, seq, idx, entry.kind, JSON.stringify(entry.content), event.at],
    );
  }

  const ids = notificationIds(record);
  const outbox = record.notifications.flatMap((n) => n.recipients.map((r) => ({ ...r, n })));
  for (const [idx, row] of outbox.entries()) {
    await tx.query(
      `INSERT INTO notifications (id, case_id, seq, recipient_role, recipient_unit, recipient_person_id, template,
         vars, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::timestamptz)`,
      [
        ids[idx],
        caseId,
        seq,
        row.role,
        row.unit,
        row.personId ?? null,
        row.n.template,
        JSON.stringify(row.n.vars),
        event.at,
      ],
    );
  }

  return { caseId, seq, hash, prevHash, notificationIds: ids };
}
