import pino, { type Logger } from 'pino';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { activeTraceIds } from './tracing';

export type { Logger } from 'pino';

/**
 * Fields that may hold personal data or secrets, wherever they appear in a log line: credentials
 * and cookies, the free text and names of a nomination, and PostgreSQL's error `detail`, which
 * quotes the offending values ("Key (username)=(…) already exists").
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'err.detail',
  'err.where',
  'err.parameters',
  'password',
  '*.password',
  '*.displayName',
  '*.birthDate',
  '*.idCard',
  '*.reason',
];

/**
 * The structured JSON logger of every long-running process (API, worker, stack): one line per
 * entry on stdout, level from LOG_LEVEL, the active trace and span id on every line logged inside
 * a trace, personal data redacted. The CLI keeps its human output and does not use this.
 */
export function createLogger(opts: {
  name: string;
  level?: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      name: opts.name,
      level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => activeTraceIds(),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination,
  );
}

/**
 * The Temporal SDK's logger interface over pino, so the worker's SDK lines (and core's, forwarded
 * through the runtime) land in the same JSON stream, tagged `sdk`.
 */
export function temporalLoggerFrom(logger: Logger): TemporalLogger {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const at: Record<LogLevel, (meta: LogMetadata, message: string) => void> = {
    TRACE: (m, s) => sdk.trace(m, s),
    DEBUG: (m, s) => sdk.debug(m, s),
    INFO: (m, s) => sdk.info(m, s),
    WARN: (m, s) => sdk.warn(m, s),
    ERROR: (m, s) => sdk.error(m, s),
  };
  const log = (level: LogLevel, message: string, meta: LogMetadata = {}) => at[level](meta, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
