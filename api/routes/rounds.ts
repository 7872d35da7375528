import { randomUUID } from 'node:crypto';
import {
  newRoundSchema,
  roundAnswerSchema,
  roundDetailSchema,
  roundIdParamSchema,
  roundInterventionBodySchema,
  roundInterventionParamsSchema,
  roundListSchema,
  reasonBodySchema,
  auditEntrySchema,
  type Label,
} from '../../contract';
import { z } from 'zod';
import { openRoundDuties, roundEventsFor } from '../../machines/round';
import {
  addRoundUnits,
  codesInJurisdiction,
  deleteRound,
  getAuditTrail,
  getRound,
  getUnit,
  insertRound,
  listRecommendations,
  listApplications,
  listRoundsInScope,
  listSeminars,
  allocationsOfRound,
  nearestDepartment,
  roundSubject,
  roundUnitsOf,
  unitNames,
  listRoundCases,
  type StoredRound,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, fromClientError } from '../errors';
import { assertOrgAdmin } from '../scope';
import { assertRoundDepartment, roundActor, roundFor, roundView, sendRound } from '../roundAccess';
import { launchProgress } from './roundLaunch';
import type { ZodApp } from './types';

/*
 * The round (批次 / 年度挂职工作): an organization department creates it for its jurisdiction,
 * invites receiving units to apply and sending units to recommend (each a duty with a deadline and
 * the escalation ladder, hosted by the round's workflow), and reads its page.
 */

/** The caller's organization department: the unit of theirs that is one (org admins). */
async function departmentOf(ctx: ApiContext, admin: ApiUser): Promise<string> {
  for (const code of admin.units) if ((await getUnit(ctx.db, code))?.type === 'org_dept') return code;
  throw new ApiError(
    'FORBIDDEN',
    '只有组织部可以建立批次 / only an organization department creates a round',
    {
      rule: 'round.role',
    },
  );
}

async function assertInJurisdiction(ctx: ApiContext, admin: ApiUser, codes: string[], field: string) {
  const inside = await codesInJurisdiction(ctx.db, admin.units, codes);
  const outside = codes.filter((c) => !inside.has(c));
  if (outside.length > 0)
    throw new ApiError(
      'INVALID_INPUT',
      `不在本辖区单位库中：${outside.join('、')} / not units of your jurisdiction: ${outside.join(', ')}`,
      { field },
    );
}

/** The end of December of the year before the round's year, China time (seed 003). */
const endOfDecemberBefore = (year: number) => `${year - 1}-12-31T18:00:00+08:00`;

export async function roundDetail(ctx: ApiContext, user: ApiUser, round: StoredRound) {
  const [invited, state, applications, recommendations, allocations, cases, seminars, launch] =
    await Promise.all([
      roundUnitsOf(ctx.db, round.id),
      ctx.rounds.stored(round.id),
      listApplications(ctx.db, round.id),
      listRecommendations(ctx.db, round.id),
      allocationsOfRound(ctx.db, round.id),
      listRoundCases(ctx.db, round.id),
      listSeminars(ctx.db, round.id),
      launchProgress(ctx, round.id),
    ]);
  const duties = state ? openRoundDuties(state.context) : [];
  const names = await unitNames(
    ctx.db,
    duties.map((d) => d.owner.unit),
  );
  const name = (code: string): Label => names.get(code) ?? { zh: code, en: code };
  const count = (status: string) => recommendations.filter((r) => r.status === status).length;
  return {
    round: roundView(round),
    invited,
    duties: duties.map((d) => ({
      id: d.id,
      key: d.key,
      kind: d.kind,
      what: d.what,
      owner: d.owner,
      ownerUnitName: name(d.owner.unit),
      dueAt: d.dueAt,
      nextAlarmAt: d.nextAlarmAt,
      escalations: d.escalations,
      escalationStep: d.escalations.at(-1)?.step ?? null,
      stuck: d.stuck,
      paused: false,
    })),
    counts: {
      applications: applications.filter((a) => a.status === 'submitted').length,
      declined: applications.filter((a) => a.status === 'declined').length,
      requested: applications.reduce((n, a) => n + a.requested, 0),
      recommendations: recommendations.length,
      eligible: recommendations.filter((r) => r.eligibility.ok).length,
      assigned: count('assigned'),
      rejected: count('rejected'),
      withdrawn: count('withdrawn'),
      allocated: [...allocations.values()].reduce((n, q) => n + q, 0),
      cases: cases.length,
    },
    launch,
    seminars: seminars.map((s) => ({ id: s.id, title: s.title, heldAt: s.heldAt, place: s.place })),
    allowed: state ? roundEventsFor(state.context, roundActor(user)) : [],
  };
}

