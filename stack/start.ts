import { loadSigningKey } from '../config/auditSigningKey';
import path from 'node:path';
import { startCodecServer, type CodecServer } from '../codec';
import { codecSetup } from '../config/codec';
import { loadEnv, temporalTarget } from '../config/env';
import { connectClient, connectWorker } from '../config/temporalConnection';
import { buildApi } from '../api/server';
import { authConfigFromEnv } from '../api/auth/config';
import { seedDemoUsers } from './demo/users';
import { activityMetrics, deliveryMetrics, setupObservability } from '../observability';
import { seedDemoRound } from './demo/round';
import { startDemoParties } from './demo/driver';
import { createAllActivities } from '../worker/activities';
import { createWorker } from '../worker/createWorker';
import { startDevServer, type DevServer } from './devServer';
import { Client, SecondmentClient } from '../client';

/**
 * `npm start`: the whole system in one process tree. Without TEMPORAL_ADDRESS it starts the
 * Temporal dev server on a persistent SQLite file, so a restart resumes every open workflow;
 * with it, the same worker and API run against that cluster.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  // JSON logs, one /metrics for API and worker together, the SDK's metrics, traces when configured.
  const obs = setupObservability('stack');
  const log = obs.logger;
  obs.installTemporalRuntime();
  const target = temporalTarget(env);
  // Every payload this stack hands Temporal is encrypted; the key stays in the data folder.
  const codec = await codecSetup(env, { embedded: true });
  let devServer: DevServer | undefined;
  let codecServer: CodecServer | undefined;
  if (target.embedded && env.SECONDMENT_CODEC_PORT > 0) {
    codecServer = await startCodecServer({
      codec: codec.codec,
      host: env.SECONDMENT_HOST,
      port: env.SECONDMENT_CODEC_PORT,
      allowedOrigins: [
        `http://${env.SECONDMENT_HOST}:${env.TEMPORAL_UI_PORT}`,
        `http://localhost:${env.TEMPORAL_UI_PORT}`,
      ],
    });
  }
  if (target.embedded) {
    devServer = await startDevServer({
      cliPath: env.TEMPORAL_CLI_PATH,
      dbFile: path.join(env.SECONDMENT_DATA_DIR, 'temporal.sqlite'),
      host: env.SECONDMENT_HOST,
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      namespace: target.namespace,
      ...(codecServer ? { uiCodecEndpoint: codecServer.url } : {}),
    });
  }

  // If anything after the dev server fails to start, stop the server rather than orphan it.
  const started = await (async () => {
    try {
      return await startWorkerAndApi();
    } catch (err) {
      await devServer?.stop();
      await codecServer?.close();
      throw err;
    }
  })();
  const { storage, workerConnection, clientConnection, temporalClient, worker, workerRun, api, apiUrl } =
    started;

  async function startWorkerAndApi() {
    const workerConnection = await connectWorker(target);
    const clientConnection = await connectClient(target);
    // A round's launch starts its cases from an activity: same codec and tracing as the API's client.
    const temporalClient = new Client({
      connection: clientConnection,
      namespace: target.namespace,
      dataConverter: codec.dataConverter,
      ...(obs.tracing.clientInterceptors ? { interceptors: obs.tracing.clientInterceptors } : {}),
    });
    const storage = await createAllActivities(process.env, {
      dataDir: env.SECONDMENT_DATA_DIR,
      embeddedKeys: true,
      observeDelivery: deliveryMetrics(obs.metrics),
      onRelayError: (err) => log.warn({ err }, '通知投递失败 / notification delivery failed'),
      cases: (db) => new SecondmentClient(temporalClient, target.taskQueue, { reads: db }),
    });
    const worker = await createWorker({
      connection: workerConnection,
      namespace: target.namespace,
      taskQueue: target.taskQueue,
      activities: storage.activities,
      dataConverter: codec.dataConverter,
      interceptors: {
        activity: [...obs.tracing.worker.activity, activityMetrics(obs.metrics)],
        workflowModules: obs.tracing.worker.workflowModules,
      },
      sinks: obs.tracing.worker.sinks,
    });
    const workerRun = worker.run();
    // Embedded default: demo users (api/README.md) unless SECONDMENT_DEMO_USERS=false or users exist.
    const seeded = process.env.SECONDMENT_DEMO_USERS === 'false' ? [] : await seedDemoUsers(storage.db);
    if (seeded.length > 0) console.log(`  演示用户 / demo users: ${seeded.join(', ')} (see api/README.md)`);
    const api = buildApi({
      connection: clientConnection,
      namespace: target.namespace,
      taskQueue: target.taskQueue,
      dataConverter: codec.dataConverter,
      db: storage.db,
      auth: authConfigFromEnv(process.env),
      temporalUiUrl: process.env.TEMPORAL_UI_URL ?? devServer?.uiUrl ?? undefined,
      logger: log,
      metrics: obs.metrics,
      tracing: obs.tracing,
      auditSigningKey: await loadSigningKey(
        { ...process.env, SECONDMENT_DATA_DIR: env.SECONDMENT_DATA_DIR },
        { embedded: true },
      ),
    });
    obs.gaugesFrom(storage.db);
    const apiUrl = await api.listen({ host: env.SECONDMENT_HOST, port: env.SECONDMENT_API_PORT });
    await obs.serveMetrics();
    return { storage, workerConnection, clientConnection, temporalClient, worker, workerRun, api, apiUrl };
  }

  console.log('挂职锻炼工作流引擎已启动 / secondment engine is up');
  console.log(`  Temporal:    ${target.address} (namespace ${target.namespace})`);
  if (devServer?.uiUrl) console.log(`  Temporal UI: ${devServer.uiUrl}`);
  if (codecServer) console.log(`  codec:       ${codecServer.url} (the UI decrypts payloads through it)`);
  console.log(`  API:         ${apiUrl}/api/health`);
  if (process.env.SECONDMENT_CONSOLE !== 'false') console.log(`  控制台 console: ${apiUrl}/`);
  console.log(
    `  database:    ${storage.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}`,
  );
  console.log(`  data:        ${env.SECONDMENT_DATA_DIR}`);
  if (obs.config.metrics)
    console.log(`  metrics:     http://${obs.config.metrics.host}:${obs.config.metrics.port}/metrics`);
  if (obs.config.sdkMetricsBindAddress)
    console.log(`  SDK metrics: http://${obs.config.sdkMetricsBindAddress}/metrics`);
  console.log('按 Ctrl-C 停止 / press Ctrl-C to stop');

  let stopping = false;
  // The demo round (README tour): seeded once through the API on the demo policy, its parties then
  // keep its cases moving. SECONDMENT_DEMO_DATA=false turns both off.
  let demo: { stop(): Promise<void> } | undefined;
  if (process.env.SECONDMENT_DEMO_DATA !== 'false' && process.env.SECONDMENT_DEMO_USERS !== 'false') {
    const say = (line: string) => console.log(`  ${line}`);
    void seedDemoRound(apiUrl, say)
      .then((roundId) => {
        if (roundId === null || stopping) return;
        demo = startDemoParties({
          db: storage.db,
          cases: new SecondmentClient(temporalClient, target.taskQueue, { reads: storage.db }),
          roundId,
        });
        say(
          `演示批次运行中 / demo round ${roundId} is running (its cases move on the demo policy's fast clock)`,
        );
      })
      .catch((err: unknown) => log.error({ err }, '演示批次失败 / demo round failed'));
  }

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: 正在停止 / stopping …`);
    await demo?.stop();
    await api.close();
    // The SDK's own signal handler may already have begun the shutdown.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun.catch((err: unknown) => log.error({ err }, 'worker stopped with an error'));
    await clientConnection.close();
    await workerConnection.close();
    await storage.close();
    await devServer?.stop();
    await codecServer?.close();
    await obs.shutdown();
    console.log('已停止 / stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
