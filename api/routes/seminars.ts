import { randomUUID } from 'node:crypto';
import {
  attendanceBodySchema,
  inviteesSchema,
  minutesBodySchema,
  newSeminarSchema,
  roundIdParamSchema,
  seminarAnswerSchema,
  seminarIdParamSchema,
  seminarListSchema,
  type Seminar,
} from '../../contract';
import {
  codesInJurisdiction,
  createSeminar,
  getSeminar,
  inviteToSeminar,
  listSeminars,
  personInScope,
  seminarInvitees,
  setAttendance,
  setMinutes,
  type StoredSeminar,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { assertRoundDepartment, roundFor } from '../roundAccess';
import type { ZodApp } from './types';

/*
 * Seminars and exchanges (座谈会) of a round: the round's department schedules them and invites
 * cadres and units — each invitation a notification, once per invitee (a cadre at their own
 * address, a unit at its desk) — then records attendance and the minutes. Shown on the round page
 * and on each invited person's page.
 */

async function view(ctx: ApiContext, s: StoredSeminar): Promise<Seminar> {
  return { ...s, invitees: await seminarInvitees(ctx.db, s.id) };
}

async function assertInvitable(
  ctx: ApiContext,
  admin: ApiUser,
  invitees: { persons: string[]; units: string[] },
) {
  for (const id of invitees.persons)
    if (!(await personInScope(ctx.db, admin, id)))
      throw new ApiError('NOT_FOUND', `干部库中未找到 / no such person in your scope: ${id}`, {
        field: 'body.invitees.persons',
      });
  const inside = await codesInJurisdiction(ctx.db, admin.units, invitees.units);
  const outside = invitees.units.filter((u) => !inside.has(u));
  if (outside.length > 0)
    throw new ApiError(
      'INVALID_INPUT',
      `不在本辖区单位库中 / not units of your jurisdiction: ${outside.join(', ')}`,
      {
        field: 'body.invitees.units',
      },
    );
}

/** The seminar and its round, if the caller may see the round; managing needs its department. */
async function seminarFor(ctx: ApiContext, user: ApiUser, id: string, manage: boolean) {
  const s = await getSeminar(ctx.db, id);
  if (!s || !s.roundId) throw notFound('seminar');
  const round = await roundFor(ctx, user, s.roundId);
  if (manage) assertRoundDepartment(user, round, '管理座谈会 / manage seminars');
  return s;
}

export function seminarRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/rounds/:id/seminars',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Seminars (座谈会) of the round with invitees and attendance',
        params: roundIdParamSchema,
        response: { 200: seminarListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const round = await roundFor(ctx, callerOf(request), request.params.id);
      return { items: await Promise.all((await listSeminars(ctx.db, round.id)).map((s) => view(ctx, s))) };
    },
  );

  r.post(
    '/api/rounds/:id/seminars',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Schedule a seminar and invite cadres and units (one notification per invitee); the round’s department',
        security: [{ session: [], csrf: [] }],
        params: roundIdParamSchema,
        body: newSeminarSchema,
        response: { 201: seminarAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const round = await roundFor(ctx, user, request.params.id);
      assertRoundDepartment(user, round, '安排座谈会 / schedule a seminar');
      const body = request.body;
      await assertInvitable(ctx, user, body.invitees);
      const id = `sm${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      await createSeminar(
        ctx.db,
        {
          id,
          roundId: round.id,
          title: body.title,
          heldAt: body.heldAt,
          place: body.place,
          orgUnit: round.orgUnit,
          createdBy: user.username,
        },
        body.invitees,
      );
      return reply
        .code(201)
        .send({ seminar: await view(ctx, (await getSeminar(ctx.db, id)) as StoredSeminar) });
    },
  );

  r.get(
    '/api/seminars/:id',
    {
      schema: {
        tags: ['rounds'],
        summary: 'One seminar: invitees with attendance, minutes',
        params: seminarIdParamSchema,
        response: { 200: seminarAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      seminar: await view(ctx, await seminarFor(ctx, callerOf(request), request.params.id, false)),
    }),
  );

  r.post(
    '/api/seminars/:id/invitees',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Invite more cadres and units (each invited once)',
        security: [{ session: [], csrf: [] }],
        params: seminarIdParamSchema,
        body: inviteesSchema,
        response: { 200: seminarAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const s = await seminarFor(ctx, user, request.params.id, true);
      await assertInvitable(ctx, user, request.body);
      await inviteToSeminar(ctx.db, s.id, request.body);
      return { seminar: await view(ctx, s) };
    },
  );

  r.post(
    '/api/seminars/:id/attendance',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Record whether an invitee attended',
        security: [{ session: [], csrf: [] }],
        params: seminarIdParamSchema,
        body: attendanceBodySchema,
        response: { 200: seminarAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const s = await seminarFor(ctx, user, request.params.id, true);
      const { kind, ref, attended } = request.body;
      if (!(await setAttendance(ctx.db, s.id, { kind, ref }, attended)))
        throw new ApiError('INVALID_INPUT', `未邀请 / not invited: ${ref}`, { field: 'body.ref' });
      return { seminar: await view(ctx, s) };
    },
  );

  r.post(
    '/api/seminars/:id/minutes',
    {
      schema: {
        tags: ['rounds'],
        summary: 'Record the minutes (纪要) of a seminar',
        security: [{ session: [], csrf: [] }],
        params: seminarIdParamSchema,
        body: minutesBodySchema,
        response: { 200: seminarAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      const s = await seminarFor(ctx, user, request.params.id, true);
      await setMinutes(ctx.db, s.id, request.body.minutes, user.username);
      return { seminar: await view(ctx, (await getSeminar(ctx.db, s.id)) as StoredSeminar) };
    },
  );
}
