import type { Res } from './support/http';
import { getAuditTrail } from '../../../store';
import type { UserRole } from '../../../api/auth/users';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import { call, createApiWorld, login, type ApiWorld, type Session } from './support/apiWorld';
import { A_UNITS, B_UNITS, nominationBody } from './support/cases';

/**
 * The authorization matrix: every role, with users of case A's units and of another county's
 * (青石县, under the city), × every endpoint, against a real stack. Scope follows the unit tree:
 * the city's department and auditor see the county's case B too (and cannot act on it), the
 * county's see only B; the 统战部 sees 党外 cases only (A's cadre is 党外, B's a CPC member); unit
 * officers and cadres see only their own. Whoever does not see a case gets 404 for every read and
 * write of it and finds none of it in lists, bulk plans or the stuck list — and afterwards the audit
 * trails prove that nothing was written across units.
 */
jest.setTimeout(180_000);

interface MatrixUser {
  username: string;
  role: UserRole;
  sees: { A: boolean; B: boolean };
  /** may nominate for case A's units */
  nominatesA?: boolean;
}

const USERS: MatrixUser[] = [
  { username: 'admin', role: 'org_admin', sees: { A: true, B: true }, nominatesA: true },
  { username: 'county-admin', role: 'org_admin', sees: { A: false, B: true } },
  { username: 'united-front', role: 'united_front', sees: { A: true, B: false } },
  { username: 'united-front-c', role: 'united_front', sees: { A: false, B: false } },
  { username: 'sender', role: 'sending_officer', sees: { A: true, B: false }, nominatesA: true },
  { username: 'sender-c', role: 'sending_officer', sees: { A: false, B: true } },
  { username: 'receiver', role: 'receiving_officer', sees: { A: true, B: false } },
  { username: 'receiver-c', role: 'receiving_officer', sees: { A: false, B: true } },
  { username: 'cadre', role: 'cadre', sees: { A: true, B: false } },
  { username: 'cadre-c', role: 'cadre', sees: { A: false, B: true } },
  { username: 'auditor', role: 'auditor', sees: { A: true, B: true } },
  { username: 'auditor-c', role: 'auditor', sees: { A: false, B: true } },
];

let api: ApiWorld;
const sessions = new Map<string, Session>();
let caseA = '';
let caseB = '';
/** case A's open duty, and a four-eyes proposal on it by `admin` (nobody approves it) */
let dutyA = '';
let proposalA = '';
const UNTIL = new Date(Date.now() + 90 * 86_400_000).toISOString();

const ids = (res: Res): string[] =>
  (res.json() as { items: { caseId: string }[] }).items.map((i) => i.caseId);
const code = (res: Res): string | undefined => (res.json() as { error?: { code: string } }).error?.code;
const field = (res: Res): string | undefined => (res.json() as { error?: { field?: string } }).error?.field;

