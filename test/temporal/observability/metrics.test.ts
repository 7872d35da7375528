import { randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { seedDemoUsers } from '../../../api/auth/users';
import { buildApi } from '../../../api/server';
import { IN_MEMORY, openDatabase, type Db } from '../../../db';
import { createDeliverer, LocalMailboxTransport, type MailTransport } from '../../../notify';
import {
  activityMetrics,
  deliveryMetrics,
  registerBusinessGauges,
  SecondmentMetrics,
  startMetricsServer,
  type MetricsServer,
} from '../../../observability';
import { requeueDeadLetter, listDeadLetters } from '../../../store';
import { createWorker } from '../../../worker/createWorker';
import { testDataConverter } from '../../harness/codec';
import {
  connectToSharedDevServer,
  sharedWorkflowBundle,
  type DevServerClients,
} from '../../harness/environments';
import { parsePrometheusText, valueOf, type Sample } from '../../harness/promText';
import { P } from '../../machines/v2/support/fixtures';
import { call, login, waitForProjectionIn, type Session } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { serve, type HttpClient } from '../api/support/http';

/**
 * Issue 15: "/metrics scraped during a test lifecycle shows the counters moving (an escalation
 * increments its step's counter, a dead letter the outbox gauge)". A real case on the dev server
 * (demo policy: deadlines in seconds), the API and a worker wired with the production metrics,
 * scraped over HTTP from the metrics listener, with its bearer token.
 */
jest.setTimeout(150_000);

const TOKEN = `scrape-${randomUUID()}`;
let env: DevServerClients;
let db: Db;
let worker: Worker;
let running: Promise<void>;
let http: HttpClient;
let closeApi: () => Promise<void>;
let server: MetricsServer;
let metrics: SecondmentMetrics;
const s: Record<string, Session> = {};

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, samples: parsePrometheusText(text) };
}

async function eventually(
  what: string,
  check: (samples: Sample[]) => boolean,
  ms = 60_000,
): Promise<Sample[]> {
  const until = Date.now() + ms;
  for (;;) {
    const { samples } = await scrape();
    if (check(samples)) return samples;
    if (Date.now() > until) throw new Error(`${what}: not seen in /metrics within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  env = await connectToSharedDevServer();
  db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY });
  await seedDemoUsers(db);
  metrics = new SecondmentMetrics();
  // No cache: each scrape reads the database afresh, so a change shows in the next one.
  registerBusinessGauges(metrics, db, { cacheMs: 0 });
  const taskQueue = `metrics-${randomUUID()}`;
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    activities: createActivities({ db }),
    dataConverter: testDataConverter,
    workflowBundle: sharedWorkflowBundle(),
    interceptors: { activity: [activityMetrics(metrics)] },
  });
  running = worker.run();
  const app = buildApi({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    db,
    dataConverter: testDataConverter,
    metrics,
  });
  http = await serve(app);
  closeApi = () => app.close();
  server = await startMetricsServer(metrics, { host: '127.0.0.1', port: 0, token: TOKEN });
  for (const u of ['admin', 'sender']) s[u] = await login(http, u);
});

afterAll(async () => {
  await server?.close();
  await closeApi?.();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await db?.close();
  await env?.close();
});

test('the metrics listener wants its token and serves only /metrics', async () => {
  expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
    401,
  );
  expect((await fetch(`${server.url}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
    404,
  );
});

