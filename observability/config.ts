import { z } from 'zod';
import { formatZodError } from '../common/zodErrors';

/** `off` (or empty) turns a listener off; anything else is a port. */
const portOrOff = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim() ?? '';
      if (value === '') return fallback;
      if (value === 'off') return null;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `expected a port 1–65535 or "off", got "${value}"` });
        return z.NEVER;
      }
      return n;
    });

/** Which process reads the configuration: each has its own default metrics port, so they can share a host. */
export type ProcessRole = 'api' | 'worker' | 'stack';
const DEFAULT_METRICS_PORT: Record<ProcessRole, number> = { api: 9464, stack: 9464, worker: 9465 };

const schemaFor = (role: ProcessRole) =>
  z.object({
    SECONDMENT_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    SECONDMENT_METRICS_PORT: portOrOff(DEFAULT_METRICS_PORT[role]),
    SECONDMENT_METRICS_TOKEN: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined)),
    TEMPORAL_SDK_METRICS_PORT: portOrOff(9466),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });

export interface ObservabilityConfig {
  /** our /metrics (prom-client): null when off */
  metrics: { host: string; port: number; token?: string } | null;
  /** the Temporal SDK's own Prometheus exporter (`host:port`): null when off */
  sdkMetricsBindAddress: string | null;
  logLevel: string;
}

/**
 * Metrics listen on loopback by default, apart from the public API port; set
 * SECONDMENT_METRICS_HOST to expose them to a scraper, and SECONDMENT_METRICS_TOKEN to require
 * `Authorization: Bearer <token>` (README, "Production").
 */
export function observabilityConfigFromEnv(
  role: ProcessRole,
  env: NodeJS.ProcessEnv = process.env,
): ObservabilityConfig {
  const parsed = schemaFor(role).safeParse(env);
  if (!parsed.success) {
    throw new Error(`配置错误 / invalid configuration: ${formatZodError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    metrics:
      e.SECONDMENT_METRICS_PORT === null
        ? null
        : {
            host: e.SECONDMENT_METRICS_HOST,
            port: e.SECONDMENT_METRICS_PORT,
            ...(e.SECONDMENT_METRICS_TOKEN ? { token: e.SECONDMENT_METRICS_TOKEN } : {}),
          },
    sdkMetricsBindAddress:
      e.TEMPORAL_SDK_METRICS_PORT === null
        ? null
        : `${e.SECONDMENT_METRICS_HOST}:${e.TEMPORAL_SDK_METRICS_PORT}`,
    logLevel: e.LOG_LEVEL,
  };
}
