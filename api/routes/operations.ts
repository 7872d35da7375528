import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { caseFilterSchema } from '../../activities/read-models';
import { verifyChain, type ChainVerification } from '../../activities/verify-chain';
import { eventLabels, eventPayloadSchemas, type EventType } from '../../machines/secondment';
import { caseWorkflowId, type CaseView, type DutyView } from '../../workflows/secondment/definitions';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import { listCasesInScope } from '../caseList';
import { ApiError, invalidInput } from '../errors';
import {
  actorFor,
  assertOrgAdmin,
  caseInScope,
  CASE_REFS_FROM,
  openCasesInScope,
  REF_COLUMNS,
  scopePredicate,
  type CaseRef,
} from '../scope';
import type { ApiContext } from '../server';
import { caseIdParamSchema, INTERVENTIONS, sendAs } from './cases';
import type { ZodApp } from './types';

const BULK_MAX = 200;
const DUTY_TARGETED = ['admin.deadline.extend', 'admin.duty.waive', 'admin.duty.reassign'];

const bulkBodySchema = z
  .object({
    /** the same filters as GET /api/cases (always within your scope) */
    filter: caseFilterSchema
      .omit({ sort: true, order: true, limit: true, offset: true })
      .strict()
      .default({}),
    intervention: z
      .object({
        type: z.enum(INTERVENTIONS as [EventType, ...EventType[]]),
        /** the intervention's payload; `dutyId` may be left out when `duty` selects one per case */
        payload: z.record(z.string(), z.unknown()),
        /** for duty interventions: which open duty of each case ('next' = soonest due, 'stuck' = first stuck) */
        duty: z.enum(['next', 'stuck']).optional(),
      })
      .strict(),
    dryRun: z.boolean().default(true),
  })
  .strict();

interface PlanItem {
  caseId: string;
  status: string | null;
  willChange: boolean;
  change: string | null;
  skipReason: string | null;
  payload: Record<string, unknown> | null;
}

function pickDuty(
  view: CaseView,
  selector: 'next' | 'stuck' | undefined,
  dutyId: unknown,
): DutyView | undefined {
  if (typeof dutyId === 'string') return view.openDuties.find((d) => d.id === dutyId);
  const open = [...view.openDuties].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return selector === 'stuck' ? open.find((d) => d.stuck) : open[0];
}

/** Every difference a person would notice between two views of one case. */
function describeChange(before: CaseView, after: CaseView): string {
  const parts: string[] = [];
  if (before.status !== after.status) parts.push(`status ${before.status} → ${after.status}`);
  const label = (d: DutyView) => `${d.id} (${d.what.zh} / ${d.what.en})`;
  const afterById = new Map(after.openDuties.map((d) => [d.id, d]));
  const beforeIds = new Set(before.openDuties.map((d) => d.id));
  for (const d of before.openDuties) {
    const a = afterById.get(d.id);
    if (!a) {
      parts.push(`duty ${label(d)}: closed`);
      continue;
    }
    if (a.dueAt !== d.dueAt) parts.push(`duty ${label(d)}: due ${d.dueAt} → ${a.dueAt}`);
    if (a.owner.role !== d.owner.role || a.owner.unit !== d.owner.unit)
      parts.push(`duty ${label(d)}: owner ${d.owner.role}@${d.owner.unit} → ${a.owner.role}@${a.owner.unit}`);
    if (a.paused !== d.paused) parts.push(`duty ${label(d)}: ${a.paused ? 'paused' : 'resumed'}`);
    if (a.stuck !== d.stuck) parts.push(`duty ${label(d)}: ${a.stuck ? 'stuck' : 'no longer stuck'}`);
  }
  for (const a of after.openDuties) {
    if (!beforeIds.has(a.id)) parts.push(`duty ${label(a)}: opened, due ${a.dueAt}`);
  }
  return parts.length > 0 ? parts.join('; ') : '记录在案，无可见变化 / recorded, no visible change';
}

/**
 * What this intervention would do to this case, decided without changing anything: the same pure
 * machine the workflow runs, on the case's stored state, so the preview is the outcome.
 */
async function planFor(
  ctx: ApiContext,
  user: ApiUser,
  ref: CaseRef,
  intervention: z.infer<typeof bulkBodySchema>['intervention'],
): Promise<PlanItem> {
  const base = { caseId: ref.caseId, status: ref.status, willChange: false, change: null, payload: null };
  const skip = (skipReason: string): PlanItem => ({ ...base, skipReason });
  let view: CaseView;
  try {
    view = await ctx.cases.status(ref.caseId);
  } catch (err) {
    return skip(`案件状态不可读 / case state not readable: ${(err as Error).message}`);
  }
  const type = intervention.type;
  const payload: Record<string, unknown> = { ...intervention.payload };
  if (DUTY_TARGETED.includes(type)) {
    const duty = pickDuty(view, intervention.duty, payload.dutyId);
    if (!duty) return skip(`当前状态 ${view.status}：没有符合条件的未完成事项 / no matching open duty`);
    payload.dutyId = duty.id;
  }
  const parsed = (eventPayloadSchemas[type] as unknown as z.ZodObject<z.ZodRawShape>)
    .strict()
    .safeParse(payload);
  if (!parsed.success) throw invalidInput(parsed.error, 'intervention.payload');
  const preview = await ctx.cases.preview(ref.caseId, type, { ...payload, actor: actorFor(user, ref) });
  if (!preview.ok) return skip(`当前状态 ${view.status}：${preview.refusal}`);
  return {
    ...base,
    status: preview.before.status,
    willChange: true,
    change: describeChange(preview.before, preview.after),
    skipReason: null,
    payload,
  };
}

