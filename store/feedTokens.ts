// Calendar feed tokens (migration 012): the secret in a feed URL. Only its SHA-256 is stored, so a
// copy of the database does not give anyone's feed away; the token itself is shown once.
import { randomBytes, createHash } from 'node:crypto';
import type { Db, Queryable } from '../db';
import { toIso, type Timestamp } from './time';

export type FeedPurpose = 'duties' | 'overdue';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token for this user and purpose; the previous live one (if any) is revoked in the same step. */
export interface FeedPrincipal {
  username: string;
  displayName: string;
  role: string;
  units: string[];
  personId: string | null;
}

export async function createFeedToken(
  db: Db,
  principal: FeedPrincipal,
  purpose: FeedPurpose,
  at: Date,
): Promise<{ token: string; createdAt: string }> {
  const username = principal.username;
  const token = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.query(
      'UPDATE feed_tokens SET revoked_at = $3 WHERE username = $1 AND purpose = $2 AND revoked_at IS NULL',
      [username, purpose, at.toISOString()],
    );
    await tx.query(
      `INSERT INTO feed_tokens (token_hash, username, principal, purpose, created_at)
       VALUES ($1, $2, $3::jsonb, $4, $5::timestamptz)`,
      [hashOf(token), username, JSON.stringify(principal), purpose, at.toISOString()],
    );
  });
  return { token, createdAt: at.toISOString() };
}

/** Revokes this user's live token(s) of a purpose (all purposes when none is given); how many were live. */
export async function revokeFeedTokens(
  db: Queryable,
  username: string,
  purpose: FeedPurpose | null,
  at: Date,
): Promise<number> {
  const rows = await db.query<{ token_hash: string }>(
    `UPDATE feed_tokens SET revoked_at = $3 WHERE username = $1 AND ($2::text IS NULL OR purpose = $2)
       AND revoked_at IS NULL RETURNING token_hash`,
    [username, purpose, at.toISOString()],
  );
  return rows.length;
}

/** Whose live token this is, or null (unknown, revoked, or malformed). */
export async function feedTokenOwner(
  db: Queryable,
  token: string,
): Promise<{ principal: FeedPrincipal; purpose: FeedPurpose } | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const rows = await db.query<{ principal: unknown; purpose: FeedPurpose }>(
    'SELECT principal, purpose FROM feed_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashOf(token)],
  );
  const r = rows[0];
  if (!r) return null;
  const principal = (
    typeof r.principal === 'string' ? JSON.parse(r.principal) : r.principal
  ) as FeedPrincipal;
  return { principal, purpose: r.purpose };
}

/** The purposes a user has a live token for, with when it was made (the token itself is not kept). */
export async function liveFeedTokens(
  db: Queryable,
  username: string,
): Promise<{ purpose: FeedPurpose; createdAt: string }[]> {
  const rows = await db.query<{ purpose: FeedPurpose; created_at: Timestamp }>(
    'SELECT purpose, created_at FROM feed_tokens WHERE username = $1 AND revoked_at IS NULL ORDER BY purpose',
    [username],
  );
  return rows.map((r) => ({ purpose: r.purpose, createdAt: toIso(r.created_at) }));
}