beforeAll(async () => {
  api = await createApiWorld({
    users: [
      {
        username: 'sender-c',
        displayName: '青石县财政局',
        role: 'sending_officer',
        units: [B_UNITS.sending],
        password: DEMO_PASSWORD,
      },
      {
        username: 'cadre-c',
        displayName: '孙立新',
        role: 'cadre',
        personId: B_UNITS.cadre,
        password: DEMO_PASSWORD,
      },
      {
        username: 'auditor-c',
        displayName: '青石县审计',
        role: 'auditor',
        units: [B_UNITS.org],
        password: DEMO_PASSWORD,
      },
      {
        username: 'united-front-c',
        displayName: '青石县委统战部',
        role: 'united_front',
        units: [B_UNITS.unitedFront],
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
  for (const u of USERS) sessions.set(u.username, await login(api.http, u.username));
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
  const detail = await call(api.http, sessions.get('admin')!, 'GET', `/api/cases/${caseA}`);
  dutyA = (detail.json() as { openDuties: { id: string }[] }).openDuties[0]!.id;
  const proposed = await call(
    api.http,
    sessions.get('admin')!,
    'POST',
    `/api/cases/${caseA}/interventions/admin.deadline.extend/proposals`,
    { dutyId: dutyA, until: UNTIL, reason: '矩阵测试' },
  );
  expect(proposed.statusCode).toBe(201);
  proposalA = (proposed.json() as { proposal: { proposalId: string } }).proposal.proposalId;
});

afterAll(async () => {
  await api?.close();
});

interface Endpoint {
  name: string;
  check(s: Session, u: MatrixUser): Promise<void>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /api/cases',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', '/api/cases?limit=500');
      expect(res.statusCode).toBe(200);
      expect([ids(res).includes(caseA), ids(res).includes(caseB)]).toEqual([u.sees.A, u.sees.B]);
    },
  },
  {
    name: 'GET /api/cases/export.csv',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', '/api/cases/export.csv');
      expect(res.statusCode).toBe(200);
      expect([res.body.includes(caseA), res.body.includes(caseB)]).toEqual([u.sees.A, u.sees.B]);
      // names, not codes: the cadre and the units by name
      if (u.sees.A) expect(res.body).toContain('冯雅琴');
    },
  },
  {
    name: 'GET /api/cases filtered to case A’s units',
    async check(s, u) {
      const q = `sendingUnit=${A_UNITS.sending}&receivingUnit=${A_UNITS.receiving}&status=NOMINATED`;
      const res = await call(api.http, s, 'GET', `/api/cases?${q}`);
      expect(res.statusCode).toBe(200);
      if (!u.sees.A) expect(ids(res)).toEqual([]);
      else expect(ids(res)).toContain(caseA);
    },
  },
  {
    name: 'GET /api/cases/:id',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', `/api/cases/${caseA}`);
      if (!u.sees.A) {
        expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
        expect(res.body).not.toContain(A_UNITS.sending);
        return;
      }
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        caseId: string;
        cadre: { name: string };
        auditTrail: unknown[];
        allowedEvents: { type: string }[];
      };
      expect([body.caseId, body.cadre.name]).toEqual([caseA, '冯雅琴']);
      expect(body.auditTrail.length).toBeGreaterThanOrEqual(1);
      const allowed = body.allowedEvents.map((e) => e.type);
      if (u.role === 'auditor' || u.role === 'united_front' || u.role === 'cadre')
        expect(allowed).toEqual([]);
      if (u.role === 'org_admin') expect(allowed).toContain('approval.approve');
      if (u.role === 'sending_officer') expect(allowed).toContain('nomination.withdraw');
    },
  },
  {
    name: 'POST /api/cases/:id/events/:type',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', `/api/cases/${caseA}/events/nomination.withdraw`, {});
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (u.role === 'auditor') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      // In scope and allowed to act: the request gets as far as validating the payload.
      expect([res.statusCode, code(res), field(res)]).toEqual([400, 'INVALID_INPUT', 'body.reason']);
    },
  },
  {
    name: 'POST /api/cases/:id/interventions/:type',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', `/api/cases/${caseA}/interventions/admin.case.hold`, {});
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect([res.statusCode, code(res)]).toEqual([400, 'INVALID_INPUT']);
    },
  },
  {
    name: 'POST /api/cases/:id/interventions/:type/preview',
    async check(s, u) {
      const res = await call(
        api.http,
        s,
        'POST',
        `/api/cases/${caseA}/interventions/admin.deadline.extend/preview`,
        {
          dutyId: dutyA,
          until: UNTIL,
          reason: '矩阵测试',
        },
      );
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { willChange: boolean }).willChange).toBe(true);
    },
  },
  {
    name: 'POST /api/cases/:id/interventions/:type/proposals',
    async check(s, u) {
      const res = await call(
        api.http,
        s,
        'POST',
        `/api/cases/${caseA}/interventions/admin.deadline.extend/proposals`,
        {
          dutyId: dutyA,
          until: UNTIL,
          reason: '矩阵测试',
        },
      );
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(201);
    },
  },
  {
    name: 'GET /api/proposals',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', '/api/proposals');
      if (u.role !== 'org_admin' && u.role !== 'auditor')
        return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      const cases = (res.json() as { items: { caseId: string | null }[] }).items.map((p) => p.caseId);
      // a proposal belongs to its department: the city's, not the county's (nor the county auditor's)
      expect(cases.includes(caseA)).toBe(u.username === 'admin' || u.username === 'auditor');
    },
  },
  {
    name: 'POST /api/proposals/:id/approve (admin’s proposal on case A)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', `/api/proposals/${proposalA}/approve`, {
        reason: '矩阵测试',
      });
      if (u.username === 'admin')
        return void expect([
          res.statusCode,
          code(res),
          (res.json() as { error: { rule?: string } }).error.rule,
        ]).toEqual([403, 'FORBIDDEN', 'fourEyes.distinctAdmin']);
      if (u.username === 'auditor')
        return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
    },
  },
  {
    name: 'POST /api/bulk/proposals (no filter)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/bulk/proposals', {
        filter: {},
        intervention: {
          type: 'admin.deadline.extend',
          duty: 'next',
          payload: { until: UNTIL, reason: '矩阵测试' },
        },
      });
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(201);
      const plan = (res.json() as { proposal: { plan: { caseId: string; willChange: boolean }[] } }).proposal
        .plan;
      const changing = plan.filter((i) => i.willChange).map((i) => i.caseId);
      // only the cases the admin's department acts on: the city's A, the county's B
      expect([changing.includes(caseA), changing.includes(caseB)]).toEqual([
        u.username === 'admin',
        u.username === 'county-admin',
      ]);
    },
  },
  {
    name: 'GET /api/audit/verify?caseId',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', `/api/audit/verify?caseId=${caseA}`);
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
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
    name: 'GET /api/cases/:id/documents',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', `/api/cases/${caseA}/documents`);
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { kinds: { kind: string; ready: boolean }[] };
      expect(body.kinds.find((k) => k.kind === 'appointmentApproval')?.ready).toBe(false);
    },
  },
  {
    name: 'GET /api/cases/:id/documents/appointmentApproval.pdf',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', `/api/cases/${caseA}/documents/appointmentApproval.pdf`);
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      // in scope: refused with what is missing (no post yet), never a document with blanks
      expect([res.statusCode, code(res), field(res)]).toEqual([409, 'DOCUMENT_INCOMPLETE', 'case.post']);
    },
  },
  {
    name: 'POST /api/my/feeds (duties, then the department feed)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/my/feeds', { purpose: 'duties' });
      if (u.role === 'auditor') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(201);
      const dept = await call(api.http, s, 'POST', '/api/my/feeds', { purpose: 'overdue' });
      expect(dept.statusCode).toBe(u.role === 'org_admin' ? 201 : 403);
      // the feed lists case A's duties only for those who see it
      const { path } = res.json() as { path: string };
      const ics = await api.http.inject({ method: 'GET', url: path });
      expect(ics.statusCode).toBe(200);
      if (!u.sees.A) expect(ics.body).not.toContain(caseA);
    },
  },
  {
    name: 'GET /api/stuck',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', '/api/stuck');
      expect(res.statusCode).toBe(200);
      const body = res.json() as { business: { caseId: string }[]; technical: { caseId: string }[] };
      const seen = [...body.business, ...body.technical].map((x) => x.caseId);
      if (!u.sees.A) expect(seen).not.toContain(caseA);
      if (!u.sees.B) expect(seen).not.toContain(caseB);
    },
  },
  {
    name: 'POST /api/cases/:id/retry',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', `/api/cases/${caseA}/retry`);
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect([res.statusCode, code(res)]).toEqual([409, 'NOTHING_TO_RETRY']);
    },
  },
  {
    name: 'POST /api/bulk (dry run, no filter)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/bulk', {
        filter: {},
        intervention: { type: 'admin.case.hold', payload: { reason: '矩阵测试' } },
      });
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      expect([ids(res).includes(caseA), ids(res).includes(caseB)]).toEqual([u.sees.A, u.sees.B]);
    },
  },
  {
    name: 'POST /api/bulk (dry run, filtered to case A’s units)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/bulk', {
        filter: { sendingUnit: A_UNITS.sending },
        intervention: { type: 'admin.case.hold', payload: { reason: '矩阵测试' } },
      });
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      if (!u.sees.A) expect(ids(res)).toEqual([]);
      else expect(ids(res)).toContain(caseA);
    },
  },
  {
    name: 'POST /api/cases (nominate A’s person for case A’s units)',
    async check(s, u) {
      // Creating is not reading: a refused nomination is 403 naming the field, not 404.
      const res = await call(api.http, s, 'POST', '/api/cases', nominationBody(A_UNITS));
      if (!u.nominatesA) return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(201);
    },
  },
  {
    name: 'GET /api/persons/:id (case A’s cadre)',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', `/api/persons/${A_UNITS.cadre}`);
      // the person is seen by their current unit's scope or through a case of theirs
      const sees = u.sees.A;
      if (!sees) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { person: { name: string }; cases: { caseId: string }[] };
      expect(page.person.name).toBe('冯雅琴');
      expect(page.cases.map((c) => c.caseId)).toContain(caseA);
    },
  },
  {
    name: 'GET /api/search?q=<case A’s cadre>',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', `/api/search?q=${encodeURIComponent('冯雅')}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { persons: { id: string }[]; cases: { caseId: string }[] };
      expect(body.cases.map((c) => c.caseId).includes(caseA)).toBe(u.sees.A);
      expect(body.persons.map((p) => p.id).includes(A_UNITS.cadre)).toBe(u.sees.A);
    },
  },
  {
    name: 'GET /api/users',
    async check(s, u) {
      const res = await call(api.http, s, 'GET', '/api/users');
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.statusCode).toBe(200);
      const names = (res.json() as { users: { username: string }[] }).users.map((x) => x.username);
      // Unit users by jurisdiction (the city's holds the county's), cadre accounts by their person.
      const city = u.username === 'admin';
      for (const [username, visible] of [
        ['sender', city],
        ['cadre', city],
        ['sender-c', true],
        ['cadre-c', true],
      ] as const)
        expect([username, names.includes(username)]).toEqual([username, visible]);
      expect(res.body).not.toContain('scrypt');
    },
  },
  {
    name: 'POST /api/users (a user of case A’s sending unit)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/users', {
        username: `new-${u.username}`,
        displayName: '新用户',
        role: 'sending_officer',
        units: [A_UNITS.sending],
        password: DEMO_PASSWORD,
      });
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      if (!u.sees.A)
        return void expect([res.statusCode, code(res), field(res)]).toEqual([403, 'FORBIDDEN', 'body.units']);
      expect(res.statusCode).toBe(201);
      expect(res.body).not.toContain('scrypt');
    },
  },
  {
    name: 'POST /api/users (an account for case A’s cadre)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/users', {
        username: `cadre-acct-${u.username}`,
        displayName: '干部账号',
        role: 'cadre',
        personId: A_UNITS.cadre,
        password: DEMO_PASSWORD,
      });
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      if (!u.sees.A)
        return void expect([res.statusCode, code(res), field(res)]).toEqual([
          403,
          'FORBIDDEN',
          'body.personId',
        ]);
      expect(res.statusCode).toBe(201);
    },
  },
  {
    name: 'POST /api/users/:username/disable (a user of case A’s sending unit)',
    async check(s, u) {
      const res = await call(api.http, s, 'POST', '/api/users/clerk-a/disable');
      if (u.role !== 'org_admin') return void expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
      if (!u.sees.A) return void expect([res.statusCode, code(res)]).toEqual([404, 'NOT_FOUND']);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { user: { disabled: boolean } }).user.disabled).toBe(true);
    },
  },
];

describe.each(USERS.map((u) => [u.username, u] as const))('%s', (_name, user) => {
  test.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', async (_e, endpoint) => {
    await endpoint.check(sessions.get(user.username)!, user);
  });
});

describe('case B from case A’s side', () => {
  test.each(USERS.filter((u) => !u.sees.B).map((u) => [u.username] as const))(
    '%s gets 404 for case B',
    async (username) => {
      const s = sessions.get(username)!;
      expect((await call(api.http, s, 'GET', `/api/cases/${caseB}`)).statusCode).toBe(404);
      expect(
        (await call(api.http, s, 'POST', `/api/cases/${caseB}/events/approval.reject`, { reason: '越权' }))
          .statusCode,
      ).toBe(404);
    },
  );

  test('the city department sees the county’s case but acts as itself: the rules refuse it (unit.binding)', async () => {
    const s = sessions.get('admin')!;
    const res = await call(api.http, s, 'POST', `/api/cases/${caseB}/events/approval.reject`, {
      reason: '越权',
    });
    expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
    expect((res.json() as { error: { rule?: string } }).error.rule).toBe('unit.binding');
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
