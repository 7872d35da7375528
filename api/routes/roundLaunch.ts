import { z } from 'zod';
import {
  launchPreviewSchema,
  launchProgressSchema,
  roundIdParamSchema,
  type LaunchProgress,
} from '../../contract';
import {
  allocationsOfRound,
  launchOf,
  listRecommendations,
  listRoundCases,
  personNames,
  roundCaseId,
  startLaunch,
  unitNames,
  type StoredRound,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import { assertRoundDepartment, roundActor, roundFor, sendRound } from '../roundAccess';
import type { ZodApp } from './types';

/*
 * Launch (启动选派): one action starts the cases of a decided round — each assigned candidate one
 * secondment workflow, started by the round's workflow in batches through an activity, the board's
 * decision recorded as each case's approval. The case id follows from (round, recommendation), so a
 * retried launch starts nothing twice. A dry-run preview says exactly what will happen.
 */

export async function launchProgress(ctx: ApiContext, roundId: string): Promise<LaunchProgress | null> {
  const launch = await launchOf(ctx.db, roundId);
  if (!launch) return null;
  const [cases, state] = await Promise.all([listRoundCases(ctx.db, roundId), ctx.rounds.stored(roundId)]);
  // The round's own state says when the launch finished (its workflow's round.launch.finish).
  const finishedAt = state?.context.launch?.finishedAt ?? null;
  return {
    roundId,
    running: finishedAt === null,
    total: launch.total,
    started: cases.filter((c) => c.state !== 'starting').length,
    approved: cases.filter((c) => c.state === 'approved').length,
    failed: cases.filter((c) => c.state === 'failed').length,
    startedBy: launch.startedBy,
    startedAt: launch.startedAt,
    finishedAt,
    items: cases.map((c) => ({
      caseId: c.caseId,
      recommendationId: c.recommendationId,
      name: c.name,
      state: c.state,
      error: c.error,
    })),
  };
}

async function previewOf(ctx: ApiContext, round: StoredRound) {
  const [recs, allocations, cases] = await Promise.all([
    listRecommendations(ctx.db, round.id),
    allocationsOfRound(ctx.db, round.id),
    listRoundCases(ctx.db, round.id),
  ]);
  const assigned = recs.filter((r) => r.status === 'assigned' && r.assignment !== null);
  const persons = await personNames(
    ctx.db,
    assigned.map((r) => r.personId),
  );
  const names = await unitNames(
    ctx.db,
    assigned.flatMap((r) => [r.sendingUnit, r.assignment?.receivingUnit ?? '']),
  );
  const unit = (code: string) => ({ code, name: names.get(code) ?? { zh: code, en: code } });
  const launched = new Map(cases.map((c) => [c.recommendationId, c]));
  const placed = new Map<string, number>();
  const items = assigned.map((r) => {
    const receiving = r.assignment?.receivingUnit ?? '';
    const n = (placed.get(receiving) ?? 0) + 1;
    placed.set(receiving, n);
    const quota = allocations.get(receiving);
    const done = launched.get(r.id);
    const blocked = !r.eligibility.ok
      ? `不符合选派条件：${r.eligibility.failures.map((f) => f.zh).join('；')}`
      : quota === undefined
        ? `未分配名额 / no allocation for ${receiving}`
        : n > quota
          ? `超出名额（${quota}人） / over the allocation of ${quota} (rule approval.quota)`
          : null;
    return {
      recommendationId: r.id,
      caseId: roundCaseId(round.id, r.id),
      name: persons.get(r.personId) ?? r.personId,
      kind: r.kind,
      sendingUnit: unit(r.sendingUnit),
      receivingUnit: unit(receiving),
      post: r.assignment?.title ?? '',
      term: { start: round.termStart, end: round.termEnd },
      subsidyPerDay: round.subsidyPerDay,
      outcome: done ? ('already' as const) : blocked ? ('blocked' as const) : ('start' as const),
      reason: done ? `已启动（${done.state}）` : blocked,
    };
  });
  return {
    roundId: round.id,
    status: round.status,
    items,
    counts: {
      start: items.filter((i) => i.outcome === 'start').length,
      already: items.filter((i) => i.outcome === 'already').length,
      blocked: items.filter((i) => i.outcome === 'blocked').length,
    },
  };
}

export function roundLaunchRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/rounds/:id/launch/preview',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Dry run of the launch: per assigned candidate the case id, units, post, term, subsidy and what will happen',
        params: roundIdParamSchema,
        response: { 200: launchPreviewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '启动选派 / launch the round');
      return previewOf(ctx, round);
    },
  );

  r.post(
    '/api/rounds/:id/launch',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Launch the decided round: the round workflow starts every assigned candidate’s case in batches (idempotent: a second launch starts nothing); progress in GET /api/rounds/:id/launch',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: z.object({}).strict().default({}),
        response: { 202: launchProgressSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '启动选派 / launch the round');
      const preview = await previewOf(ctx, round);
      const existing = await launchProgress(ctx, round.id);
      if (existing) return reply.code(202).send(existing);
      if (round.status !== 'DECIDED')
        throw new ApiError(
          'EVENT_REFUSED',
          `本批次尚未组织确定（${round.status}） / the round is not decided yet`,
          {
            rule: 'round.state',
          },
        );
      await sendRound(
        ctx,
        round.id,
        'round.launch.start',
        { total: preview.items.length },
        roundActor(user, round.orgUnit),
      );
      await startLaunch(ctx.db, round.id, preview.items.length, user.username);
      request.log.info(
        { user: user.username, round: round.id, total: preview.items.length },
        'round launched',
      );
      return reply.code(202).send((await launchProgress(ctx, round.id)) as LaunchProgress);
    },
  );

  r.get(
    '/api/rounds/:id/launch',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Progress of the launch: cases started and approved, failures with their reason',
        params: roundIdParamSchema,
        response: { 200: launchProgressSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const progress = await launchProgress(ctx, round.id);
      if (!progress) throw new ApiError('NOT_FOUND', '本批次尚未启动 / the round has not been launched');
      return progress;
    },
  );
}
