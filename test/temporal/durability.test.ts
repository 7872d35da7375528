import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../stack/devServer';
import { armProbeUpdate, chainProbeWorkflow, probeViewQuery } from '../harness/chainProbe/workflow';
import { connectTo } from '../harness/environments';
import { devServerOptionsIn } from '../harness/devServerOptions';
import { createProbeWorker } from '../harness/chainProbe/worker';

describe('durability across a full stop of server and worker', () => {
  const servers: DevServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('a workflow waiting on a timer survives stopping the dev server and worker, and completes intact', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'durability-'));
    const serverOptions = await devServerOptionsIn(dir);
    const journalDir = path.join(dir, 'journal');
    const probeId = `probe-${randomUUID()}`;

    // First life: start, arm a timer that outlives the shutdown, then stop everything.
    let server = await startDevServer(serverOptions);
    servers.push(server);
    let dev = await connectTo(server.address, 'default');
    const first = await createProbeWorker(dev.nativeConnection, 'default', { journalDir });
    const armed = await first.worker.runUntil(async () => {
      const handle = await dev.client.workflow.start(chainProbeWorkflow, {
        taskQueue: first.taskQueue,
        workflowId: probeId,
        args: [{ probeId }],
      });
      return handle.executeUpdate(armProbeUpdate, { args: [{ label: '年度考核', dueInSeconds: 8 }] });
    });
    await dev.close();
    await server.stop();
    expect(server.process.exitCode !== null || server.process.signalCode !== null).toBe(true);

    // Second life: same SQLite file, new server process, new worker process state.
    server = await startDevServer(serverOptions);
    servers.push(server);
    dev = await connectTo(server.address, 'default');
    // A new worker on the task queue the workflow was started on, writing to the same journal.
    const second = await createProbeWorker(dev.nativeConnection, 'default', {
      journalDir,
      taskQueue: first.taskQueue,
    });
    const handle = dev.client.workflow.getHandle<typeof chainProbeWorkflow>(probeId);
    const view = await second.worker.runUntil(async () => {
      expect((await handle.query(probeViewQuery)).state).toBe('armed');
      return handle.result();
    });
    await dev.close();

    expect(view).toMatchObject({
      state: 'done',
      label: '年度考核',
      armedAt: armed.armedAt,
      dueAt: armed.dueAt,
      effectsApplied: 4,
    });
    expect(Date.parse(view.firedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(armed.dueAt ?? ''));
    const journal = await second.activities.readProbeJournal(probeId);
    expect(journal.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});
