// Records the round's histories: the round workflow through applications, recommendations,
// decision and launch (test/histories/round-launched.json, beside the machine folders), and the two
// cases its launch started, on machine v2 (test/histories/v2/round-case-*.json) — one approved
// against the stored allocation (its reserveIntake activity), one refused by it (the place
// released). It leaves every other history alone. Run after a deliberate, compatible change of the
// round or case workflow:
//   npx tsx test/harness/recordRoundHistories.ts
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { RoundClient, SecondmentClient } from '../../client';
import { IN_MEMORY, openDatabase } from '../../db';
import { startDevServer } from '../../stack/devServer';
import { seedDemoDirectory } from '../../stack/demo/registry';
import { DEMO_PERSONS } from '../../stack/demo/persons';
import {
  assign,
  getRecommendation,
  insertRecommendation,
  insertRound,
  listRoundCases,
  roundCaseId,
  setAllocation,
  upsertApplication,
} from '../../store';
import { caseWorkflowId } from '../../workflows/secondment/definitions';
import { roundWorkflowId } from '../../workflows/round/definitions';
import { bundleWorkflows } from '../../worker/createWorker';
import { HISTORIES_DIR, RECORDING_DIR, historyToJson } from '../temporal/support/histories';
import { runChain } from '../temporal/support/runChain';
import { testDataConverter } from './codec';
import { connectTo } from './environments';
import { devServerOptionsIn } from './devServerOptions';

const ORG = { id: 'admin', role: 'org_admin' as const, unit: 'city.org-dept' };

async function main(): Promise<void> {
  const bundle = await bundleWorkflows();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'record-round-'));
  const server = await startDevServer(await devServerOptionsIn(dir));
  const dev = await connectTo(server.address, 'default');
  const db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY });
  const taskQueue = `record-round-${randomUUID()}`;
  const cases = new SecondmentClient(dev.client, taskQueue, { reads: db });
  const rounds = new RoundClient(dev.client, taskQueue, db);
  const worker = await Worker.create({
    connection: dev.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ db, cases }),
    // Histories hold ciphertext under the test key, as every recorded one does.
    dataConverter: testDataConverter,
  });
  try {
    await worker.runUntil(async () => {
      await seedDemoDirectory(db, 2030);
      const roundId = 'r-recorded';
      const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
      await insertRound(db, {
        id: roundId,
        year: 2030,
        name: '2030年度干部上挂（录制）',
        orgUnit: 'city.org-dept',
        unitedFrontUnit: 'city.united-front',
        kinds: ['up'],
        policyId: 'default',
        termStart: '2030-08-01',
        termEnd: '2031-08-01',
        subsidyPerDay: 2,
        applicationDeadline: deadline,
        recommendationDeadline: deadline,
        maxRecommendationsPerUnit: 2,
        receivingUnits: ['city.finance'],
        sendingUnits: ['county.c.finance'],
        createdBy: 'admin',
      });
      await rounds.start({
        roundId,
        year: 2030,
        orgUnit: 'city.org-dept',
        policy: 'default',
        applicationDeadline: deadline,
        recommendationDeadline: deadline,
        maxRecommendationsPerUnit: 2,
        receivingUnits: ['city.finance'],
        sendingUnits: ['county.c.finance'],
        createdBy: ORG,
        at: new Date().toISOString(),
      });
      while (!(await rounds.stored(roundId))) await new Promise((r) => setTimeout(r, 100));
      await rounds.send(roundId, 'round.application.submit', {
        actor: ORG,
        unit: 'city.finance',
        applicationId: 'ap-recorded',
        requested: 2,
      });
      await upsertApplication(db, {
        id: 'ap-recorded',
        roundId,
        unit: 'city.finance',
        status: 'submitted',
        requested: 2,
        posts: [{ title: '挂职副科长', level: 'deputy_section', elected: false, count: 2 }],
        note: null,
        submittedBy: 'admin',
      });
      const people = ['孙立新', '沈慧'].map((n) => DEMO_PERSONS.find((p) => p.name === n)!);
      for (const [i, p] of people.entries()) {
        const id = `rr-recorded-${i + 1}`;
        await insertRecommendation(db, {
          id,
          roundId,
          personId: p.id,
          sendingUnit: 'county.c.finance',
          kind: 'up',
          requestedReceivingUnit: null,
          source: { type: 'organization' },
          eligibility: { ok: true, failures: [], age: p.age, at: new Date().toISOString() },
          note: null,
          createdBy: 'admin',
        });
        await rounds.send(roundId, 'round.recommendation.submit', {
          actor: ORG,
          unit: 'county.c.finance',
          recommendationId: id,
        });
        // Both assigned to one place, past the board's own check, so the cases' approvals decide.
        await assign(db, {
          roundId,
          recommendationId: id,
          receivingUnit: 'city.finance',
          title: '挂职副科长',
          level: 'deputy_section',
          elected: false,
          by: 'admin',
        });
      }
      await setAllocation(db, {
        roundId,
        year: 2030,
        receivingUnit: 'city.finance',
        quota: 1,
        setBy: 'admin',
      });
      await rounds.send(roundId, 'round.decide', { actor: ORG, assigned: 2, rejected: 0, allocations: 1 });
      await rounds.send(roundId, 'round.launch.start', { actor: ORG, total: 2 });
      for (;;) {
        const s = await rounds.stored(roundId);
        if (s?.context.status === 'LAUNCHED') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const launched = await listRoundCases(db, roundId);
      const approved = launched.find((c) => c.state === 'approved');
      const refused = launched.find((c) => c.state === 'failed');
      if (!approved || !refused)
        throw new Error(`expected one approved and one refused: ${JSON.stringify(launched)}`);
      if (
        (await getRecommendation(db, roundId, 'rr-recorded-1'))?.caseId !==
        roundCaseId(roundId, 'rr-recorded-1')
      )
        throw new Error('unexpected case id');
      const save = async (dir: string, name: string, workflowId: string) => {
        const runs = await runChain(dev.client, workflowId);
        const history = runs.at(-1)?.stored;
        if (!history || runs.length !== 1) throw new Error(`${workflowId}: ${runs.length} runs`);
        await writeFile(path.join(dir, `${name}.json`), historyToJson(history));
        console.log(path.relative(HISTORIES_DIR, path.join(dir, `${name}.json`)));
      };
      await save(HISTORIES_DIR, 'round-launched', roundWorkflowId(roundId));
      await save(RECORDING_DIR, 'round-case-approved', caseWorkflowId(approved.caseId));
      await save(RECORDING_DIR, 'round-case-over-quota', caseWorkflowId(refused.caseId));
    });
  } finally {
    await db.close();
    await dev.close();
    await server.stop();
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
