import { readFileSync } from 'node:fs';
import path from 'node:path';
import { P } from '../../machines/v2/support/fixtures';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from './support/apiWorld';
import { A_UNITS, B_UNITS, nominationBody } from './support/cases';
import type { Res } from './support/http';

/** The console as served by the API, and the reads it added: stats, my duties, vocabulary. */
jest.setTimeout(120_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
let a1 = '';
let a2 = '';
let b1 = '';

const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};
const json = <T>(res: Res): T => ok(res).json() as T;
const nominate = async (who: string, body: Record<string, unknown>) => {
  const id = json<{ case: { caseId: string } }>(await call(api.http, s[who]!, 'POST', '/api/cases', body))
    .case.caseId;
  await waitForProjection(api, id);
  return id;
};

beforeAll(async () => {
  api = await createApiWorld();
  for (const u of ['admin', 'county-admin', 'sender', 'receiver', 'receiver-c', 'auditor'])
    s[u] = await login(api.http, u);
  a1 = await nominate('sender', nominationBody(A_UNITS));
  a2 = await nominate('sender', { ...nominationBody(A_UNITS), kind: 'up', termMonths: 12 });
  b1 = await nominate('county-admin', nominationBody(B_UNITS));
  ok(await call(api.http, s.admin!, 'POST', `/api/cases/${a1}/events/approval.approve`, P.approve));
});
afterAll(async () => {
  await api?.close();
});

test('the console is served at / without a session, its assets are cacheable, /api stays the API', async () => {
  const page = await api.http.inject({ method: 'GET', url: '/' });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(page.body).toContain('<html lang="zh-CN">');
  const script = /src="\/assets\/(main-[\w-]+\.js)"/.exec(page.body)?.[1];
  const style = /href="\/assets\/(main-[\w-]+\.css)"/.exec(page.body)?.[1];
  expect(script).toBeDefined();
  expect(style).toBeDefined();
  const js = await api.http.inject({ method: 'GET', url: `/assets/${script}` });
  expect(js.statusCode).toBe(200);
  expect(js.headers['content-type']).toContain('javascript');
  expect(js.headers['cache-control']).toContain('immutable');
  expect(
    (await api.http.inject({ method: 'GET', url: `/assets/${style}` })).headers['content-type'],
  ).toContain('text/css');
  const missing = await api.http.inject({ method: 'GET', url: '/assets/nope.js' });
  expect(missing.statusCode).toBe(404);
  const unknownApi = await api.http.inject({ method: 'GET', url: '/api/nope' });
  expect([unknownApi.statusCode, (unknownApi.json() as { error: { code: string } }).error.code]).toEqual([
    404,
    'NOT_FOUND',
  ]);
});

test('dashboard counts are grouped within the caller’s scope only', async () => {
  type Stats = {
    total: number;
    byStatus: { key: string; count: number }[];
    byKind: { key: string; count: number }[];
    byReceivingUnit: { key: string; count: number }[];
  };
  const admin = json<Stats>(await call(api.http, s.admin!, 'GET', '/api/stats'));
  expect(admin.total).toBe(2);
  expect(admin.byStatus).toEqual(
    expect.arrayContaining([
      { key: 'POSTING', count: 1 },
      { key: 'NOMINATED', count: 1 },
    ]),
  );
  expect(admin.byKind).toEqual(
    expect.arrayContaining([
      { key: 'down', count: 1 },
      { key: 'up', count: 1 },
    ]),
  );
  expect(admin.byReceivingUnit).toEqual([{ key: A_UNITS.receiving, count: 2 }]);
  const county = json<Stats>(await call(api.http, s['county-admin']!, 'GET', '/api/stats'));
  expect(county.total).toBe(1);
  expect(county.byReceivingUnit).toEqual([{ key: B_UNITS.receiving, count: 1 }]);
  expect(json<Stats>(await call(api.http, s['receiver-c']!, 'GET', '/api/stats')).total).toBe(1);
  expect((await api.http.inject({ method: 'GET', url: '/api/stats' })).statusCode).toBe(401);
});

test('my duties: what the caller’s unit owes, soonest first, never another unit’s', async () => {
  type Duties = {
    items: { caseId: string; duty: { kind: string; dueAt: string; owner: { role: string; unit: string } } }[];
  };
  const admin = json<Duties>(await call(api.http, s.admin!, 'GET', '/api/my/duties'));
  // The department owes the decision on the case still nominated; the approved one's checklist is others'.
  expect(admin.items.map((i) => [i.caseId, i.duty.kind])).toEqual([[a2, 'approval.decide']]);

  const receiver = json<Duties>(await call(api.http, s.receiver!, 'GET', '/api/my/duties'));
  expect(receiver.items.length).toBeGreaterThan(1);
  expect(
    receiver.items.every(
      (i) =>
        i.caseId === a1 &&
        i.duty.owner.role === 'receiving_officer' &&
        i.duty.owner.unit === A_UNITS.receiving,
    ),
  ).toBe(true);
  const due = receiver.items.map((i) => Date.parse(i.duty.dueAt));
  expect(due).toEqual([...due].sort((x, y) => x - y));

  const sender = json<Duties>(await call(api.http, s.sender!, 'GET', '/api/my/duties'));
  expect(sender.items.map((i) => i.duty.kind)).toEqual(['posting.introduction']);

  const other = json<Duties>(await call(api.http, s['receiver-c']!, 'GET', '/api/my/duties'));
  expect(other.items.map((i) => i.caseId)).not.toContain(a1);
  const countyAdmin = json<Duties>(await call(api.http, s['county-admin']!, 'GET', '/api/my/duties'));
  expect(countyAdmin.items.map((i) => i.caseId)).toEqual([b1]);
  expect(json<Duties>(await call(api.http, s.auditor!, 'GET', '/api/my/duties')).items).toEqual([]);
});

test('vocabulary: every status the API reports can be highlighted on the statechart', async () => {
  const v = json<{
    statuses: Record<string, { zh: string; en: string }>;
    statusState: Record<string, string>;
  }>(await call(api.http, s.auditor!, 'GET', '/api/meta/vocabulary'));
  const chart = readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'statechart.mmd'), 'utf8');
  const nodes = new Set([...chart.matchAll(/^\s*state\s+"[^"]*"\s+as\s+(\w+)/gm)].map((m) => m[1]));
  expect(Object.keys(v.statuses).length).toBe(17);
  for (const status of Object.keys(v.statuses)) expect(nodes.has(v.statusState[status])).toBe(true);
  expect(v.statuses.IN_SERVICE).toEqual({ zh: '挂职中', en: 'in service' });
});
