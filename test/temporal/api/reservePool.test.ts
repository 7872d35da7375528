import type { ReservePoolList } from '../../../contract';
import { call, createApiWorld, login, type ApiWorld, type Session } from './support/apiWorld';
import type { Res } from './support/http';

/**
 * GET /api/reserve-pool: the pool (拟选派干部库) of the caller's scope, each person with the
 * eligibility the lifecycle's own rules give them for a kind under a round's policy and term —
 * what the console's pool page lists.
 */
jest.setTimeout(120_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};
const pool = async (who: string, query = '') =>
  ok(await call(api.http, s[who]!, 'GET', `/api/reserve-pool${query}`)).json() as ReservePoolList;
const entryOf = (list: ReservePoolList, name: string) => list.items.find((x) => x.person.name === name);

beforeAll(async () => {
  api = await createApiWorld();
  for (const u of ['admin', 'receiver-c']) s[u] = await login(api.http, u);
});
afterAll(async () => {
  await api?.close();
});

test('each person of the pool with their eligibility and the reasons, judged by the rules', async () => {
  const list = await pool('admin');
  expect(list).toMatchObject({ kind: 'up', policy: 'default', termMonths: 12 });
  expect(list.items.length).toBeGreaterThan(20);
  expect(entryOf(list, '陈静')?.eligibility).toMatchObject({ ok: true, failures: [] });
  // 韦国强 is over the age limit of his rank
  const wei = entryOf(list, '韦国强');
  expect(wei?.eligibility?.ok).toBe(false);
  expect(wei?.eligibility?.failures.map((f) => f.code)).toEqual(['age']);
  expect(wei?.eligibility?.failures[0]?.zh).toContain('年龄上限');
  expect(wei?.entry).toMatchObject({ source: 'survey', active: true });
  // by name
  expect((await pool('admin', `?q=${encodeURIComponent('陈')}`)).items.map((x) => x.person.name)).toContain(
    '陈静',
  );
});

test('a 下派 needs someone who never held a principal grassroots post: the reason follows the kind', async () => {
  const id = 'p5b2d1af3c8e6a4b7d9f1'; // 陈静
  ok(await call(api.http, s.admin!, 'POST', `/api/persons/${id}`, { heldGrassrootsPrincipalPost: true }));
  const down = entryOf(await pool('admin', '?kind=down'), '陈静');
  expect(down?.eligibility?.failures.map((f) => f.code)).toEqual(['grassrootsPrincipal']);
  expect(entryOf(await pool('admin', '?kind=up'), '陈静')?.eligibility?.ok).toBe(true);
  ok(await call(api.http, s.admin!, 'POST', `/api/persons/${id}`, { heldGrassrootsPrincipalPost: false }));
});

test('a round’s policy and common term; the scope is the caller’s; bad input names the field', async () => {
  ok(
    await call(api.http, s.admin!, 'POST', '/api/rounds', {
      id: 'pool-round',
      year: 2027,
      name: '两年期上挂',
      kinds: ['up'],
      policy: 'demo',
      term: { start: '2027-08-01', end: '2029-08-01' },
      subsidyPerDay: 2,
    }),
  );
  expect(await pool('admin', '?roundId=pool-round')).toMatchObject({ policy: 'demo', termMonths: 24 });
  // a county's receiving officer sees the pool of their own unit only
  const theirs = await pool('receiver-c');
  expect(theirs.items.map((x) => x.person.currentUnit)).toEqual(theirs.items.map(() => 'county.c.town-d'));
  expect(theirs.items.length).toBeGreaterThan(0);
  const bad = await call(api.http, s.admin!, 'GET', '/api/reserve-pool?kind=sideways');
  expect(bad.statusCode).toBe(400);
  expect((bad.json() as { error: { field: string } }).error.field).toBe('querystring.kind');
  expect((await call(api.http, s.admin!, 'GET', '/api/reserve-pool?roundId=no-such-round')).statusCode).toBe(
    404,
  );
});

test('someone taken out of the pool is no longer listed', async () => {
  const id = 'p28fe41c6a7b9f5d3ae4a'; // 田甜, in the pool only
  expect(entryOf(await pool('admin'), '田甜')).toBeDefined();
  ok(await call(api.http, s.admin!, 'POST', `/api/reserve-pool/${id}/remove`, {}));
  expect(entryOf(await pool('admin'), '田甜')).toBeUndefined();
});
