import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { probeWorkflowBundle } from '../environments';
import { createProbeActivities } from './journal';
import { testDataConverter } from '../codec';

/** A worker with the real probe activities writing to a fresh journal folder. */
export async function createProbeWorker(
  connection: NativeConnection,
  namespace: string,
  opts: { journalDir?: string; taskQueue?: string } = {},
) {
  const dir = opts.journalDir ?? (await mkdtemp(path.join(os.tmpdir(), 'probe-journal-')));
  const activities = createProbeActivities({ journalDir: dir });
  const taskQueue = opts.taskQueue ?? `probe-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: probeWorkflowBundle(),
    activities,
    dataConverter: testDataConverter,
  });
  return { worker, taskQueue, activities, journalDir: dir };
}
