import {
  newUserSchema,
  userAnswerSchema,
  usernameParamSchema,
  usersAnswerSchema,
  type UserView,
} from '../../contract';
import { sqlState, UNIQUE_VIOLATION } from '../../db';
import { cadresOfOrgUnits } from '../../store';
import { callerOf } from '../auth/plugin';
import { createUser, findUserWithHash, listUsers, setUserDisabled, type ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { assertOrgAdmin } from '../scope';
import type { ZodApp } from './types';

/**
 * User administration for organization departments. An org admin manages the users of their own
 * jurisdiction only: for each of the admin's units, the unit code without its last segment
 * (`county.c.org-dept` → `county.c`, `city.org-dept` → `city`). A user is inside when every one of
 * their units is that prefix or below it; a cadre user (who has no units) when their cadre id is the
 * cadre of a case in the admin's scope. So no admin can create, see or disable another county's
 * users, nor mint a cadre account that would read another county's cases.
 */

const newUserBodySchema = newUserSchema.strict();

export function jurisdictionOf(admin: ApiUser): string[] {
  return admin.units.map((u) => (u.includes('.') ? u.slice(0, u.lastIndexOf('.')) : u));
}

const unitWithin = (unit: string, prefixes: string[]): boolean =>
  prefixes.some((p) => unit === p || unit.startsWith(`${p}.`));

const cadresInScope = (ctx: ApiContext, admin: ApiUser): Promise<Set<string>> =>
  cadresOfOrgUnits(ctx.db, admin.units);

function manages(
  admin: ApiUser,
  cadres: Set<string>,
  user: { role: string; units: string[]; cadreId?: string | null },
): boolean {
  if (user.role === 'cadre') return !!user.cadreId && cadres.has(user.cadreId);
  const prefixes = jurisdictionOf(admin);
  return user.units.length > 0 && user.units.every((u) => unitWithin(u, prefixes));
}

const view = (u: ApiUser, disabled: boolean): UserView => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  units: u.units,
  cadreId: u.cadreId,
  disabled,
});

export function userRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Users of your jurisdiction (org admins); never password hashes',
        response: { 200: usersAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '管理用户 / manage users');
      const [all, cadres] = await Promise.all([listUsers(ctx.db), cadresInScope(ctx, admin)]);
      return { users: all.filter((u) => manages(admin, cadres, u)).map((u) => view(u, u.disabled)) };
    },
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Create a local user in your jurisdiction (org admins); the password is stored as a scrypt hash',
        security: [{ session: [], csrf: [] }],
        body: newUserBodySchema,
        response: { 201: userAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '管理用户 / manage users');
      const body = request.body;
      if (!manages(admin, await cadresInScope(ctx, admin), body)) {
        // Creating is not reading: refused with the field named, like a nomination for another unit.
        throw body.role === 'cadre'
          ? new ApiError(
              'FORBIDDEN',
              '只能为本组织部案件的干部创建账号 / a cadre account needs a case of your department for that cadre',
              { field: 'body.cadreId' },
            )
          : new ApiError(
              'FORBIDDEN',
              `只能在本辖区（${jurisdictionOf(admin).join(', ')}）内创建用户 / units must lie within your jurisdiction (${jurisdictionOf(admin).join(', ')})`,
              { field: 'body.units' },
            );
      }
      let created: ApiUser;
      try {
        created = await createUser(ctx.db, body);
      } catch (err) {
        if (sqlState(err) === UNIQUE_VIOLATION)
          throw new ApiError('USER_EXISTS', `用户已存在 / user ${body.username} already exists`, {
            field: 'body.username',
          });
        throw err;
      }
      request.log.info({ user: admin.username, created: created.username }, 'user created');
      return reply.code(201).send({ user: view(created, false) });
    },
  );

  r.post(
    '/api/users/:username/disable',
    {
      schema: {
        tags: ['users'],
        summary: 'Disable a user of your jurisdiction and end their sessions (org admins)',
        security: [{ session: [], csrf: [] }],
        params: usernameParamSchema,
        response: { 200: userAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = callerOf(request);
      assertOrgAdmin(admin, '管理用户 / manage users');
      const target = (await findUserWithHash(ctx.db, request.params.username))?.user;
      // Outside the jurisdiction answers exactly like a missing user, as cases do.
      if (!target || !manages(admin, await cadresInScope(ctx, admin), target)) throw notFound('user');
      if (target.username === admin.username)
        throw new ApiError('FORBIDDEN', '不能停用自己 / you cannot disable yourself', {
          field: 'params.username',
        });
      await setUserDisabled(ctx.db, target.username, true);
      request.log.info({ user: admin.username, disabled: target.username }, 'user disabled');
      return { user: view(target, true) };
    },
  );
}
