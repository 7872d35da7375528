import { createPublicKey, randomUUID } from 'node:crypto';
import { verifyExport } from '../../../common/auditExport';
import { Worker } from '@temporalio/worker';
import { serve, type Res } from './support/http';
import { getAuditTrail } from '../../../store';
import { buildApi } from '../../../api/server';
import { caseWorkflowId } from '../../../workflows/secondment/definitions';
import { expectActivityFailuresOn, sharedWorkflowBundle } from '../../harness/environments';
import { P } from '../../machines/v2/support/fixtures';
import { createUser } from '../../../api/auth/users';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from './support/apiWorld';
import { A_UNITS, nominationBody } from './support/cases';
import { testDataConverter } from '../../harness/codec';

/** Working a case through the API: actors from the session, on-behalf-of, interventions, bulk, stuck. */
jest.setTimeout(120_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
let caseId = '';

const json = <T>(res: Res): T => res.json() as T;
const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};
const status = async (id = caseId) =>
  json<{ status: string }>(ok(await call(api.http, s.admin!, 'GET', `/api/cases/${id}`))).status;

/** A CPC member of the sending unit, entered into the registry by the department (the demo's is 党外). */
let memberId = '';

beforeAll(async () => {
  api = await createApiWorld();
  for (const u of ['admin', 'county-admin', 'sender', 'receiver', 'auditor']) s[u] = await login(api.http, u);
  const person = ok(
    await call(api.http, s.admin!, 'POST', '/api/persons', {
      name: '张伟',
      gender: 'male',
      birthDate: `${new Date().getUTCFullYear() - 30}-05-20`,
      ethnicity: '汉族',
      partyStatus: 'cpc',
      partyJoinedOn: '2015-07-01',
      education: { level: '大学本科', degree: '学士', school: '四川大学', major: '经济学' },
      currentUnit: A_UNITS.sending,
      currentPost: '综合科科员',
      rank: 'deputy_section',
      categories: ['selected_graduate'],
    }),
  );
  memberId = json<{ person: { id: string } }>(person).person.id;
  await createUser(api.world.db, {
    username: 'cadre-zw',
    displayName: '张伟',
    role: 'cadre',
    personId: memberId,
    password: DEMO_PASSWORD,
  });
  s.cadre = await login(api.http, 'cadre-zw');
  const created = ok(
    await call(api.http, s.sender!, 'POST', '/api/cases', { ...nominationBody(A_UNITS), personId: memberId }),
  );
  expect(created.statusCode).toBe(201);
  caseId = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, caseId);
});
afterAll(async () => {
  await api?.close();
});

test('events are recorded with the logged-in user as actor', async () => {
  const detail = json<{ allowedEvents: { type: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases/${caseId}`)),
  );
  expect(detail.allowedEvents.map((e) => e.type)).toContain('approval.approve');

  const approved = ok(
    await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/events/approval.approve`, {}),
  );
  expect(json<{ case: { status: string } }>(approved).case.status).toBe('POSTING');
  ok(await call(api.http, s.receiver!, 'POST', `/api/cases/${caseId}/events/posting.mentor.name`, P.mentor));
  ok(await call(api.http, s.cadre!, 'POST', `/api/cases/${caseId}/events/posting.party.transfer`, P.party));

  const trail = await getAuditTrail(api.world.db, caseId);
  const byType = Object.fromEntries(trail.map((e) => [e.eventType, e]));
  expect(byType['nomination.create']).toMatchObject({
    actorId: 'sender',
    actorRole: 'sending_officer',
    actorUnit: A_UNITS.sending,
  });
  expect(byType['approval.approve']).toMatchObject({
    actorId: 'admin',
    actorRole: 'org_admin',
    actorUnit: A_UNITS.org,
    onBehalfOf: null,
  });
  expect(byType['posting.mentor.name']).toMatchObject({
    actorId: 'receiver',
    actorRole: 'receiving_officer',
    actorUnit: A_UNITS.receiving,
  });
  expect(byType['posting.party.transfer']).toMatchObject({ actorId: memberId, actorRole: 'cadre' });
});

