import { randomUUID } from 'node:crypto';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { seedDemoUsers } from '../../../api/auth/users';
import { buildApi } from '../../../api/server';
import { IN_MEMORY, openDatabase, type Db } from '../../../db';
import { createLogger, setupTracing, type Tracing } from '../../../observability';
import { createWorker } from '../../../worker/createWorker';
import { testDataConverter } from '../../harness/codec';
import {
  connectToSharedDevServer,
  tracedWorkflowBundle,
  type DevServerClients,
} from '../../harness/environments';
import { P } from '../../machines/v2/support/fixtures';
import { call, login, waitForProjectionIn } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { serve, type HttpClient } from '../api/support/http';

/**
 * Issue 15: "a trace captured by an in-memory exporter links the HTTP span to the activity span".
 * The API, the Temporal client, the workflow (its bundled interceptors, spans leaving the sandbox
 * through the sink) and the activity all trace into one in-memory exporter; one event sent over
 * HTTP must come back as one trace: HTTP request → Update → workflow's Update handler → activity
 * scheduling → applyTransition → its SQL.
 */
jest.setTimeout(120_000);

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let env: DevServerClients;
let db: Db;
let worker: Worker;
let running: Promise<void>;
let http: HttpClient;
let closeApi: () => Promise<void>;
/** every JSON line the API logged */
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  tracing = setupTracing({ serviceName: 'secondment-test', exporter, env: {} });
  env = await connectToSharedDevServer();
  db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY });
  await seedDemoUsers(db);
  const taskQueue = `tracing-${randomUUID()}`;
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    activities: createActivities({ db }),
    dataConverter: testDataConverter,
    workflowBundle: tracedWorkflowBundle(),
    interceptors: { activity: tracing.worker.activity },
    sinks: tracing.worker.sinks,
  });
  running = worker.run();
  const logger = createLogger({
    name: 'secondment-api',
    level: 'info',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const app = buildApi({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    dataConverter: testDataConverter,
    db,
    tracing,
    logger,
  });
  http = await serve(app);
  closeApi = () => app.close();
});

afterAll(async () => {
  await closeApi?.();
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await db?.close();
  await env?.close();
  await tracing?.shutdown();
});

const idOf = (s: ReadableSpan) => s.spanContext().spanId;

/** The chain of names from a span up to its trace's root, as far as the exporter saw them. */
function ancestry(span: ReadableSpan, all: ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(all.map((s) => [idOf(s), s]));
  const chain = [span];
  for (let parent = span.parentSpanId; parent;) {
    const next = byId.get(parent);
    if (!next) throw new Error(`span ${chain.at(-1)?.name} has a parent ${parent} nobody exported`);
    chain.push(next);
    parent = next.parentSpanId;
  }
  return chain;
}

test('one event over HTTP is one trace, from the request down to the activity and its SQL', async () => {
  const admin = await login(http, 'admin');
  const sender = await login(http, 'sender');
  const created = await call(http, sender, 'POST', '/api/cases', nominationBody(A_UNITS));
  expect(created.statusCode).toBe(201);
  const caseId = (created.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjectionIn(db, caseId);

  exporter.reset();
  logLines.length = 0;
  const approved = await call(http, admin, 'POST', `/api/cases/${caseId}/events/approval.approve`, P.approve);
  expect(approved.statusCode).toBe(200);
  await tracing.forceFlush();

  const spans = exporter.getFinishedSpans();
  const httpSpan = spans.find((s) => s.name === 'POST /api/cases/:id/events/:type');
  expect(httpSpan).toBeDefined();
  expect(httpSpan?.attributes).toMatchObject({
    'http.route': '/api/cases/:id/events/:type',
    'http.response.status_code': 200,
    'secondment.case_id': caseId,
  });
  const activity = spans.find((s) => s.name === 'RunActivity:applyTransition');
  expect(activity).toBeDefined();

  // The activity's span descends from the HTTP request's, through the Update and the workflow.
  const chain = ancestry(activity!, spans);
  expect(chain.map((s) => s.name)).toEqual([
    'RunActivity:applyTransition',
    'StartActivity:applyTransition',
    'HandleUpdate:approval.approve',
    'StartWorkflowUpdate:approval.approve',
    'POST /api/cases/:id/events/:type',
  ]);
  expect(new Set(chain.map((s) => s.spanContext().traceId))).toEqual(
    new Set([httpSpan!.spanContext().traceId]),
  );
  expect(httpSpan!.parentSpanId).toBeUndefined();

  // The transition's SQL is under the activity; the session lookup under the request itself.
  const sqlUnder = (parent: ReadableSpan) =>
    spans.filter((s) => s.name.startsWith('sql ') && ancestry(s, spans).includes(parent));
  expect(sqlUnder(activity!).map((s) => s.attributes['db.statement'])).toEqual(
    expect.arrayContaining([expect.stringMatching(/^INSERT INTO audit_entries/)]),
  );
  expect(sqlUnder(httpSpan!).filter((s) => !ancestry(s, spans).includes(activity!)).length).toBeGreaterThan(
    0,
  );
  // Statements only, never the values bound to them.
  expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain(A_UNITS.cadre);
});

test('the log lines of a request carry its request id, case id and trace id, and no credentials', () => {
  const completed = logLines.find((l) => l['msg'] === 'request completed');
  expect(completed).toBeDefined();
  const reqId = completed!['reqId'];
  const lines = logLines.filter((l) => l['reqId'] === reqId);
  const httpSpan = exporter.getFinishedSpans().find((s) => s.name === 'POST /api/cases/:id/events/:type');
  expect(completed).toMatchObject({
    level: 'info',
    name: 'secondment-api',
    caseId: httpSpan?.attributes['secondment.case_id'],
    traceId: httpSpan?.spanContext().traceId,
  });
  expect(lines.length).toBeGreaterThanOrEqual(2); // incoming and completed
  const text = JSON.stringify(logLines);
  expect(text).not.toMatch(/secondment_session=|x-csrf-token|secondment-demo/);
});
