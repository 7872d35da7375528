import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities, type Activities } from '../../../activities';
import { SecondmentClient } from '../../../client';
import { IN_MEMORY, openDatabase, type Db } from '../../../db';
import { sharedWorkflowBundle } from '../../harness/environments';
import { storeReads, type StoreReads } from '../../harness/storeReads';
import { testDataConverter } from '../../harness/codec';

/**
 * A worker with the real activities against a fresh embedded database, and a client on its task
 * queue: everything a lifecycle test needs, with no mocks.
 */
export interface SecondmentWorld {
  db: Db;
  activities: Activities;
  /** what the worker wrote, read through the store */
  reads: StoreReads;
  worker: Worker;
  /** reads by Temporal queries */
  cases: SecondmentClient;
  /** the same client reading status, duties, allowed events and audit tail from the database */
  casesReadFromDb: SecondmentClient;
  taskQueue: string;
  /** the Temporal client the world's clients use */
  client: Client;
  close(): Promise<void>;
}

export async function createSecondmentWorld(
  connection: NativeConnection,
  client: Client,
  namespace: string,
  opts: { continueAsNewAfter?: number; now?: () => number | Promise<number> } = {},
): Promise<SecondmentWorld> {
  const db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY });
  const taskQueue = `secondment-${randomUUID()}`;
  // A round's launch starts cases through the same client the API uses (reads from this database).
  const activities = createActivities({
    db,
    cases: new SecondmentClient(client, taskQueue, { ...opts, reads: db }),
  });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities,
    dataConverter: testDataConverter,
  });
  const running = worker.run();
  return {
    db,
    activities,
    reads: storeReads(db),
    worker,
    cases: new SecondmentClient(client, taskQueue, opts),
    casesReadFromDb: new SecondmentClient(client, taskQueue, { ...opts, reads: db }),
    taskQueue,
    client,
    async close() {
      // A test may have stopped the worker itself (to queue Updates while none polls).
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await db.close();
    },
  };
}
