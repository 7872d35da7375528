import { call, type ApiWorld, type Session } from '../../api/support/apiWorld';
import { ok } from './browser';

/** Demo registry persons a test round recommends (all in the reserve pool; 韦国强 is over the age limit). */
export const PERSONS = {
  zhou: { id: 'p9f6b5e37a2c0e8f1b3d5', name: '周建华', unit: 'county.c.gov-office' },
  wu: { id: 'pa07c6f48b3d1f9a2c4e6', name: '吴丽娟', unit: 'county.c.education' },
  wei: { id: 'p17ed30b5f6a8e4c2fd3f', name: '韦国强', unit: 'county.e.dev-reform' },
} as const;

/**
 * A small city round entered through the API as the demo org admin: 市财政局 asks for two places,
 * three county cadres are recommended for it (two eligible, one over the age limit).
 */
export async function createTestRound(
  api: ApiWorld,
  admin: Session,
  id: string,
): Promise<Record<string, string>> {
  const people = Object.values(PERSONS);
  ok(
    await call(api.http, admin, 'POST', '/api/rounds', {
      id,
      year: 2027,
      name: '2027年度上挂（浏览器测试）',
      kinds: ['up'],
      policy: 'demo',
      term: { start: '2027-08-01', end: '2028-08-01' },
      subsidyPerDay: 2,
      receivingUnits: ['city.finance'],
      sendingUnits: people.map((p) => p.unit),
    }),
  );
  ok(
    await call(api.http, admin, 'POST', `/api/rounds/${id}/applications`, {
      unit: 'city.finance',
      posts: [{ title: '综合科副科长（挂职）', level: 'deputy_section', elected: false, count: 2 }],
    }),
  );
  const recs: Record<string, string> = {};
  for (const p of people) {
    const res = ok(
      await call(api.http, admin, 'POST', `/api/rounds/${id}/recommendations`, {
        personId: p.id,
        sendingUnit: p.unit,
        kind: 'up',
        source: { type: 'organization' },
        requestedReceivingUnit: 'city.finance',
      }),
    );
    recs[p.name] = (res.json() as { recommendation: { id: string } }).recommendation.id;
  }
  return recs;
}
