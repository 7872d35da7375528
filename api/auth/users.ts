import { z } from 'zod';
import { unitCodeSchema } from '../../machines/secondment/roles';
import type { Queryable } from '../../db';
import { hashPassword } from './passwords';

/** The roles a person can log in with (the machine's `system` and `united_front` are not API users). */
export const USER_ROLES = ['org_admin', 'sending_officer', 'receiving_officer', 'cadre', 'auditor'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{2,64}$/, 'username: 2–64 letters, digits, _ . @ -');

export const newUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(64),
    role: userRoleSchema,
    units: z.array(unitCodeSchema).max(100).default([]),
    cadreId: z.string().trim().min(1).max(128).optional(),
    password: z.string().min(10, 'password: at least 10 characters').max(200),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'cadre' && !u.cadreId)
      ctx.addIssue({
        code: 'custom',
        path: ['cadreId'],
        message: 'a cadre user must be bound to a cadre id',
      });
    if (u.role !== 'cadre' && u.units.length === 0)
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'at least one unit code is required' });
  });
export type NewUser = z.input<typeof newUserSchema>;

/** Who is calling: the logged-in user, or the identity asserted by a trusted proxy. */
export interface ApiUser {
  username: string;
  displayName: string;
  role: UserRole;
  units: string[];
  cadreId: string | null;
}

interface UserRow {
  username: string;
  display_name: string;
  role: UserRole;
  units: string[] | string;
  cadre_id: string | null;
  password_hash: string;
  disabled: boolean;
}

function toUser(r: UserRow): ApiUser {
  const units = typeof r.units === 'string' ? (JSON.parse(r.units) as string[]) : r.units;
  return { username: r.username, displayName: r.display_name, role: r.role, units, cadreId: r.cadre_id };
}

/** Creates a local user (the `secondment users create` command calls this). Throws on a duplicate. */
export async function createUser(db: Queryable, input: NewUser): Promise<ApiUser> {
  const u = newUserSchema.parse(input);
  const hash = await hashPassword(u.password);
  const rows = await db.query<UserRow>(
    `INSERT INTO api_users (username, display_name, role, units, cadre_id, password_hash)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING *`,
    [u.username, u.displayName, u.role, JSON.stringify(u.units), u.cadreId ?? null, hash],
  );
  return toUser(rows[0] as UserRow);
}

export async function findUserWithHash(
  db: Queryable,
  username: string,
): Promise<{ user: ApiUser; passwordHash: string; disabled: boolean } | null> {
  const rows = await db.query<UserRow>('SELECT * FROM api_users WHERE username = $1', [username]);
  const r = rows[0];
  return r ? { user: toUser(r), passwordHash: r.password_hash, disabled: r.disabled } : null;
}

export async function listUsers(db: Queryable): Promise<ApiUser[]> {
  const rows = await db.query<UserRow>('SELECT * FROM api_users ORDER BY username');
  return rows.map(toUser);
}

export async function setUserDisabled(db: Queryable, username: string, disabled: boolean): Promise<boolean> {
  const rows = await db.query('UPDATE api_users SET disabled = $2 WHERE username = $1 RETURNING username', [
    username,
    disabled,
  ]);
  if (disabled) await db.query('DELETE FROM api_sessions WHERE username = $1', [username]);
  return rows.length === 1;
}

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
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_users');
  if ((existing[0]?.n ?? 0) > 0) return [];
  const created: string[] = [];
  for (const u of DEMO_USERS) created.push((await createUser(db, u)).username);
  return created;
}
