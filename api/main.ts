import { loadEnv, temporalTarget } from '../config/env';
import { connectClient } from '../config/temporalConnection';
import { buildApi } from './server';

/** Production entry point: the API alone, against the cluster named by TEMPORAL_ADDRESS. */
async function main(): Promise<void> {
  const env = loadEnv();
  const target = temporalTarget(env);
  const connection = await connectClient(target);
  const app = buildApi({ connection, namespace: target.namespace, taskQueue: target.taskQueue });
  const url = await app.listen({ host: env.SECONDMENT_HOST, port: env.SECONDMENT_API_PORT });
  console.log(`API: ${url}/api/health`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
