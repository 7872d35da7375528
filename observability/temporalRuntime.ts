import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { ObservabilityConfig } from './config';
import { temporalLoggerFrom, type Logger } from './logger';

/**
 * Installs the Temporal SDK runtime of a worker process, once, before any NativeConnection:
 * its logs (and core's, forwarded) go to our JSON logger; its own worker metrics (task slots,
 * poll latencies, activity and workflow task counts …) are served by the SDK in Prometheus format
 * at TEMPORAL_SDK_METRICS_PORT. CORE_LOG_FILTER still selects core's verbosity for diagnosis.
 */
export function installTemporalRuntime(logger: Logger, config: ObservabilityConfig, env = process.env): void {
  Runtime.install({
    logger: temporalLoggerFrom(logger),
    telemetryOptions: {
      logging: {
        filter: env.CORE_LOG_FILTER || makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }),
        forward: {},
      },
      ...(config.sdkMetricsBindAddress
        ? {
            metrics: {
              prometheus: {
                bindAddress: config.sdkMetricsBindAddress,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          }
        : {}),
    },
  });
}
