// Records representative secondment workflow histories into test/histories/v2/ for the replay test
// (test/temporal/replay.test.ts). Run after a deliberate, compatible change of workflow code:
//   npx tsx test/harness/recordHistories.ts
// test/histories/v1/ holds what this script recorded before machine version 2; it is never rewritten.
// It starts its own servers (time-skipping test server and a dev server with a lowered
// continue-as-new threshold), runs each scenario with the real activities against an in-memory
// database, writes every run's history, and replays what it wrote as a sanity check.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { SecondmentClient } from '../../client';
import { IN_MEMORY, openDatabase, type Db } from '../../db';
import { addCalendarYear } from '../../store';
import { startDevServer } from '../../stack/devServer';
import {
  caseWorkflowId,
  eventUpdate,
  SECONDMENT_WORKFLOW_TYPE,
  type CaseView,
  type UpdateEventType,
} from '../../workflows/secondment/definitions';
import { bundleWorkflows } from '../../worker/createWorker';
import { FIXTURE_2027 } from '../machines/calendar/fixture2027';
import * as v1Fixtures from '../machines/v1/support/fixtures';
import { actor, nomination } from '../machines/v2/support/fixtures';
import { playDiligently, type Disposition } from '../temporal/support/diligentParties';
import { RECORDING_DIR, historyToJson, loadHistories } from '../temporal/support/histories';
import { runChain } from '../temporal/support/runChain';
import { connectTo, createTimeSkippingEnv } from './environments';
import { devServerOptionsIn } from './devServerOptions';
import { testDataConverter } from './codec';

type Clock = { sleep: (ms: number) => Promise<void>; now: () => Promise<number> };

interface Scenario {
  /** file stem; runs of a continued case get `.runN` */
  name: string;
  caseId: string;
}

/** A worker with real activities on a fresh in-memory database, for the length of `body`. */
async function withWorker<T>(
  connection: NativeConnection,
  client: Client,
  namespace: string,
  workflowBundle: WorkflowBundle,
  opts: { continueAsNewAfter?: number; now?: () => Promise<number> },
  body: (cases: SecondmentClient, host: { db: Db; taskQueue: string }) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY });
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle,
    activities: createActivities({ db }),
    dataConverter: testDataConverter,
  });
  try {
    return await worker.runUntil(body(new SecondmentClient(client, taskQueue, opts), { db, taskQueue }));
  } finally {
    await db.close();
  }
}

async function nominateNow(
  cases: SecondmentClient,
  clock: Clock,
  caseId: string,
  policy: 'default' | 'demo',
): Promise<void> {
  const now = await clock.now();
  const year = new Date(now).getUTCFullYear();
  const { caseId: _fixtureId, at: _at, ...request } = nomination({ year, policy, cadre: { age: 28 } });
  await cases.nominate({ ...request, caseId, at: new Date(now).toISOString() });
}

async function lifecycle(cases: SecondmentClient, clock: Clock, caseId: string, disposition: Disposition) {
  await nominateNow(cases, clock, caseId, 'default');
  const view = await playDiligently(cases, caseId, clock, { disposition, maxRounds: 600 });
  if (!view.closed) throw new Error(`${caseId} did not close`);
  return view;
}

/** Nobody approves: the approval duty climbs the ladder to stuck, is extended, then rejected. */
async function stuckThenExtended(cases: SecondmentClient, clock: Clock, caseId: string): Promise<CaseView> {
  await nominateNow(cases, clock, caseId, 'default');
  // v2 opens the first duty once its holiday tables are in (the workflow's first activity)
  for (let i = 0; i < 100 && (await cases.duties(caseId)).length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < 20; i++) {
    const duty = (await cases.duties(caseId)).find((d) => d.kind === 'approval.decide');
    if (!duty) throw new Error('no approval duty');
    if (duty.stuck) {
      const until = new Date((await clock.now()) + 10 * 86_400_000).toISOString();
      await cases.send(caseId, 'admin.deadline.extend', {
        actor: actor('org_admin'),
        dutyId: duty.id,
        until,
        reason: '待常委会研究，延长审批期限',
      });
      await cases.send(caseId, 'approval.reject', {
        actor: actor('org_admin'),
        reason: '本年度接收单位名额已满',
      });
      return cases.result(caseId);
    }
    await clock.sleep(Math.max(1000, Date.parse(duty.nextAlarmAt ?? '') - (await clock.now()) + 1000));
  }
  throw new Error(`${caseId}: the approval duty never got stuck`);
}

