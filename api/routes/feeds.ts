// 日历订阅 / calendar feeds: a user makes (regenerates, revokes) a secret feed URL, and any calendar
// client fetches `GET /api/feeds/<token>.ics` without a session. The token reads only its user's
// duties (or an org admin's department's overdue and stuck items); a revoked or unknown one is 404.
import { adminFeed, ICS_CONTENT_TYPE, personalFeed } from '../../calendarFeed/ics';
import {
  feedBodySchema,
  feedCreatedSchema,
  feedListSchema,
  feedRevokeBodySchema,
  feedRevokedSchema,
  feedTokenParamSchema,
  userSchema,
} from '../../contract';
import {
  createFeedToken,
  feedTokenOwner,
  findUser,
  liveFeedTokens,
  revokeFeedTokens,
  type FeedPurpose,
} from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { DEFAULT_REMINDER_SECONDS, feedDuties } from '../paperwork/feedDuties';
import type { ZodApp } from './types';

const purposesOf = (user: ApiUser): FeedPurpose[] =>
  user.role === 'auditor' ? [] : user.role === 'org_admin' ? ['duties', 'overdue'] : ['duties'];

export function feedRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/my/feeds',
    {
      schema: {
        tags: ['feeds'],
        summary:
          'Your calendar subscriptions: which feeds are live (the token is shown only when made) and which you may make',
        response: { 200: feedListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      return { feeds: await liveFeedTokens(ctx.db, user.username), available: purposesOf(user) };
    },
  );

  r.post(
    '/api/my/feeds',
    {
      schema: {
        tags: ['feeds'],
        summary:
          'Make (or regenerate: the old URL stops working) your calendar feed: duties (what you owe) or, for org admins, overdue (your department’s overdue and stuck items)',
        security: [{ session: [], csrf: [] }],
        body: feedBodySchema,
        response: { 201: feedCreatedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const purpose = request.body.purpose;
      if (!purposesOf(user).includes(purpose))
        throw new ApiError(
          'FORBIDDEN',
          purpose === 'overdue'
            ? '部门逾期订阅仅限组织部 / the department feed is for org admins'
            : '审计角色没有待办 / auditors owe no duties',
          { field: 'body.purpose' },
        );
      const made = await createFeedToken(
        ctx.db,
        {
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          units: user.units,
          personId: user.personId,
        },
        purpose,
        new Date(),
      );
      return reply.code(201).send({
        purpose,
        token: made.token,
        path: `/api/feeds/${made.token}.ics`,
        createdAt: made.createdAt,
      });
    },
  );

  r.post(
    '/api/my/feeds/revoke',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Revoke your calendar feed (one purpose, or all): its URL answers 404 from now on',
        security: [{ session: [], csrf: [] }],
        body: feedRevokeBodySchema,
        response: { 200: feedRevokedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      return {
        revoked: await revokeFeedTokens(ctx.db, user.username, request.body?.purpose ?? null, new Date()),
      };
    },
  );

  r.get(
    '/api/feeds/:file',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['feeds'],
        summary:
          'The ICS feed of a token (no session: the token is the key). Duties with a VALARM at the first step of each case’s escalation ladder; 404 for an unknown or revoked token',
        params: feedTokenParamSchema,
        // a file, not JSON: the route declares only its error answers (the 200 body is the calendar)
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const token = request.params.file.slice(0, -'.ics'.length);
      const owner = await feedTokenOwner(ctx.db, token);
      if (!owner) throw notFound('feed');
      // A local user is read afresh (units may have changed; a disabled user's feed is gone).
      const stored = await findUser(ctx.db, owner.principal.username);
      if (stored?.disabled) throw notFound('feed');
      const user: ApiUser = stored ? stored.user : userSchema.parse(owner.principal);
      if (!purposesOf(user).includes(owner.purpose)) throw notFound('feed');
      const { duties, changedAt } = await feedDuties(
        ctx,
        user,
        owner.purpose === 'duties' ? 'owed' : 'overdue',
      );
      const origin = `${request.protocol}://${request.host}`;
      const common = {
        generatedAt: changedAt,
        caseUrlTemplate: `${origin}/#/cases/{caseId}`,
        duties,
      };
      const body =
        owner.purpose === 'duties'
          ? personalFeed({
              ...common,
              name: `挂职工作待办（${user.displayName}）`,
              reminderBeforeSeconds: DEFAULT_REMINDER_SECONDS,
            })
          : adminFeed({ ...common, name: `挂职工作逾期与停滞事项（${user.displayName}）` });
      return reply
        .header('content-type', ICS_CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .send(body as never);
    },
  );
}