test('an org admin entering a step for the receiving unit is recorded as on-behalf-of', async () => {
  const res = ok(
    await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/events/posting.post.arrange`, {
      ...P.arrange,
      onBehalfOf: { role: 'receiving_officer', id: 'receiver' },
    }),
  );
  expect(res.statusCode).toBe(200);
  const last = (await getAuditTrail(api.world.db, caseId)).at(-1);
  expect(last).toMatchObject({ eventType: 'posting.post.arrange', actorId: 'admin', actorRole: 'org_admin' });
  expect(last?.onBehalfOf).toBe(`receiving_officer@${A_UNITS.receiving}/receiver`);
});

test('on-behalf-of names a real user who holds that role at the case’s unit: a made-up or wrong one is refused', async () => {
  for (const id of ['clerk-li', 'receiver-c', 'sender']) {
    const res = await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/events/posting.mentor.name`, {
      ...P.mentor,
      onBehalfOf: { role: 'receiving_officer', id },
    });
    expect([res.statusCode, json<{ error: { field: string } }>(res).error.field]).toEqual([
      403,
      'body.onBehalfOf.id',
    ]);
  }
  const trail = await getAuditTrail(api.world.db, caseId);
  expect(trail.filter((e) => e.eventType === 'posting.mentor.name' && e.onBehalfOf !== null)).toEqual([]);
});

