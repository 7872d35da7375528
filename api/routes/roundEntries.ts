import { randomUUID } from 'node:crypto';
import {
  applicationAnswerSchema,
  applicationBodySchema,
  applicationListSchema,
  declineBodySchema,
  reasonBodySchema,
  recommendationAnswerSchema,
  recommendationBodySchema,
  recommendationListSchema,
  recommendationParamsSchema,
  recommendationStatusLabels,
  roundIdParamSchema,
  type Recommendation,
} from '../../contract';
import { evaluateEligibility, getPolicy, rankLabels } from '../../machines/secondment';
import type { Label } from '../../contract';
import {
  cadreFactsOf,
  chinaDay,
  deleteRecommendation,
  getRecommendation,
  insertRecommendation,
  listApplications,
  listRecommendations,
  personInScope,
  personsById,
  poolEntryOf,
  setRecommendationStatus,
  unassign,
  unitNames,
  upsertApplication,
  type StoredApplication,
  type StoredRecommendation,
  type StoredRound,
} from '../../store';
import { termMonths } from '../../common/termMonths';
import type { Queryable } from '../../db';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { precheck, roundActor, roundFor, sendRound } from '../roundAccess';
import type { ZodApp } from './types';

/*
 * Applications (单位申报) and recommendations (推荐) of a round. A receiving unit states how many
 * cadres it wants and for which posts; a sending unit recommends 1–2 candidates of the reserve pool,
 * each with its eligibility computed at entry from the round's policy by the lifecycle machine's own
 * rules (age limit by rank, no principal grassroots post for 下派 …), reasons shown. Each answers a
 * duty of the round's workflow; the department may enter either for a unit (paper submissions).
 */

/** The unit the caller acts for: their own (an officer) or any invited unit (the round's department). */
function actingFor(
  user: ApiUser,
  round: StoredRound,
  unit: string,
  role: 'receiving_officer' | 'sending_officer',
) {
  const department = user.role === 'org_admin' && user.units.includes(round.orgUnit);
  if (department) return roundActor(user, round.orgUnit);
  if (user.role !== role || !user.units.includes(unit))
    throw new ApiError(
      'FORBIDDEN',
      `只能为本单位${role === 'receiving_officer' ? '申报' : '推荐'} / you may ${role === 'receiving_officer' ? 'apply' : 'recommend'} only for your own unit`,
      { field: 'body.unit', rule: 'round.unit' },
    );
  return roundActor(user, unit);
}

export function applicationView(a: StoredApplication) {
  return {
    id: a.id,
    unit: { code: a.unit, name: a.unitName },
    status: a.status,
    requested: a.requested,
    posts: a.posts.map((p) => ({ ...p, levelLabel: rankLabels[p.level] })),
    note: a.note,
    submittedBy: a.submittedBy,
    submittedAt: a.submittedAt,
  };
}

/** Recommendations with the person's and the units' names joined in. */
export async function recommendationViews(
  db: Queryable,
  recs: StoredRecommendation[],
): Promise<Recommendation[]> {
  const persons = await personsById(
    db,
    recs.map((r) => r.personId),
  );
  const names = await unitNames(
    db,
    recs.flatMap((r) => [
      r.sendingUnit,
      ...(r.requestedReceivingUnit ? [r.requestedReceivingUnit] : []),
      ...(r.assignment ? [r.assignment.receivingUnit] : []),
    ]),
  );
  const unit = (code: string): { code: string; name: Label } => ({
    code,
    name: names.get(code) ?? { zh: code, en: code },
  });
  return recs.map((r) => {
    const p = persons.get(r.personId);
    return {
      id: r.id,
      person: {
        id: r.personId,
        name: p?.name ?? r.personId,
        gender: p?.gender ?? null,
        birthDate: p?.birthDate ?? null,
        partyStatus: p?.partyStatus ?? 'cpc',
        partyName: p?.partyName ?? null,
        rank: p?.rank ?? null,
        categories: p?.categories ?? [],
        currentUnitName: p?.currentUnitName ?? null,
        currentPost: p?.currentPost ?? null,
      },
      sendingUnit: unit(r.sendingUnit),
      kind: r.kind,
      requestedReceivingUnit: r.requestedReceivingUnit ? unit(r.requestedReceivingUnit) : null,
      source: r.source,
      eligibility: r.eligibility,
      status: r.status,
      statusLabel: recommendationStatusLabels[r.status],
      statusReason: r.statusReason,
      assignment: r.assignment
        ? {
            receivingUnit: unit(r.assignment.receivingUnit),
            post: { title: r.assignment.title, level: r.assignment.level, elected: r.assignment.elected },
          }
        : null,
      caseId: r.caseId,
      note: r.note,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
    };
  });
}

