// Four-eyes proposals (双人复核) and their own trail. Deciding is one conditional UPDATE, so two
// admins deciding at once cannot both win, and the table itself refuses a proposer as decider.
import type { Db, Queryable } from '../db';
import { toIso, toIsoOrNull, type Timestamp } from './time';

export type ProposalScope = 'case' | 'bulk';
export type ProposalStatus = 'open' | 'approved' | 'rejected';
export type ProposalEventKind = 'proposed' | 'escalated' | 'approved' | 'rejected' | 'applied';

export interface StoredProposal {
  proposalId: string;
  scope: ProposalScope;
  orgUnit: string;
  caseId: string | null;
  interventionType: string;
  payload: Record<string, unknown>;
  filter: unknown;
  plan: unknown;
  change: string | null;
  reason: string;
  proposedBy: string;
  proposedAt: string;
  dueAt: string;
  stuckAt: string;
  status: ProposalStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  result: unknown;
}

export interface ProposalEvent {
  seq: number;
  at: string;
  kind: ProposalEventKind;
  actorId: string;
  reason: string | null;
  detail: unknown;
}

interface Row {
  proposal_id: string;
  scope: ProposalScope;
  org_unit: string;
  case_id: string | null;
  intervention_type: string;
  payload: Record<string, unknown>;
  filter: unknown;
  plan: unknown;
  change: string | null;
  reason: string;
  proposed_by: string;
  proposed_at: Timestamp;
  due_at: Timestamp;
  stuck_at: Timestamp;
  status: ProposalStatus;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  result: unknown;
}

const fromRow = (r: Row): StoredProposal => ({
  proposalId: r.proposal_id,
  scope: r.scope,
  orgUnit: r.org_unit,
  caseId: r.case_id,
  interventionType: r.intervention_type,
  payload: r.payload,
  filter: r.filter,
  plan: r.plan,
  change: r.change,
  reason: r.reason,
  proposedBy: r.proposed_by,
  proposedAt: toIso(r.proposed_at),
  dueAt: toIso(r.due_at),
  stuckAt: toIso(r.stuck_at),
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: toIsoOrNull(r.decided_at),
  decisionReason: r.decision_reason,
  result: r.result,
});

async function appendEvent(
  tx: Queryable,
  proposalId: string,
  e: { at: string; kind: ProposalEventKind; actorId: string; reason: string | null; detail?: unknown },
): Promise<void> {
  await tx.query(
    `INSERT INTO proposal_events (proposal_id, seq, at, kind, actor_id, reason, detail)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6::jsonb FROM proposal_events WHERE proposal_id = $1`,
    [proposalId, e.at, e.kind, e.actorId, e.reason, e.detail === undefined ? null : JSON.stringify(e.detail)],
  );
}

export async function insertProposal(
  db: Db,
  p: Omit<StoredProposal, 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'result'>,
): Promise<StoredProposal> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>(
      `INSERT INTO proposals (proposal_id, scope, org_unit, case_id, intervention_type, payload, filter, plan,
         change, reason, proposed_by, proposed_at, due_at, stuck_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13, $14) RETURNING *`,
      [
        p.proposalId,
        p.scope,
        p.orgUnit,
        p.caseId,
        p.interventionType,
        JSON.stringify(p.payload),
        p.filter === null || p.filter === undefined ? null : JSON.stringify(p.filter),
        p.plan === null || p.plan === undefined ? null : JSON.stringify(p.plan),
        p.change,
        p.reason,
        p.proposedBy,
        p.proposedAt,
        p.dueAt,
        p.stuckAt,
      ],
    );
    await appendEvent(tx, p.proposalId, {
      at: p.proposedAt,
      kind: 'proposed',
      actorId: p.proposedBy,
      reason: p.reason,
      detail: p.change === null ? null : { change: p.change },
    });
    // the decision is the department's other admins' duty: their desk is told (ids and codes only)
    await tx.query(
      `INSERT INTO notifications (id, case_id, seq, subject, recipient_role, recipient_unit, template, vars, created_at)
       VALUES ($1, $2, NULL, $3, 'org_admin', $4, 'proposal.opened', $5::jsonb, $6::timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [
        `proposal:${p.proposalId}:opened`,
        p.caseId,
        `proposal:${p.proposalId}`,
        p.orgUnit,
        JSON.stringify({
          intervention: p.interventionType,
          proposedBy: p.proposedBy,
          scope: p.caseId ?? 'bulk',
          dueAt: p.dueAt,
          proposalId: p.proposalId,
        }),
        p.proposedAt,
      ],
    );
    return fromRow(rows[0] as Row);
  });
}

export async function getProposal(db: Queryable, proposalId: string): Promise<StoredProposal | null> {
  const rows = await db.query<Row>('SELECT * FROM proposals WHERE proposal_id = $1', [proposalId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Proposals of these departments (newest first), optionally by status or case. */
export async function listProposals(
  db: Queryable,
  orgUnits: readonly string[],
  filter: { status?: ProposalStatus | undefined; caseId?: string | undefined } = {},
): Promise<StoredProposal[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM proposals
      WHERE org_unit = ANY($1::text[]) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR case_id = $3)
      ORDER BY proposed_at DESC, proposal_id LIMIT 500`,
    [orgUnits, filter.status ?? null, filter.caseId ?? null],
  );
  return rows.map(fromRow);
}

