import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db';
import { deleteSession, findSession, insertSession } from '../../store';
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
  await insertSession(db, {
    tokenHash: sha256(token),
    username,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export async function readSession(db: Queryable, token: string, now = new Date()): Promise<Session | null> {
  const row = await findSession(db, sha256(token), now);
  if (!row) return null;
  const found = await findUserWithHash(db, row.username);
  if (!found || found.disabled) return null;
  return { user: found.user, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

export async function closeSession(db: Queryable, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}
