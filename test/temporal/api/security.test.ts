import { buildApi } from '../../../api/server';
import { serve } from './support/http';
import { call, createApiWorld, login, setCookies, type ApiWorld } from './support/apiWorld';
import { demoPolicy } from '../../../machines/secondment';
import { A_UNITS, nominationBody } from './support/cases';
import { testDataConverter } from '../../harness/codec';

/** CSRF, login rate limit, malformed input, the OpenAPI document and the proxy-header mode. */
jest.setTimeout(120_000);

let api: ApiWorld;
beforeAll(async () => {
  api = await createApiWorld();
});
afterAll(async () => {
  await api?.close();
});

const error = (res: { json: () => unknown }) =>
  (res.json() as { error: { code: string; message: string; field?: string } }).error;

describe('authentication and CSRF', () => {
  test('no session: 401 on reads and writes, public routes stay open', async () => {
    for (const [method, url] of [
      ['GET', '/api/cases'],
      ['GET', '/api/stuck'],
      ['POST', '/api/bulk'],
      ['POST', '/api/cases'],
    ] as const) {
      const res = await api.http.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect([res.statusCode, error(res).code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await api.http.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  test('session cookie is HttpOnly and SameSite=Strict; the CSRF cookie is readable', async () => {
    const res = await api.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'secondment-demo' },
    });
    expect(res.statusCode).toBe(200);
    const session = setCookies(res).find((c) => c.name === 'secondment_session');
    const csrf = setCookies(res).find((c) => c.name === 'secondment_csrf');
    expect(session?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
    expect(csrf?.attributes.httponly).toBeUndefined();
    expect(csrf?.value).toBe((res.json() as { csrfToken: string }).csrfToken);
  });

  test('every state-changing route refuses a request without the session’s x-csrf-token', async () => {
    const s = await login(api.http, 'admin');
    const other = await login(api.http, 'sender');
    const posts = [
      ['/api/cases', nominationBody(A_UNITS)],
      ['/api/cases/caseid-0001/events/approval.reject', { reason: '不予批准' }],
      ['/api/cases/caseid-0001/interventions/admin.case.hold', { reason: '暂停' }],
      ['/api/cases/caseid-0001/retry', undefined],
      ['/api/bulk', { intervention: { type: 'admin.case.hold', payload: { reason: 'x' } }, dryRun: false }],
      ['/api/auth/logout', undefined],
    ] as const;
    for (const [url, payload] of posts) {
      for (const token of [undefined, '', 'forged-token', other.csrf]) {
        const res = await api.http.inject({
          method: 'POST',
          url,
          headers: { cookie: s.cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }) },
          ...(payload ? { payload } : {}),
        });
        expect([url, res.statusCode, error(res).code]).toEqual([url, 403, 'CSRF_REFUSED']);
      }
    }
    const list = await call(api.http, s, 'GET', '/api/cases');
    expect((list.json() as { total: number }).total).toBe(0); // nothing was created
  });

  test('logout ends the session', async () => {
    const s = await login(api.http, 'auditor');
    expect((await call(api.http, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(api.http, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('deadline rules belong to the organization department', () => {
  test('a sending unit may pick a named policy but not send a policy of its own', async () => {
    const sender = await login(api.http, 'sender');
    const own = { ...demoPolicy, id: 'lenient', escalation: demoPolicy.escalation };
    const refused = await call(api.http, sender, 'POST', '/api/cases', {
      ...nominationBody(A_UNITS),
      policy: own,
    });
    expect(refused.statusCode).toBe(403);
    expect(error(refused)).toMatchObject({ code: 'FORBIDDEN', field: 'policy' });
    const named = await call(api.http, sender, 'POST', '/api/cases', {
      ...nominationBody(A_UNITS),
      policy: 'demo',
    });
    expect(named.statusCode).toBe(201);
    const admin = await login(api.http, 'admin');
    const byAdmin = await call(api.http, admin, 'POST', '/api/cases', {
      ...nominationBody(A_UNITS),
      policy: own,
    });
    expect(byAdmin.statusCode).toBe(201);
  });
});

describe('login rate limit', () => {
  test('5 failures per username and IP per minute, then 429 even with the right password', async () => {
    const attempt = (password: string, remoteAddress = '127.0.0.7') =>
      api.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'receiver', password },
        remoteAddress,
      });
    for (let i = 0; i < 5; i++) {
      const res = await attempt('wrong-password');
      expect([res.statusCode, error(res).code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    const blocked = await attempt('secondment-demo');
    expect([blocked.statusCode, error(blocked).code]).toEqual([429, 'RATE_LIMITED']);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Another address is not punished for it.
    expect((await attempt('secondment-demo', '127.0.0.8')).statusCode).toBe(200);
  });

  test('per account across addresses: 50 wrong passwords from 10 addresses lock the account, the right one is refused', async () => {
    const app = buildApi({
      connection: api.env.connection,
      namespace: api.env.namespace,
      taskQueue: api.world.taskQueue,
      dataConverter: testDataConverter,
      db: api.world.db,
      auth: {},
    });
    const limited = await serve(app);
    try {
      const attempt = (password: string, remoteAddress: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'sender', password },
          remoteAddress,
        });
      const answers: number[] = [];
      // 5 per address: never over the per-address limit, all within the minute
      for (let i = 0; i < 50; i++)
        answers.push((await attempt('wrong-password', `127.0.1.${i % 10}`)).statusCode);
      // 20 reach the password check; from then on the account is locked for every address
      expect(answers.filter((c) => c === 401)).toHaveLength(20);
      expect(answers.slice(20).every((c) => c === 429)).toBe(true);
      const fresh = await attempt('secondment-demo', '127.0.1.99');
      expect([fresh.statusCode, error(fresh).code]).toEqual([429, 'RATE_LIMITED']);
      // another account is not locked by it (the window's end: test/unit/api/loginLimiter.test.ts)
      expect(
        (
          await limited.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'receiver', password: 'secondment-demo' },
            remoteAddress: '127.0.1.99',
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('the session cookie is set once (and the CSRF cookie once)', async () => {
    const res = await api.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auditor', password: 'secondment-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(
      setCookies(res)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['secondment_csrf', 'secondment_session']);
  });

  test('unknown users get the same answer as wrong passwords', async () => {
    const res = await api.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    expect([res.statusCode, error(res).code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('malformed input is refused with the field named', () => {
  test.each([
    ['nomination: year is a string', '/api/cases', { ...nominationBody(A_UNITS), year: 'abc' }, 'body.year'],
    [
      'nomination: a cadre with a name is refused (the person is named by id only)',
      '/api/cases',
      { ...nominationBody(A_UNITS), cadre: { id: 'x', displayName: 'y', age: 30, cpcMember: true } },
      'body.cadre',
    ],
    [
      'nomination: the organization department is not the caller’s to choose',
      '/api/cases',
      { ...nominationBody(A_UNITS), orgUnit: 'county.c.org-dept' },
      'body.orgUnit',
    ],
    [
      'nomination: a person id is required',
      '/api/cases',
      { ...nominationBody(A_UNITS), personId: undefined },
      'body.personId',
    ],
    [
      'nomination: nominatedBy may not be sent',
      '/api/cases',
      { ...nominationBody(A_UNITS), nominatedBy: { id: 'x', role: 'org_admin', unit: 'u' } },
      'body.nominatedBy',
    ],
    [
      'bulk: unknown intervention',
      '/api/bulk',
      { intervention: { type: 'admin.case.delete', payload: {} } },
      'body.intervention.type',
    ],
    [
      'bulk: filter with unknown key',
      '/api/bulk',
      {
        filter: { colour: 'red' },
        intervention: { type: 'admin.case.hold', payload: { reason: '暂停一下' } },
      },
      'body.filter.colour',
    ],
  ])('%s', async (_name, url, payload, field) => {
    const s = await login(api.http, 'admin');
    const res = await call(api.http, s, 'POST', url, payload);
    expect(res.statusCode).toBe(400);
    expect(error(res).code).toBe('INVALID_INPUT');
    expect(error(res).field).toBe(field);
    expect(error(res).message).toContain(field.replace(/^body\./, ''));
    expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  test('invalid JSON, bad query values and bad path ids', async () => {
    const s = await login(api.http, 'admin');
    const bad = await api.http.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      payload: '{"year": 20',
    });
    expect([bad.statusCode, error(bad).code]).toEqual([400, 'INVALID_INPUT']);
    const q = await call(api.http, s, 'GET', '/api/cases?limit=9999');
    expect([q.statusCode, error(q).field]).toEqual([400, 'querystring.limit']);
    const d = await call(api.http, s, 'GET', '/api/cases?deadlineFrom=yesterday');
    expect([d.statusCode, error(d).field]).toEqual([400, 'querystring.deadlineFrom']);
    const id = await call(api.http, s, 'GET', '/api/cases/a%20b');
    expect([id.statusCode, error(id).field]).toEqual([400, 'params.id']);
    const none = await call(api.http, s, 'GET', '/api/nothing-here');
    expect([none.statusCode, error(none).code]).toEqual([404, 'NOT_FOUND']);
  });

  test('hardening: huge numbers and NULs in filters, login and ids are 400 naming the field; a 10 MB body is 413', async () => {
    const s = await login(api.http, 'admin');
    for (const url of [
      '/api/cases?year=99999999999',
      '/api/cases/export.csv?year=99999999999',
      '/api/cases?offset=99999999999',
      '/api/allocations?year=99999999999',
    ]) {
      const res = await call(api.http, s, 'GET', url);
      expect([url, res.statusCode, error(res).field]).toEqual([
        url,
        400,
        expect.stringMatching(/^querystring\./),
      ]);
    }
    const bulk = await call(api.http, s, 'POST', '/api/bulk', {
      filter: { year: 99999999999 },
      intervention: { type: 'admin.case.hold', payload: { reason: '统一暂停' } },
    });
    expect([bulk.statusCode, error(bulk).field]).toEqual([400, 'body.filter.year']);
    const nulFilter = await call(api.http, s, 'GET', '/api/cases?sendingUnit=a%00b');
    expect([nulFilter.statusCode, error(nulFilter).field]).toEqual([400, 'querystring.sendingUnit']);
    expect(error(nulFilter).message).toMatch(/NUL/);
    const nulId = await call(api.http, s, 'GET', '/api/cases/abc%00defg');
    expect([nulId.statusCode, error(nulId).field]).toEqual([400, 'params.id']);
    const nulLogin = await api.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin\u0000', password: 'secondment-demo' },
    });
    expect([nulLogin.statusCode, error(nulLogin).field]).toEqual([400, 'body.username']);
    const huge = await api.http.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ note: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect([huge.statusCode, error(huge).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(error(huge).message).toMatch(/too large/);
  });

  test('every /api answer says nosniff and never framed; the reference page has frame-ancestors', async () => {
    const s = await login(api.http, 'admin');
    for (const res of [
      await call(api.http, s, 'GET', '/api/cases'),
      await call(api.http, s, 'GET', '/api/cases/no-such-case-1'),
      await api.http.inject({ method: 'GET', url: '/api/health' }),
      await api.http.inject({ method: 'GET', url: '/api/openapi.json' }),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const docs = await api.http.inject({ method: 'GET', url: '/api/docs' });
    expect(String(docs.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  test('event payloads: actor in the body is refused, missing fields are named', async () => {
    const s = await login(api.http, 'admin');
    const created = await call(api.http, s, 'POST', '/api/cases', nominationBody(A_UNITS));
    expect(created.statusCode).toBe(201);
    const caseId = (created.json() as { case: { caseId: string } }).case.caseId;
    const forged = await call(api.http, s, 'POST', `/api/cases/${caseId}/events/approval.reject`, {
      reason: '冒名操作',
      actor: { id: 'someone-else', role: 'org_admin', unit: A_UNITS.org },
    });
    expect([forged.statusCode, error(forged).code, error(forged).field]).toEqual([
      400,
      'INVALID_INPUT',
      'body.actor',
    ]);
    const missing = await call(api.http, s, 'POST', `/api/cases/${caseId}/events/approval.reject`, {});
    expect([missing.statusCode, error(missing).field]).toEqual([400, 'body.reason']);
    // the quota is the workflow's to look up: a caller cannot send it
    const facts = await call(api.http, s, 'POST', `/api/cases/${caseId}/events/approval.approve`, {
      facts: { intake: { quota: null, approvedBefore: 0, reserved: true } },
    });
    expect([facts.statusCode, error(facts).field]).toEqual([400, 'body.facts']);
    // nor the numbers the v1 caller used to send
    const intake = await call(api.http, s, 'POST', `/api/cases/${caseId}/events/approval.approve`, {
      intake: { approved: 0, quota: 99 },
    });
    expect([intake.statusCode, error(intake).field]).toEqual([400, 'body.intake']);
    const unknown = await call(api.http, s, 'POST', `/api/cases/${caseId}/events/approval.teleport`, {});
    expect([unknown.statusCode, error(unknown).code]).toEqual([400, 'UNKNOWN_EVENT']);
    const noReason = await call(api.http, s, 'POST', `/api/cases/${caseId}/interventions/admin.case.hold`, {
      reason: ' ',
    });
    expect([noReason.statusCode, error(noReason).field]).toEqual([400, 'body.reason']);
  });
});

describe('OpenAPI', () => {
  test('served as valid JSON listing the routes, generated from the zod schemas', async () => {
    const res = await api.http.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const doc = JSON.parse(res.body) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: { properties?: object } }> };
            parameters?: { name: string }[];
            responses?: Record<string, { content?: Record<string, { schema: { properties?: object } }> }>;
          }
        >
      >;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/events/{type}',
      '/api/cases/{id}/interventions/{type}',
      '/api/cases/{id}/retry',
      '/api/bulk',
      '/api/audit/verify',
      '/api/stuck',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const nominate = doc.paths['/api/cases']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(nominate?.properties ?? {})).toEqual(
      expect.arrayContaining(['personId', 'sendingUnit', 'requestedReceivingUnit']),
    );
    // names and departments are never the caller's to send
    expect(Object.keys(nominate?.properties ?? {})).not.toEqual(expect.arrayContaining(['cadre']));
    expect(Object.keys(nominate?.properties ?? {})).not.toContain('orgUnit');
    const listParams = (doc.paths['/api/cases']?.get?.parameters ?? []).map((p) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining(['status', 'kind', 'overdue', 'stuck', 'deadlineFrom', 'year', 'limit', 'sort']),
    );
    // Answers are documented from the same contract, error answers included.
    const answer = (path: string, method: string, status: string) =>
      Object.keys(
        doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema.properties ??
          {},
      );
    expect(answer('/api/cases/{id}', 'get', '200')).toEqual(
      expect.arrayContaining(['caseId', 'live', 'openDuties', 'auditTrail', 'allowedEvents']),
    );
    expect(answer('/api/cases', 'get', '200')).toEqual(['items', 'total', 'limit', 'offset']);
    expect(answer('/api/cases/{id}', 'get', '404')).toEqual(['error']);
    expect(answer('/api/cases/{id}/events/{type}', 'post', '409')).toEqual(['error']);
    expect(answer('/api/stuck', 'get', '200')).toEqual(['business', 'technical', 'proposals']);
    expect(answer('/api/cases/{id}/interventions/{type}/preview', 'post', '200')).toEqual(
      expect.arrayContaining(['before', 'after', 'notifications', 'fourEyes']),
    );
    // Every operation declares its error answers (the shared error body), not only its 200.
    const undeclared = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Object.keys(op.responses ?? {}).some((code) => /^[45]\d\d$/.test(code)))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undeclared).toEqual([]);
  });

  test('the docs page and its assets are served from the package (offline)', async () => {
    const page = await api.http.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const bundle = await api.http.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
  });
});

describe('trusted reverse-proxy mode', () => {
  test('identity headers are accepted only from a configured proxy address', async () => {
    const app = buildApi({
      connection: api.env.connection,
      namespace: api.env.namespace,
      taskQueue: api.world.taskQueue,
      dataConverter: testDataConverter,
      db: api.world.db,
      auth: { mode: 'proxy', trustedProxies: ['127.0.0.5'] },
    });
    const proxied = await serve(app);
    try {
      const headers = {
        'x-secondment-user': 'wang.admin',
        'x-secondment-role': 'org_admin',
        'x-secondment-units': A_UNITS.org,
      };
      const fromProxy = await proxied.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers,
        remoteAddress: '127.0.0.5',
      });
      expect(fromProxy.statusCode).toBe(200);
      expect((fromProxy.json() as { user: { username: string; units: string[] } }).user).toMatchObject({
        username: 'wang.admin',
        units: [A_UNITS.org],
      });
      const spoofed = await proxied.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers,
        remoteAddress: '127.0.0.9',
      });
      expect(spoofed.statusCode).toBe(401);
      const noHeader = await proxied.inject({
        method: 'POST',
        url: '/api/bulk',
        headers,
        remoteAddress: '127.0.0.5',
        payload: { intervention: { type: 'admin.case.hold', payload: { reason: '暂停' } } },
      });
      expect([noHeader.statusCode, error(noHeader).code]).toEqual([403, 'CSRF_REFUSED']);
      const login = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'secondment-demo' },
      });
      expect(login.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
