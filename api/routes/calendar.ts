import {
  calendarListSchema,
  calendarLoadAnswerSchema,
  calendarLoadBodySchema,
  calendarReplanAnswerSchema,
  calendarYearParamSchema,
} from '../../contract';
import { addCalendarYear, listCalendarYears } from '../../store';
import { callerOf } from '../auth/plugin';
import { replanOpenCases } from '../calendarReplan';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import { assertMayAct, assertOrgAdmin } from '../scope';
import type { ZodApp } from './types';

export function calendarRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The holiday tables (节假日安排): every stored version of every year, newest first',
        response: { 200: calendarListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      callerOf(request);
      const years = await listCalendarYears(ctx.db);
      return { years, lastYear: years[0]?.year ?? null };
    },
  );

  r.post(
    '/api/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "Load a year's holiday table from the State Council's notice (org admins): stored as the year's next version, then every open case re-plans the deadlines it computed without it (one calendar.update each, with an audit entry)",
        security: [{ session: [], csrf: [] }],
        body: calendarLoadBodySchema,
        response: { 201: calendarLoadAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      assertMayAct(user);
      assertOrgAdmin(user, '载入节假日安排 / load holiday tables');
      const { table, source } = request.body;
      const loaded = await addCalendarYear(ctx.db, table, {
        source,
        loadedBy: user.username,
        at: new Date().toISOString(),
      });
      const replan = await replanOpenCases(ctx, user, loaded);
      return reply.code(201).send({ loaded, replan });
    },
  );

  r.post(
    '/api/calendar/:year/replan',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "Run the re-plan again with the year's newest table (org admins), e.g. after a case failed; cases already re-planned are skipped",
        security: [{ session: [], csrf: [] }],
        params: calendarYearParamSchema,
        response: { 200: calendarReplanAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      assertMayAct(user);
      assertOrgAdmin(user, '重排期限 / re-plan deadlines');
      const { year } = request.params;
      const newest = (await listCalendarYears(ctx.db)).find((y) => y.year === year);
      if (!newest)
        throw new ApiError('NOT_FOUND', `${year}年尚无节假日安排 / no holiday table for ${year}`, {
          field: 'year',
        });
      const replan = await replanOpenCases(ctx, user, newest);
      return { year, version: newest.version, ...replan };
    },
  );
}
