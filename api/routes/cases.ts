import type { z } from 'zod';
import {
  BUSINESS_EVENTS,
  caseAnswerSchema,
  caseDetailSchema,
  caseFilterSchema,
  caseIdParamSchema,
  casePageSchema,
  eventBodySchema,
  eventParamsSchema,
  INTERVENTIONS,
  migrateBodySchema,
  migrationAnswerSchema,
  newCaseId,
  nominationBodySchema,
  onBehalfSchema,
  type CaseView,
  type OnBehalf,
} from '../../contract';
import {
  eventLabels,
  eventPayloadSchemas,
  MIGRATE_EVENT,
  migrateLabel,
  TERMINAL_STATUSES,
  type Actor,
  type Role,
  type EventType,
} from '../../machines/secondment';
import {
  caseRoundOf,
  chinaDay,
  forgetCaseParties,
  getAuditTrail,
  getCase,
  getPersonnelFile,
  listCasesInScope,
  listDocumentRecords,
  nearestDepartment,
  nominationPartiesOf,
  personInScope,
  personNames,
  recordCaseParties,
  unitNames,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { SecondmentError } from '../../client';
import { ApiError, ERROR_RESPONSES, fromClientError, invalidInput } from '../errors';
import { checkReassignOwner } from '../reassignOwner';
import { awaitUnlessDatabaseDown } from '../updateWait';
import { fourEyesRefusal } from '../fourEyes';
import {
  actingUnit,
  actorFor,
  assertMayAct,
  assertOrgAdmin,
  caseInScope,
  onBehalfPrincipal,
  type CaseRef,
} from '../scope';
import { recordView } from './documents';
import type { ZodApp } from './types';

/** Sends one event as this user; the client's and the machine's refusals become API errors. */
export async function sendAs(
  ctx: ApiContext,
  ref: CaseRef,
  type: EventType,
  payload: Record<string, unknown>,
  actor: Actor,
): Promise<CaseView> {
  try {
    return await awaitUnlessDatabaseDown(ctx.db, ctx.cases.send(ref.caseId, type, { ...payload, actor }), {
      ...(ctx.eventAnswerWithinMs ? { answerWithinMs: ctx.eventAnswerWithinMs } : {}),
      whyNot: () => wedgedBecause(ctx, ref.caseId),
    });
  } catch (err) {
    if (err instanceof SecondmentError && (err.code === 'EVENT_REFUSED' || err.code === 'INVALID_INPUT'))
      ctx.metrics?.eventsRefused.inc({ type, code: err.refusal?.code ?? err.code });
    throw fromClientError(err);
  }
}

/**
 * Why a case does not move, as Temporal tells it: a failing activity or workflow task. Null when
 * nothing holds it (a refused write is not a wedge: the case went on; an ended workflow answers an
 * event at once with its own error).
 */
export async function wedgedBecause(ctx: ApiContext, caseId: string): Promise<string | null> {
  // only what holds an answer back: a refused write went on, an ended workflow answers at once
  const problems = (await ctx.ops.technicalProblems(caseId)).filter(
    (p) => p.kind === 'activity' || p.kind === 'workflowTask',
  );
  return problems.length > 0 ? problems.map((p) => p.reason).join('; ') : null;
}

/** The event's payload against its own schema, strictly (a body with `actor` is refused). */
export function parsePayload(
  type: EventType,
  body: unknown,
  extra: z.ZodRawShape = {},
  where = 'body',
): Record<string, unknown> {
  const schema = (eventPayloadSchemas[type] as unknown as z.ZodObject<z.ZodRawShape>).extend(extra).strict();
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw invalidInput(parsed.error, where);
  return parsed.data;
}

async function allowedFor(ctx: ApiContext, user: ApiUser, ref: CaseRef): Promise<string[]> {
  if (user.role === 'auditor') return [];
  return ctx.cases.allowedEvents(ref.caseId, user.role, actingUnit(user, ref));
}

/**
 * Who nominates, from the session: a sending officer for their own unit, an org admin for a unit of
 * their jurisdiction whose case would be their department's. Nothing about the case's departments
 * comes from the body: they follow from the unit tree.
 */
async function nominator(ctx: ApiContext, user: ApiUser, body: NominationInput): Promise<Actor> {
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
    return { id: user.username, role: user.role, unit: body.sendingUnit };
  }
  if (user.role === 'org_admin') {
    const org = await nearestDepartment(ctx.db, body.sendingUnit, 'org_dept');
    if (org === null || !user.units.includes(org)) {
      const name = org ? (await unitNames(ctx.db, [org])).get(org) : undefined;
      throw new ApiError(
        'FORBIDDEN',
        `派出单位的案件归${name?.zh ?? org ?? '—'}管理，不是本组织部 / a case of this sending unit belongs to ${name?.en ?? org ?? 'no department'}, not yours`,
        { field: 'sendingUnit' },
      );
    }
    return { id: user.username, role: user.role, unit: org };
  }
  throw new ApiError(
    'FORBIDDEN',
    '只有派出单位或组织部可以推荐 / only sending officers and org admins nominate',
  );
}

