// Records representative secondment workflow histories into test/histories/ for the replay test
// (test/temporal/replay.test.ts). Run after a deliberate, compatible change of workflow code:
//   npx tsx test/harness/recordHistories.ts
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
import { IN_MEMORY, openDatabase } from '../../db';
import { startDevServer } from '../../stack/devServer';
import { caseWorkflowId, type CaseView } from '../../workflows/secondment/definitions';
import { bundleWorkflows } from '../../worker/createWorker';
import { actor, nomination } from '../machines/v2/support/fixtures';
import { playDiligently, type Disposition } from '../temporal/support/diligentParties';
import { HISTORIES_DIR, historyToJson, loadHistories } from '../temporal/support/histories';
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
  body: (cases: SecondmentClient) => Promise<T>,
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
    return await worker.runUntil(body(new SecondmentClient(client, taskQueue, opts)));
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

async function saveRuns(client: Client, scenario: Scenario): Promise<string[]> {
  const runs = await runChain(client, caseWorkflowId(scenario.caseId));
  const files: string[] = [];
  for (const [i, run] of runs.entries()) {
    const file = runs.length === 1 ? `${scenario.name}.json` : `${scenario.name}.run${i + 1}.json`;
    await writeFile(path.join(HISTORIES_DIR, file), historyToJson(run.history));
    files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  const bundle = await bundleWorkflows();
  await rm(HISTORIES_DIR, { recursive: true, force: true });
  await mkdir(HISTORIES_DIR, { recursive: true });

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
      async (cases) => {
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
      const view = await cases.result(caseId);
      if (view.status !== 'RECALLED') throw new Error(`${caseId} ended as ${view.status}`);
    });
    const files = await saveRuns(dev.client, { name: 'server-suggested-continued', caseId });
    console.log(`server-suggested-continued: ${files.join(', ')}`);
  } finally {
    await dev.close();
    await server.stop();
  }

  // Sanity: what was written replays against the code that wrote it.
  const histories = loadHistories();
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, dataConverter: testDataConverter },
    histories,
  )) {
    if (result.error) throw result.error;
  }
  for (const file of (await readdir(HISTORIES_DIR)).sort()) {
    const { size } = await stat(path.join(HISTORIES_DIR, file));
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