export function roundEntryRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/rounds/:id/applications',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Applications of the round (a receiving officer: their own unit’s)',
        params: roundIdParamSchema,
        response: { 200: applicationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const units =
        user.role === 'receiving_officer' ? user.units : user.role === 'sending_officer' ? [] : undefined;
      return { items: (await listApplications(ctx.db, round.id, units)).map(applicationView) };
    },
  );

  r.post(
    '/api/rounds/:id/applications',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'A receiving unit’s application (单位申报): posts (title, level, elected, count); replaces an earlier one while the round collects',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: applicationBodySchema,
        response: { 201: applicationAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const { unit, posts, note } = request.body;
      const actor = actingFor(user, round, unit, 'receiving_officer');
      const id = `ap${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const requested = posts.reduce((n, p) => n + p.count, 0);
      const event = { unit, applicationId: id, requested };
      await precheck(ctx, round.id, 'round.application.submit', event, actor);
      await sendRound(ctx, round.id, 'round.application.submit', event, actor);
      await upsertApplication(ctx.db, {
        id,
        roundId: round.id,
        unit,
        status: 'submitted',
        requested,
        posts,
        note: note ?? null,
        submittedBy: user.username,
      });
      const saved = (await listApplications(ctx.db, round.id, [unit]))[0];
      return reply.code(201).send({ application: applicationView(saved as StoredApplication) });
    },
  );

  r.post(
    '/api/rounds/:id/applications/decline',
    {
      schema: {
        tags: ['rounds'],
        summary: 'A receiving unit answers that it asks for no cadre this round (with the reason)',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: declineBodySchema,
        response: { 201: applicationAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const { unit, reason } = request.body;
      const actor = actingFor(user, round, unit, 'receiving_officer');
      const id = `ap${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const event = { unit, applicationId: id, reason };
      await precheck(ctx, round.id, 'round.application.decline', event, actor);
      await sendRound(ctx, round.id, 'round.application.decline', event, actor);
      await upsertApplication(ctx.db, {
        id,
        roundId: round.id,
        unit,
        status: 'declined',
        requested: 0,
        posts: [],
        note: reason,
        submittedBy: user.username,
      });
      const saved = (await listApplications(ctx.db, round.id, [unit]))[0];
      return reply.code(201).send({ application: applicationView(saved as StoredApplication) });
    },
  );

  r.get(
    '/api/rounds/:id/recommendations',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Recommendations of the round with eligibility and reasons (a sending officer: their own unit’s)',
        params: roundIdParamSchema,
        response: { 200: recommendationListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const filter =
        user.role === 'sending_officer'
          ? { sendingUnits: user.units }
          : user.role === 'receiving_officer'
            ? { receivingUnits: user.units }
            : {};
      return {
        items: await recommendationViews(ctx.db, await listRecommendations(ctx.db, round.id, filter)),
      };
    },
  );

  r.post(
    '/api/rounds/:id/recommendations',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Recommend a candidate of the reserve pool (推荐): person, source (with exam and interview scores for competitive selection); eligibility is computed at entry from the round’s policy, reasons shown',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: recommendationBodySchema,
        response: { 201: recommendationAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const body = request.body;
      const actor = actingFor(user, round, body.sendingUnit, 'sending_officer');
      if (!round.kinds.includes(body.kind))
        throw new ApiError('INVALID_INPUT', `本批次不含该挂职类型 / this round has no kind ${body.kind}`, {
          field: 'body.kind',
        });
      if (!(await personInScope(ctx.db, user, body.personId)))
        throw new ApiError('NOT_FOUND', `干部库中未找到 / no such person in the registry: ${body.personId}`, {
          field: 'body.personId',
        });
      if (!(await poolEntryOf(ctx.db, body.personId))?.active)
        throw new ApiError(
          'INVALID_INPUT',
          '只能从拟选派干部库中推荐 / candidates come from the reserve pool: this person is not in it',
          { field: 'body.personId', rule: 'round.pool' },
        );
      const now = new Date();
      const facts = await cadreFactsOf(ctx.db, body.personId, chinaDay(now), round.year);
      if (!facts.ok)
        throw new ApiError(
          'INVALID_INPUT',
          `干部库中该干部缺少：${facts.missing.join('、')} / the registry lacks ${facts.missing.join(', ')}`,
          { field: 'body.personId' },
        );
      // 选派条件 at entry, by the machine's own rules (the approval enforces them again).
      const failures = evaluateEligibility(
        {
          cadre: facts.facts,
          kind: body.kind,
          termMonths: termMonths(round.termStart, round.termEnd),
          source: body.source,
          sendingUnit: body.sendingUnit,
          requestedReceivingUnit: body.requestedReceivingUnit ?? '',
        },
        getPolicy(round.policyId),
      );
      const id = `rr${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const inserted = await insertRecommendation(ctx.db, {
        id,
        roundId: round.id,
        personId: body.personId,
        sendingUnit: body.sendingUnit,
        kind: body.kind,
        requestedReceivingUnit: body.requestedReceivingUnit ?? null,
        source: body.source,
        eligibility: { ok: failures.length === 0, failures, age: facts.facts.age, at: now.toISOString() },
        note: body.note ?? null,
        createdBy: user.username,
      });
      if (!inserted)
        throw new ApiError(
          'EVENT_REFUSED',
          '该干部已被推荐 / this person is already recommended in this round',
          {
            field: 'body.personId',
            rule: 'round.onceARound',
          },
        );
      try {
        await sendRound(
          ctx,
          round.id,
          'round.recommendation.submit',
          { unit: body.sendingUnit, recommendationId: id },
          actor,
        );
      } catch (err) {
        await deleteRecommendation(ctx.db, id);
        throw err;
      }
      const saved = (await getRecommendation(ctx.db, round.id, id)) as StoredRecommendation;
      return reply
        .code(201)
        .send({ recommendation: (await recommendationViews(ctx.db, [saved]))[0] as Recommendation });
    },
  );

  r.post(
    '/api/rounds/:id/recommendations/:recId/withdraw',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'The sending unit withdraws a recommendation (reason required); counted apart in the statistics',
        security: [{ session: [], csrf: [] }],
        params: recommendationParamsSchema,
        body: reasonBodySchema,
        response: { 200: recommendationAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      const rec = await getRecommendation(ctx.db, round.id, request.params.recId);
      if (!rec || (user.role === 'sending_officer' && !user.units.includes(rec.sendingUnit)))
        throw notFound('recommendation');
      const actor = actingFor(user, round, rec.sendingUnit, 'sending_officer');
      if (rec.status === 'withdrawn' || rec.status === 'rejected')
        throw new ApiError(
          'EVENT_REFUSED',
          `该推荐已${recommendationStatusLabels[rec.status].zh} / already ${rec.status}`,
          {
            rule: 'round.noRecommendation',
          },
        );
      await sendRound(
        ctx,
        round.id,
        'round.recommendation.withdraw',
        { unit: rec.sendingUnit, recommendationId: rec.id, reason: request.body.reason },
        actor,
      );
      if (rec.assignment) await unassign(ctx.db, rec.id, 'withdrawn', request.body.reason);
      else await setRecommendationStatus(ctx.db, rec.id, 'withdrawn', request.body.reason);
      const saved = (await getRecommendation(ctx.db, round.id, rec.id)) as StoredRecommendation;
      return { recommendation: (await recommendationViews(ctx.db, [saved]))[0] as Recommendation };
    },
  );
}