type NominationInput = z.infer<typeof nominationBodySchema>;

/** The two event routes take the same path, body and answer. */
const eventRoute = (summary: string, description: string) => ({
  schema: {
    tags: ['cases'],
    summary,
    description,
    security: [{ session: [], csrf: [] }],
    params: eventParamsSchema,
    body: eventBodySchema,
    response: { 200: caseAnswerSchema, ...ERROR_RESPONSES },
  },
});

export function caseRoutes(r: ZodApp, ctx: ApiContext): void {
  r.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Nominate a person of the registry (starts a case). Sending officers for their unit, org admins for their department; the departments follow from the unit tree.',
        security: [{ session: [], csrf: [] }],
        body: nominationBodySchema,
        response: { 201: caseAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const body = request.body;
      const actor = await nominator(ctx, user, body);
      const now = new Date();
      const year = body.year ?? now.getUTCFullYear();
      // The person must be one the nominator may see (their unit's, their jurisdiction's).
      if (!(await personInScope(ctx.db, user, body.personId)))
        throw new ApiError('NOT_FOUND', `干部库中未找到 / no such person in the registry: ${body.personId}`, {
          field: 'personId',
        });
      const derived = await nominationPartiesOf(ctx.db, {
        personId: body.personId,
        sendingUnit: body.sendingUnit,
        requestedReceivingUnit: body.requestedReceivingUnit,
        year,
        day: chinaDay(now),
      });
      if (!derived.ok) {
        const { field, zh, en } = derived.problem;
        throw new ApiError('INVALID_INPUT', `${zh} / ${en}`, { field });
      }
      const { orgUnit, unitedFrontUnit, facts } = derived.parties;
      const caseId = body.caseId ?? newCaseId();
      // Parties first (ids and unit codes only), so the case is scoped from its first moment.
      const recorded = await recordCaseParties(ctx.db, {
        caseId,
        orgUnit,
        unitedFrontUnit,
        sendingUnit: body.sendingUnit,
        requestedReceivingUnit: body.requestedReceivingUnit,
        cadreId: body.personId,
        cpcMember: facts.cpcMember,
        roundId: null,
        createdBy: user.username,
      });
      if (!recorded)
        throw new ApiError('CASE_EXISTS', `案件已存在 / case ${caseId} already exists`, { field: 'caseId' });
      let view: CaseView;
      try {
        view = await ctx.cases.nominate({
          caseId,
          year,
          kind: body.kind,
          programme: body.programme,
          ...(body.cohort ? { cohort: body.cohort } : {}),
          cadre: facts,
          sendingUnit: body.sendingUnit,
          requestedReceivingUnit: body.requestedReceivingUnit,
          orgUnit,
          unitedFrontUnit,
          termMonths: body.termMonths,
          source: body.source,
          policy: body.policy,
          nominatedBy: actor,
          at: now.toISOString(),
        });
      } catch (err) {
        await forgetCaseParties(ctx.db, caseId);
        throw fromClientError(err);
      }
      // Read-your-writes: answer once the first transition is recorded, so the new case is in the
      // list and its page right away. The case exists either way; a slow worker only delays this.
      const current = await ctx.cases.status(caseId).catch(() => null);
      return reply.code(201).send({ case: current ?? view });
    },
  );

  r.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'List cases in your scope (from the case projection): filters, pagination, sorting',
        querystring: caseFilterSchema,
        response: { 200: casePageSchema, ...ERROR_RESPONSES },
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
        response: { 200: caseDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      const [summary, auditTrail, documents, personnelFile, live, allowed, cadreName, round] =
        await Promise.all([
          getCase(ctx.db, ref.caseId),
          getAuditTrail(ctx.db, ref.caseId),
          listDocumentRecords(ctx.db, ref.caseId),
          getPersonnelFile(ctx.db, ref.caseId),
          ctx.cases.status(ref.caseId).then(
            (v) => ({ ok: true as const, v }),
            (e: unknown) => ({ ok: false as const, e }),
          ),
          allowedFor(ctx, user, ref).catch(() => null),
          ref.cadreId
            ? personNames(ctx.db, [ref.cadreId]).then((m) => m.get(ref.cadreId ?? '') ?? null)
            : null,
          caseRoundOf(ctx.db, ref.caseId),
        ]);
      const view = live.ok ? live.v : null;
      const codes = [
        ref.sendingUnit,
        ref.receivingUnit,
        ...(ref.orgUnit ? [ref.orgUnit] : []),
        ...(ref.unitedFrontUnit ? [ref.unitedFrontUnit] : []),
        ...(view?.openDuties ?? []).map((d) => d.owner.unit),
        ...auditTrail.map((e) => e.actorUnit),
        ...(round ? [round.subsidy.payer] : []),
      ];
      const units = Object.fromEntries(await unitNames(ctx.db, codes));
      return {
        caseId: ref.caseId,
        cadre: ref.cadreId
          ? { id: ref.cadreId, name: cadreName ?? ref.cadreId, cpcMember: ref.cpcMember }
          : null,
        units,
        round: round
          ? {
              ...round,
              subsidy: {
                ...round.subsidy,
                payerName: units[round.subsidy.payer] ?? { zh: round.subsidy.payer, en: round.subsidy.payer },
              },
            }
          : null,
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
        documentTrail: documents.map(recordView),
        personnelFile,
        allowedEvents: (allowed ?? []).map((type) => ({
          type,
          label: type === MIGRATE_EVENT ? migrateLabel : (eventLabels[type as EventType] ?? null),
          intervention: type.startsWith('admin.'),
        })),
        you: { role: user.role, unit: actingUnit(user, ref) },
      };
    },
  );

  r.post(
    '/api/cases/:id/events/:type',
    eventRoute(
      'Send a business event as yourself (payload as in GET /api/meta/events); org admins may add onBehalfOf',
      `Event types: ${BUSINESS_EVENTS.join(', ')}. The actor is always the logged-in user.`,
    ),
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
        actor.onBehalfOf = await onBehalfPrincipal(ctx.db, ref, onBehalfOf as OnBehalf);
      }
      return { case: await sendAs(ctx, ref, type, payload, actor) };
    },
  );

  r.post(
    '/api/cases/:id/interventions/:type',
    eventRoute(
      'Admin intervention (organization department only; reason required)',
      `Types: ${[...INTERVENTIONS, MIGRATE_EVENT].join(', ')} (admin.case.migrate: body { reason }; moves a v1 case to machine v2, see GET /api/cases/:id/migration).`,
    ),
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      assertMayAct(user);
      assertOrgAdmin(user, '干预 / intervene');
      if (request.params.type === MIGRATE_EVENT) {
        const body = migrateBodySchema.safeParse(request.body ?? {});
        if (!body.success) throw invalidInput(body.error, 'body');
        try {
          return { case: await ctx.cases.migrate(ref.caseId, { actor: actorFor(user, ref), ...body.data }) };
        } catch (err) {
          throw fromClientError(err);
        }
      }
      const type = request.params.type as EventType;
      if (!INTERVENTIONS.includes(type)) {
        throw new ApiError('UNKNOWN_EVENT', `未知干预 / unknown intervention: ${request.params.type}`, {
          field: 'type',
        });
      }
      const payload = parsePayload(type, request.body);
      if (type === 'admin.duty.reassign')
        await checkReassignOwner(ctx.db, payload.owner as { role: Role; unit: string });
      // 双人复核: an intervention the case's policy copy names is only ever applied by a proposal
      const terms = await ctx.cases.fourEyesTerms(ref.caseId, type);
      if (terms.required) throw fourEyesRefusal(type, terms.source);
      return { case: await sendAs(ctx, ref, type, payload, actorFor(user, ref)) };
    },
  );

  r.get(
    '/api/cases/:id/migration',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Dry run of admin.case.migrate (org admins): state, open duties and due dates before → after, by the migration the workflow runs',
        params: caseIdParamSchema,
        response: { 200: migrationAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      assertOrgAdmin(user, '迁移案件 / migrate cases');
      const summary = await getCase(ctx.db, ref.caseId);
      const machineVersion = summary?.machineVersion ?? null;
      const answer = (reason: string | null, preview: z.infer<typeof migrationAnswerSchema>['preview']) => ({
        caseId: ref.caseId,
        machineVersion,
        migratable: preview !== null,
        reason,
        preview,
      });
      if (summary && (TERMINAL_STATUSES as readonly string[]).includes(summary.status))
        return answer('已结束的案件无须迁移 / a closed case is not migrated', null);
      const preview = await ctx.cases.migrationPreview(ref.caseId);
      if (!preview)
        return answer(
          machineVersion === 1
            ? '案件状态尚不可读 / the case state is not readable yet'
            : '已按第2版规则运行 / already on machine version 2',
          null,
        );
      return answer(null, preview);
    },
  );
}
