import { loadEnv, temporalTarget } from '../config/env';
import { codecSetup } from '../config/codec';
import { connectClient, connectWorker } from '../config/temporalConnection';
import { Client, SecondmentClient } from '../client';
import { activityMetrics, deliveryMetrics, setupObservability } from '../observability';
import { createAllActivities } from './activities';
import { createWorker } from './createWorker';

/**
 * Production entry point: a worker alone, against the cluster named by TEMPORAL_ADDRESS. It serves
 * /metrics with the activity and delivery counters, and the SDK's own metrics on their own port.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const obs = setupObservability('worker');
  const log = obs.logger;
  // Before any connection: the SDK's logs go to our logger, its metrics to Prometheus.
  obs.installTemporalRuntime();
  const target = temporalTarget(env);
  const { dataConverter } = await codecSetup(env, { embedded: false });
  const connection = await connectWorker(target);
  // A round's launch starts its cases from an activity: the worker needs a workflow client too.
  const clientConnection = await connectClient(target);
  const client = new Client({
    connection: clientConnection,
    namespace: target.namespace,
    dataConverter,
    ...(obs.tracing.clientInterceptors ? { interceptors: obs.tracing.clientInterceptors } : {}),
  });
  const storage = await createAllActivities(process.env, {
    dataDir: env.SECONDMENT_DATA_DIR,
    observeDelivery: deliveryMetrics(obs.metrics),
    onRelayError: (err) => log.warn({ err }, '通知投递失败 / notification delivery failed'),
    cases: (db) => new SecondmentClient(client, target.taskQueue, { reads: db }),
  });
  const worker = await createWorker({
    connection,
    namespace: target.namespace,
    taskQueue: target.taskQueue,
    activities: storage.activities,
    dataConverter,
    interceptors: {
      activity: [...obs.tracing.worker.activity, activityMetrics(obs.metrics)],
      workflowModules: obs.tracing.worker.workflowModules,
    },
    sinks: obs.tracing.worker.sinks,
  });
  await obs.serveMetrics();
  log.info(
    { taskQueue: target.taskQueue, address: target.address, namespace: target.namespace },
    `worker polling task queue "${target.taskQueue}" on ${target.address}/${target.namespace}`,
  );
  await worker.run();
  await storage.close();
  await clientConnection.close();
  await connection.close();
  await obs.shutdown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
