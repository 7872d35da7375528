import type { Res } from './support/http';
import { getAuditTrail } from '../../../store';
import { DEMO_PASSWORD, type UserRole } from '../../../api/auth/users';
import { call, createApiWorld, login, type ApiWorld, type Session } from './support/apiWorld';
import { A_UNITS, B_UNITS, nominationBody } from './support/cases';

/**
 * The authorization matrix: every role × (a user of case A's units | a user of another county's
 * units) × every endpoint, against a real stack. A user of the other county must get 404 for every
 * read and write of case A, see none of it in lists, bulk plans or the stuck list — and afterwards
 * the audit trails prove that nothing was written across units.
 */
jest.setTimeout(120_000);

const PAIRS: Record<UserRole, { own: string; other: string }> = {
  org_admin: { own: 'admin', other: 'county-admin' },
  sending_officer: { own: 'sender', other: 'sender-c' },
  receiving_officer: { own: 'receiver', other: 'receiver-c' },
  cadre: { own: 'cadre', other: 'cadre-c' },
  auditor: { own: 'auditor', other: 'auditor-c' },
};
const ROLES = Object.keys(PAIRS) as UserRole[];

let api: ApiWorld;
const sessions = new Map<string, Session>();
let caseA = '';
let caseB = '';

const ids = (res: Res): string[] =>
  (res.json() as { items: { caseId: string }[] }).items.map((i) => i.caseId);
const code = (res: Res): string | undefined => (res.json() as { error?: { code: string } }).error?.code;

