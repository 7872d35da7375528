// 双人复核: proposing an intervention, and a second admin's decision that applies it. Who may
// decide comes from stored data only: an org admin of the proposal's department, never its proposer
// (whatever session they use), and the table refuses a decider equal to the proposer as well.
import { randomBytes } from 'node:crypto';
import type { Proposal } from '../contract';
import type { LadderStep } from '../machines/secondment';
import {
  decideProposal,
  findUser,
  getProposal,
  proposalTrail,
  recordProposalResult,
  unitNames,
  type StoredProposal,
} from '../store';
import type { ApiUser } from './auth/users';
import type { ApiContext } from './context';
import { ApiError, notFound } from './errors';
import { interventionLabel } from './interventionPreview';
import { assertMayAct, assertOrgAdmin } from './scope';

export const newProposalId = (): string => `p${randomBytes(8).toString('hex')}`;

/** Which department's admins decide a case's proposal: the case's own, if it is the proposer's. */
export function proposingUnit(user: ApiUser, orgUnit: string | null): string {
  if (orgUnit === null || !user.units.includes(orgUnit))
    throw new ApiError(
      'FORBIDDEN',
      '只有案件所属组织部可以提议干预 / only the case’s own organization department proposes interventions',
      { rule: 'unit.binding' },
    );
  return orgUnit;
}

export const fourEyesRefusal = (type: string, source: string): ApiError =>
  new ApiError(
    'FOUR_EYES_REQUIRED',
    `此项干预须由本组织部另一名管理员复核：请提交复核申请（POST …/proposals）/ ${type} needs a second admin of your department (${source}): propose it instead`,
    { rule: 'fourEyes.required' },
  );

/** The proposal if this user's department owns it (otherwise not found, like a case out of scope). */
export async function proposalInScope(ctx: ApiContext, user: ApiUser, id: string): Promise<StoredProposal> {
  const p = await getProposal(ctx.db, id);
  if (!p || !(user.role === 'org_admin' || user.role === 'auditor') || !user.units.includes(p.orgUnit))
    throw notFound('proposal');
  return p;
}

/** A decision's preconditions: a different org admin of the same department, while it is open. */
export function assertMayDecide(user: ApiUser, p: StoredProposal): void {
  assertMayAct(user);
  assertOrgAdmin(user, '复核干预 / decide proposals');
  if (p.proposedBy === user.username)
    throw new ApiError(
      'FORBIDDEN',
      '提议人不能复核自己的提议，须由本组织部另一名管理员决定 / the proposer can never approve or reject their own proposal: another admin of the department decides',
      { rule: 'fourEyes.distinctAdmin' },
    );
  if (p.status !== 'open')
    throw new ApiError(
      'PROPOSAL_DECIDED',
      `复核申请已${p.status === 'approved' ? '批准' : '驳回'} / the proposal is already ${p.status}`,
    );
}

export async function recordDecision(
  ctx: ApiContext,
  user: ApiUser,
  p: StoredProposal,
  status: 'approved' | 'rejected',
  reason: string,
): Promise<string> {
  const at = new Date().toISOString();
  const ok = await decideProposal(ctx.db, {
    proposalId: p.proposalId,
    status,
    by: user.username,
    at,
    reason,
  });
  // its ladder ends (the escalation activity also does nothing once a proposal is decided)
  if (ok) await ctx.proposals.decided(p.proposalId).catch(() => undefined);
  if (!ok) {
    const now = await getProposal(ctx.db, p.proposalId);
    if (now?.proposedBy === user.username) assertMayDecide(user, now);
    throw new ApiError(
      'PROPOSAL_DECIDED',
      `复核申请已被决定 / the proposal was decided by someone else first`,
    );
  }
  return at;
}

export async function recordApplied(ctx: ApiContext, p: StoredProposal, by: string, result: unknown) {
  await recordProposalResult(ctx.db, { proposalId: p.proposalId, at: new Date().toISOString(), by, result });
}

/** The reason the applied event carries: the proposer's, with both admins named (ids only). */
export const appliedReason = (p: StoredProposal, approver: string): string =>
  `${p.reason}（双人复核 ${p.proposalId}：${p.proposedBy} 提议，${approver} 批准 / four eyes: proposed by ${p.proposedBy}, approved by ${approver}）`;

/** The proposal as the API shows it: names beside ids, its own trail, whether the caller may decide. */
export async function proposalView(ctx: ApiContext, user: ApiUser, p: StoredProposal): Promise<Proposal> {
  const trail = await proposalTrail(ctx.db, p.proposalId);
  const ids = new Set([p.proposedBy, ...(p.decidedBy ? [p.decidedBy] : []), ...trail.map((e) => e.actorId)]);
  const names = new Map<string, string | null>();
  for (const id of ids) names.set(id, (await findUser(ctx.db, id))?.user.displayName ?? null);
  const unit = (await unitNames(ctx.db, [p.orgUnit])).get(p.orgUnit) ?? { zh: p.orgUnit, en: p.orgUnit };
  const now = Date.now();
  const open = p.status === 'open';
  return {
    proposalId: p.proposalId,
    scope: p.scope,
    orgUnit: p.orgUnit,
    orgUnitName: unit,
    caseId: p.caseId,
    intervention: { type: p.interventionType, label: interventionLabel(p.interventionType) },
    payload: p.payload,
    plan: (p.plan as Proposal['plan']) ?? null,
    change: p.change,
    reason: p.reason,
    proposedBy: { id: p.proposedBy, name: names.get(p.proposedBy) ?? null },
    proposedAt: p.proposedAt,
    dueAt: p.dueAt,
    stuckAt: p.stuckAt,
    overdue: open && Date.parse(p.dueAt) <= now,
    stuck: open && Date.parse(p.stuckAt) <= now,
    status: p.status,
    decidedBy: p.decidedBy ? { id: p.decidedBy, name: names.get(p.decidedBy) ?? null } : null,
    decidedAt: p.decidedAt,
    decisionReason: p.decisionReason,
    result: (p.result as Proposal['result']) ?? null,
    trail: trail.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? null, detail: e.detail ?? null })),
    youMayDecide:
      open && user.role === 'org_admin' && user.units.includes(p.orgUnit) && user.username !== p.proposedBy,
  };
}

/**
 * Starts the proposal's durable duty (its escalation ladder). The proposal is stored first and
 * stands on its own: should Temporal not answer, it is still decided as usual and its stuck moment
 * still lists it; only the ladder's reminders are missing, and the warning says so.
 */
export async function startLadder(
  ctx: ApiContext,
  p: StoredProposal,
  steps: { step: LadderStep; at: string }[],
  log: { warn: (o: object, msg: string) => void },
): Promise<void> {
  await ctx.proposals.start({ proposalId: p.proposalId, steps }).catch((err: unknown) => {
    log.warn({ proposalId: p.proposalId, err: (err as Error).message }, 'proposal ladder not started');
  });
}
