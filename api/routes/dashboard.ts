import { myDutiesSchema, statsSchema, type DutyView, type MyDuty } from '../../contract';
import { inBatches } from '../../common/inBatches';
import { kindLabels, statusLabels, type Kind, type StatusCode } from '../../machines/secondment';
import { caseStatsInScope, openCasesInScope, personNames, unitNames, type CaseRef } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES } from '../errors';
import type { ZodApp } from './types';

/*
 * Two reads the web console's dashboard needs and the case list cannot express: counts (grouped in
 * SQL, so they stay right beyond one page of cases) and the open duties the caller's unit owes.
 * Both go through the same scope rule as every other read.
 */

const OPEN_CASES_MAX = 500;

/** Does this duty fall to this user (their role, one of their units; a cadre's own case)? */
export function owes(user: ApiUser, duty: Pick<DutyView, 'owner'>): boolean {
  if (user.role === 'auditor') return false;
  if (duty.owner.role !== user.role) return false;
  return user.role === 'cadre' || user.units.includes(duty.owner.unit);
}

export function dashboardRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/stats',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Case counts in your scope, names joined: total, overdue, stuck, by status, kind, unit and year; rejected and withdrawn nominations counted apart',
        response: { 200: statsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const stats = await caseStatsInScope(ctx.db, callerOf(request));
      const names = await unitNames(ctx.db, [
        ...stats.bySendingUnit.map((x) => x.key),
        ...stats.byReceivingUnit.map((x) => x.key),
      ]);
      const unit = (x: { key: string; count: number }) => ({ ...x, label: names.get(x.key) });
      const status = (x: { key: string; count: number }) => ({
        ...x,
        label: statusLabels[x.key as StatusCode] ?? { zh: x.key, en: x.key },
      });
      return {
        ...stats,
        byStatus: stats.byStatus.map(status),
        notSecondments: stats.notSecondments.map(status),
        byKind: stats.byKind.map((x) => ({
          ...x,
          label: kindLabels[x.key as Kind] ?? { zh: x.key, en: x.key },
        })),
        bySendingUnit: stats.bySendingUnit.map(unit),
        byReceivingUnit: stats.byReceivingUnit.map(unit),
      };
    },
  );

  r.get(
    '/api/my/duties',
    {
      schema: {
        tags: ['cases'],
        summary:
          "Open duties your unit owes (your role, your units; a cadre's own case), soonest due first, with escalation step",
        response: { 200: myDutiesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      if (user.role === 'auditor') return { items: [], scanned: 0, unavailable: [], truncated: false };
      // Open duties live in the case states, not in the projection (which keeps only the next one).
      const open = await openCasesInScope(ctx.db, user, OPEN_CASES_MAX);
      const names = await personNames(
        ctx.db,
        open.flatMap((r) => (r.cadreId ? [r.cadreId] : [])),
      );
      const items: MyDuty[] = [];
      const unavailable: string[] = [];
      const now = Date.now();
      await inBatches(open, 10, async (ref: CaseRef) => {
        try {
          const view = await ctx.cases.status(ref.caseId);
          for (const d of view.openDuties.filter((x) => owes(user, x))) {
            items.push({
              caseId: view.caseId,
              cadreName: ref.cadreId ? (names.get(ref.cadreId) ?? null) : null,
              status: view.status,
              kind: view.kind,
              sendingUnit: view.sendingUnit,
              receivingUnit: view.receivingUnit,
              duty: {
                ...d,
                escalationStep: d.escalations.at(-1)?.step ?? null,
                overdue: Date.parse(d.dueAt) < now,
              },
            });
          }
        } catch {
          unavailable.push(ref.caseId);
        }
      });
      items.sort(
        (a, b) => Date.parse(a.duty.dueAt) - Date.parse(b.duty.dueAt) || a.caseId.localeCompare(b.caseId),
      );
      return { items, scanned: open.length, unavailable, truncated: open.length >= OPEN_CASES_MAX };
    },
  );
}
