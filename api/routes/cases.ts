import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { getAuditTrail, getCase, getPersonnelFile } from '../../activities/read-models';
import { SecondmentError } from '../../client/secondmentClient';
import {
  eventLabels,
  eventPayloadSchemas,
  secondmentInputSchema,
  type Actor,
  type EventType,
} from '../../machines/secondment';
import type { CaseView } from '../../workflows/secondment/definitions';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import { caseListQuerySchema, listCasesInScope } from '../caseList';
import { ApiError, invalidInput } from '../errors';
import {
  actingUnit,
  actorFor,
  assertMayAct,
  assertOrgAdmin,
  caseInScope,
  onBehalfPrincipal,
  type CaseRef,
} from '../scope';
import type { ApiContext } from '../server';
import type { ZodApp } from './types';

/** Business events a party sends (everything but admin interventions and the system's alarms). */
export const BUSINESS_EVENTS = (Object.keys(eventPayloadSchemas) as EventType[]).filter(
  (t) => !t.startsWith('admin.') && t !== 'deadline.reached',
);
export const INTERVENTIONS = (Object.keys(eventPayloadSchemas) as EventType[]).filter((t) =>
  t.startsWith('admin.'),
);

export const caseIdParamSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'case id: 6–64 letters, digits, _ or -'),
});

/** A nomination as the API takes it: who nominates comes from the session, the time from the server. */
export const nominationBodySchema = secondmentInputSchema
  .omit({ nominatedBy: true, at: true, caseId: true })
  .extend({ caseId: secondmentInputSchema.shape.caseId.optional() })
  .strict();

const onBehalfSchema = z
  .object({
    role: z.enum(['sending_officer', 'receiving_officer', 'cadre']),
    id: z.string().trim().min(1).max(128).optional(),
  })
  .strict();

const eventParamsSchema = caseIdParamSchema.extend({ type: z.string().min(1).max(64) });
const eventBodySchema = z.record(z.string(), z.unknown()).default({});

/** Sends one event as this user; maps the client's and the machine's refusals to API errors. */
export async function sendAs(
  ctx: ApiContext,
  ref: CaseRef,
  type: EventType,
  payload: Record<string, unknown>,
  actor: Actor,
): Promise<CaseView> {
  try {
    return await ctx.cases.send(ref.caseId, type, { ...payload, actor });
  } catch (err) {
    throw toApiError(err);
  }
}

export function toApiError(err: unknown): unknown {
  if (err instanceof WorkflowNotFoundError) return new ApiError('NOT_FOUND', '未找到 / case not found');
  if (!(err instanceof SecondmentError)) return err;
  if (err.code === 'INVALID_INPUT') {
    const m = /: ([\w.]+): [^:]*$/.exec(err.message.split('; ')[0] ?? '');
    return new ApiError('INVALID_INPUT', err.message, m?.[1] ? { field: m[1] } : {});
  }
  if (err.code === 'UNKNOWN_EVENT') return new ApiError('UNKNOWN_EVENT', err.message, { field: 'type' });
  if (err.code === 'CASE_EXISTS') return new ApiError('CASE_EXISTS', err.message, { field: 'caseId' });
  if (err.code === 'NOT_READY') return new ApiError('TEMPORAL_UNAVAILABLE', err.message);
  const m = /\[(\w+): ([\w.]+)\]\s*$/.exec(err.message);
  const refusal = m?.[1];
  const rule = m?.[2];
  const forbidden = ['ROLE_FORBIDDEN', 'WRONG_UNIT', 'READ_ONLY', 'ON_BEHALF_FORBIDDEN'].includes(
    refusal ?? '',
  );
  return new ApiError(forbidden ? 'FORBIDDEN' : 'EVENT_REFUSED', err.message, rule ? { rule } : {});
}

function parsePayload(type: EventType, body: unknown, extra: z.ZodRawShape = {}): Record<string, unknown> {
  const schema = (eventPayloadSchemas[type] as unknown as z.ZodObject<z.ZodRawShape>).extend(extra).strict();
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalidInput(parsed.error, 'body');
  return parsed.data;
}

async function allowedFor(ctx: ApiContext, user: ApiUser, ref: CaseRef): Promise<string[]> {
  if (user.role === 'auditor') return [];
  return ctx.cases.allowedEvents(ref.caseId, user.role, actingUnit(user, ref));
}

