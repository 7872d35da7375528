import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { armProbeUpdate, chainProbeWorkflow } from '../harness/chainProbe/workflow';
import { createTimeSkippingEnv } from '../harness/environments';
import { createProbeWorker } from '../harness/chainProbe/worker';

const NINETY_DAYS_S = 90 * 24 * 3600;

describe('chain probe on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('skips a 90-day durable timer in well under a second of wall time and runs every effect once', async () => {
    const { worker, taskQueue, activities } = await createProbeWorker(
      env.nativeConnection,
      env.namespace ?? 'default',
    );
    const probeId = `probe-${randomUUID()}`;

    const { view, wallMs } = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(chainProbeWorkflow, {
        taskQueue,
        workflowId: probeId,
        args: [{ probeId }],
      });
      const armed = await handle.executeUpdate(armProbeUpdate, {
        args: [{ label: '季度汇报 quarterly report', dueInSeconds: NINETY_DAYS_S }],
      });
      expect(armed.state).toBe('armed');
      const started = Date.now();
      const result = await handle.result();
      return { view: result, wallMs: Date.now() - started };
    });

    expect(view.state).toBe('done');
    const waitedMs = Date.parse(view.firedAt ?? '') - Date.parse(view.armedAt ?? '');
    expect(waitedMs).toBeGreaterThanOrEqual(NINETY_DAYS_S * 1000);
    console.log(`90-day timer: ${wallMs} ms wall time`);
    // Generous bound: a timer that was not skipped would take 90 days, not seconds.
    expect(wallMs).toBeLessThan(5000);

    const journal = await activities.readProbeJournal(probeId);
    expect(journal.map((e) => e.effect.type)).toEqual(['record', 'deadline.set', 'notify', 'record']);
    expect(journal.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});
