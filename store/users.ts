// Local users and their sessions (migration 002). Hashing, tokens and the rules of who may log in
// live in api/auth; this is their storage.
import type { User, UserRole } from '../contract';
import type { Queryable } from '../db';

interface UserRow {
  username: string;
  display_name: string;
  role: UserRole;
  units: string[] | string;
  cadre_id: string | null;
  person_id: string | null;
  password_hash: string;
  disabled: boolean;
}

function toUser(r: UserRow): User {
  const units = typeof r.units === 'string' ? (JSON.parse(r.units) as string[]) : r.units;
  // Accounts from before the registry were bound by cadre id; migration 005 copied it to person_id.
  return {
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    units,
    personId: r.person_id ?? r.cadre_id,
  };
}

export interface StoredUser {
  user: User;
  passwordHash: string;
  disabled: boolean;
}

/** Inserts a user; throws the driver's unique violation (23505) when the username is taken. */
export async function insertUser(db: Queryable, u: User & { passwordHash: string }): Promise<User> {
  const rows = await db.query<UserRow>(
    `INSERT INTO api_users (username, display_name, role, units, person_id, password_hash)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING *`,
    [u.username, u.displayName, u.role, JSON.stringify(u.units), u.personId, u.passwordHash],
  );
  return toUser(rows[0] as UserRow);
}

export async function findUser(db: Queryable, username: string): Promise<StoredUser | null> {
  const rows = await db.query<UserRow>('SELECT * FROM api_users WHERE username = $1', [username]);
  const r = rows[0];
  return r ? { user: toUser(r), passwordHash: r.password_hash, disabled: r.disabled } : null;
}

/** Every user, with the disabled flag, by username. */
export async function listUsers(db: Queryable): Promise<(User & { disabled: boolean })[]> {
  const rows = await db.query<UserRow>('SELECT * FROM api_users ORDER BY username');
  return rows.map((r) => ({ ...toUser(r), disabled: r.disabled }));
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_users');
  return rows[0]?.n ?? 0;
}

/** Sets the flag; disabling also ends the user's sessions. False when there is no such user. */
export async function setUserDisabled(db: Queryable, username: string, disabled: boolean): Promise<boolean> {
  const rows = await db.query('UPDATE api_users SET disabled = $2 WHERE username = $1 RETURNING username', [
    username,
    disabled,
  ]);
  if (disabled) await db.query('DELETE FROM api_sessions WHERE username = $1', [username]);
  return rows.length === 1;
}

/** Stores a session by the hash of its token, first dropping expired ones. */
export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; username: string; csrfToken: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.query('DELETE FROM api_sessions WHERE expires_at < $1', [s.createdAt]);
  await db.query(
    'INSERT INTO api_sessions (token_hash, username, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [s.tokenHash, s.username, s.csrfToken, s.createdAt, s.expiresAt],
  );
}

/** The live session with this token hash. */
export async function findSession(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<{ username: string; csrfToken: string; expiresAt: string } | null> {
  const rows = await db.query<{ username: string; csrf_token: string; expires_at: Date | string }>(
    'SELECT username, csrf_token, expires_at FROM api_sessions WHERE token_hash = $1 AND expires_at > $2',
    [tokenHash, now.toISOString()],
  );
  const row = rows[0];
  return row
    ? { username: row.username, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at).toISOString() }
    : null;
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM api_sessions WHERE token_hash = $1', [tokenHash]);
}