beforeAll(async () => {
  api = await createApiWorld({
    users: [
      {
        username: 'sender-c',
        displayName: 'C县财政局',
        role: 'sending_officer',
        units: [B_UNITS.sending],
        password: DEMO_PASSWORD,
      },
      {
        username: 'cadre-c',
        displayName: '李四',
        role: 'cadre',
        cadreId: B_UNITS.cadre,
        password: DEMO_PASSWORD,
      },
      {
        username: 'auditor-c',
        displayName: 'C县审计',
        role: 'auditor',
        units: [B_UNITS.org],
        password: DEMO_PASSWORD,
      },
      {
        username: 'clerk-a',
        displayName: '市发改委 干事',
        role: 'sending_officer',
        units: [A_UNITS.sending],
        password: DEMO_PASSWORD,
      },
    ],
  });
  for (const { own, other } of Object.values(PAIRS)) {
    sessions.set(own, await login(api.http, own));
    sessions.set(other, await login(api.http, other));
  }
  const a = await call(api.http, sessions.get('sender')!, 'POST', '/api/cases', nominationBody(A_UNITS));
  expect(a.statusCode).toBe(201);
  caseA = (a.json() as { case: { caseId: string } }).case.caseId;
  const b = await call(
    api.http,
    sessions.get('county-admin')!,
    'POST',
    '/api/cases',
    nominationBody(B_UNITS),
  );
  expect(b.statusCode).toBe(201);
  caseB = (b.json() as { case: { caseId: string } }).case.caseId;
  // The projection row is written by the first transition's activity: wait until both are listed.
  for (let i = 0; i < 100; i++) {
    const rows = await api.world.db.query('SELECT case_id FROM cases WHERE case_id = ANY($1::text[])', [
      [caseA, caseB],
    ]);
    if (rows.length === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await api?.close();
});

type Side = 'own' | 'other';
interface Endpoint {
  name: string;
  check(s: Session, role: UserRole, side: Side): Promise<void>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/cases',
    async check(s, _role, side) {
      const res = await call(api.http, s, 'GET', '/api/cases?limit=500');
      expect(res.statusCode).toBe(200);
      expect(ids(res).includes(caseA)).toBe(side === 'own');
      expect(ids(res).includes(caseB)).toBe(side === 'other');
    },
  },
  {
    name: 'GET /api/cases/export.csv',
    async check(s, _role, side) {
      const res = await call(api.http, s, 'GET', '/api/cases/export.csv');
      expect(res.statusCode).toBe(200);
      expect(res.body.includes(caseA)).toBe(side === 'own');
      expect(res.body.includes(caseB)).toBe(side === 'other');
    },
  },
  {
    name: 'GET /api/cases filtered to case A’s units',
    async check(s, _role, side) {
      const q = `sendingUnit=${A_UNITS.sending}&receivingUnit=${A_UNITS.receiving}&status=NOMINATED`;
      const res = await call(api.http, s, 'GET', `/api/cases?${q}`);
      expect(res.statusCode).toBe(200);
      if (side === 'other') expect(ids(res)).toEqual([]);
      else expect(ids(res)).toContain(caseA);
    },
  },
  {
    name: 'GET /api/cases/:id',
    async check(s, role, side) {
      const res = await call(api.http, s, 'GET', `/api/cases/${caseA}`);
      if (side === 'other') {
        expect(res.statusCode).toBe(404);
        expect(code(res)).toBe('NOT_FOUND');
        expect(res.body).not.toContain(A_UNITS.sending);
        return;
      }
      expect(res.statusCode).toBe(200);
      const body = res.json() as { caseId: string; auditTrail: unknown[]; allowedEvents: { type: string }[] };
      expect(body.caseId).toBe(caseA);
      expect(body.auditTrail.length).toBeGreaterThanOrEqual(1);
      const allowed = body.allowedEvents.map((e) => e.type);
      if (role === 'auditor') expect(allowed).toEqual([]);
      if (role === 'org_admin') expect(allowed).toContain('approval.approve');
      if (role === 'sending_officer') expect(allowed).toContain('nomination.withdraw');
    },
  },
  {
    name: 'POST /api/cases/:id/events/:type',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', `/api/cases/${caseA}/events/nomination.withdraw`, {});
      if (side === 'other') return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (role === 'auditor') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      // In scope and allowed to act: the request gets as far as validating the payload.
      expect([res.statusCode, code(res)]).toEqual([400, 'INVALID_INPUT']);
      expect((res.json() as { error: { field: string } }).error.field).toBe('body.reason');
    },
  },
  {
    name: 'POST /api/cases/:id/interventions/:type',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', `/api/cases/${caseA}/interventions/admin.case.hold`, {});
      if (side === 'other') return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect([res.statusCode, code(res)]).toEqual([400, 'INVALID_INPUT']);
    },
  },
  {
    name: 'GET /api/audit/verify?caseId',
    async check(s, _role, side) {
      const res = await call(api.http, s, 'GET', `/api/audit/verify?caseId=${caseA}`);
      if (side === 'other') return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { ok: boolean }).ok).toBe(true);
    },
  },
  {
    name: 'GET /api/audit/verify (all in scope)',
    async check(s) {
      const res = await call(api.http, s, 'GET', '/api/audit/verify');
      expect(res.statusCode).toBe(200);
      const list = await call(api.http, s, 'GET', '/api/cases?limit=500');
      // Verifies exactly the cases this user may see, no more.
      expect((res.json() as { cases: number }).cases).toBe((list.json() as { total: number }).total);
    },
  },
  {
    name: 'GET /api/stuck',
    async check(s, _role, side) {
      const res = await call(api.http, s, 'GET', '/api/stuck');
      expect(res.statusCode).toBe(200);
      const body = res.json() as { business: { caseId: string }[]; technical: { caseId: string }[] };
      const seen = [...body.business, ...body.technical].map((x) => x.caseId);
      expect(seen).not.toContain(side === 'own' ? caseB : caseA);
    },
  },
  {
    name: 'POST /api/cases/:id/retry',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', `/api/cases/${caseA}/retry`);
      if (side === 'other') return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect([res.statusCode, code(res)]).toEqual([409, 'NOTHING_TO_RETRY']);
    },
  },
  {
    name: 'POST /api/bulk (dry run, no filter)',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', '/api/bulk', {
        filter: {},
        intervention: { type: 'admin.case.hold', payload: { reason: '矩阵测试' } },
      });
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      expect(ids(res).includes(caseA)).toBe(side === 'own');
      expect(ids(res).includes(caseB)).toBe(side === 'other');
    },
  },
  {
    name: 'POST /api/bulk (dry run, filtered to case A’s units)',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', '/api/bulk', {
        filter: { sendingUnit: A_UNITS.sending },
        intervention: { type: 'admin.case.hold', payload: { reason: '矩阵测试' } },
      });
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      if (side === 'other') expect(ids(res)).toEqual([]);
      else expect(ids(res)).toContain(caseA);
    },
  },
  {
    name: 'POST /api/cases (nominate for case A’s units)',
    async check(s, role, side) {
      // Creating is not reading: a refused nomination is 403 naming the unit field, not 404.
      const res = await call(api.http, s, 'POST', '/api/cases', nominationBody(A_UNITS));
      const mayNominate = side === 'own' && (role === 'sending_officer' || role === 'org_admin');
      if (!mayNominate) return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(201);
    },
  },
  {
    name: 'GET /api/users',
    async check(s, role, side) {
      const res = await call(api.http, s, 'GET', '/api/users');
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      const names = (res.json() as { users: { username: string }[] }).users.map((u) => u.username);
      // Unit users by jurisdiction, cadre accounts by the cadres of the department's cases.
      for (const [username, ownSide] of [
        ['sender', true],
        ['cadre', true],
        ['sender-c', false],
        ['cadre-c', false],
      ] as const)
        expect([username, names.includes(username)]).toEqual([username, ownSide === (side === 'own')]);
      expect(res.body).not.toContain('scrypt');
    },
  },
  {
    name: 'POST /api/users (a user of case A’s sending unit)',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', '/api/users', {
        username: `new-${role}-${side}`,
        displayName: '新用户',
        role: 'sending_officer',
        units: [A_UNITS.sending],
        password: DEMO_PASSWORD,
      });
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      if (side === 'other') {
        expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
        return void expect((res.json() as { error: { field: string } }).error.field).toBe('body.units');
      }
      expect(res.statusCode).toBe(201);
      expect(res.body).not.toContain('scrypt');
    },
  },
  {
    name: 'POST /api/users (an account for case A’s cadre)',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', '/api/users', {
        username: `cadre-acct-${role}-${side}`,
        displayName: '干部账号',
        role: 'cadre',
        cadreId: A_UNITS.cadre,
        password: DEMO_PASSWORD,
      });
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      if (side === 'other') {
        expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
        return void expect((res.json() as { error: { field: string } }).error.field).toBe('body.cadreId');
      }
      expect(res.statusCode).toBe(201);
    },
  },
  {
    name: 'POST /api/users/:username/disable (a user of case A’s sending unit)',
    async check(s, role, side) {
      const res = await call(api.http, s, 'POST', '/api/users/clerk-a/disable');
      if (role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      if (side === 'other') return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { user: { disabled: boolean } }).user.disabled).toBe(true);
    },
  },
];

describe.each(ROLES)('%s', (role) => {
  describe.each(['own', 'other'] as const)('%s unit', (side) => {
    test.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', async (_name, endpoint) => {
      const s = sessions.get(PAIRS[role][side])!;
      await endpoint.check(s, role, side);
    });
  });
});

describe('case B from case A’s side', () => {
  test.each(ROLES)('%s of case A’s units gets 404 for case B', async (role) => {
    const s = sessions.get(PAIRS[role].own)!;
    expect((await call(api.http, s, 'GET', `/api/cases/${caseB}`)).statusCode).toBe(404);
    expect(
      (await call(api.http, s, 'POST', `/api/cases/${caseB}/events/approval.reject`, { reason: '越权' }))
        .statusCode,
    ).toBe(404);
  });
});

test('no write crossed units: both trails hold only their nomination', async () => {
  const trailA = await getAuditTrail(api.world.db, caseA);
  const trailB = await getAuditTrail(api.world.db, caseB);
  expect(trailA.map((e) => e.eventType)).toEqual(['nomination.create']);
  expect(trailB.map((e) => e.eventType)).toEqual(['nomination.create']);
  expect(trailA[0]?.actorId).toBe('sender');
  expect(trailB[0]?.actorId).toBe('county-admin');
});
