import { newUserSchema, type NewUser, type User } from '../../contract';
import type { Queryable } from '../../db';
import { countUsers, findUser, insertUser, listUsers as storedUsers, type StoredUser } from '../../store';
import { hashPassword } from './passwords';

export {
  USER_ROLES,
  newUserSchema,
  userRoleSchema,
  usernameSchema,
  type NewUser,
  type UserRole,
} from '../../contract';

/** Who is calling: the logged-in user, or the identity asserted by a trusted proxy. */
export type ApiUser = User;

/** Creates a local user (the `secondment users create` command calls this). Throws on a duplicate. */
export async function createUser(db: Queryable, input: NewUser): Promise<ApiUser> {
  const u = newUserSchema.parse(input);
  const passwordHash = await hashPassword(u.password);
  return insertUser(db, {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    units: u.units,
    cadreId: u.cadreId ?? null,
    passwordHash,
  });
}

export function findUserWithHash(db: Queryable, username: string): Promise<StoredUser | null> {
  return findUser(db, username);
}

/** Every user with the disabled flag, by username. */
export function listUsers(db: Queryable): Promise<(ApiUser & { disabled: boolean })[]> {
  return storedUsers(db);
}

export { setUserDisabled } from '../../store';

/** Units of the demo data (the same codes the tests' fixtures use). */
export const DEMO_UNITS = {
  org: 'city.org-dept',
  otherOrg: 'county.c.org-dept',
  sending: 'city.dev-reform',
  receiving: 'county.a.town-b',
  otherReceiving: 'county.c.town-d',
  unitedFront: 'city.united-front',
} as const;
export const DEMO_CADRE_ID = 'cadre-7f3a';
export const DEMO_PASSWORD = 'secondment-demo';

/** The demo users listed in api/README.md; all share DEMO_PASSWORD. */
export const DEMO_USERS: NewUser[] = [
  {
    username: 'admin',
    displayName: '市委组织部 王主任',
    role: 'org_admin',
    units: [DEMO_UNITS.org],
    password: DEMO_PASSWORD,
  },
  {
    username: 'county-admin',
    displayName: '县委组织部 赵科长',
    role: 'org_admin',
    units: [DEMO_UNITS.otherOrg],
    password: DEMO_PASSWORD,
  },
  {
    username: 'sender',
    displayName: '市发改委 人事处',
    role: 'sending_officer',
    units: [DEMO_UNITS.sending],
    password: DEMO_PASSWORD,
  },
  {
    username: 'receiver',
    displayName: 'A县B镇 党政办',
    role: 'receiving_officer',
    units: [DEMO_UNITS.receiving],
    password: DEMO_PASSWORD,
  },
  {
    username: 'receiver-c',
    displayName: 'C县D镇 党政办',
    role: 'receiving_officer',
    units: [DEMO_UNITS.otherReceiving],
    password: DEMO_PASSWORD,
  },
  {
    username: 'cadre',
    displayName: '张三（挂职干部）',
    role: 'cadre',
    cadreId: DEMO_CADRE_ID,
    password: DEMO_PASSWORD,
  },
  {
    username: 'auditor',
    displayName: '审计 李审计',
    role: 'auditor',
    units: [DEMO_UNITS.org],
    password: DEMO_PASSWORD,
  },
];

/** Seeds the demo users when no user exists yet; returns the usernames created. */
export async function seedDemoUsers(db: Queryable): Promise<string[]> {
  if ((await countUsers(db)) > 0) return [];
  const created: string[] = [];
  for (const u of DEMO_USERS) created.push((await createUser(db, u)).username);
  return created;
}
