import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DbKind } from './driver';

const tracer = trace.getTracer('secondment.db');
const MAX_STATEMENT = 500;

/**
 * A client span around one statement or transaction, made by hand for both engines (PGlite has no
 * instrumentation, and one wrapper here covers node-postgres too without patching `require`). Only
 * inside a trace that is already running (an HTTP request, an activity): the outbox relay's
 * one-second polls would otherwise each start a trace of their own. Statements carry `$n`
 * placeholders, never values, so no personal data reaches a span.
 */
export function withSqlSpan<T>(engine: DbKind, sql: string, fn: () => Promise<T>): Promise<T> {
  if (!trace.getActiveSpan()) return fn();
  const statement = sql.trim();
  const operation = /^\w+/.exec(statement)?.[0]?.toUpperCase() ?? 'SQL';
  return tracer.startActiveSpan(
    `sql ${operation}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'postgresql',
        'db.operation': operation,
        'db.statement': statement.slice(0, MAX_STATEMENT),
        'secondment.db.engine': engine === 'embedded' ? 'pglite' : 'pg',
      },
    },
    async (span) => {
      try {
        return await fn();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