test('in scope but the wrong role: refused by the machine with the rule named; on-behalf-of is for admins', async () => {
  const wrongRole = await call(
    api.http,
    s.receiver!,
    'POST',
    `/api/cases/${caseId}/events/posting.introduction.send`,
    P.intro,
  );
  expect(wrongRole.statusCode).toBe(403);
  expect(json<{ error: { code: string; rule: string } }>(wrongRole).error).toMatchObject({
    code: 'FORBIDDEN',
    rule: 'role.permission',
  });
  const behalf = await call(
    api.http,
    s.sender!,
    'POST',
    `/api/cases/${caseId}/events/posting.introduction.send`,
    {
      ...P.intro,
      onBehalfOf: { role: 'receiving_officer' },
    },
  );
  expect(behalf.statusCode).toBe(403);
  const notNow = await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/events/final.open`, {});
  expect([notNow.statusCode, json<{ error: { code: string } }>(notNow).error.code]).toEqual([
    409,
    'EVENT_REFUSED',
  ]);
});

test('case detail: open duties with escalation step, audit trail, personnel file, allowed events', async () => {
  const d = json<{
    status: string;
    openDuties: { id: string; dueAt: string; escalationStep: string | null; owner: { role: string } }[];
    auditTrail: { seq: number }[];
    personnelFile: unknown[];
    allowedEvents: { type: string; label: { zh: string } }[];
    you: { role: string; unit: string };
  }>(ok(await call(api.http, s.receiver!, 'GET', `/api/cases/${caseId}`)));
  expect(d.status).toBe('POSTING');
  expect(d.openDuties.length).toBeGreaterThan(0);
  expect(d.openDuties[0]).toHaveProperty('escalationStep');
  expect(d.auditTrail.map((e) => e.seq)).toEqual(d.auditTrail.map((_e, i) => i + 1));
  expect(Array.isArray(d.personnelFile)).toBe(true);
  expect(d.allowedEvents.every((e) => e.label.zh.length > 0)).toBe(true);
  expect(d.you).toEqual({ role: 'receiving_officer', unit: A_UNITS.receiving });
  const auditor = json<{ allowedEvents: unknown[] }>(
    ok(await call(api.http, s.auditor!, 'GET', `/api/cases/${caseId}`)),
  );
  expect(auditor.allowedEvents).toEqual([]);
});

test('interventions need a reason and are recorded with it', async () => {
  ok(
    await call(api.http, s.admin!, 'POST', `/api/cases/${caseId}/interventions/admin.case.hold`, {
      reason: '干部请长病假，暂停',
    }),
  );
  expect(await status()).toBe('ON_HOLD');
  const last = (await getAuditTrail(api.world.db, caseId)).at(-1);
  expect(last).toMatchObject({
    eventType: 'admin.case.hold',
    actorId: 'admin',
    reason: '干部请长病假，暂停',
  });
});

test('bulk: dry run previews exactly which cases change and how, execution reports per case', async () => {
  const other = json<{ case: { caseId: string } }>(
    ok(await call(api.http, s.admin!, 'POST', '/api/cases', nominationBody(A_UNITS))),
  ).case.caseId;
  await waitForProjection(api, other);
  const body = {
    filter: { sendingUnit: A_UNITS.sending },
    intervention: { type: 'admin.case.resume', payload: { reason: '病假结束，恢复' } },
  };
  const before = (await getAuditTrail(api.world.db, caseId)).length;
  const preview = json<{
    dryRun: boolean;
    willChange: number;
    items: { caseId: string; willChange: boolean; change: string | null; skipReason: string | null }[];
  }>(ok(await call(api.http, s.admin!, 'POST', '/api/bulk', body)));
  expect(preview.dryRun).toBe(true);
  expect(preview.willChange).toBe(1);
  const mine = preview.items.find((i) => i.caseId === caseId);
  const theirs = preview.items.find((i) => i.caseId === other);
  expect(mine).toMatchObject({ willChange: true });
  expect(mine?.change).toContain('ON_HOLD');
  expect(theirs).toMatchObject({ willChange: false });
  expect(theirs?.skipReason).toContain('NOMINATED');
  expect((await getAuditTrail(api.world.db, caseId)).length).toBe(before); // a dry run writes nothing
  expect(await status()).toBe('ON_HOLD');

  const run = json<{ items: { caseId: string; outcome: string; status?: string }[] }>(
    ok(await call(api.http, s.admin!, 'POST', '/api/bulk', { ...body, dryRun: false })),
  );
  expect(run.items.find((i) => i.caseId === caseId)).toMatchObject({ outcome: 'changed', status: 'POSTING' });
  expect(run.items.find((i) => i.caseId === other)).toMatchObject({ outcome: 'skipped' });
  expect(await status()).toBe('POSTING');
  const last = (await getAuditTrail(api.world.db, caseId)).at(-1);
  expect(last).toMatchObject({ eventType: 'admin.case.resume', actorId: 'admin', reason: '病假结束，恢复' });

  const extend = json<{ items: { caseId: string; willChange: boolean; change: string | null }[] }>(
    ok(
      await call(api.http, s.admin!, 'POST', '/api/bulk', {
        filter: { status: 'POSTING' },
        intervention: {
          type: 'admin.deadline.extend',
          duty: 'next',
          payload: { until: new Date(Date.now() + 400 * 86_400_000).toISOString(), reason: '统一顺延' },
        },
      }),
    ),
  );
  expect(extend.items).toHaveLength(1);
  expect(extend.items[0]?.change).toMatch(/due .* → /);

  // The preview is what execution then does: the same duty ends up due on the same day.
  const until = new Date(Date.now() + 300 * 86_400_000).toISOString();
  const extendBody = {
    filter: { status: 'POSTING' },
    intervention: { type: 'admin.deadline.extend', duty: 'next', payload: { until, reason: '统一顺延' } },
  };
  const previewed = json<{ items: { caseId: string; change: string | null }[] }>(
    ok(await call(api.http, s.admin!, 'POST', '/api/bulk', extendBody)),
  ).items.find((i) => i.caseId === caseId)?.change;
  const dutyId = /^duty (\S+) /.exec(previewed ?? '')?.[1];
  expect(previewed).toContain(`→ ${until}`);
  ok(await call(api.http, s.admin!, 'POST', '/api/bulk', { ...extendBody, dryRun: false }));
  const detail = json<{ openDuties: { id: string; dueAt: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases/${caseId}`)),
  );
  expect(detail.openDuties.find((d) => d.id === dutyId)?.dueAt).toBe(until);
});