export async function proposalTrail(db: Queryable, proposalId: string): Promise<ProposalEvent[]> {
  const rows = await db.query<{
    seq: number;
    at: Timestamp;
    kind: ProposalEventKind;
    actor_id: string;
    reason: string | null;
    detail: unknown;
  }>('SELECT * FROM proposal_events WHERE proposal_id = $1 ORDER BY seq', [proposalId]);
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: toIso(r.at),
    kind: r.kind,
    actorId: r.actor_id,
    reason: r.reason,
    detail: r.detail,
  }));
}

/** Marks an open proposal decided; false when it was no longer open (someone decided first). */
export async function decideProposal(
  db: Db,
  d: { proposalId: string; status: 'approved' | 'rejected'; by: string; at: string; reason: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE proposals SET status = $2, decided_by = $3, decided_at = $4, decision_reason = $5
        WHERE proposal_id = $1 AND status = 'open' AND proposed_by <> $3 RETURNING proposal_id`,
      [d.proposalId, d.status, d.by, d.at, d.reason],
    );
    if (rows.length === 0) return false;
    await appendEvent(tx, d.proposalId, { at: d.at, kind: d.status, actorId: d.by, reason: d.reason });
    return true;
  });
}

/** What applying an approved proposal did (the case's new status, or the bulk outcomes). */
export async function recordProposalResult(
  db: Db,
  r: { proposalId: string; at: string; by: string; result: unknown },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE proposals SET result = $2::jsonb WHERE proposal_id = $1', [
      r.proposalId,
      JSON.stringify(r.result),
    ]);
    await appendEvent(tx, r.proposalId, {
      at: r.at,
      kind: 'applied',
      actorId: r.by,
      reason: null,
      detail: r.result,
    });
  });
}

/** Open proposals past their ladder's stuck moment (the stuck list). */
export async function stuckProposals(
  db: Queryable,
  orgUnits: readonly string[],
  now: string,
): Promise<StoredProposal[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM proposals WHERE status = 'open' AND org_unit = ANY($1::text[]) AND stuck_at <= $2
      ORDER BY stuck_at`,
    [orgUnits, now],
  );
  return rows.map(fromRow);
}

/**
 * A ladder step of an undecided proposal (the proposal workflow's activity): recorded once in its
 * trail, and the desk told once (the unit head's at the unitHead step). Nothing once it is decided.
 */
export async function recordProposalEscalation(
  db: Db,
  e: { proposalId: string; step: string; at: string },
): Promise<{ recorded: boolean }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>(
      "SELECT * FROM proposals WHERE proposal_id = $1 AND status = 'open' FOR UPDATE",
      [e.proposalId],
    );
    const p = rows[0];
    if (!p) return { recorded: false };
    const seen = await tx.query(
      "SELECT 1 FROM proposal_events WHERE proposal_id = $1 AND kind = 'escalated' AND detail->>'step' = $2",
      [e.proposalId, e.step],
    );
    if (seen.length > 0) return { recorded: false };
    await appendEvent(tx, e.proposalId, {
      at: e.at,
      kind: 'escalated',
      actorId: 'system',
      reason: null,
      detail: { step: e.step },
    });
    await tx.query(
      `INSERT INTO notifications (id, case_id, seq, subject, recipient_role, recipient_unit, template, vars, created_at)
       VALUES ($1, $2, NULL, $3, $4, $5, 'proposal.escalated', $6::jsonb, $7::timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [
        `proposal:${e.proposalId}:${e.step}`,
        p.case_id,
        `proposal:${e.proposalId}`,
        e.step === 'unitHead' ? 'unit_head' : 'org_admin',
        p.org_unit,
        JSON.stringify({
          intervention: p.intervention_type,
          step: e.step,
          dueAt: toIso(p.due_at),
          proposalId: e.proposalId,
        }),
        e.at,
      ],
    );
    return { recorded: true };
  });
}
