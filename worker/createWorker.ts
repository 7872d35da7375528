import {
  type ActivityInterceptorsFactory,
  type BundleOptions,
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkerOptions as SdkWorkerOptions,
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

/**
 * Bundling the workflow code takes seconds; tests bundle once and share the result. Workflow
 * interceptor modules (tracing) are part of the bundle.
 */
export async function bundleWorkflows(
  workflowsPath = WORKFLOWS_PATH,
  opts: { workflowInterceptorModules?: string[] } = {},
): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: quietBundlerLogger,
    webpackConfigHook,
    ...(opts.workflowInterceptorModules?.length
      ? { workflowInterceptorModules: opts.workflowInterceptorModules }
      : {}),
  });
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
  /** prebuilt; it must then already contain `workflowModules` */
  workflowBundle?: WorkflowBundle | { codePath: string };
  /** the payload codec's converter (codec/): every payload this worker writes to history is encrypted */
  dataConverter: DataConverter;
  /** observability: activity interceptors (metrics, tracing) and workflow interceptor modules */
  interceptors?: { activity?: ActivityInterceptorsFactory[]; workflowModules?: string[] };
  /** injected sinks (the tracing exporter) */
  sinks?: SdkWorkerOptions['sinks'];
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  const workflowModules = opts.interceptors?.workflowModules ?? [];
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.activities,
    dataConverter: opts.dataConverter,
    interceptors: {
      activity: opts.interceptors?.activity ?? [],
      ...(opts.workflowBundle || workflowModules.length === 0 ? {} : { workflowModules }),
    },
    ...(opts.sinks ? { sinks: opts.sinks } : {}),
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook } }),
  });
}
