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
  type CaseView,
  type DutyView,
} from '../../contract';
import { eventLabels } from '../../machines/secondment';
import { listCasesInScope } from '../../store';
import { inBatches } from '../../common/inBatches';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import { actorFor, assertOrgAdmin, caseInScope, type CaseRef } from '../scope';
import { parsePayload, sendAs } from './cases';
import type { ZodApp } from './types';

type PlanItem = BulkPlanItem & { payload: Record<string, unknown> | null };

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
  const type = intervention.type;
  const payload: Record<string, unknown> = { ...intervention.payload };
  if (isDutyTargeted(type)) {
    const duty = pickDuty(view.openDuties, intervention.duty, payload.dutyId);
    if (!duty) return skip(`当前状态 ${view.status}：没有符合条件的未完成事项 / no matching open duty`);
    payload.dutyId = duty.id;
  }
  parsePayload(type, payload, {}, 'intervention.payload');
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
        intervention: { type: intervention.type, label: eventLabels[intervention.type] },
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
          const view = await sendAs(ctx, ref, intervention.type, item.payload, actorFor(user, ref));
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
