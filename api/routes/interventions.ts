// One intervention on one case, looked at before it is applied: its preview, and a proposal for a
// second admin when the case's policy needs one (双人复核).
import {
  eventBodySchema,
  eventParamsSchema,
  INTERVENTIONS,
  interventionPreviewSchema,
  migrateBodySchema,
  proposalAnswerSchema,
} from '../../contract';
import { MIGRATE_EVENT, type EventType } from '../../machines/secondment';
import { insertProposal } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, invalidInput } from '../errors';
import { newProposalId, proposalView, proposingUnit, startLadder } from '../fourEyes';
import { previewIntervention } from '../interventionPreview';
import { assertMayAct, assertOrgAdmin, caseInScope, type CaseRef } from '../scope';
import { parsePayload } from './cases';
import type { ZodApp } from './types';

/** The intervention's case (in the caller's scope), type and payload, validated as the apply route does. */
export async function interventionInput(
  ctx: ApiContext,
  user: ApiUser,
  caseId: string,
  rawType: string,
  body: unknown,
): Promise<{ ref: CaseRef; type: string; payload: Record<string, unknown> }> {
  const ref = await caseInScope(ctx.db, user, caseId);
  assertMayAct(user);
  assertOrgAdmin(user, '干预 / intervene');
  if (rawType === MIGRATE_EVENT) {
    const parsed = migrateBodySchema.safeParse(body ?? {});
    if (!parsed.success) throw invalidInput(parsed.error, 'body');
    return { ref, type: rawType, payload: parsed.data };
  }
  if (!INTERVENTIONS.includes(rawType as EventType))
    throw new ApiError('UNKNOWN_EVENT', `未知干预 / unknown intervention: ${rawType}`, { field: 'type' });
  return { ref, type: rawType, payload: parsePayload(rawType as EventType, body) };
}

export function interventionRoutes(r: ZodApp, ctx: ApiContext): void {
  r.post(
    '/api/cases/:id/interventions/:type/preview',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Dry run of one intervention (org admins): state, duties and due dates before → after and the notifications it sends (recipients by name), by the machine the workflow runs; changes nothing. Says whether it needs a second admin.',
        security: [{ session: [], csrf: [] }],
        params: eventParamsSchema,
        body: eventBodySchema,
        response: { 200: interventionPreviewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const { ref, type, payload } = await interventionInput(
        ctx,
        user,
        request.params.id,
        request.params.type,
        request.body,
      );
      return previewIntervention(ctx, user, ref, type, payload);
    },
  );

  r.post(
    '/api/cases/:id/interventions/:type/proposals',
    {
      schema: {
        tags: ['cases'],
        summary:
          '双人复核: propose this intervention (org admins of the case’s department, reason required); another admin of the department approves or rejects it (POST /api/proposals/:id/approve|reject), and only an approval applies it',
        security: [{ session: [], csrf: [] }],
        params: eventParamsSchema,
        body: eventBodySchema,
        response: { 201: proposalAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const { ref, type, payload } = await interventionInput(
        ctx,
        user,
        request.params.id,
        request.params.type,
        request.body,
      );
      const orgUnit = proposingUnit(user, ref.orgUnit);
      const preview = await previewIntervention(ctx, user, ref, type, payload);
      if (!preview.willChange)
        throw new ApiError(
          'EVENT_REFUSED',
          `现在无法执行此干预 / the machine refuses it now: ${preview.refusal}`,
        );
      const terms = await ctx.cases.fourEyesTerms(ref.caseId, type);
      const stored = await insertProposal(ctx.db, {
        proposalId: newProposalId(),
        scope: 'case',
        orgUnit,
        caseId: ref.caseId,
        interventionType: type,
        payload,
        filter: null,
        plan: null,
        change: preview.change,
        reason: String(payload.reason),
        proposedBy: user.username,
        proposedAt: new Date().toISOString(),
        dueAt: terms.dueAt,
        stuckAt: terms.stuckAt,
      });
      await startLadder(ctx, stored, terms.ladder, request.log);
      ctx.metrics?.proposals.inc({ scope: 'case', step: 'proposed' });
      return reply.code(201).send({ proposal: await proposalView(ctx, user, stored) });
    },
  );
}