test('a case on the dev server moves the event, escalation, HTTP and outbox metrics', async () => {
  const before = (await scrape()).samples;
  expect(valueOf(before, 'secondment_escalations_total')).toBe(0);
  expect(valueOf(before, 'secondment_outbox_notifications', { status: 'dead' })).toBe(0);

  // Nominated on the demo policy: every posting duty is due within seconds of approval.
  const created = await call(http, s.sender!, 'POST', '/api/cases', {
    ...nominationBody(A_UNITS),
    policy: 'demo',
  });
  expect(created.statusCode).toBe(201);
  const caseId = (created.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjectionIn(db, caseId);
  let samples = await eventually(
    'nomination counted',
    (x) => valueOf(x, 'secondment_events_accepted_total', { type: 'nomination.create' }) === 1,
  );
  expect(valueOf(samples, 'secondment_cases_open', { status: 'NOMINATED', kind: 'down' })).toBe(1);

  // Refused by the machine (a sending officer may not approve): counted by type and refusal code.
  const refused = await call(
    http,
    s.sender!,
    'POST',
    `/api/cases/${caseId}/events/approval.approve`,
    P.approve,
  );
  expect(refused.statusCode).toBe(403);
  const approved = await call(
    http,
    s.admin!,
    'POST',
    `/api/cases/${caseId}/events/approval.approve`,
    P.approve,
  );
  expect(approved.statusCode).toBe(200);

  samples = (await scrape()).samples;
  expect(
    valueOf(samples, 'secondment_events_refused_total', { type: 'approval.approve', code: 'ROLE_FORBIDDEN' }),
  ).toBe(1);
  expect(valueOf(samples, 'secondment_events_accepted_total', { type: 'approval.approve' })).toBe(1);
  expect(valueOf(samples, 'secondment_cases_open', { status: 'POSTING', kind: 'down' })).toBe(1);
  const route = '/api/cases/:id/events/:type';
  expect(valueOf(samples, 'secondment_http_requests_total', { method: 'POST', route, status: '200' })).toBe(
    1,
  );
  expect(valueOf(samples, 'secondment_http_requests_total', { method: 'POST', route, status: '403' })).toBe(
    1,
  );
  expect(valueOf(samples, 'secondment_http_request_duration_seconds_count', { method: 'POST', route })).toBe(
    2,
  );
  expect(
    valueOf(samples, 'secondment_activity_executions_total', { activity: 'applyTransition', outcome: 'ok' }),
  ).toBe(2);

  // Nobody does the posting checklist: the alarms climb the ladder by themselves.
  samples = await eventually(
    'reminder and overdue escalations',
    (x) =>
      valueOf(x, 'secondment_escalations_total', { step: 'reminder' }) >= 1 &&
      valueOf(x, 'secondment_escalations_total', { step: 'overdue' }) >= 1 &&
      valueOf(x, 'secondment_cases_overdue') === 1,
  );
  expect(
    valueOf(samples, 'secondment_events_accepted_total', { type: 'deadline.reached' }),
  ).toBeGreaterThanOrEqual(2);

  // The outbox: its rows are pending until delivered; an SMTP server refusing them makes dead letters.
  const pending = valueOf(samples, 'secondment_outbox_notifications', { status: 'pending' });
  expect(pending).toBeGreaterThan(0);
  const refusing: MailTransport = {
    name: 'refusing-smtp',
    send: () => Promise.reject(new Error('550 mailbox unavailable')),
  };
  const observe = deliveryMetrics(metrics);
  const report = await createDeliverer({ db, transport: refusing, delivery: { maxAttempts: 1 }, observe })({
    limit: 1000,
  });
  expect(report.dead).toBeGreaterThanOrEqual(pending);
  samples = (await scrape()).samples;
  expect(valueOf(samples, 'secondment_outbox_notifications', { status: 'dead' })).toBe(report.dead);
  expect(valueOf(samples, 'secondment_notifications_delivered_total', { outcome: 'dead' })).toBe(report.dead);

  // An admin requeues one; delivered, it leaves the dead count and shows its latency.
  const [dead] = await listDeadLetters(db, { limit: 1 });
  expect(await requeueDeadLetter(db, dead!.id)).toBe(true);
  const sent = await createDeliverer({ db, transport: new LocalMailboxTransport(), observe })({ limit: 1 });
  expect(sent.sent).toBe(1);
  const { samples: after, text } = await scrape();
  expect(valueOf(after, 'secondment_outbox_notifications', { status: 'dead' })).toBe(report.dead - 1);
  expect(valueOf(after, 'secondment_outbox_notifications', { status: 'sent' })).toBe(1);
  expect(valueOf(after, 'secondment_notification_delivery_latency_seconds_count')).toBe(1);

  // Labels are codes only: no case id, no unit, no person anywhere in the scrape.
  expect(text).not.toContain(caseId);
  expect(text).not.toContain(A_UNITS.cadre);
  expect(text).not.toContain(A_UNITS.sending);
});
