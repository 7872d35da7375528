import type { BulkOutcome } from '../contract';
import { inBatches } from '../common/inBatches';
import { MACHINE_VERSION, type Actor } from '../machines/secondment';
import { caseRefInScope, openCaseIds } from '../store';
import type { ApiUser } from './auth/users';
import type { ApiContext } from './context';
import { describeChange } from './describeChange';
import { ApiError, fromClientError } from './errors';

export interface Replan {
  considered: number;
  changed: number;
  skipped: number;
  failed: number;
  items: BulkOutcome[];
}

/**
 * A year's holiday table was loaded: every open v2 case gets one calendar.update (the system's
 * event, recorded with who loaded the table), so its deadlines computed without that table, or
 * with an older version, are re-planned, each with an audit entry. A case the table does not
 * concern is skipped by the machine's own rule (calendar.noChange), decided first on the stored
 * state; running it again is harmless. v1 cases are not touched: migration computes with the
 * current tables.
 */
export async function replanOpenCases(
  ctx: ApiContext,
  user: ApiUser,
  table: { year: number; version: number; source: string },
): Promise<Replan> {
  const actor: Actor = { id: `calendar:${user.username}`, role: 'system', unit: 'system' };
  const input = {
    year: table.year,
    version: table.version,
    reason: `${table.year}年节假日安排第${table.version}版（${table.source}）/ holiday table ${table.year} version ${table.version}`,
    actor,
  };
  const ids = await openCaseIds(ctx.db, MACHINE_VERSION);
  const outcomes = await inBatches(ids, 5, async (caseId): Promise<BulkOutcome> => {
    const preview = await ctx.cases.preview(caseId, 'calendar.update', input);
    if (!preview.ok) return { caseId, outcome: 'skipped', change: null, reason: preview.refusal };
    const change = describeChange(preview.before, preview.after);
    try {
      const view = await ctx.cases.send(caseId, 'calendar.update', input);
      return { caseId, outcome: 'changed', change, status: view.status };
    } catch (err) {
      const e = fromClientError(err);
      const error =
        e instanceof ApiError ? e.body().error : { code: 'INTERNAL', message: (e as Error).message };
      return { caseId, outcome: 'failed', change, error };
    }
  });
  const count = (o: BulkOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  const visible = await inBatches(outcomes, 20, async (o) =>
    (await caseRefInScope(ctx.db, user, o.caseId)) ? o : null,
  );
  return {
    considered: ids.length,
    changed: count('changed'),
    skipped: count('skipped'),
    failed: count('failed'),
    items: visible.filter((o): o is BulkOutcome => o !== null),
  };
}
