import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../db';
import { verifyChain } from '../../store';
import { freePort } from '../harness/freePort';
import { ROOT } from '../harness/paths';
import { harnessState } from '../harness/state';
import { TEST_AUDIT_KEYS_JSON, testAuditKeys } from '../harness/auditKeys';
import { A_UNITS, nominationBody } from './api/support/cases';
import { sleep } from './support/chaosDriver';
import { ApiSession, RequestHung, type Answer } from './support/httpSession';
import { StackProcess } from './support/stackProcess';

/**
 * Issue 12, item 3: "A PostgreSQL fast shutdown killed the whole API + worker process … During an
 * outage every request gets 500 … /api/health keeps saying ok." Here `npm start`'s process (API and
 * worker in one) runs against a PostgreSQL of its own, under load: org admins extending deadlines
 * (each with a reason of its own, so every acknowledged one can be found in the trail), a sending
 * officer nominating, readers and a health probe. The server is stopped with a fast shutdown (the
 * signal that killed it), kept down for 60 s, and started again. Asserted: the process never exits;
 * during the outage callers get 503 DATABASE_UNAVAILABLE with Retry-After, never a 500 and never
 * a hang; health says the database is unreachable; afterwards every acknowledged event is in the
 * trail exactly once (chains intact) and every notification is delivered exactly once.
 */
const OUTAGE_MS = 60_000;
const WARMUP_MS = 8_000;
const AFTER_MS = 10_000;
const BASE_CASES = 4;
const CONVERGE_MS = 150_000;
jest.setTimeout(420_000);

const PG_SCRIPT = path.join(ROOT, 'scripts', 'postgres-test-server.sh');
const PASSWORD = 'secondment-demo';

let pgEnv: NodeJS.ProcessEnv;
let databaseUrl = '';
let stack: StackProcess | undefined;
let db: Db | undefined;
let base = '';

