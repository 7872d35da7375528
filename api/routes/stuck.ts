import { caseFilterSchema, caseIdParamSchema, retryAnswerSchema, stuckListSchema } from '../../contract';
import { listCasesInScope, openCasesInScope, stuckProposals } from '../../store';
import { inBatches } from '../../common/inBatches';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, fromClientError } from '../errors';
import { assertOrgAdmin, caseInScope } from '../scope';
import type { ZodApp } from './types';

/** At most this many open cases are asked about in Temporal per request. */
const OPEN_CASES_MAX = 500;

export function stuckRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/stuck',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Stuck cases in your scope: business (a duty past the last escalation step) and technical (failing activity or workflow task, from Temporal)',
        response: { 200: stuckListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const business = await listCasesInScope(
        ctx.db,
        user,
        caseFilterSchema.parse({ stuck: true, limit: OPEN_CASES_MAX }),
      );
      const open = await openCasesInScope(ctx.db, user, OPEN_CASES_MAX);
      const technical = (await inBatches(open, 10, (ref) => ctx.ops.technicalProblems(ref.caseId))).flat();
      const proposals =
        user.role === 'org_admin' || user.role === 'auditor'
          ? await stuckProposals(ctx.db, user.units, new Date().toISOString())
          : [];
      return {
        business: business.items.map((c) => ({
          caseId: c.caseId,
          cadreName: c.cadre?.name ?? null,
          status: c.status,
          kind: 'business' as const,
          reason: c.stuckReason ?? '事项超过最后一级催办 / a duty is past its last escalation step',
          nextDuty: c.nextDuty,
          sendingUnit: c.sendingUnit,
          receivingUnit: c.receivingUnit,
        })),
        technical: user.role === 'org_admin' ? technical : technical.map((t) => ({ ...t, retry: null })),
        proposals: proposals.map((p) => ({
          proposalId: p.proposalId,
          scope: p.scope,
          caseId: p.caseId,
          interventionType: p.interventionType,
          proposedBy: p.proposedBy,
          dueAt: p.dueAt,
          stuckAt: p.stuckAt,
          reason:
            '双人复核超过最后一级催办仍未决定 / a proposal nobody decided, past its last escalation step',
        })),
      };
    },
  );

  r.post(
    '/api/cases/:id/retry',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Retry a technically stuck case now: resets the attempts of its failing activities (org admins)',
        security: [{ session: [], csrf: [] }],
        params: caseIdParamSchema,
        response: { 200: retryAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      assertOrgAdmin(user, '重试 / retry');
      const problems = await ctx.ops.technicalProblems(ref.caseId);
      if (!problems.some((p) => p.kind === 'activity')) {
        throw new ApiError(
          'NOTHING_TO_RETRY',
          problems.length > 0
            ? `无可重试的活动：${problems[0]?.reason} / nothing the API can retry; see the Temporal UI`
            : '该案件没有反复失败的活动 / this case has no repeatedly failing activity',
        );
      }
      const retried = await ctx.ops
        .retryFailingActivities(ref.caseId, `secondment-api:${user.username}`)
        .catch((err: unknown) => {
          throw fromClientError(err);
        });
      request.log.info({ caseId: ref.caseId, user: user.username, retried }, 'activity retry requested');
      return { caseId: ref.caseId, action: 'activity.reset' as const, retried };
    },
  );
}