export function roundRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/rounds',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Rounds in your scope (a department’s jurisdiction; an officer’s where their unit takes part)',
        response: { 200: roundListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: (await listRoundsInScope(ctx.db, callerOf(request))).map(roundView) }),
  );

  r.post(
    '/api/rounds',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Create a round of your department (org admins): year, kinds, policy, common term, living subsidy, deadlines (default: end of December of the year before), the units invited to apply and to recommend',
        security: [{ session: [], csrf: [] }],
        body: newRoundSchema,
        response: { 201: roundAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '建立批次 / create a round');
      const body = request.body;
      const orgUnit = await departmentOf(ctx, admin);
      await assertInJurisdiction(ctx, admin, body.receivingUnits, 'body.receivingUnits');
      await assertInJurisdiction(ctx, admin, body.sendingUnits, 'body.sendingUnits');
      if (!['default', 'demo'].includes(body.policy))
        throw new ApiError('INVALID_INPUT', `未知规则 / unknown policy ${body.policy} (default, demo)`, {
          field: 'body.policy',
        });
      const id = body.id ?? `r${body.year}${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      const unitedFrontUnit = (await nearestDepartment(ctx.db, orgUnit, 'united_front_dept')) ?? orgUnit;
      const applicationDeadline = body.applicationDeadline ?? endOfDecemberBefore(body.year);
      const recommendationDeadline = body.recommendationDeadline ?? endOfDecemberBefore(body.year);
      const inserted = await insertRound(ctx.db, {
        id,
        year: body.year,
        name: body.name,
        orgUnit,
        unitedFrontUnit,
        kinds: body.kinds,
        policyId: body.policy,
        termStart: body.term.start,
        termEnd: body.term.end,
        subsidyPerDay: body.subsidyPerDay,
        applicationDeadline,
        recommendationDeadline,
        maxRecommendationsPerUnit: body.maxRecommendationsPerUnit,
        receivingUnits: body.receivingUnits,
        sendingUnits: body.sendingUnits,
        createdBy: admin.username,
      });
      if (!inserted)
        throw new ApiError('ROUND_EXISTS', `批次已存在 / round ${id} already exists`, { field: 'body.id' });
      try {
        await ctx.rounds.start({
          roundId: id,
          year: body.year,
          orgUnit,
          policy: body.policy,
          applicationDeadline,
          recommendationDeadline,
          maxRecommendationsPerUnit: body.maxRecommendationsPerUnit,
          receivingUnits: body.receivingUnits,
          sendingUnits: body.sendingUnits,
          createdBy: { id: admin.username, role: 'org_admin', unit: orgUnit },
          at: new Date().toISOString(),
        });
      } catch (err) {
        await deleteRound(ctx.db, id);
        throw fromClientError(err);
      }
      // Read-your-writes: answer once the round's first transition is stored.
      for (let i = 0; i < 100 && !(await ctx.rounds.stored(id)); i++)
        await new Promise((res) => setTimeout(res, 50));
      request.log.info({ user: admin.username, round: id }, 'round created');
      return reply.code(201).send({ round: roundView((await getRound(ctx.db, id)) as StoredRound) });
    },
  );

  r.get(
    '/api/rounds/:id',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'The round page: the round, invited units, open duties with escalation step, counts, launch progress, seminars, what you may do',
        params: roundIdParamSchema,
        response: { 200: roundDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      return roundDetail(ctx, user, await roundFor(ctx, user, request.params.id));
    },
  );

  r.post(
    '/api/rounds/:id/invitations',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Invite more receiving units to apply and sending units to recommend (the round’s department)',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: z
          .object({
            receivingUnits: newRoundSchema.shape.receivingUnits,
            sendingUnits: newRoundSchema.shape.sendingUnits,
          })
          .strict(),
        response: { 200: roundDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '发函 / invite units');
      const { receivingUnits, sendingUnits } = request.body;
      await assertInJurisdiction(ctx, user, receivingUnits, 'body.receivingUnits');
      await assertInJurisdiction(ctx, user, sendingUnits, 'body.sendingUnits');
      await sendRound(
        ctx,
        round.id,
        'round.invite',
        { receiving: receivingUnits, sending: sendingUnits },
        roundActor(user, round.orgUnit),
      );
      await addRoundUnits(ctx.db, round.id, 'receiving', receivingUnits);
      await addRoundUnits(ctx.db, round.id, 'sending', sendingUnits);
      return roundDetail(ctx, user, await roundFor(ctx, user, round.id));
    },
  );

  r.post(
    '/api/rounds/:id/interventions/:type',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Extend or waive a duty of the round (its department; reason required)',
        security: [{ session: [], csrf: [] }],
        params: roundInterventionParamsSchema,
        body: roundInterventionBodySchema,
        response: { 200: roundDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '干预 / intervene');
      const { dutyId, until, reason } = request.body;
      if (request.params.type === 'admin.deadline.extend' && !until)
        throw new ApiError('INVALID_INPUT', '延长期限须给出新期限 / an extension needs `until`', {
          field: 'body.until',
        });
      await sendRound(
        ctx,
        round.id,
        request.params.type,
        request.params.type === 'admin.deadline.extend' ? { dutyId, until, reason } : { dutyId, reason },
        roundActor(user, round.orgUnit),
      );
      return roundDetail(ctx, user, round);
    },
  );

  r.post(
    '/api/rounds/:id/close',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Close the round (its department; reason required): its cases go on, the round takes nothing more',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: reasonBodySchema,
        response: { 200: roundDetailSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '结束批次 / close the round');
      await sendRound(
        ctx,
        round.id,
        'round.close',
        { reason: request.body.reason },
        roundActor(user, round.orgUnit),
      );
      return roundDetail(ctx, user, await roundFor(ctx, user, round.id));
    },
  );

  r.get(
    '/api/rounds/:id/audit',
    {
      schema: {
        tags: ['rounds'],
        summary: 'The round’s audit trail (the same hash-chained trail as the cases, subject round:<id>)',
        params: roundIdParamSchema,
        response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      return { entries: await getAuditTrail(ctx.db, roundSubject(round.id)) };
    },
  );
}
