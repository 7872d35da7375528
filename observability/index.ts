// Operating the engine: structured logs (pino), metrics (prom-client, and the Temporal SDK's own),
// traces (OpenTelemetry through Temporal's interceptors). Entry points (api/main, worker/main,
// stack/start) set one up per process with setupObservability; the parts are wired by the
// API (HTTP hooks, business gauges) and the worker (activity and delivery counters).
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Queryable } from '../db';
import { registerBusinessGauges } from './businessGauges';
import { observabilityConfigFromEnv, type ObservabilityConfig, type ProcessRole } from './config';
import { createLogger, type Logger } from './logger';
import { SecondmentMetrics } from './metrics';
import { startMetricsServer, type MetricsServer } from './metricsServer';
import { installTemporalRuntime } from './temporalRuntime';
import { setupTracing, type Tracing } from './tracing';

export { activityMetrics, LADDER_STEP_TEMPLATES } from './activityMetrics';
export { registerBusinessGauges } from './businessGauges';
export { observabilityConfigFromEnv, type ObservabilityConfig, type ProcessRole } from './config';
export { deliveryMetrics } from './deliveryMetrics';
export { instrumentHttp, routeOf } from './httpInstrumentation';
export { createLogger, REDACT_PATHS, temporalLoggerFrom, type Logger } from './logger';
export { SecondmentMetrics } from './metrics';
export { startMetricsServer, type MetricsServer } from './metricsServer';
export { installTemporalRuntime } from './temporalRuntime';
export { activeTraceIds, setupTracing, WORKFLOW_TRACING_MODULE, type Tracing } from './tracing';

export interface Observability {
  config: ObservabilityConfig;
  logger: Logger;
  metrics: SecondmentMetrics;
  tracing: Tracing;
  /** serve /metrics as configured (null when SECONDMENT_METRICS_PORT=off) */
  serveMetrics(): Promise<MetricsServer | null>;
  /** the business gauges from this database (API and stack; a worker alone leaves them to the API) */
  gaugesFrom(db: Queryable): void;
  /** the Temporal SDK runtime (worker and stack) */
  installTemporalRuntime(): void;
  shutdown(): Promise<void>;
}

export function setupObservability(
  role: ProcessRole,
  opts: { env?: NodeJS.ProcessEnv; exporter?: SpanExporter } = {},
): Observability {
  const env = opts.env ?? process.env;
  const config = observabilityConfigFromEnv(role, env);
  const logger = createLogger({ name: `secondment-${role}`, level: config.logLevel });
  const metrics = new SecondmentMetrics();
  const tracing = setupTracing({
    serviceName: `secondment-${role}`,
    env,
    ...(opts.exporter ? { exporter: opts.exporter } : {}),
  });
  let server: MetricsServer | null = null;
  return {
    config,
    logger,
    metrics,
    tracing,
    async serveMetrics() {
      if (!config.metrics) return null;
      server = await startMetricsServer(metrics, config.metrics);
      logger.info(
        { url: `${server.url}/metrics`, token: Boolean(config.metrics.token) },
        'metrics listening',
      );
      return server;
    },
    gaugesFrom: (db) => registerBusinessGauges(metrics, db),
    installTemporalRuntime: () => installTemporalRuntime(logger, config, env),
    async shutdown() {
      await server?.close();
      await tracing.shutdown();
    },
  };
}