/**
 * A December case whose 2027 deadlines are provisional (no 2027 table), until the 2027 table is
 * loaded and the case re-plans them by calendar.update; then served to the end.
 */
async function calendarReplan(cases: SecondmentClient, db: Db, clock: Clock, caseId: string) {
  await nominateNow(cases, clock, caseId, 'default');
  await playDiligently(cases, caseId, clock, {
    disposition: 'return',
    until: (v) => v.status === 'IN_SERVICE',
    maxRounds: 100,
  });
  if ((await cases.status(caseId)).provisional === 0) throw new Error(`${caseId}: nothing provisional`);
  const at = new Date(await clock.now()).toISOString();
  const loaded = await addCalendarYear(db, FIXTURE_2027, { source: 'test fixture', loadedBy: 'record', at });
  await cases.send(caseId, 'calendar.update', {
    actor: { id: 'calendar:record', role: 'system', unit: 'system' },
    year: loaded.year,
    version: loaded.version,
    reason: '2027年节假日安排（测试数据）',
  });
  const view = await playDiligently(cases, caseId, clock, { disposition: 'return', maxRounds: 600 });
  if (!view.closed) throw new Error(`${caseId} did not close`);
}

/**
 * A case the host before version 2 started (v1 nomination, no machineVersion), worked to service
 * with v1 events, migrated by its org admin (admin.case.migrate) into a v2 run, served to the end.
 */
async function migratedFromV1(
  client: Client,
  cases: SecondmentClient,
  taskQueue: string,
  clock: Clock,
  caseId: string,
) {
  const now = await clock.now();
  const year = new Date(now).getUTCFullYear();
  const n = v1Fixtures.nomination({
    caseId,
    at: new Date(now).toISOString(),
    year,
    cadre: { birthDate: `${year - 30}-03-14` },
  });
  const handle = await client.workflow.start(SECONDMENT_WORKFLOW_TYPE, {
    args: [{ nomination: n }],
    workflowId: caseWorkflowId(caseId),
    taskQueue,
  });
  const P1 = v1Fixtures.P;
  const send = async (type: UpdateEventType, payload: object, role: Parameters<typeof v1Fixtures.actor>[0]) =>
    handle.executeUpdate(eventUpdate(type), {
      args: [{ ...payload, actor: v1Fixtures.actor(role), at: new Date(await clock.now()).toISOString() }],
    });
  await send('approval.approve', P1.approve, 'org_admin');
  await send('posting.post.arrange', P1.arrange, 'receiving_officer');
  await send('posting.appointment.file', P1.appointment, 'receiving_officer');
  await send('posting.party.transfer', P1.party, 'cadre');
  await send('posting.introduction.send', P1.intro, 'sending_officer');
  await send('posting.mentor.name', P1.mentor, 'receiving_officer');
  await send('posting.duties.assign', P1.duties, 'receiving_officer');
  await send(
    'posting.arrival.confirm',
    P1.arrival(new Date(await clock.now()).toISOString().slice(0, 10)),
    'receiving_officer',
  );
  await clock.sleep(30 * 86_400_000);
  await cases.migrate(caseId, { actor: actor('org_admin'), reason: '按第2版规则办理' });
  const view = await playDiligently(cases, caseId, clock, { disposition: 'return', maxRounds: 600 });
  if (!view.closed) throw new Error(`${caseId} did not close`);
}