test('list: filters, sorting, pagination from the projection', async () => {
  const q = async (query: string) =>
    json<{ items: { caseId: string; status: string }[]; total: number }>(
      ok(await call(api.http, s.admin!, 'GET', `/api/cases?${query}`)),
    );
  expect((await q('status=POSTING')).items.map((i) => i.caseId)).toEqual([caseId]);
  expect((await q('status=POSTING&status=NOMINATED')).total).toBe(2);
  expect((await q(`year=${new Date().getUTCFullYear()}&kind=down`)).total).toBe(2);
  expect((await q('overdue=true')).total).toBe(0);
  const page = await q('sort=caseId&order=desc&limit=1&offset=1');
  expect(page.items).toHaveLength(1);
  expect(page.total).toBe(2);
  expect(
    (
      await q(
        `receivingUnit=${A_UNITS.receiving}&deadlineFrom=2000-01-01T00:00:00Z&deadlineTo=2999-01-01T00:00:00Z`,
      )
    ).total,
  ).toBe(2);
});

test('audit verification of one case and of the whole scope', async () => {
  const one = json<{ ok: boolean; entries: number }>(
    ok(await call(api.http, s.auditor!, 'GET', `/api/audit/verify?caseId=${caseId}`)),
  );
  expect(one.ok).toBe(true);
  expect(one.entries).toBe((await getAuditTrail(api.world.db, caseId)).length);
  const all = json<{ ok: boolean; cases: number }>(
    ok(await call(api.http, s.auditor!, 'GET', '/api/audit/verify')),
  );
  expect(all).toMatchObject({ ok: true, cases: 2 });
});

test('technical stuck: a repeatedly failing activity is listed with a Temporal UI link and can be retried', async () => {
  // A second worker whose database write always fails, on its own task queue.
  const taskQueue = `secondment-failing-${randomUUID()}`;
  expectActivityFailuresOn(taskQueue);
  const worker = await Worker.create({
    connection: api.env.nativeConnection,
    namespace: api.env.namespace,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    dataConverter: testDataConverter,
    activities: {
      ...api.world.activities,
      applyTransition: () => Promise.reject(new Error('数据库不可用 / database unavailable (test)')),
    },
  });
  const running = worker.run();
  const failingApi = buildApi({
    connection: api.env.connection,
    namespace: api.env.namespace,
    taskQueue,
    dataConverter: testDataConverter,
    db: api.world.db,
    temporalUiUrl: 'http://ui.test',
    stuckActivityAttempts: 2,
  });
  const failingHttp = await serve(failingApi);
  let stuckId = '';
  try {
    const admin = await login(failingHttp, 'admin');
    const created = ok(await call(failingHttp, admin, 'POST', '/api/cases', nominationBody(A_UNITS)));
    stuckId = json<{ case: { caseId: string } }>(created).case.caseId;
    let technical: {
      caseId: string;
      kind: string;
      reason: string;
      temporalUiUrl: string;
      retry: { url: string } | null;
    }[] = [];
    for (let i = 0; i < 60 && !technical.some((t) => t.caseId === stuckId); i++) {
      await new Promise((r) => setTimeout(r, 250));
      technical = json<{ technical: typeof technical }>(
        ok(await call(failingHttp, admin, 'GET', '/api/stuck')),
      ).technical;
    }
    const entry = technical.find((t) => t.caseId === stuckId);
    expect(entry).toMatchObject({
      kind: 'activity',
      temporalUiUrl: `http://ui.test/namespaces/${api.env.namespace}/workflows/${caseWorkflowId(stuckId)}`,
      retry: { url: `/api/cases/${stuckId}/retry` },
    });
    expect(entry?.reason).toContain('applyTransition');
    expect(entry?.reason).toContain('database unavailable');
    // Outside the county: not even the technical entry is visible.
    const other = await login(failingHttp, 'county-admin');
    const theirs = json<{ technical: { caseId: string }[] }>(
      ok(await call(failingHttp, other, 'GET', '/api/stuck')),
    );
    expect(theirs.technical.map((t) => t.caseId)).not.toContain(stuckId);
    expect((await call(failingHttp, other, 'POST', `/api/cases/${stuckId}/retry`)).statusCode).toBe(404);

    const retried = ok(await call(failingHttp, admin, 'POST', `/api/cases/${stuckId}/retry`));
    expect(json<{ action: string; retried: string[] }>(retried)).toMatchObject({ action: 'activity.reset' });
    expect(json<{ retried: string[] }>(retried).retried.length).toBe(1);
  } finally {
    if (stuckId)
      await api.env.client.workflow
        .getHandle(caseWorkflowId(stuckId))
        .terminate('test cleanup')
        .catch(() => undefined);
    await failingApi.close();
    worker.shutdown();
    await running;
  }
});