function pg(command: 'start' | 'stop' | 'url'): string {
  return execFileSync('bash', [PG_SCRIPT, command], { env: pgEnv, encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  const pgDir = await mkdtemp(path.join(os.tmpdir(), 'secondment-outage-pg-'));
  pgEnv = { ...process.env, PGTEST_DIR: pgDir, PGTEST_PORT: String(await freePort()) };
  pg('start');
  databaseUrl = pg('url');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'secondment-outage-'));
  const apiPort = await freePort();
  base = `http://127.0.0.1:${apiPort}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(TEMPORAL_|DATABASE_|SECONDMENT_|SMTP_|OTEL_|LOG_)/.test(k),
    ),
  );
  stack = new StackProcess({
    logFile: path.join(dir, 'stack.log'),
    env: {
      ...env,
      TEMPORAL_ADDRESS: harnessState().devServerAddress,
      TEMPORAL_TASK_QUEUE: `outage-${randomUUID()}`,
      DATABASE_URL: databaseUrl,
      SECONDMENT_DATA_DIR: path.join(dir, 'data'),
      SECONDMENT_AUDIT_KEYS: TEST_AUDIT_KEYS_JSON,
      SECONDMENT_API_PORT: String(apiPort),
      SECONDMENT_METRICS_PORT: 'off',
      TEMPORAL_SDK_METRICS_PORT: 'off',
      SECONDMENT_CONSOLE: 'false',
      LOG_LEVEL: 'warn',
      // The demo users, not the demo round: its parties would keep acting (and mailing) throughout.
      SECONDMENT_DEMO_DATA: 'false',
    },
  });
  await stack.start();
  console.log(`database outage test: stack log in ${dir}/stack.log, PostgreSQL in ${pgDir}`);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await db?.close().catch(() => undefined);
  try {
    pg('stop');
  } catch {
    // already stopped
  }
}, 60_000);

interface Sample {
  at: number;
  what: string;
  status: number;
  code?: string;
  retryAfter?: string | null;
}

const codeOf = (a: Answer) => (a.body as { error?: { code?: string } })?.error?.code;

test('the stack rides out a 60 s PostgreSQL outage under load: 503s, no exit, nothing acknowledged lost or doubled', async () => {
  if (!stack) throw new Error('setup failed');
  const admin = new ApiSession(base);
  const sender = new ApiSession(base);
  await admin.login('admin', PASSWORD);
  await sender.login('sender', PASSWORD);

  // The base cases, each with its approval duty to extend again and again.
  const cases: { caseId: string; dutyId: string }[] = [];
  for (let i = 0; i < BASE_CASES; i++) {
    const created = await sender.request('POST', '/api/cases', nominationBody(A_UNITS));
    expect(created.status).toBe(201);
    const caseId = (created.body as { case: { caseId: string } }).case.caseId;
    const detail = await admin.request('GET', `/api/cases/${caseId}`);
    const dutyId = (detail.body as { openDuties: { id: string }[] }).openDuties[0]?.id;
    if (!dutyId) throw new Error(`case ${caseId} has no open duty: ${JSON.stringify(detail.body)}`);
    cases.push({ caseId, dutyId });
  }

  const samples: Sample[] = [];
  const hung: string[] = [];
  const acked: { caseId: string; reason: string }[] = [];
  const unanswered: { caseId: string; reason: string }[] = [];
  const nominated: string[] = [];
  let running = true;
  const t0 = Date.now();
  const note = (what: string, a: Answer) =>
    samples.push({
      at: Date.now(),
      what,
      status: a.status,
      ...(codeOf(a) ? { code: codeOf(a) } : {}),
      retryAfter: a.headers.get('retry-after'),
    });
  const guarded = async (what: string, fn: () => Promise<Answer>): Promise<Answer | null> => {
    try {
      const a = await fn();
      note(what, a);
      return a;
    } catch (err) {
      if (err instanceof RequestHung) hung.push(err.message);
      else samples.push({ at: Date.now(), what, status: -1, code: String(err) });
      return null;
    }
  };

  const extender = async (c: { caseId: string; dutyId: string }, k: number) => {
    for (let n = 1; running; n++) {
      const reason = `负载 load ${c.caseId} #${n}`;
      const until = new Date(Date.now() + 30 * 86_400_000 + (k * 10_000 + n) * 60_000).toISOString();
      const a = await guarded('extend', () =>
        admin.request('POST', `/api/cases/${c.caseId}/interventions/admin.deadline.extend`, {
          dutyId: c.dutyId,
          until,
          reason,
        }),
      );
      if (a?.status === 200) acked.push({ caseId: c.caseId, reason });
      else unanswered.push({ caseId: c.caseId, reason });
      await sleep(a?.status === 200 ? 150 : 500);
    }
  };
  const nominator = async () => {
    for (let n = 1; running; n++) {
      const caseId = `outage-${randomUUID().slice(0, 8)}-${n}`;
      const a = await guarded('nominate', () =>
        sender.request('POST', '/api/cases', nominationBody(A_UNITS, caseId)),
      );
      if (a?.status === 201) nominated.push(caseId);
      await sleep(700);
    }
  };
  const reader = async () => {
    for (let n = 0; running; n++) {
      const c = cases[n % cases.length]!;
      await guarded('read', () =>
        admin.request('GET', n % 2 ? `/api/cases/${c.caseId}` : '/api/cases?limit=20'),
      );
      await sleep(250);
    }
  };
  const health: { at: number; status: number; database?: string }[] = [];
  const prober = async () => {
    while (running) {
      const a = await guarded('health', () => admin.request('GET', '/api/health'));
      if (a)
        health.push({
          at: Date.now(),
          status: a.status,
          database: (a.body as { database?: string }).database,
        });
      await sleep(1000);
    }
  };
  const load = [...cases.map((c, k) => extender(c, k)), nominator(), reader(), reader(), prober()];

  await sleep(WARMUP_MS);
  const ackedBefore = acked.length;
  const downAt = Date.now();
  pg('stop'); // pg_ctl -m fast: every connection ends with 57P01, the error that killed the process
  await sleep(OUTAGE_MS);
  const upAt = Date.now();
  pg('start');
  await sleep(AFTER_MS);
  running = false;
  await Promise.all(load);
  const loadEndedAt = Date.now();

  // The process lived through it all.
  expect(stack.exit).toBeNull();
  expect(hung).toEqual([]);
  expect(samples.filter((s) => s.status === -1)).toEqual([]);
  // Never a 500: an outage is 503 DATABASE_UNAVAILABLE (or the health check's degraded 503), with Retry-After.
  expect(samples.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
  const during = samples.filter((s) => s.at > downAt + 2_000 && s.at < upAt);
  const unavailable = during.filter((s) => s.status === 503 && s.what !== 'health');
  expect(unavailable.length).toBeGreaterThan(20);
  expect(unavailable.filter((s) => s.code !== 'DATABASE_UNAVAILABLE' || !s.retryAfter)).toEqual([]);
  // Writes answered 200 inside the outage would be lies: none (reads too need the session store).
  expect(during.filter((s) => s.status < 300 && s.what !== 'health')).toEqual([]);
  const healthDown = health.filter((h) => h.at > downAt + 2_000 && h.at < upAt);
  expect(healthDown.length).toBeGreaterThan(20);
  expect(healthDown.filter((h) => h.status !== 503 || h.database !== 'unreachable')).toEqual([]);
  // And back: the API answers again, health is ok, writes are acknowledged again.
  expect(health.at(-1)).toMatchObject({ status: 200, database: 'reachable' });
  expect(samples.some((s) => s.what === 'extend' && s.status === 200 && s.at > upAt)).toBe(true);
  expect(ackedBefore).toBeGreaterThan(0);

  // Every acknowledged event reaches the trail exactly once (an unanswered one at most once).
  db = await openDatabase(
    { kind: 'postgres', url: databaseUrl },
    { migrate: false, auditKeys: testAuditKeys },
  );
  const counts = async (reasons: string[]) =>
    new Map(
      (
        await db!.query<{ reason: string; n: number }>(
          'SELECT reason, count(*)::int AS n FROM audit_entries WHERE reason = ANY($1) GROUP BY reason',
          [reasons],
        )
      ).map((r) => [r.reason, r.n]),
    );
  const ackedReasons = acked.map((a) => a.reason);
  let found = new Map<string, number>();
  for (const until = Date.now() + CONVERGE_MS; Date.now() < until; await sleep(2000)) {
    found = await counts(ackedReasons);
    if (found.size === ackedReasons.length) break;
  }
  expect(ackedReasons.filter((r) => found.get(r) !== 1)).toEqual([]);
  const late = await counts(unanswered.map((u) => u.reason));
  expect([...late.values()].filter((n) => n !== 1)).toEqual([]);
  const nominations = await db.query<{ case_id: string; n: number }>(
    `SELECT case_id, count(*)::int AS n FROM audit_entries
      WHERE case_id = ANY($1) AND event_type = 'nomination.create' GROUP BY case_id`,
    [nominated],
  );
  expect(nominations.filter((r) => r.n !== 1)).toEqual([]);
  expect(nominations.map((r) => r.case_id).sort()).toEqual([...nominated].sort());

  // Each trail is whole: gapless sequence, intact hash chain.
  const allCases = await db.query<{ case_id: string; n: number }>(
    'SELECT case_id, count(*)::int AS n FROM audit_entries GROUP BY case_id',
  );
  for (const c of allCases) {
    expect(await verifyChain(db, c.case_id)).toEqual({ ok: true, caseId: c.case_id, entries: c.n });
  }

  // The outbox relay resumed: every notification delivered, each exactly once.
  let notifications: { id: string; status: string; deliveries: number }[] = [];
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(1000)) {
    notifications = await db.query(
      `SELECT n.id, n.status, (SELECT count(*)::int FROM mailbox m WHERE m.notification_id = n.id) AS deliveries
         FROM notifications n ORDER BY n.id`,
    );
    if (notifications.every((n) => n.status === 'sent')) break;
  }
  expect(notifications.length).toBeGreaterThan(acked.length);
  expect(notifications.filter((n) => n.status !== 'sent' || n.deliveries !== 1)).toEqual([]);
  const [mailbox] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mailbox');
  expect(mailbox?.n).toBe(notifications.length);
  expect(stack.exit).toBeNull();

  console.log(
    [
      `database outage: down ${((upAt - downAt) / 1000).toFixed(0)} s at ${((downAt - t0) / 1000).toFixed(0)} s of load, load ${((loadEndedAt - t0) / 1000).toFixed(0)} s`,
      `  requests ${samples.length}: ${[...new Set(samples.map((s) => s.status))]
        .sort()
        .map((st) => `${st} ×${samples.filter((s) => s.status === st).length}`)
        .join(', ')}`,
      `  extensions acknowledged ${acked.length} (${ackedBefore} before the outage), unanswered ${unanswered.length} (of which ${late.size} applied later, once each)`,
      `  nominations acknowledged ${nominated.length}; writes/reads answered 503 in the outage ${unavailable.length}; health 503 ${healthDown.length}×`,
      `  notifications ${notifications.length}, mailbox ${mailbox?.n}`,
    ].join('\n'),
  );
});
