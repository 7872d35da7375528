import {
  BULK_MAX,
  bulkAnswerSchema,
  bulkBodySchema,
  caseFilterSchema,
  isDutyTargeted,
  pickDuty,
  type BulkBody,
  type BulkOutcome,
  migrateBodySchema,
  type CaseView,
  bulkProposalBodySchema,
  proposalAnswerSchema,
  type StoredPlanItem,
} from '../../contract';
import {
  eventLabels,
  MIGRATE_EVENT,
  migrateLabel,
  TERMINAL_STATUSES,
  type EventType,
  type Role,
} from '../../machines/secondment';
import { insertProposal, listCasesInScope, type StoredProposal } from '../../store';
import { fourEyesRefusal, newProposalId, proposalView, startLadder } from '../fourEyes';
import { bulkNeedsSecondAdmin, defaultPolicy } from '../../machines/secondment';
import { inBatches } from '../../common/inBatches';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { describeChange } from '../describeChange';
import { checkReassignOwner } from '../reassignOwner';
import { ApiError, ERROR_RESPONSES, fromClientError, invalidInput } from '../errors';
import { actorFor, assertMayAct, assertOrgAdmin, caseInScope, type CaseRef } from '../scope';
import { parsePayload, sendAs, wedgedBecause } from './cases';
import type { ZodApp } from './types';

type PlanItem = StoredPlanItem;

/**
 * What this intervention would do to this case, decided without changing anything: the same pure
 * machine the workflow runs, on the case's stored state, so the preview is the outcome.
 */
async function planFor(
  ctx: ApiContext,
  user: ApiUser,
  ref: CaseRef,
  intervention: BulkBody['intervention'],
): Promise<PlanItem> {
  const base = {
    caseId: ref.caseId,
    status: ref.status,
    willChange: false,
    change: null,
    payload: null,
    lastSeq: null,
  };
  const skip = (skipReason: string): PlanItem => ({ ...base, skipReason });
  let view: CaseView;
  try {
    view = await ctx.cases.status(ref.caseId);
  } catch (err) {
    return skip(`案件状态不可读 / case state not readable: ${(err as Error).message}`);
  }
  // a case that cannot move would hold the run for the whole answer bound: named and skipped
  const wedged = await wedgedBecause(ctx, ref.caseId).catch(() => null);
  if (wedged) return skip(`技术故障，未执行 / technically stuck, not run: ${wedged}`);
  const type = intervention.type;
  if (type === MIGRATE_EVENT) return migrationPlanFor(ctx, base, intervention.payload);
  const payload: Record<string, unknown> = { ...intervention.payload };
  if (isDutyTargeted(type)) {
    const duty = pickDuty(view.openDuties, intervention.duty, payload.dutyId);
    if (!duty) return skip(`当前状态 ${view.status}：没有符合条件的未完成事项 / no matching open duty`);
    payload.dutyId = duty.id;
  }
  parsePayload(type, payload, {}, 'intervention.payload');
  if (type === 'admin.duty.reassign') {
    const owner = await checkReassignOwner(ctx.db, payload.owner as { role: Role; unit: string }).then(
      () => null,
      (err: unknown) => (err instanceof ApiError ? err.message : String(err)),
    );
    if (owner) return skip(`当前状态 ${view.status}：${owner}`);
  }
  const preview = await ctx.cases.preview(ref.caseId, type, { ...payload, actor: actorFor(user, ref) });
  if (!preview.ok) return skip(`当前状态 ${view.status}：${preview.refusal}`);
  return {
    ...base,
    status: preview.before.status,
    willChange: true,
    change: describeChange(preview.before, preview.after),
    skipReason: null,
    payload,
    lastSeq: preview.before.lastSeq,
  };
}

