import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startDevServer } from '../../stack/devServer';
import { WORKFLOW_TRACING_MODULE } from '../../observability/tracing';
import { bundleWorkflows } from '../../worker/createWorker';
import { CHAIN_PROBE_WORKFLOWS } from './chainProbe/bundle';
import { freePort } from './freePort';
import {
  HARNESS_DIR,
  HARNESS_STATE_FILE,
  PROBE_BUNDLE_FILE,
  TEMPORAL_CLI,
  TRACED_WORKFLOW_BUNDLE_FILE,
  WORKFLOW_BUNDLE_FILE,
} from './paths';
import type { HarnessState } from './state';

/**
 * One global setup for the Temporal test project: bundles the workflow code once (plain, and with
 * the tracing interceptors; and the chain probe's test-only workflows) and starts
 * the shared dev server (the built CLI binary, same launcher as `npm start`) on a free port.
 * Time-skipping environments are per test file, because skipped time is global to a server.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(TEMPORAL_CLI)) {
    throw new Error(`Temporal CLI not found at ${TEMPORAL_CLI}: run \`npm run setup\` first.`);
  }
  await rm(HARNESS_DIR, { recursive: true, force: true });
  await mkdir(HARNESS_DIR, { recursive: true });

  // The production workflows, and apart from them the chain-probe spike's test-only entry.
  const bundle = await bundleWorkflows();
  await writeFile(WORKFLOW_BUNDLE_FILE, bundle.code);
  // What a worker with tracing on runs: the same workflows with the OpenTelemetry interceptors.
  const traced = await bundleWorkflows(undefined, { workflowInterceptorModules: [WORKFLOW_TRACING_MODULE] });
  await writeFile(TRACED_WORKFLOW_BUNDLE_FILE, traced.code);
  const probeBundle = await bundleWorkflows(CHAIN_PROBE_WORKFLOWS);
  await writeFile(PROBE_BUNDLE_FILE, probeBundle.code);

  const server = await startDevServer({
    cliPath: TEMPORAL_CLI,
    dbFile: path.join(HARNESS_DIR, 'shared-dev-server.sqlite'),
    host: '127.0.0.1',
    port: await freePort(),
    uiPort: null,
    namespace: 'default',
  });
  (globalThis as { __devServer?: typeof server }).__devServer = server;

  const state: HarnessState = {
    devServerAddress: server.address,
    devServerPid: server.process.pid ?? -1,
    namespace: 'default',
    workflowBundlePath: WORKFLOW_BUNDLE_FILE,
    tracedWorkflowBundlePath: TRACED_WORKFLOW_BUNDLE_FILE,
    probeBundlePath: PROBE_BUNDLE_FILE,
  };
  await writeFile(HARNESS_STATE_FILE, JSON.stringify(state));
}
