// 双人复核: the department's proposals, and a second admin's approval (which applies it) or rejection.
import {
  decisionBodySchema,
  proposalAnswerSchema,
  proposalIdParamSchema,
  proposalListQuerySchema,
  proposalListSchema,
  type Proposal,
} from '../../contract';
import type { EventType } from '../../machines/secondment';
import { getProposal, listProposals, type StoredProposal } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import {
  appliedReason,
  assertMayDecide,
  proposalInScope,
  proposalView,
  recordApplied,
  recordDecision,
} from '../fourEyes';
import { actorFor, caseInScope } from '../scope';
import { executeApprovedPlan } from './bulk';
import { sendAs } from './cases';
import type { ZodApp } from './types';

/** Applies an approved single-case proposal as the approving admin; what it did. */
async function applyCaseProposal(
  ctx: ApiContext,
  user: ApiUser,
  p: StoredProposal,
): Promise<NonNullable<Proposal['result']>> {
  const ref = await caseInScope(ctx.db, user, p.caseId ?? '');
  const payload = { ...p.payload, reason: appliedReason(p, user.username) };
  try {
    if (p.interventionType === 'admin.case.migrate') {
      const view = await ctx.cases.migrate(ref.caseId, {
        actor: actorFor(user, ref),
        reason: String(payload.reason),
      });
      return { outcome: 'changed', status: view.status };
    }
    const view = await sendAs(ctx, ref, p.interventionType as EventType, payload, actorFor(user, ref));
    return { outcome: 'changed', status: view.status };
  } catch (err) {
    const e =
      err instanceof ApiError ? err.body().error : { code: 'INTERNAL', message: (err as Error).message };
    return { outcome: 'failed', error: { code: e.code, message: e.message } };
  }
}

export function proposalRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/proposals',
    {
      schema: {
        tags: ['operations'],
        summary:
          '双人复核: your department’s proposals (org admins and auditors), newest first; ?status=open for those waiting',
        querystring: proposalListQuerySchema,
        response: { 200: proposalListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      if (user.role !== 'org_admin' && user.role !== 'auditor')
        throw new ApiError(
          'FORBIDDEN',
          '仅组织部与审计可查看复核申请 / only org admins and auditors see proposals',
        );
      const rows = await listProposals(ctx.db, user.units, request.query);
      return { items: await Promise.all(rows.map((p) => proposalView(ctx, user, p))) };
    },
  );

  r.get(
    '/api/proposals/:id',
    {
      schema: {
        tags: ['operations'],
        summary: 'One proposal with its own trail (proposed, approved or rejected, applied)',
        params: proposalIdParamSchema,
        response: { 200: proposalAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      return { proposal: await proposalView(ctx, user, await proposalInScope(ctx, user, request.params.id)) };
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    r.post(
      `/api/proposals/:id/${decision}`,
      {
        schema: {
          tags: ['operations'],
          summary:
            decision === 'approve'
              ? '双人复核: approve (a different org admin of the department, reason required): the intervention is applied now, exactly as proposed (bulk: exactly the stored plan)'
              : '双人复核: reject (a different org admin of the department, reason required): nothing changes',
          security: [{ session: [], csrf: [] }],
          params: proposalIdParamSchema,
          body: decisionBodySchema,
          response: { 200: proposalAnswerSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const user = callerOf(request);
        const p = await proposalInScope(ctx, user, request.params.id);
        assertMayDecide(user, p);
        const status = decision === 'approve' ? 'approved' : 'rejected';
        await recordDecision(ctx, user, p, status, request.body.reason);
        ctx.metrics?.proposals.inc({ scope: p.scope, step: status });
        if (status === 'approved') {
          const result =
            p.scope === 'case'
              ? await applyCaseProposal(ctx, user, p)
              : { outcome: 'bulk' as const, items: await executeApprovedPlan(ctx, user, p) };
          await recordApplied(ctx, p, user.username, result);
        }
        const now = await getProposal(ctx.db, p.proposalId);
        return { proposal: await proposalView(ctx, user, now ?? p) };
      },
    );
  }
}