/** Migration to v2: the same pure migration the workflow runs, on the stored v1 state. */
async function migrationPlanFor(
  ctx: ApiContext,
  base: Omit<PlanItem, 'skipReason'>,
  raw: Record<string, unknown>,
): Promise<PlanItem> {
  const parsed = migrateBodySchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, 'intervention.payload');
  if (base.status === null || (TERMINAL_STATUSES as readonly string[]).includes(base.status))
    return { ...base, skipReason: '已结束的案件无须迁移 / a closed case is not migrated' };
  const preview = await ctx.cases.migrationPreview(base.caseId);
  if (!preview) return { ...base, skipReason: '已按第2版规则运行 / already on machine version 2' };
  const view = await ctx.cases.status(base.caseId).catch(() => null);
  return {
    ...base,
    lastSeq: view?.lastSeq ?? null,
    status: preview.before.status,
    willChange: true,
    change:
      preview.changes.length > 0
        ? `machine v1 → v2; ${preview.changes.join('; ')}`
        : 'machine v1 → v2; 状态与期限不变 / same state and due dates',
    skipReason: null,
    payload: parsed.data,
  };
}

const labelOf = (type: string) => (type === MIGRATE_EVENT ? migrateLabel : eventLabels[type as EventType]);

/** One case of a bulk run: the intervention as an Update (migration: its own Update). */
function execute(
  ctx: ApiContext,
  user: ApiUser,
  ref: CaseRef,
  type: string,
  payload: Record<string, unknown>,
) {
  const actor = actorFor(user, ref);
  if (type === MIGRATE_EVENT)
    return ctx.cases.migrate(ref.caseId, { actor, reason: String(payload.reason) }).catch((err: unknown) => {
      throw fromClientError(err);
    });
  return sendAs(ctx, ref, type as EventType, payload, actor);
}

/** The filter's cases in the caller's scope and the per-case plan, by the machine (the dry run). */
async function planBulk(ctx: ApiContext, user: ApiUser, body: Omit<BulkBody, 'dryRun'>) {
  const { filter, intervention } = body;
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
    intervention: { type: intervention.type, label: labelOf(intervention.type) },
    matched: page.total,
    considered: refs.length,
    truncated: page.total > refs.length,
    willChange: plan.filter((p) => p.willChange).length,
  };
  return { refs, plan, summary };
}

const errorOf = (err: unknown) =>
  err instanceof ApiError ? err.body().error : { code: 'INTERNAL', message: (err as Error).message };

/**
 * An approved bulk proposal: exactly its stored plan, case by case. A case whose state moved on
 * since the plan (another step in its audit trail) is skipped and reported, never re-planned.
 */
export async function executeApprovedPlan(
  ctx: ApiContext,
  user: ApiUser,
  p: StoredProposal,
): Promise<BulkOutcome[]> {
  const results: BulkOutcome[] = [];
  for (const item of (p.plan as StoredPlanItem[] | null) ?? []) {
    if (!item.willChange || !item.payload) {
      results.push({ caseId: item.caseId, outcome: 'skipped', change: item.change, reason: item.skipReason });
      continue;
    }
    try {
      const ref = await caseInScope(ctx.db, user, item.caseId);
      const now = await ctx.cases.status(ref.caseId);
      if (item.lastSeq !== null && now.lastSeq !== item.lastSeq) {
        results.push({
          caseId: item.caseId,
          outcome: 'skipped',
          change: item.change,
          reason: `批准的计划之后案件已有变化（第 ${item.lastSeq} → ${now.lastSeq} 步），未执行 / the case changed since the approved plan (audit step ${item.lastSeq} → ${now.lastSeq}): not executed`,
        });
        continue;
      }
      const payload = {
        ...item.payload,
        reason: `${String(item.payload.reason)}（双人复核 ${p.proposalId}：${p.proposedBy} 提议，${user.username} 批准 / four eyes: proposed by ${p.proposedBy}, approved by ${user.username}）`,
      };
      const view = await execute(ctx, user, ref, p.interventionType, payload);
      results.push({ caseId: item.caseId, outcome: 'changed', change: item.change, status: view.status });
    } catch (err) {
      results.push({ caseId: item.caseId, outcome: 'failed', change: item.change, error: errorOf(err) });
    }
  }
  return results;
}

