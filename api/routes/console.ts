import { z } from 'zod';
import {
  categoryLabels,
  gradeLabels,
  kindLabels,
  programmeLabels,
  rankLabels,
  roleLabels,
  statusLabels,
  TERMINAL_STATUSES,
} from '../../machines/secondment';
import { STATUS_STATE } from '../../machines/secondment/status';
import type { DutyView } from '../../workflows/secondment/definitions';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import { SCOPE_COLUMNS } from '../caseList';
import { openCasesInScope, scopePredicate, type CaseRef } from '../scope';
import type { ApiContext } from '../server';
import type { ZodApp } from './types';

/*
 * Three reads the web console needs and the case list cannot express: counts for the dashboard
 * (grouped in SQL, so they stay right beyond one page of cases) and the open duties the caller's
 * unit owes. Both go through the same scope rule as every other read.
 */

const OPEN_CASES_MAX = 500;

const countSchema = z.object({ key: z.string(), count: z.number().int() });

/** Does this duty fall to this user (their role, one of their units; a cadre's own case)? */
export function owes(user: ApiUser, duty: Pick<DutyView, 'owner'>): boolean {
  if (user.role === 'auditor') return false;
  if (duty.owner.role !== user.role) return false;
  return user.role === 'cadre' || user.units.includes(duty.owner.unit);
}

export function consoleReadRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/meta/vocabulary',
    {
      schema: {
        tags: ['meta'],
        summary:
          'Names (zh/en) of statuses, kinds, roles, ranks, grades, programmes, categories; status → statechart state',
      },
    },
    (request, reply) => {
      callerOf(request);
      // The machine's tables as they are, so the console never keeps its own copy of them.
      return reply.header('cache-control', 'private, max-age=300').send({
        statuses: statusLabels,
        kinds: kindLabels,
        roles: roleLabels,
        ranks: rankLabels,
        grades: gradeLabels,
        programmes: programmeLabels,
        categories: categoryLabels,
        statusState: STATUS_STATE,
        terminalStatuses: TERMINAL_STATUSES,
      });
    },
  );

  r.get(
    '/api/stats',
    {
      schema: {
        tags: ['cases'],
        summary: 'Case counts in your scope: total, overdue, stuck, by status, kind, unit and year',
        response: {
          200: z.object({
            total: z.number().int(),
            overdue: z.number().int(),
            stuck: z.number().int(),
            byStatus: z.array(countSchema),
            byKind: z.array(countSchema),
            bySendingUnit: z.array(countSchema),
            byReceivingUnit: z.array(countSchema),
            byYear: z.array(countSchema),
          }),
        },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const params: unknown[] = [];
      const scope = scopePredicate(user, SCOPE_COLUMNS, params);
      const from = `FROM cases c LEFT JOIN case_parties p ON p.case_id = c.case_id WHERE ${scope}`;
      const group = async (column: string) =>
        (
          await ctx.db.query<{ key: string | number; count: number }>(
            `SELECT ${column} AS key, count(*)::int AS count ${from} GROUP BY 1 ORDER BY 2 DESC, 1`,
            params,
          )
        ).map((x) => ({ key: String(x.key), count: x.count }));
      const [totals, byStatus, byKind, bySendingUnit, byReceivingUnit, byYear] = await Promise.all([
        ctx.db.query<{ total: number; overdue: number; stuck: number }>(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE c.overdue)::int AS overdue,
                  count(*) FILTER (WHERE c.stuck)::int AS stuck ${from}`,
          params,
        ),
        group('c.status'),
        group('c.kind'),
        group('c.sending_unit'),
        group('c.receiving_unit'),
        group('c.year'),
      ]);
      const t = totals[0] ?? { total: 0, overdue: 0, stuck: 0 };
      return { ...t, byStatus, byKind, bySendingUnit, byReceivingUnit, byYear };
    },
  );

  r.get(
    '/api/my/duties',
    {
      schema: {
        tags: ['cases'],
        summary:
          "Open duties your unit owes (your role, your units; a cadre's own case), soonest due first, with escalation step",
      },
    },
    async (request) => {
      const user = callerOf(request);
      if (user.role === 'auditor') return { items: [], scanned: 0, unavailable: [], truncated: false };
      // Open duties live in the workflows, not in the projection (which keeps only the next one).
      const open = await openCasesInScope(ctx.db, user, OPEN_CASES_MAX);
      const items: {
        caseId: string;
        status: string;
        kind: string;
        sendingUnit: string;
        receivingUnit: string;
        duty: DutyView & { escalationStep: string | null; overdue: boolean };
      }[] = [];
      const unavailable: string[] = [];
      const now = Date.now();
      const scan = async (ref: CaseRef) => {
        try {
          const view = await ctx.cases.status(ref.caseId);
          for (const d of view.openDuties.filter((x) => owes(user, x))) {
            items.push({
              caseId: view.caseId,
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
      };
      for (let i = 0; i < open.length; i += 10) await Promise.all(open.slice(i, i + 10).map(scan));
      items.sort(
        (a, b) => Date.parse(a.duty.dueAt) - Date.parse(b.duty.dueAt) || a.caseId.localeCompare(b.caseId),
      );
      return { items, scanned: open.length, unavailable, truncated: open.length >= OPEN_CASES_MAX };
    },
  );
}
