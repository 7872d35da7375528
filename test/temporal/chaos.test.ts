import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createDeliverer, LocalMailboxTransport } from '../../notify';
import { verifyChain } from '../../store';
import { SecondmentClient, type NominationRequest } from '../../client/secondmentClient';
import { openDatabase, type Db } from '../../db';
import { startDevServer, type DevServer, type DevServerOptions } from '../../stack/devServer';
import { nomination } from '../machines/v2/support/fixtures';
import { ROOT } from '../harness/paths';
import { devServerOptionsIn } from '../harness/devServerOptions';
import {
  awaitResult,
  driveCase,
  DriverStats,
  nominateDurably,
  seededRandom,
  sleep,
  type DriveContext,
} from './support/chaosDriver';
import { WorkerProcess } from './support/chaosWorker';
import type { Disposition } from './support/diligentParties';
import { TEST_KEYRING_JSON, testDataConverter } from '../harness/codec';
import { TEST_AUDIT_KEYS_JSON, testAuditKeys } from '../harness/auditKeys';

/**
 * Issue: "On the real dev server: 50 cases running on the `demo` policy while the worker process
 * is killed (SIGKILL) at random moments several times and the dev server is restarted once —
 * every case completes; per case the audit sequence has no gap and no duplicate; every
 * notification is delivered exactly once; every chain verifies."
 *
 * Everything is real and separate: a dev server of our own (restartable from its SQLite file),
 * the production worker entry point as a child process, PostgreSQL (a SIGKILLed process must not
 * share an embedded database directory). Replay a schedule with CHAOS_SEED=<seed>.
 */

const CASES = 50;
const KILLS = 4;
const TEST_TIMEOUT_MS = 660_000;
/**
 * Open cases after this long fail with a clear message before jest's timeout does. Machine v2's
 * lifecycle has more steps per case: alone on 2 cores the 50 cases close in about 220 s, with
 * another suite on the same cores 330 s was not always enough.
 */
const DRIVE_BUDGET_MS = 540_000;
const PG_SCRIPT = path.join(ROOT, 'scripts', 'postgres-test-server.sh');

const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();

/** A nomination valid now (the cadre is 28 this year); 上挂/外派 allow the short 6-month term. */
function nominationFor(i: number, caseId: string): NominationRequest & { caseId: string } {
  const now = new Date();
  const year = now.getUTCFullYear();
  const {
    caseId: _fixtureId,
    at: _at,
    ...request
  } = nomination({
    year,
    kind: i % 2 === 0 ? 'up' : 'out',
    termMonths: 6,
    policy: 'demo',
    cadre: { age: 28 },
  });
  return { ...request, caseId, at: now.toISOString() };
}

interface ChaosEvent {
  kind: 'kill' | 'server-restart';
  atMs: number;
  openCases: number;
  /** how long the stop (SIGKILL, or the server's SIGTERM) took to take effect */
  stopMs: number;
  /** until the worker polled again, or the server answered again */
  downMs: number;
}

