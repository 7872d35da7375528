import { z } from 'zod';
import {
  allocationBodySchema,
  assignmentBodySchema,
  boardSchema,
  reasonBodySchema,
  recommendationAnswerSchema,
  recommendationParamsSchema,
  roundDetailSchema,
  roundIdParamSchema,
  type Board,
  type Recommendation,
} from '../../contract';
import { rankLabels } from '../../machines/secondment';
import {
  allocationsOfRound,
  assign,
  assignmentsPerUnit,
  codesInJurisdiction,
  getRecommendation,
  getUnit,
  listApplications,
  listRecommendations,
  reservationsOfRound,
  setAllocation,
  setRecommendationStatus,
  unassign,
  unitNames,
  type StoredRecommendation,
  type StoredRound,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { assertCollecting, assertRoundDepartment, roundActor, roundFor, sendRound } from '../roundAccess';
import { recommendationViews } from './roundEntries';
import { roundDetail } from './rounds';
import type { ZodApp } from './types';

/*
 * The decision board (组织确定): per receiving unit what it asked for (applications), what the
 * department grants (the allocation: the quota the case workflow enforces from stored data — may be
 * fewer than asked, or for a unit that did not ask) and whom it assigns, beside the candidates not
 * yet placed. Assigning beyond an allocation is refused with the rule named (approval.quota).
 */

export async function boardOf(ctx: ApiContext, round: StoredRound): Promise<Board> {
  const [applications, allocations, recs, approved] = await Promise.all([
    listApplications(ctx.db, round.id),
    allocationsOfRound(ctx.db, round.id),
    listRecommendations(ctx.db, round.id),
    reservationsOfRound(ctx.db, round.id),
  ]);
  const views = await recommendationViews(ctx.db, recs);
  const byId = new Map(views.map((v) => [v.id, v]));
  const assigned = recs.filter((r) => r.assignment !== null);
  const unitsOnBoard = [
    ...new Set([
      ...applications.map((a) => a.unit),
      ...allocations.keys(),
      ...assigned.map((r) => r.assignment?.receivingUnit ?? ''),
    ]),
  ].filter(Boolean);
  const names = await unitNames(ctx.db, unitsOnBoard);
  const units = unitsOnBoard.sort().map((code) => {
    const app = applications.find((a) => a.unit === code);
    return {
      unit: { code, name: names.get(code) ?? { zh: code, en: code } },
      applied: app?.status === 'submitted',
      declined: app?.status === 'declined',
      requested: app?.requested ?? 0,
      posts: (app?.posts ?? []).map((p) => ({ ...p, levelLabel: rankLabels[p.level] })),
      allocation: allocations.get(code) ?? null,
      assigned: assigned
        .filter((r) => r.assignment?.receivingUnit === code)
        .map((r) => ({
          recommendationId: r.id,
          personId: r.personId,
          name: byId.get(r.id)?.person.name ?? r.personId,
          kind: r.kind,
          post: {
            title: r.assignment?.title ?? '',
            level: r.assignment?.level ?? 'deputy_section',
            elected: r.assignment?.elected ?? false,
          },
          eligible: r.eligibility.ok,
        })),
      approved: approved.get(code) ?? 0,
    };
  });
  return {
    roundId: round.id,
    status: round.status,
    units,
    candidates: views.filter((v) => v.status === 'candidate'),
    totals: {
      requested: units.reduce((n, u) => n + u.requested, 0),
      allocated: units.reduce((n, u) => n + (u.allocation ?? 0), 0),
      assigned: assigned.length,
      candidates: views.filter((v) => v.status === 'candidate').length,
    },
  };
}

async function recommendationOf(
  ctx: ApiContext,
  round: StoredRound,
  id: string,
): Promise<StoredRecommendation> {
  const rec = await getRecommendation(ctx.db, round.id, id);
  if (!rec) throw notFound('recommendation');
  return rec;
}

/** Over the allocation: refused with the rule named, the unit by its name (codes are for machines). */
const quotaExceeded = (unit: { zh: string; en: string }, quota: number, assigned: number) =>
  new ApiError(
    'QUOTA_EXCEEDED',
    `接收单位${unit.zh}名额${quota}人，已确定${assigned}人，名额已满 / receiving unit ${unit.en} has a quota of ${quota} and ${assigned} assigned: no place left`,
    { field: 'body.receivingUnit', rule: 'approval.quota' },
  );

export function roundBoardRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/rounds/:id/board',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'The decision board: per receiving unit applications vs allocation vs assignments (and approved cases), and the candidates not yet placed',
        params: roundIdParamSchema,
        response: { 200: boardSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      if (user.role !== 'org_admin' && user.role !== 'auditor' && user.role !== 'united_front')
        throw new ApiError('FORBIDDEN', '决定板仅限组织部 / the board is the organization department’s', {
          rule: 'round.role',
        });
      return boardOf(ctx, round);
    },
  );

  r.post(
    '/api/rounds/:id/allocations',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Set a receiving unit’s allocation (名额, the quota the cases enforce); the round’s department while it collects',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: allocationBodySchema,
        response: { 200: boardSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '分配名额 / allocate places');
      assertCollecting(round);
      const { receivingUnit, quota } = request.body;
      if (
        !(await getUnit(ctx.db, receivingUnit)) ||
        !(await codesInJurisdiction(ctx.db, user.units, [receivingUnit])).has(receivingUnit)
      )
        throw new ApiError(
          'INVALID_INPUT',
          `不在本辖区单位库中 / not a unit of your jurisdiction: ${receivingUnit}`,
          {
            field: 'body.receivingUnit',
          },
        );
      const assigned = (await assignmentsPerUnit(ctx.db, round.id)).get(receivingUnit) ?? 0;
      if (quota < assigned)
        throw new ApiError(
          'QUOTA_EXCEEDED',
          `已确定${assigned}人，名额不能少于此数 / ${assigned} already assigned: the allocation cannot be lower`,
          { field: 'body.quota', rule: 'approval.quota' },
        );
      await setAllocation(ctx.db, {
        roundId: round.id,
        year: round.year,
        receivingUnit,
        quota,
        setBy: user.username,
      });
      return boardOf(ctx, round);
    },
  );

  r.post(
    '/api/rounds/:id/assignments',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Assign a candidate to a receiving unit and post (组织确定): within the unit’s allocation (else QUOTA_EXCEEDED, rule approval.quota), eligible candidates only',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: assignmentBodySchema,
        response: { 200: boardSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '确定人选 / assign candidates');
      assertCollecting(round);
      const { recommendationId, receivingUnit, post } = request.body;
      const rec = await recommendationOf(ctx, round, recommendationId);
      if (rec.status !== 'candidate' && rec.status !== 'assigned')
        throw new ApiError('EVENT_REFUSED', `该推荐已${rec.status} / the recommendation is ${rec.status}`, {
          field: 'body.recommendationId',
          rule: 'round.state',
        });
      if (!rec.eligibility.ok)
        throw new ApiError(
          'EVENT_REFUSED',
          `被推荐人不符合选派条件：${rec.eligibility.failures.map((f) => f.zh).join('；')} / not eligible: ${rec.eligibility.failures.map((f) => f.en).join('; ')}`,
          { field: 'body.recommendationId', rule: 'nomination.eligibility' },
        );
      if (receivingUnit === rec.sendingUnit)
        throw new ApiError(
          'EVENT_REFUSED',
          '接收单位不得与派出单位相同 / the receiving unit must differ from the sending unit',
          {
            field: 'body.receivingUnit',
            rule: 'approval.unit',
          },
        );
      const quota = (await allocationsOfRound(ctx.db, round.id)).get(receivingUnit);
      if (quota === undefined)
        throw new ApiError(
          'QUOTA_EXCEEDED',
          `请先为${receivingUnit}分配名额 / set ${receivingUnit}'s allocation first`,
          { field: 'body.receivingUnit', rule: 'approval.quota' },
        );
      const others = (await listRecommendations(ctx.db, round.id)).filter(
        (x) => x.assignment?.receivingUnit === receivingUnit && x.id !== rec.id,
      ).length;
      if (others >= quota) {
        const name = (await unitNames(ctx.db, [receivingUnit])).get(receivingUnit);
        throw quotaExceeded(name ?? { zh: receivingUnit, en: receivingUnit }, quota, others);
      }
      await assign(ctx.db, {
        roundId: round.id,
        recommendationId: rec.id,
        receivingUnit,
        title: post.title,
        level: post.level,
        elected: post.elected,
        by: user.username,
      });
      return boardOf(ctx, round);
    },
  );

  r.post(
    '/api/rounds/:id/assignments/:recId/remove',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Take a candidate off the board again (back to candidates)',
        security: [{ session: [], csrf: [] }],
        params: recommendationParamsSchema,
        response: { 200: boardSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '调整人选 / change the board');
      assertCollecting(round);
      const rec = await recommendationOf(ctx, round, request.params.recId);
      if (!rec.assignment) throw notFound('assignment');
      await unassign(ctx.db, rec.id, 'candidate', null);
      return boardOf(ctx, round);
    },
  );

  r.post(
    '/api/rounds/:id/recommendations/:recId/reject',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'The department does not select a candidate (reason required); counted apart in the statistics',
        security: [{ session: [], csrf: [] }],
        params: recommendationParamsSchema,
        body: reasonBodySchema,
        response: { 200: recommendationAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '确定人选 / decide on candidates');
      assertCollecting(round);
      const rec = await recommendationOf(ctx, round, request.params.recId);
      if (rec.status === 'withdrawn')
        throw new ApiError('EVENT_REFUSED', '该推荐已撤回 / the recommendation was withdrawn', {
          rule: 'round.state',
        });
      if (rec.assignment) await unassign(ctx.db, rec.id, 'rejected', request.body.reason);
      else await setRecommendationStatus(ctx.db, rec.id, 'rejected', request.body.reason);
      const saved = await recommendationOf(ctx, round, rec.id);
      return { recommendation: (await recommendationViews(ctx.db, [saved]))[0] as Recommendation };
    },
  );

  r.post(
    '/api/rounds/:id/decide',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Fix the board (组织确定): the round moves to DECIDED, unanswered application and recommendation duties lapse; then the launch',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: z.object({}).strict().default({}),
        response: { 200: roundDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '组织确定 / decide the round');
      const board = await boardOf(ctx, round);
      const recs = await listRecommendations(ctx.db, round.id);
      await sendRound(
        ctx,
        round.id,
        'round.decide',
        {
          assigned: board.totals.assigned,
          rejected: recs.filter((x) => x.status === 'rejected').length,
          allocations: board.units.filter((u) => u.allocation !== null).length,
        },
        roundActor(user, round.orgUnit),
      );
      return roundDetail(ctx, user, await roundFor(ctx, user, round.id));
    },
  );
}
