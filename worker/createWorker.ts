import {
  type BundleOptions,
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * chinese-days declares itself CommonJS yet points `module` at an ES build, which webpack then
 * refuses to parse; treating that file as auto-detected JavaScript lets the ES build through.
 */
function webpackConfigHook(config: Configuration): Configuration {
  config.module ??= {};
  config.module.rules ??= [];
  config.module.rules.push({ test: /chinese-days[\\/]dist[\\/].*\.js$/, type: 'javascript/auto' });
  return config;
}
type Configuration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/** Bundling the workflow code takes seconds; tests bundle once and share the result. */
export async function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger, webpackConfigHook });
}

/** The bundler option the replay test's deliberately changed bundle needs too. */
export { webpackConfigHook };

const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => {},
};

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
  workflowBundle?: WorkflowBundle;
  /** the payload codec's converter (codec/): every payload this worker writes to history is encrypted */
  dataConverter: DataConverter;
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.activities,
    dataConverter: opts.dataConverter,
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook } }),
  });
}