async function saveRuns(client: Client, scenario: Scenario): Promise<string[]> {
  const runs = await runChain(client, caseWorkflowId(scenario.caseId));
  const files: string[] = [];
  for (const [i, run] of runs.entries()) {
    const file = runs.length === 1 ? `${scenario.name}.json` : `${scenario.name}.run${i + 1}.json`;
    await writeFile(path.join(RECORDING_DIR, file), historyToJson(run.stored));
    files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  const bundle = await bundleWorkflows();
  await rm(RECORDING_DIR, { recursive: true, force: true });
  await mkdir(RECORDING_DIR, { recursive: true });

  // 1–3 on the time-skipping server: years of simulated time in seconds.
  const env = await createTimeSkippingEnv();
  try {
    const namespace = env.namespace ?? 'default';
    const clock: Clock = {
      sleep: (ms) => env.sleep(ms),
      now: async () => (await env.currentTimeMs()).valueOf(),
    };
    const scenarios: Scenario[] = [];
    await withWorker(
      env.nativeConnection,
      env.client,
      namespace,
      bundle,
      { now: clock.now },
      async (cases, host) => {
        // first, while the simulated clock is still in December 2026 (no 2027 table shipped)
        await calendarReplan(cases, host.db, clock, 'c-rec-calendar');
        scenarios.push({ name: 'calendar-replan', caseId: 'c-rec-calendar' });
        await migratedFromV1(env.client, cases, host.taskQueue, clock, 'c-rec-migrated');
        scenarios.push({ name: 'migrated-from-v1', caseId: 'c-rec-migrated' });
        await lifecycle(cases, clock, 'c-rec-return', 'return');
        scenarios.push({ name: 'lifecycle-return', caseId: 'c-rec-return' });
        await stuckThenExtended(cases, clock, 'c-rec-stuck');
        scenarios.push({ name: 'stuck-extended-rejected', caseId: 'c-rec-stuck' });
      },
    );
    await withWorker(
      env.nativeConnection,
      env.client,
      namespace,
      bundle,
      { continueAsNewAfter: 8, now: clock.now },
      async (cases) => {
        await lifecycle(cases, clock, 'c-rec-promote-can', 'promote');
        scenarios.push({ name: 'lifecycle-promote-continued', caseId: 'c-rec-promote-can' });
      },
    );
    for (const s of scenarios) console.log(`${s.name}: ${(await saveRuns(env.client, s)).join(', ')}`);
  } finally {
    await env.teardown();
  }

  // 4 on a dev server whose history threshold is lowered: the server suggests continue-as-new.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'record-histories-'));
  const server = await startDevServer(
    await devServerOptionsIn(dir, {
      extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=40'],
    }),
  );
  const dev = await connectTo(server.address, 'default');
  try {
    const clock: Clock = {
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => Promise.resolve(Date.now()),
    };
    const caseId = 'c-rec-server-can';
    await withWorker(dev.nativeConnection, dev.client, 'default', bundle, {}, async (cases) => {
      await nominateNow(cases, clock, caseId, 'demo');
      await playDiligently(cases, caseId, clock, {
        disposition: 'return',
        until: (v) => v.status === 'IN_SERVICE' && v.run >= 3,
        maxRounds: 200,
      });
      await cases.send(caseId, 'recall.request', {
        actor: actor('sending_officer'),
        ground: 'campaign',
        reference: '中组部关于抽调干部参加专项工作的通知',
        reason: '抽调参加专项工作',
      });
      if ((await cases.status(caseId)).status === 'RECALL_REQUESTED')
        await cases.send(caseId, 'recall.consent', { actor: actor('receiving_officer'), consent: true });
      // a recalled cadre hands over and takes the party relation back before the case closes
      await playDiligently(cases, caseId, clock, { disposition: 'return', maxRounds: 200 });
      const view = await cases.result(caseId);
      if (view.status !== 'RECALLED') throw new Error(`${caseId} ended as ${view.status}`);
    });
    const files = await saveRuns(dev.client, { name: 'server-suggested-continued', caseId });
    console.log(`server-suggested-continued: ${files.join(', ')}`);
  } finally {
    await dev.close();
    await server.stop();
  }

  // Sanity: what was written, and the frozen v1 histories, replay against the code that wrote it.
  const histories = loadHistories();
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, dataConverter: testDataConverter },
    histories,
  )) {
    if (result.error) throw result.error;
  }
  for (const file of (await readdir(RECORDING_DIR)).sort()) {
    const { size } = await stat(path.join(RECORDING_DIR, file));
    console.log(`${file}\t${(size / 1024).toFixed(0)} KiB`);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