export function caseRoutes(r: ZodApp, ctx: ApiContext): void {
  r.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Nominate a cadre (starts a case). Sending officers for their unit, org admins for their department.',
        security: [{ session: [], csrf: [] }],
        body: nominationBodySchema,
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const body = request.body;
      let actor: Actor;
      if (user.role === 'sending_officer') {
        // Deadlines and escalation are the organization department's rules: a unit picks a shipped
        // policy by name, only an org admin may set a policy of its own.
        if (typeof body.policy !== 'string')
          throw new ApiError(
            'FORBIDDEN',
            '只有组织部可以自定义期限规则，请选择已有规则 / only org admins may define a policy; choose a named one',
            { field: 'policy' },
          );
        if (!user.units.includes(body.sendingUnit))
          throw new ApiError('FORBIDDEN', '只能为本单位推荐 / you may nominate only for your own unit', {
            field: 'sendingUnit',
          });
        actor = { id: user.username, role: user.role, unit: body.sendingUnit };
      } else if (user.role === 'org_admin') {
        if (!user.units.includes(body.orgUnit))
          throw new ApiError('FORBIDDEN', '只能为本组织部的案件推荐 / orgUnit must be your own department', {
            field: 'orgUnit',
          });
        actor = { id: user.username, role: user.role, unit: body.orgUnit };
      } else {
        throw new ApiError(
          'FORBIDDEN',
          '只有派出单位或组织部可以推荐 / only sending officers and org admins nominate',
        );
      }
      const caseId = body.caseId ?? `c${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      // Parties first (ids and unit codes only), so the case is scoped from its first moment.
      const inserted = await ctx.db.query(
        `INSERT INTO case_parties (case_id, org_unit, united_front_unit, sending_unit, requested_receiving_unit, cadre_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
        [
          caseId,
          body.orgUnit,
          body.unitedFrontUnit,
          body.sendingUnit,
          body.requestedReceivingUnit,
          body.cadre.id,
          user.username,
        ],
      );
      if (inserted.length === 0)
        throw new ApiError('CASE_EXISTS', `案件已存在 / case ${caseId} already exists`, { field: 'caseId' });
      let view: CaseView;
      try {
        view = await ctx.cases.nominate({ ...body, caseId, nominatedBy: actor });
      } catch (err) {
        await ctx.db.query('DELETE FROM case_parties WHERE case_id = $1', [caseId]);
        throw toApiError(err);
      }
      // Read-your-writes: answer once the first transition is recorded, so the new case is in the
      // list and its page right away. The case exists either way; a slow worker only delays this.
      const recorded = await ctx.cases.status(caseId).catch(() => null);
      return reply.code(201).send({ case: recorded ?? view });
    },
  );

  r.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'List cases in your scope (from the case projection): filters, pagination, sorting',
        querystring: caseListQuerySchema,
      },
    },
    async (request) => listCasesInScope(ctx.db, callerOf(request), request.query),
  );

  r.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Case detail: status, open duties with escalation step, audit trail, personnel file, your allowed events',
        params: caseIdParamSchema,
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      const [summary, auditTrail, personnelFile, live, allowed] = await Promise.all([
        getCase(ctx.db, ref.caseId),
        getAuditTrail(ctx.db, ref.caseId),
        getPersonnelFile(ctx.db, ref.caseId),
        ctx.cases.status(ref.caseId).then(
          (v) => ({ ok: true as const, v }),
          (e: unknown) => ({ ok: false as const, e }),
        ),
        allowedFor(ctx, user, ref).catch(() => null),
      ]);
      const view = live.ok ? live.v : null;
      return {
        caseId: ref.caseId,
        summary,
        status: view?.status ?? summary?.status ?? null,
        statusLabel: view?.statusLabel ?? null,
        live: view,
        liveError: live.ok ? null : `工作流暂不可查询 / live state unavailable: ${(live.e as Error).message}`,
        openDuties: (view?.openDuties ?? []).map((d) => ({
          ...d,
          escalationStep: d.escalations.at(-1)?.step ?? null,
        })),
        auditTrail,
        personnelFile,
        allowedEvents: (allowed ?? []).map((type) => ({
          type,
          label: eventLabels[type as EventType] ?? null,
          intervention: type.startsWith('admin.'),
        })),
        you: { role: user.role, unit: actingUnit(user, ref) },
      };
    },
  );

  r.post(
    '/api/cases/:id/events/:type',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Send a business event as yourself (payload as in GET /api/meta/events); org admins may add onBehalfOf',
        description: `Event types: ${BUSINESS_EVENTS.join(', ')}. The actor is always the logged-in user.`,
        security: [{ session: [], csrf: [] }],
        params: eventParamsSchema,
        body: eventBodySchema,
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      assertMayAct(user);
      const type = request.params.type as EventType;
      if (!BUSINESS_EVENTS.includes(type)) {
        throw new ApiError(
          'UNKNOWN_EVENT',
          `未知业务事件 / unknown business event: ${request.params.type}${type.startsWith('admin.') ? ' (use /interventions/)' : ''}`,
          { field: 'type' },
        );
      }
      const { onBehalfOf, ...payload } = parsePayload(type, request.body, {
        onBehalfOf: onBehalfSchema.optional(),
      });
      const actor = actorFor(user, ref);
      if (onBehalfOf) {
        assertOrgAdmin(user, '代为办理 / act on behalf of another party');
        actor.onBehalfOf = onBehalfPrincipal(ref, onBehalfOf as z.infer<typeof onBehalfSchema>);
      }
      return { case: await sendAs(ctx, ref, type, payload, actor) };
    },
  );

  r.post(
    '/api/cases/:id/interventions/:type',
    {
      schema: {
        tags: ['cases'],
        summary: 'Admin intervention (organization department only; reason required)',
        description: `Types: ${INTERVENTIONS.join(', ')}.`,
        security: [{ session: [], csrf: [] }],
        params: eventParamsSchema,
        body: eventBodySchema,
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      assertMayAct(user);
      assertOrgAdmin(user, '干预 / intervene');
      const type = request.params.type as EventType;
      if (!INTERVENTIONS.includes(type)) {
        throw new ApiError('UNKNOWN_EVENT', `未知干预 / unknown intervention: ${request.params.type}`, {
          field: 'type',
        });
      }
      const payload = parsePayload(type, request.body);
      return { case: await sendAs(ctx, ref, type, payload, actorFor(user, ref)) };
    },
  );
}