export function bulkRoutes(r: ZodApp, ctx: ApiContext): void {
  r.post(
    '/api/bulk',
    {
      schema: {
        tags: ['operations'],
        summary: `One intervention over every case of a filter (org admins, own scope, at most ${BULK_MAX} cases). dryRun (default true) previews; false executes (refused with rule fourEyes.required when the department's policy needs a second admin: POST /api/bulk/proposals).`,
        security: [{ session: [], csrf: [] }],
        body: bulkBodySchema,
        response: { 200: bulkAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      assertOrgAdmin(user, '批量干预 / run bulk interventions');
      const { dryRun, intervention } = request.body;
      const { refs, plan, summary } = await planBulk(ctx, user, request.body);
      if (dryRun)
        return {
          dryRun: true as const,
          ...summary,
          secondAdmin: bulkNeedsSecondAdmin(defaultPolicy, summary.willChange),
          items: plan.map(({ payload: _p, lastSeq: _s, ...item }) => item),
        };
      // the department's current policy decides a bulk run (its cases' copies may differ)
      if (bulkNeedsSecondAdmin(defaultPolicy, summary.willChange))
        throw fourEyesRefusal(
          `a bulk run changing ${summary.willChange} cases (more than ${defaultPolicy.fourEyes?.bulkOver})`,
          `department policy ${defaultPolicy.id} v${defaultPolicy.version}`,
        );
      const results: BulkOutcome[] = [];
      for (const [i, item] of plan.entries()) {
        const ref = refs[i] as CaseRef;
        if (!item.willChange || !item.payload) {
          results.push({ caseId: item.caseId, outcome: 'skipped', change: null, reason: item.skipReason });
          continue;
        }
        try {
          const view = await execute(ctx, user, ref, intervention.type, item.payload);
          results.push({ caseId: item.caseId, outcome: 'changed', change: item.change, status: view.status });
        } catch (err) {
          results.push({ caseId: item.caseId, outcome: 'failed', change: item.change, error: errorOf(err) });
        }
      }
      return { dryRun: false as const, ...summary, items: results };
    },
  );

  r.post(
    '/api/bulk/proposals',
    {
      schema: {
        tags: ['operations'],
        summary:
          '双人复核 of a bulk run (org admins): stores the dry run’s exact per-case plan as a proposal; another admin of the department approves (exactly that plan is executed; cases changed since are skipped and reported) or rejects it',
        security: [{ session: [], csrf: [] }],
        body: bulkProposalBodySchema,
        response: { 201: proposalAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      assertMayAct(user);
      assertOrgAdmin(user, '批量干预 / run bulk interventions');
      const reason = request.body.intervention.payload.reason;
      if (typeof reason !== 'string' || reason.trim().length < 2)
        throw new ApiError(
          'INVALID_INPUT',
          'intervention.payload.reason: 须说明理由 / a reason is required',
          {
            field: 'intervention.payload.reason',
          },
        );
      const { plan, summary } = await planBulk(ctx, user, request.body);
      if (summary.willChange === 0)
        throw new ApiError('EVENT_REFUSED', '计划中没有会变化的案件 / the plan changes no case');
      const orgUnit = user.units[0] ?? '';
      const terms = await ctx.cases.departmentFourEyes();
      const stored = await insertProposal(ctx.db, {
        proposalId: newProposalId(),
        scope: 'bulk',
        orgUnit,
        caseId: null,
        interventionType: request.body.intervention.type,
        payload: request.body.intervention.payload,
        filter: request.body.filter,
        plan,
        change: `${summary.willChange} / ${summary.considered} 个案件将变化 / cases will change`,
        reason,
        proposedBy: user.username,
        proposedAt: new Date().toISOString(),
        dueAt: terms.dueAt,
        stuckAt: terms.stuckAt,
      });
      await startLadder(ctx, stored, terms.ladder, request.log);
      ctx.metrics?.proposals.inc({ scope: 'bulk', step: 'proposed' });
      return reply.code(201).send({ proposal: await proposalView(ctx, user, stored) });
    },
  );
}
