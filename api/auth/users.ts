import { newUserSchema, type NewUser, type User } from '../../contract';
import type { Queryable } from '../../db';
import { findUser, insertUser, listUsers as storedUsers, type StoredUser } from '../../store';
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
    personId: u.personId ?? null,
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