test('a case whose write keeps failing holds no request: the event answers 504 in the bound with the failing activity named, and a bulk run skips the case saying why', async () => {
  const taskQueue = `secondment-wedged-${randomUUID()}`;
  expectActivityFailuresOn(taskQueue);
  let failing = false;
  const worker = await Worker.create({
    connection: api.env.nativeConnection,
    namespace: api.env.namespace,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    dataConverter: testDataConverter,
    activities: {
      ...api.world.activities,
      applyTransition: (input: never) =>
        failing
          ? Promise.reject(new Error('磁盘已满 / disk full (test)'))
          : api.world.activities.applyTransition(input),
    },
  });
  const running = worker.run();
  const wedgeApi = buildApi({
    connection: api.env.connection,
    namespace: api.env.namespace,
    taskQueue,
    dataConverter: testDataConverter,
    db: api.world.db,
    stuckActivityAttempts: 2,
    eventAnswerWithinMs: 8_000,
  });
  const http = await serve(wedgeApi);
  let wedgedId = '';
  try {
    const admin = await login(http, 'admin');
    const created = ok(await call(http, admin, 'POST', '/api/cases', nominationBody(A_UNITS)));
    wedgedId = json<{ case: { caseId: string } }>(created).case.caseId;
    await waitForProjection(api, wedgedId);
    failing = true;

    const started = Date.now();
    const held = await call(http, admin, 'POST', `/api/cases/${wedgedId}/events/approval.approve`, {});
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(8_000);
    expect(waited).toBeLessThan(20_000);
    expect(held.statusCode).toBe(504);
    const error = json<{ error: { code: string; message: string } }>(held).error;
    expect(error.code).toBe('CASE_NOT_ANSWERING');
    expect(error.message).toContain('applyTransition');
    expect(error.message).toContain('disk full');

    // A bulk run over the case names it and why, and executes without waiting on it.
    const { status } = json<{ status: string }>(ok(await call(http, admin, 'GET', `/api/cases/${wedgedId}`)));
    const bulkOf = async (dryRun: boolean) =>
      json<{
        items: { caseId: string; outcome?: string; skipReason?: string | null; reason?: string | null }[];
      }>(
        ok(
          await call(http, admin, 'POST', '/api/bulk', {
            filter: { sendingUnit: A_UNITS.sending, status },
            intervention: {
              type: 'admin.deadline.extend',
              payload: { until: new Date(Date.now() + 90 * 86_400_000).toISOString(), reason: '批量延期' },
            },
            dryRun,
          }),
        ),
      ).items.find((i) => i.caseId === wedgedId);
    expect(String((await bulkOf(true))?.skipReason)).toMatch(
      /technically stuck.*applyTransition.*disk full/s,
    );
    const executed = await bulkOf(false);
    expect(executed).toMatchObject({ outcome: 'skipped' });
    expect(String(executed?.reason)).toMatch(/technically stuck.*applyTransition.*disk full/s);
  } finally {
    failing = false;
    if (wedgedId)
      await api.env.client.workflow
        .getHandle(caseWorkflowId(wedgedId))
        .terminate('test cleanup')
        .catch(() => undefined);
    await wedgeApi.close();
    worker.shutdown();
    await running;
  }
});

