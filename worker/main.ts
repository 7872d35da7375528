import { Runtime } from '@temporalio/worker';
import { loadEnv, temporalTarget } from '../config/env';
import { codecSetup } from '../config/codec';
import { connectWorker } from '../config/temporalConnection';
import { createAllActivities } from './activities';
import { createWorker } from './createWorker';

/** Production entry point: a worker alone, against the cluster named by TEMPORAL_ADDRESS. */
async function main(): Promise<void> {
  const env = loadEnv();
  // Diagnosing the SDK itself (e.g. CORE_LOG_FILTER=temporalio_sdk_core=debug): native logs to stderr.
  if (process.env.CORE_LOG_FILTER) {
    Runtime.install({ telemetryOptions: { logging: { filter: process.env.CORE_LOG_FILTER } } });
  }
  const target = temporalTarget(env);
  const { dataConverter } = await codecSetup(env, { embedded: false });
  const connection = await connectWorker(target);
  const storage = await createAllActivities(process.env, { dataDir: env.SECONDMENT_DATA_DIR });
  const worker = await createWorker({
    connection,
    namespace: target.namespace,
    taskQueue: target.taskQueue,
    activities: storage.activities,
    dataConverter,
  });
  console.log(`worker polling task queue "${target.taskQueue}" on ${target.address}/${target.namespace}`);
  await worker.run();
  await storage.close();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
