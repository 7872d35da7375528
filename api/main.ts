import { loadEnv, temporalTarget } from '../config/env';
import { codecSetup } from '../config/codec';
import { loadAuditKeys } from '../config/auditKeys';
import { loadSigningKey } from '../config/auditSigningKey';
import { connectClient } from '../config/temporalConnection';
import { databaseConfigFromEnv, openDatabase } from '../db';
import { setupObservability } from '../observability';
import { seedShippedCalendar } from '../store';
import { authConfigFromEnv } from './auth/config';
import { seedDemoUsers } from '../stack/demo/users';
import { buildApi } from './server';

/**
 * Production entry point: the API alone, against the cluster named by TEMPORAL_ADDRESS and the
 * database the workers write (DATABASE_URL; an embedded PGlite directory cannot be shared with a
 * separately running worker). It serves /metrics with the HTTP counters and the business gauges.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const obs = setupObservability('api');
  const log = obs.logger;
  const target = temporalTarget(env);
  const auth = authConfigFromEnv(process.env);
  const { dataConverter } = await codecSetup(env, { embedded: false });
  // The API verifies the audit chain: it needs the worker's keyring (never the database's).
  const auditKeys = await loadAuditKeys(
    { ...process.env, SECONDMENT_DATA_DIR: env.SECONDMENT_DATA_DIR },
    { embedded: false },
  );
  const db = await openDatabase(
    databaseConfigFromEnv({ ...process.env, SECONDMENT_DATA_DIR: env.SECONDMENT_DATA_DIR }),
    { auditKeys },
  );
  if (process.env.SECONDMENT_DEMO_USERS === 'true') await seedDemoUsers(db);
  await seedShippedCalendar(db);
  const connection = await connectClient(target);
  obs.gaugesFrom(db);
  const app = buildApi({
    connection,
    namespace: target.namespace,
    taskQueue: target.taskQueue,
    dataConverter,
    db,
    auth,
    temporalUiUrl: process.env.TEMPORAL_UI_URL,
    logger: log,
    metrics: obs.metrics,
    tracing: obs.tracing,
    // signs audit exports; a production API is given its key (never generated here)
    auditSigningKey: await loadSigningKey(process.env, { embedded: false }),
  });
  const url = await app.listen({ host: env.SECONDMENT_HOST, port: env.SECONDMENT_API_PORT });
  await obs.serveMetrics();
  log.info({ url, docs: `${url}/api/docs` }, `API: ${url}/api/health`);
  const stop = async () => {
    await app.close();
    await connection.close();
    await db.close();
    await obs.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
