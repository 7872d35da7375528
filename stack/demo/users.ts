// The demo users listed in api/README.md; all share DEMO_PASSWORD. Seeded with the directory they
// belong to (units, and the person the cadre account is bound to).
import type { NewUser } from '../../contract';
import type { Db } from '../../db';
import { countUsers } from '../../store';
import { createUser } from '../../api/auth/users';
import { DEMO_CADRE_ID } from './persons';
import { seedDemoDirectory } from './registry';

export const DEMO_PASSWORD = 'secondment-demo';

export const DEMO_USERS: NewUser[] = [
  {
    username: 'admin',
    displayName: '市委组织部 王主任',
    role: 'org_admin',
    units: ['city.org-dept'],
    password: DEMO_PASSWORD,
  },
  {
    username: 'county-admin',
    displayName: '青石县委组织部 赵科长',
    role: 'org_admin',
    units: ['county.c.org-dept'],
    password: DEMO_PASSWORD,
  },
  {
    username: 'united-front',
    displayName: '市委统战部 干部科 孙科长',
    role: 'united_front',
    units: ['city.united-front'],
    password: DEMO_PASSWORD,
  },
  {
    username: 'sender',
    displayName: '市发改委 人事处',
    role: 'sending_officer',
    units: ['city.dev-reform'],
    password: DEMO_PASSWORD,
  },
  {
    username: 'receiver',
    displayName: '东安县白沙镇 党政办',
    role: 'receiving_officer',
    units: ['county.a.town-b'],
    password: DEMO_PASSWORD,
  },
  {
    username: 'receiver-c',
    displayName: '青石县大河镇 党政办',
    role: 'receiving_officer',
    units: ['county.c.town-d'],
    password: DEMO_PASSWORD,
  },
  {
    username: 'cadre',
    displayName: '冯雅琴（挂职干部）',
    role: 'cadre',
    personId: DEMO_CADRE_ID,
    password: DEMO_PASSWORD,
  },
  {
    username: 'auditor',
    displayName: '审计 李审计',
    role: 'auditor',
    units: ['city.org-dept'],
    password: DEMO_PASSWORD,
  },
];

/** Seeds the directory, then the demo users when no user exists yet; returns the usernames created. */
export async function seedDemoUsers(db: Db): Promise<string[]> {
  await seedDemoDirectory(db);
  if ((await countUsers(db)) > 0) return [];
  const created: string[] = [];
  for (const u of DEMO_USERS) created.push((await createUser(db, u)).username);
  return created;
}
