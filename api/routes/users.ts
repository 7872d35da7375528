import {
  newUserSchema,
  userAnswerSchema,
  usernameParamSchema,
  usersAnswerSchema,
  type UserView,
} from '../../contract';
import { sqlState, UNIQUE_VIOLATION } from '../../db';
import { codesInJurisdiction, jurisdictionRoots, personInScope, personNames, unitNames } from '../../store';
import { callerOf } from '../auth/plugin';
import { createUser, findUserWithHash, listUsers, setUserDisabled, type ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES, notFound } from '../errors';
import { assertOrgAdmin } from '../scope';
import type { ZodApp } from './types';

/**
 * User administration for organization departments. An org admin manages the users of their
 * jurisdiction only — the subtree of the region above their department in the unit tree, so the
 * city department manages the county units' users of a city-wide round and a county department
 * only its own county's: a unit user is inside when every one of their units lies in it; a cadre
 * account when its person is one the admin sees in the registry (their current unit in the
 * jurisdiction, or a case of theirs in the admin's scope). So no admin can create, see or disable
 * another county's users, nor mint a cadre account that would read another county's cases.
 */

const newUserBodySchema = newUserSchema.strict();

interface Managed {
  role: string;
  units: string[];
  personId?: string | null | undefined;
}

/** Which of these users the admin manages (one query for units, one for persons). */
async function managedBy(ctx: ApiContext, admin: ApiUser, users: readonly Managed[]): Promise<boolean[]> {
  const codes = [...new Set(users.flatMap((u) => u.units))];
  const inside = await codesInJurisdiction(ctx.db, admin.units, codes);
  const personIds = [
    ...new Set(users.flatMap((u) => (u.role === 'cadre' && u.personId ? [u.personId] : []))),
  ];
  const persons = new Set<string>();
  for (const id of personIds) if (await personInScope(ctx.db, admin, id)) persons.add(id);
  return users.map((u) =>
    u.role === 'cadre'
      ? !!u.personId && persons.has(u.personId)
      : u.units.length > 0 && u.units.every((c) => inside.has(c)),
  );
}

async function views(ctx: ApiContext, users: (ApiUser & { disabled: boolean })[]): Promise<UserView[]> {
  const names = await unitNames(
    ctx.db,
    users.flatMap((u) => u.units),
  );
  const persons = await personNames(
    ctx.db,
    users.flatMap((u) => (u.personId ? [u.personId] : [])),
  );
  return users.map((u) => ({
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    units: u.units,
    unitNames: u.units.map((c) => names.get(c) ?? { zh: c, en: c }),
    personId: u.personId,
    personName: u.personId ? (persons.get(u.personId) ?? null) : null,
    disabled: u.disabled,
  }));
}

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
      const all = await listUsers(ctx.db);
      const managed = await managedBy(ctx, admin, all);
      return {
        users: await views(
          ctx,
          all.filter((_, i) => managed[i]),
        ),
      };
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
      const [manages] = await managedBy(ctx, admin, [body]);
      if (!manages) {
        // Creating is not reading: refused with the field named, like a nomination for another unit.
        const roots = (await jurisdictionRoots(ctx.db, admin.units)).join(', ');
        throw body.role === 'cadre'
          ? new ApiError(
              'FORBIDDEN',
              '干部账号只能绑定本辖区干部库中的干部 / a cadre account needs a person of the registry in your jurisdiction',
              { field: 'body.personId' },
            )
          : new ApiError(
              'FORBIDDEN',
              `只能在本辖区（${roots}）内创建用户 / units must lie within your jurisdiction (${roots})`,
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
      return reply
        .code(201)
        .send({ user: (await views(ctx, [{ ...created, disabled: false }]))[0] as UserView });
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
      if (!target || !(await managedBy(ctx, admin, [target]))[0]) throw notFound('user');
      if (target.username === admin.username)
        throw new ApiError('FORBIDDEN', '不能停用自己 / you cannot disable yourself', {
          field: 'params.username',
        });
      await setUserDisabled(ctx.db, target.username, true);
      request.log.info({ user: admin.username, disabled: target.username }, 'user disabled');
      return { user: (await views(ctx, [{ ...target, disabled: true }]))[0] as UserView };
    },
  );
}