test('a value the database refuses is not retried: the event answers 400 with the reason at once, the case is listed as technically stuck with it, retry says why, and the case goes on', async () => {
  // Defence in depth behind the text schemas: this worker smuggles a NUL into the record it writes
  // (as a value that slipped past every validator would arrive), so the real database refuses it.
  const taskQueue = `secondment-unstorable-${randomUUID()}`;
  expectActivityFailuresOn(taskQueue);
  const worker = await Worker.create({
    connection: api.env.nativeConnection,
    namespace: api.env.namespace,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    dataConverter: testDataConverter,
    activities: {
      ...api.world.activities,
      applyTransition: (input: unknown) =>
        api.world.activities.applyTransition(
          JSON.parse(JSON.stringify(input).replaceAll('注入NUL', '注入\\u0000')) as never,
        ),
    },
  });
  const running = worker.run();
  const wedgeApi = buildApi({
    connection: api.env.connection,
    namespace: api.env.namespace,
    taskQueue,
    dataConverter: testDataConverter,
    db: api.world.db,
    stuckActivityAttempts: 2,
  });
  const http = await serve(wedgeApi);
  let wedgedId = '';
  try {
    const admin = await login(http, 'admin');
    const created = ok(await call(http, admin, 'POST', '/api/cases', nominationBody(A_UNITS)));
    wedgedId = json<{ case: { caseId: string } }>(created).case.caseId;
    await waitForProjection(api, wedgedId);

    const started = Date.now();
    const held = await call(http, admin, 'POST', `/api/cases/${wedgedId}/events/approval.approve`, {
      note: '注入NUL 的审批意见',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(held.statusCode).toBe(400);
    expect(json<{ error: { code: string; message: string } }>(held).error).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(held.body).toMatch(/database refused/);

    // Listed at once (no retries to wait for), with the database's reason.
    const stuck = json<{ technical: { caseId: string; kind: string; reason: string; retry: unknown }[] }>(
      ok(await call(http, admin, 'GET', '/api/stuck')),
    ).technical.find((t) => t.caseId === wedgedId);
    expect(stuck).toMatchObject({ kind: 'unstorable', retry: null });
    expect(stuck?.reason).toMatch(/approval\.approve/);
    expect(stuck?.reason).toMatch(/Unicode|byte sequence|0x00/);

    // Retrying cannot store it: not 200 and a repeat, but the reason.
    const retry = await call(http, admin, 'POST', `/api/cases/${wedgedId}/retry`);
    expect(retry.statusCode).toBe(409);
    expect(json<{ error: { code: string; message: string } }>(retry).error.code).toBe('NOTHING_TO_RETRY');
    expect(retry.body).toMatch(/approval\.approve/);

    // Nothing was written and the case is where it was; the next event goes through and clears it.
    expect((await getAuditTrail(api.world.db, wedgedId)).map((e) => e.eventType)).not.toContain(
      'approval.approve',
    );
    const again = await call(http, admin, 'POST', `/api/cases/${wedgedId}/events/approval.approve`, {
      note: '更正后的审批意见',
    });
    expect(again.statusCode).toBe(200);
    const after = json<{ technical: { caseId: string }[] }>(ok(await call(http, admin, 'GET', '/api/stuck')));
    expect(after.technical.map((t) => t.caseId)).not.toContain(wedgedId);
  } finally {
    if (wedgedId)
      await api.env.client.workflow
        .getHandle(caseWorkflowId(wedgedId))
        .terminate('test cleanup')
        .catch(() => undefined);
    await wedgeApi.close();
    worker.shutdown();
    await running;
  }
});

test('export: the cases in scope as CSV with the list filters; another county exports none of them', async () => {
  const mine = ok(
    await call(api.http, s.admin!, 'GET', `/api/cases/export.csv?sendingUnit=${A_UNITS.sending}`),
  );
  expect(mine.headers['content-type']).toContain('text/csv');
  expect(mine.body.startsWith('\uFEFF案件编号 case id,姓名 name,状态 status')).toBe(true);
  expect(mine.body).toContain('张伟');
  expect(mine.body).toContain('东安县白沙镇');
  expect(mine.body).toContain(caseId);
  const listed = json<{ total: number }>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases?sendingUnit=${A_UNITS.sending}&limit=500`)),
  );
  expect(mine.body.trim().split('\r\n')).toHaveLength(listed.total + 1);

  const theirs = ok(await call(api.http, s['county-admin']!, 'GET', '/api/cases/export.csv'));
  expect(theirs.body).not.toContain(caseId);
  const anonymous = await api.http.inject({ method: 'GET', url: '/api/cases/export.csv' });
  expect(anonymous.statusCode).toBe(401);
});

test('the audit head in the workflow memo: the API catches a deleted tail the database alone cannot; the signed export checks offline with the published key', async () => {
  const created = ok(await call(api.http, s.admin!, 'POST', '/api/cases', nominationBody(A_UNITS)));
  const id = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, id);
  const dutyId = json<{ openDuties: { id: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases/${id}`)),
  ).openDuties[0]!.id;
  for (const days of [60, 90])
    ok(
      await call(api.http, s.admin!, 'POST', `/api/cases/${id}/interventions/admin.deadline.extend`, {
        dutyId,
        until: new Date(Date.now() + days * 86_400_000).toISOString(),
        reason: '核对审计链头',
      }),
    );
  const verify = () =>
    call(api.http, s.auditor!, 'GET', `/api/audit/verify?caseId=${id}`).then((r) =>
      json<{ ok: boolean; results: Record<string, unknown>[] }>(ok(r)),
    );
  expect(await verify()).toMatchObject({ ok: true, results: [{ ok: true, entries: 3, anchored: true }] });

  const key = json<{ keyId: string; publicKey: string }>(
    ok(await call(api.http, s.auditor!, 'GET', '/api/audit/public-key')),
  );
  const exportOf = async () => {
    const res = ok(await call(api.http, s.auditor!, 'GET', `/api/audit/export?caseId=${id}`));
    expect(res.headers['content-type']).toMatch(/^application\/jsonl/);
    return verifyExport(res.body, createPublicKey(key.publicKey));
  };
  expect(await exportOf()).toMatchObject({
    ok: true,
    keyId: key.keyId,
    cases: [{ caseId: id, entries: 3, ok: true }],
  });

  // The insider removes the newest row and lowers the projection to match: the chain in the
  // database is intact on its own, only Temporal's head says it was longer.
  await api.world.db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
    await tx.query('DELETE FROM audit_entries WHERE case_id = $1 AND seq = 3', [id]);
    await tx.exec('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
    await tx.query('UPDATE cases SET last_seq = 2 WHERE case_id = $1', [id]);
  });
  const after = await verify();
  expect(after).toMatchObject({ ok: false, results: [{ ok: false, firstBrokenSeq: 3 }] });
  expect(String(after.results[0]?.reason)).toMatch(/tail was deleted/);
  expect(await exportOf()).toMatchObject({
    ok: false,
    signatureValid: true,
    cases: [{ caseId: id, ok: false }],
  });
});