const verifyQuerySchema = z.object({ caseId: caseIdParamSchema.shape.id.optional() });

interface TechnicalProblem {
  caseId: string;
  kind: 'activity' | 'workflowTask' | 'workflow';
  reason: string;
  attempts: number | null;
  temporalUiUrl: string | null;
  retry: { method: 'POST'; url: string } | null;
}

async function technicalProblems(ctx: ApiContext, ref: CaseRef): Promise<TechnicalProblem[]> {
  const workflowId = caseWorkflowId(ref.caseId);
  const link = ctx.temporalUiUrl
    ? `${ctx.temporalUiUrl}/namespaces/${encodeURIComponent(ctx.namespace)}/workflows/${encodeURIComponent(workflowId)}`
    : null;
  let desc: temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
  try {
    desc = await ctx.connection.workflowService.describeWorkflowExecution({
      namespace: ctx.namespace,
      execution: { workflowId },
    });
  } catch {
    return []; // not started yet or unknown to this namespace: nothing Temporal can tell
  }
  const out: TechnicalProblem[] = [];
  const retry = { method: 'POST' as const, url: `/api/cases/${ref.caseId}/retry` };
  const S = temporal.api.enums.v1.WorkflowExecutionStatus;
  const status = desc.workflowExecutionInfo?.status;
  if (
    status !== undefined &&
    status !== null &&
    [
      S.WORKFLOW_EXECUTION_STATUS_FAILED,
      S.WORKFLOW_EXECUTION_STATUS_TERMINATED,
      S.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
    ].includes(status)
  ) {
    out.push({
      caseId: ref.caseId,
      kind: 'workflow',
      reason: `工作流已异常结束，案件未结案 / workflow ended ${S[status]} while the case is open`,
      attempts: null,
      temporalUiUrl: link,
      retry: null,
    });
  }
  for (const a of desc.pendingActivities ?? []) {
    const attempts = a.attempt ?? 0;
    if (attempts < ctx.stuckActivityAttempts) continue;
    out.push({
      caseId: ref.caseId,
      kind: 'activity',
      reason: `活动 ${a.activityType?.name ?? '?'} 反复失败（第 ${attempts} 次）/ activity ${a.activityType?.name ?? '?'} failing (attempt ${attempts}): ${a.lastFailure?.message ?? 'no failure message'}`,
      attempts,
      temporalUiUrl: link,
      retry,
    });
  }
  const wft = desc.pendingWorkflowTask;
  if (wft && (wft.attempt ?? 0) >= 2) {
    out.push({
      caseId: ref.caseId,
      kind: 'workflowTask',
      reason: `工作流任务反复失败（第 ${wft.attempt} 次），需修复代码后由 Temporal 自动重试 / workflow task failing (attempt ${wft.attempt}); Temporal retries it by itself once fixed code is deployed`,
      attempts: wft.attempt ?? null,
      temporalUiUrl: link,
      retry: null,
    });
  }
  return out;
}

async function inBatches<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

