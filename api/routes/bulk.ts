import {
  BULK_MAX,
  bulkAnswerSchema,
  bulkBodySchema,
  caseFilterSchema,
  isDutyTargeted,
  pickDuty,
  type BulkBody,
  type BulkOutcome,
  type BulkPlanItem,
  migrateBodySchema,
  type CaseView,
} from '../../contract';
import {
  eventLabels,
  MIGRATE_EVENT,
  migrateLabel,
  TERMINAL_STATUSES,
  type EventType,
  type Role,
} from '../../machines/secondment';
import { listCasesInScope } from '../../store';
import { inBatches } from '../../common/inBatches';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { describeChange } from '../describeChange';
import { checkReassignOwner } from '../reassignOwner';
import { ApiError, ERROR_RESPONSES, fromClientError, invalidInput } from '../errors';
import { actorFor, assertOrgAdmin, caseInScope, type CaseRef } from '../scope';
import { parsePayload, sendAs, wedgedBecause } from './cases';
import type { ZodApp } from './types';

type PlanItem = BulkPlanItem & { payload: Record<string, unknown> | null };

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
  const base = { caseId: ref.caseId, status: ref.status, willChange: false, change: null, payload: null };
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
  return {
    ...base,
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

export function bulkRoutes(r: ZodApp, ctx: ApiContext): void {
  r.post(
    '/api/bulk',
    {
      schema: {
        tags: ['operations'],
        summary: `One intervention over every case of a filter (org admins, own scope, at most ${BULK_MAX} cases). dryRun (default true) previews; false executes.`,
        security: [{ session: [], csrf: [] }],
        body: bulkBodySchema,
        response: { 200: bulkAnswerSchema, ...ERROR_RESPONSES },
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
        intervention: { type: intervention.type, label: labelOf(intervention.type) },
        matched: page.total,
        considered: refs.length,
        truncated: page.total > refs.length,
        willChange: plan.filter((p) => p.willChange).length,
      };
      if (dryRun)
        return { dryRun: true as const, ...summary, items: plan.map(({ payload: _p, ...item }) => item) };
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
          const error =
            err instanceof ApiError
              ? err.body().error
              : { code: 'INTERNAL', message: (err as Error).message };
          results.push({ caseId: item.caseId, outcome: 'failed', change: item.change, error });
        }
      }
      return { dryRun: false as const, ...summary, items: results };
    },
  );
}