test('a case deleted from every table: only Temporal still knows it, and the verification of the scope names it', async () => {
  const created = ok(await call(api.http, s.admin!, 'POST', '/api/cases', nominationBody(A_UNITS)));
  const id = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, id);
  const scopeVerdict = async (who: string) => {
    const res = json<{ ok: boolean; results: { caseId: string; ok: boolean; reason?: string }[] }>(
      ok(await call(api.http, s[who]!, 'GET', '/api/audit/verify')),
    );
    return res.results.find((r) => r.caseId === id);
  };
  expect(await scopeVerdict('auditor')).toBeUndefined();

  await api.world.db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
    for (const table of [
      'audit_entries',
      'notifications',
      'personnel_file_entries',
      'case_state',
      'case_parties',
      'cases',
    ])
      await tx.query(`DELETE FROM ${table} WHERE case_id = $1`, [id]);
    await tx.exec('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
  });
  // visibility is eventually consistent: the listing may lag the start by a moment
  let verdict: { ok: boolean; reason?: string } | undefined;
  for (let i = 0; i < 20 && !verdict; i++) {
    verdict = await scopeVerdict('auditor');
    if (!verdict) await new Promise((r) => setTimeout(r, 500));
  }
  expect(verdict).toMatchObject({ ok: false });
  expect(String(verdict?.reason)).toMatch(/the case was deleted/);
  expect(String((await scopeVerdict('admin'))?.reason)).toMatch(/the case was deleted/);
  // another county's department is not shown what it never owned
  expect(await scopeVerdict('county-admin')).toBeUndefined();
});

