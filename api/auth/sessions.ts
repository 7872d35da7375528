import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db';
import type { ApiUser } from './users';
import { findUserWithHash } from './users';

export interface Session {
  user: ApiUser;
  csrfToken: string;
  expiresAt: string;
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Opens a session; returns the cookie token (only its hash is stored) and the CSRF token bound to it. */
export async function openSession(
  db: Queryable,
  username: string,
  ttlMs: number,
  now = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db.query('DELETE FROM api_sessions WHERE expires_at < $1', [now.toISOString()]);
  await db.query(
    'INSERT INTO api_sessions (token_hash, username, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256(token), username, csrfToken, now.toISOString(), expiresAt],
  );
  return { token, csrfToken, expiresAt };
}

export async function readSession(db: Queryable, token: string, now = new Date()): Promise<Session | null> {
  const rows = await db.query<{ username: string; csrf_token: string; expires_at: Date | string }>(
    'SELECT username, csrf_token, expires_at FROM api_sessions WHERE token_hash = $1 AND expires_at > $2',
    [sha256(token), now.toISOString()],
  );
  const row = rows[0];
  if (!row) return null;
  const found = await findUserWithHash(db, row.username);
  if (!found || found.disabled) return null;
  return { user: found.user, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at).toISOString() };
}

export async function closeSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM api_sessions WHERE token_hash = $1', [sha256(token)]);
}