describe('chaos: worker SIGKILLs and a dev server restart under 50 demo cases', () => {
  let dir: string;
  let startedPostgres = false;
  let databaseUrl: string;
  const schema = `chaos_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let serverOptions: DevServerOptions;
  let server: DevServer | undefined;
  let worker: WorkerProcess | undefined;
  let connection: Connection | undefined;
  let db: Db | undefined;
  const taskQueue = `chaos-${randomUUID()}`;
  let deliver: ReturnType<typeof createDeliverer>;
  let passed = false;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'secondment-chaos-'));
    console.log(`chaos seed ${seed} (replay with CHAOS_SEED=${seed}); logs in ${dir}`);

    databaseUrl = process.env.TEST_DATABASE_URL ?? '';
    if (!databaseUrl) {
      const running = spawnSync('bash', [PG_SCRIPT, 'status'], { encoding: 'utf8' }).status === 0;
      if (!running) {
        execFileSync('bash', [PG_SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
        startedPostgres = true;
      }
      databaseUrl = execFileSync('bash', [PG_SCRIPT, 'url'], { encoding: 'utf8' }).trim();
    }
    // Migrates the fresh schema once, before any worker races for it; the test's own view of the data.
    db = await openDatabase(
      { kind: 'postgres', url: databaseUrl, schema, poolSize: 4 },
      { auditKeys: testAuditKeys },
    );
    deliver = createDeliverer({ db, transport: new LocalMailboxTransport() });

    const serverLog = path.join(dir, 'dev-server.log');
    serverOptions = await devServerOptionsIn(dir, {
      log: (line) => appendFileSync(serverLog, `${line}\n`),
    });
    server = await startDevServer(serverOptions);
    connection = await Connection.connect({ address: server.address });

    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(TEMPORAL_|DATABASE_|SECONDMENT_|SMTP_)/.test(k)),
    );
    worker = new WorkerProcess({
      logFile: path.join(dir, 'worker.log'),
      env: {
        ...env,
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        SECONDMENT_DATA_DIR: path.join(dir, 'worker-data'),
        SECONDMENT_CODEC_KEYS: TEST_KEYRING_JSON,
        SECONDMENT_AUDIT_KEYS: TEST_AUDIT_KEYS_JSON,
        // Each life of the worker would bind the metrics ports again; this test scrapes neither.
        SECONDMENT_METRICS_PORT: 'off',
        TEMPORAL_SDK_METRICS_PORT: 'off',
      },
    });
    await worker.up();
  }, 180_000);

  afterAll(async () => {
    await worker?.close().catch((err: unknown) => console.error('worker cleanup:', err));
    await connection?.close().catch(() => undefined);
    await server?.stop().catch((err: unknown) => console.error('dev server cleanup:', err));
    if (passed) await db?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db?.close().catch(() => undefined);
    if (startedPostgres) spawnSync('bash', [PG_SCRIPT, 'stop'], { stdio: 'ignore' });
  }, 120_000);

  it(
    'every case completes with a gapless audit sequence, exactly-once notifications and verified chains',
    async () => {
      if (!worker || !server || !connection || !db) throw new Error('setup failed');
      const cases = new SecondmentClient(
        new Client({ connection, namespace: 'default', dataConverter: testDataConverter }),
        taskQueue,
        {
          reads: db,
        },
      );
      const stats = new DriverStats();
      const t0 = Date.now();
      const ctx: DriveContext = { cases, connection, stats, deadline: t0 + DRIVE_BUDGET_MS };

      // 50 nominations, then every party of every case at work, all at once.
      const runTag = schema.slice('chaos_'.length, 'chaos_'.length + 8);
      const plan = Array.from({ length: CASES }, (_, i) => {
        const caseId = `chaos-${runTag}-${String(i).padStart(2, '0')}`;
        const disposition: Disposition = i % 3 === 0 ? 'promote' : 'return';
        return { caseId, disposition, request: nominationFor(i, caseId) };
      });
      await Promise.all(plan.map((p) => nominateDurably(ctx, p.request)));
      const nominatedMs = Date.now() - t0;

      const closedAt = new Map<string, number>();
      const drivers = plan.map((p) =>
        driveCase(ctx, p.caseId, p.disposition).then((view) => {
          closedAt.set(p.caseId, Date.now() - t0);
          return view;
        }),
      );
      // Nothing waits on a failed driver until allSettled below; keep node from calling it unhandled.
      for (const d of drivers) d.catch(() => undefined);

      // The chaos monkey: KILLS SIGKILLs at random moments and one dev-server restart among them.
      const events: ChaosEvent[] = [];
      const schedule: ChaosEvent['kind'][] = Array.from({ length: KILLS }, () => 'kill');
      schedule.splice(1 + Math.floor(random() * (KILLS - 1)), 0, 'server-restart');
      for (const kind of schedule) {
        await sleep(between(1000, 8000));
        const openCases = CASES - closedAt.size;
        const started = Date.now();
        let stopMs: number;
        if (kind === 'kill') {
          await worker.kill();
          stopMs = Date.now() - started;
          await sleep(between(0, 3000)); // the worker stays dead a while; Updates and timers pile up
          await worker.up();
        } else {
          await server.stop();
          stopMs = Date.now() - started;
          await sleep(between(500, 3000));
          server = await startDevServer(serverOptions);
        }
        const event = { kind, atMs: started - t0, openCases, stopMs, downMs: Date.now() - started };
        events.push(event);
        console.log(
          `chaos: ${kind} at ${(event.atMs / 1000).toFixed(1)} s with ${openCases} open cases; ` +
            `stopped in ${(stopMs / 1000).toFixed(1)} s, back after ${(event.downMs / 1000).toFixed(1)} s`,
        );
      }

      const settled = await Promise.allSettled(drivers);
      const failures = settled.flatMap((s, i) =>
        s.status === 'rejected' ? [`${plan[i]?.caseId}: ${String(s.reason)}`] : [],
      );
      expect(failures).toEqual([]);
      const views = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const wallMs = Date.now() - t0;

      // The last worker leaves gracefully; the test then drains whatever the relay had not sent yet.
      await worker.stop();
      const pendingAtStop = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notifications WHERE status <> 'sent'",
      );
      let drained = 0;
      for (;;) {
        const report = await deliver({ limit: 1000 });
        drained += report.sent;
        if (report.sent === 0) break;
      }

      // Every case completed, the way its parties steered it.
      const ids = plan.map((p) => p.caseId);
      for (const [i, view] of views.entries()) {
        expect(view).toMatchObject({
          caseId: plan[i]?.caseId,
          closed: true,
          status: plan[i]?.disposition === 'promote' ? 'CLOSED_PROMOTED' : 'CLOSED_RETURNED',
        });
        // The result once more from Temporal: the same final view.
        expect(await awaitResult(ctx, view.caseId)).toEqual(view);
      }

      // Per case: audit seqs exactly 1..N, N = the workflow's last seq = the projection's; chain intact.
      const audit = await db.query<{ case_id: string; seq: number }>(
        'SELECT case_id, seq FROM audit_entries WHERE case_id = ANY($1) ORDER BY case_id, seq',
        [ids],
      );
      const projections = await db.query<{ case_id: string; last_seq: number; status: string }>(
        'SELECT case_id, last_seq, status FROM cases WHERE case_id = ANY($1)',
        [ids],
      );
      let transitions = 0;
      for (const view of views) {
        const seqs = audit.filter((r) => r.case_id === view.caseId).map((r) => r.seq);
        expect({ caseId: view.caseId, seqs }).toEqual({
          caseId: view.caseId,
          seqs: Array.from({ length: view.lastSeq }, (_, k) => k + 1),
        });
        expect(projections.find((p) => p.case_id === view.caseId)).toEqual({
          case_id: view.caseId,
          last_seq: view.lastSeq,
          status: view.status,
        });
        expect(await verifyChain(db, view.caseId)).toEqual({
          ok: true,
          caseId: view.caseId,
          entries: view.lastSeq,
        });
        transitions += seqs.length;
      }
      const [auditTotal] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entries');
      expect(auditTotal?.n).toBe(transitions);

      // Every notification sent, and in the mailbox exactly once; none without its transition.
      const notifications = await db.query<{
        id: string;
        case_id: string;
        seq: number;
        status: string;
        deliveries: number;
      }>(
        `SELECT n.id, n.case_id, n.seq, n.status,
                (SELECT count(*)::int FROM mailbox m WHERE m.notification_id = n.id) AS deliveries
           FROM notifications n ORDER BY n.id`,
      );
      const [mailbox] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mailbox');
      expect(notifications.length).toBeGreaterThan(CASES);
      expect(notifications.filter((n) => !ids.includes(n.case_id))).toEqual([]);
      expect(notifications.filter((n) => n.status !== 'sent' || n.deliveries !== 1)).toEqual([]);
      expect(mailbox?.n).toBe(notifications.length);
      const auditKeys = new Set(audit.map((r) => `${r.case_id}:${r.seq}`));
      expect(notifications.filter((n) => !auditKeys.has(`${n.case_id}:${n.seq}`))).toEqual([]);

      // The chaos really happened while cases were open.
      const kills = events.filter((e) => e.kind === 'kill');
      expect(kills.length).toBeGreaterThanOrEqual(3);
      expect(worker.kills).toBe(kills.length);
      expect(events.filter((e) => e.kind === 'server-restart')).toHaveLength(1);
      expect(events.filter((e) => e.openCases === 0)).toEqual([]);

      const durations = [...closedAt.values()];
      const transient = [...stats.transient.entries()]
        .map(([k, n]) => `\n    ${k} ×${n}, e.g. "${stats.firstMessage.get(k) ?? ''}"`)
        .join('');
      console.log(
        [
          `chaos test, seed ${seed}:`,
          `  wall time ${(wallMs / 1000).toFixed(1)} s (nominations ${(nominatedMs / 1000).toFixed(1)} s; ` +
            `cases closed after ${(Math.min(...durations) / 1000).toFixed(0)}–${(Math.max(...durations) / 1000).toFixed(0)} s)`,
          `  chaos: ${kills.length} SIGKILLs at ${kills.map((e) => `${(e.atMs / 1000).toFixed(0)} s`).join(', ')}; ` +
            `dev server restarted at ${events
              .filter((e) => e.kind === 'server-restart')
              .map((e) => `${(e.atMs / 1000).toFixed(0)} s (down ${(e.downMs / 1000).toFixed(1)} s)`)
              .join('')}; ` +
            `worker starts ${worker.starts}, unexpected worker exits ${worker.unexpectedExits}`,
          `  cases ${views.length} (${views.filter((v) => v.status === 'CLOSED_RETURNED').length} returned, ` +
            `${views.filter((v) => v.status === 'CLOSED_PROMOTED').length} promoted), transitions ${transitions}`,
          `  notifications ${notifications.length}, mailbox rows ${mailbox?.n}; ` +
            `pending when the last worker stopped ${pendingAtStop[0]?.n}, delivered by the test's drain ${drained}`,
          `  parties: ${stats.actions} steps accepted, ${stats.refusals} refused, ` +
            `${stats.transientTotal} transient errors ridden out:${transient || ' none'}`,
        ].join('\n'),
      );
      passed = true;
    },
    TEST_TIMEOUT_MS,
  );
});