test('admin.duty.reassign: the owner unit must be an active unit of the directory that the role sits at', async () => {
  const created = ok(await call(api.http, s.admin!, 'POST', '/api/cases', nominationBody(A_UNITS)));
  const id = json<{ case: { caseId: string } }>(created).case.caseId;
  await waitForProjection(api, id);
  const detail = json<{ openDuties: { id: string }[] }>(
    ok(await call(api.http, s.admin!, 'GET', `/api/cases/${id}`)),
  );
  const dutyId = detail.openDuties[0]!.id;
  const reassign = (owner: unknown) =>
    call(api.http, s.admin!, 'POST', `/api/cases/${id}/interventions/admin.duty.reassign`, {
      dutyId,
      owner,
      reason: '换承办单位',
    });
  const refusedAt = async (owner: unknown) => {
    const res = await reassign(owner);
    const body = json<{ error: { code: string; field?: string; message: string } }>(res);
    return [res.statusCode, body.error.code, body.error.field];
  };
  expect(await refusedAt({ role: 'sending_officer', unit: `<b>${'x'.repeat(3000)}</b>` })).toEqual([
    400,
    'INVALID_INPUT',
    'body.owner.unit',
  ]);
  expect(await refusedAt({ role: 'sending_officer', unit: 'city.no-such-unit' })).toEqual([
    400,
    'INVALID_INPUT',
    'body.owner.unit',
  ]);
  expect(await refusedAt({ role: 'auditor', unit: A_UNITS.org })).toEqual([
    400,
    'INVALID_INPUT',
    'body.owner.role',
  ]);
  // a department's role at a unit that is not that department, and a unit's officer at a department
  expect(await refusedAt({ role: 'org_admin', unit: A_UNITS.sending })).toEqual([
    400,
    'INVALID_INPUT',
    'body.owner.unit',
  ]);
  expect(await refusedAt({ role: 'receiving_officer', unit: A_UNITS.org })).toEqual([
    400,
    'INVALID_INPUT',
    'body.owner.unit',
  ]);
  expect(await getAuditTrail(api.world.db, id)).toHaveLength(1); // only the nomination: nothing refused was recorded
  ok(await reassign({ role: 'sending_officer', unit: A_UNITS.sending }));
  expect((await getAuditTrail(api.world.db, id)).at(-1)).toMatchObject({ eventType: 'admin.duty.reassign' });
});