export function operationRoutes(r: ZodApp, ctx: ApiContext): void {
  r.post(
    '/api/bulk',
    {
      schema: {
        tags: ['operations'],
        summary: `One intervention over every case of a filter (org admins, own scope, at most ${BULK_MAX} cases). dryRun (default true) previews; false executes.`,
        security: [{ session: [], csrf: [] }],
        body: bulkBodySchema,
      },
    },
    async (request) => {
      const user = callerOf(request);
      assertOrgAdmin(user, '批量干预 / run bulk interventions');
      const { filter, intervention, dryRun } = request.body;
      const page = await listCasesInScope(ctx.db, user, {
        ...caseFilterSchema.parse(filter),
        limit: BULK_MAX,
        offset: 0,
        sort: 'caseId',
        order: 'asc',
      });
      const refs = await Promise.all(page.items.map((c) => caseInScope(ctx.db, user, c.caseId)));
      const plan = await inBatches(refs, 10, (ref) => planFor(ctx, user, ref, intervention));
      const summary = {
        dryRun,
        intervention: { type: intervention.type, label: eventLabels[intervention.type] },
        matched: page.total,
        considered: refs.length,
        truncated: page.total > refs.length,
        willChange: plan.filter((p) => p.willChange).length,
      };
      if (dryRun) return { ...summary, items: plan.map(({ payload: _p, ...item }) => item) };
      const results = [];
      for (const [i, item] of plan.entries()) {
        const ref = refs[i] as CaseRef;
        if (!item.willChange || !item.payload) {
          results.push({
            caseId: item.caseId,
            outcome: 'skipped' as const,
            change: null,
            reason: item.skipReason,
          });
          continue;
        }
        try {
          const view = await sendAs(ctx, ref, intervention.type, item.payload, actorFor(user, ref));
          results.push({
            caseId: item.caseId,
            outcome: 'changed' as const,
            change: item.change,
            status: view.status,
          });
        } catch (err) {
          const e =
            err instanceof ApiError
              ? err.body().error
              : { code: 'INTERNAL', message: (err as Error).message };
          results.push({ caseId: item.caseId, outcome: 'failed' as const, change: item.change, error: e });
        }
      }
      return { ...summary, items: results };
    },
  );

  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of one case (caseId) or of every case in your scope',
        querystring: verifyQuerySchema,
      },
    },
    async (request) => {
      const user = callerOf(request);
      if (request.query.caseId) {
        const ref = await caseInScope(ctx.db, user, request.query.caseId);
        const result = await verifyChain(ctx.db, ref.caseId);
        return { ok: result.ok, cases: 1, entries: result.entries, results: [result] };
      }
      const params: unknown[] = [];
      const scope = scopePredicate(user, REF_COLUMNS, params);
      const ids = await ctx.db.query<{ case_id: string }>(
        `SELECT r.case_id FROM ${CASE_REFS_FROM} WHERE ${scope} ORDER BY r.case_id`,
        params,
      );
      const results: ChainVerification[] = [];
      for (const { case_id } of ids) results.push(await verifyChain(ctx.db, case_id));
      return {
        ok: results.every((x) => x.ok),
        cases: results.length,
        entries: results.reduce((n, x) => n + x.entries, 0),
        results: results.filter((x) => !x.ok),
      };
    },
  );

  r.get(
    '/api/stuck',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Stuck cases in your scope: business (a duty past the last escalation step) and technical (failing activity or workflow task, from Temporal)',
      },
    },
    async (request) => {
      const user = callerOf(request);
      const business = await listCasesInScope(
        ctx.db,
        user,
        caseFilterSchema.parse({ stuck: true, limit: 500 }),
      );
      const open = await openCasesInScope(ctx.db, user, 500);
      const technical = (await inBatches(open, 10, (ref) => technicalProblems(ctx, ref))).flat();
      return {
        business: business.items.map((c) => ({
          caseId: c.caseId,
          status: c.status,
          kind: 'business' as const,
          reason: c.stuckReason ?? '事项超过最后一级催办 / a duty is past its last escalation step',
          nextDuty: c.nextDuty,
          sendingUnit: c.sendingUnit,
          receivingUnit: c.receivingUnit,
        })),
        technical: user.role === 'org_admin' ? technical : technical.map((t) => ({ ...t, retry: null })),
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
      },
    },
    async (request) => {
      const user = callerOf(request);
      const ref = await caseInScope(ctx.db, user, request.params.id);
      assertOrgAdmin(user, '重试 / retry');
      const workflowId = caseWorkflowId(ref.caseId);
      const problems = await technicalProblems(ctx, ref);
      const failing = problems.filter((p) => p.kind === 'activity');
      if (failing.length === 0) {
        throw new ApiError(
          'NOTHING_TO_RETRY',
          problems.length > 0
            ? `无可重试的活动：${problems[0]?.reason} / nothing the API can retry; see the Temporal UI`
            : '该案件没有反复失败的活动 / this case has no repeatedly failing activity',
        );
      }
      const desc = await ctx.connection.workflowService.describeWorkflowExecution({
        namespace: ctx.namespace,
        execution: { workflowId },
      });
      const retried: string[] = [];
      for (const a of desc.pendingActivities ?? []) {
        if ((a.attempt ?? 0) < ctx.stuckActivityAttempts || !a.activityId) continue;
        try {
          await ctx.connection.workflowService.resetActivity({
            namespace: ctx.namespace,
            execution: { workflowId },
            id: a.activityId,
            identity: `secondment-api:${user.username}`,
          });
          retried.push(a.activityId);
        } catch (err) {
          if (err instanceof WorkflowNotFoundError)
            throw new ApiError('NOT_FOUND', '未找到 / case not found');
          throw err;
        }
      }
      request.log.info({ caseId: ref.caseId, user: user.username, retried }, 'activity retry requested');
      return { caseId: ref.caseId, action: 'activity.reset' as const, retried };
    },
  );

  r.get(
    '/api/meta/events',
    {
      schema: {
        tags: ['meta'],
        summary: 'Every event type with its label and payload JSON schema (for building forms)',
      },
    },
    (request, reply) => {
      callerOf(request);
      return reply.send({
        events: (Object.keys(eventPayloadSchemas) as EventType[])
          .filter((t) => t !== 'deadline.reached')
          .map((type) => ({
            type,
            label: eventLabels[type],
            intervention: type.startsWith('admin.'),
            schema: z.toJSONSchema(eventPayloadSchemas[type] as unknown as z.ZodType, {
              io: 'input',
              unrepresentable: 'any',
            }),
          })),
      });
    },
  );
}
