import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { armProbeUpdate, chainProbeWorkflow, probeViewQuery } from '../harness/chainProbe/workflow';
import { connectToSharedDevServer, type DevServerClients } from '../harness/environments';
import { createProbeWorker } from '../harness/chainProbe/worker';

describe('chain probe on the real dev server', () => {
  let dev: DevServerClients;
  beforeAll(async () => {
    dev = await connectToSharedDevServer();
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('runs to completion: update, activities, a real timer, query', async () => {
    const { worker, taskQueue, activities } = await createProbeWorker(dev.nativeConnection, dev.namespace);
    const probeId = `probe-${randomUUID()}`;
    const view = await worker.runUntil(async () => {
      const handle = await dev.client.workflow.start(chainProbeWorkflow, {
        taskQueue,
        workflowId: probeId,
        args: [{ probeId }],
      });
      await handle.executeUpdate(armProbeUpdate, { args: [{ label: '到岗确认', dueInSeconds: 2 }] });
      const queried = await handle.query(probeViewQuery);
      expect(queried).toMatchObject({ state: 'armed', label: '到岗确认' });
      return handle.result();
    });
    expect(view).toMatchObject({ state: 'done', label: '到岗确认', effectsApplied: 4 });
    expect(Date.parse(view.firedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(view.dueAt ?? ''));
    const journal = await activities.readProbeJournal(probeId);
    expect(journal.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('rejects a malformed Update with a message naming the field, and history gains no event', async () => {
    const { worker, taskQueue } = await createProbeWorker(dev.nativeConnection, dev.namespace);
    const probeId = `probe-${randomUUID()}`;
    await worker.runUntil(async () => {
      const handle = await dev.client.workflow.start(chainProbeWorkflow, {
        taskQueue,
        workflowId: probeId,
        args: [{ probeId }],
      });
      await handle.query(probeViewQuery); // the first workflow task has run
      const before = (await handle.fetchHistory()).events ?? [];

      const bad = { label: '季度汇报', dueInSeconds: 'next week' } as unknown as {
        label: string;
        dueInSeconds: number;
      };
      const error = await handle.executeUpdate(armProbeUpdate, { args: [bad] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const message = ((error as WorkflowUpdateFailedError).cause as Error).message;
      expect(message).toMatch(/dueInSeconds/);
      expect(message).toMatch(/参数无效/);

      const after = (await handle.fetchHistory()).events ?? [];
      expect(after.length).toBe(before.length);
      expect((await handle.query(probeViewQuery)).state).toBe('idle');

      // Nothing was lost: a correct Update still goes through afterwards.
      const ok = await handle.executeUpdate(armProbeUpdate, {
        args: [{ label: '季度汇报', dueInSeconds: 1 }],
      });
      expect(ok.state).toBe('armed');
      await handle.result();
    });
  });
});
