import { randomUUID } from 'node:crypto';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SecondmentMetrics } from './metrics';
import type { Tracing } from './tracing';

/** The route pattern (`/api/cases/:id`), never the raw URL: a bounded label set without case ids. */
export const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched';

const CASE_ID_PARAM = /^[A-Za-z0-9._:-]{1,200}$/;

/** A caller's `x-request-id` is kept when it is short and plain; otherwise a fresh one. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

interface Timing {
  startedAt: bigint;
  span: Span | null;
}
const timings = new WeakMap<FastifyRequest, Timing>();

/**
 * One hook set for the API's requests, added before any other hook: the root server span (its
 * context active for everything the request does, so the Temporal client and SQL spans hang
 * below it; a caller's W3C `traceparent` is continued), the request and case id on every log
 * line of the request, and the request counter and latency histogram by route pattern.
 */
export function instrumentHttp(
  app: FastifyInstance,
  opts: { metrics?: SecondmentMetrics | undefined; tracing?: Tracing | undefined },
): void {
  const tracing = opts.tracing?.enabled ? opts.tracing : undefined;

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    const timing: Timing = { startedAt: process.hrtime.bigint(), span: null };
    timings.set(request, timing);
    if (!tracing) return done();
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = routeOf(request);
    const span = tracing.tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0] ?? request.url,
          'secondment.request_id': request.id,
        },
      },
      parent,
    );
    timing.span = span;
    // The rest of the hook chain and the handler run inside the span's context.
    context.with(trace.setSpan(parent, span), done);
  });

  app.addHook('preHandler', (request, reply, done) => {
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && CASE_ID_PARAM.test(id) && routeOf(request).includes(':id')) {
      request.log = request.log.child({ caseId: id });
      reply.log = request.log;
      timings.get(request)?.span?.setAttribute('secondment.case_id', id);
    }
    done();
  });

  app.addHook('onError', (request, _reply, error, done) => {
    timings.get(request)?.span?.recordException(error);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const timing = timings.get(request);
    const labels = { method: request.method, route: routeOf(request), status: String(reply.statusCode) };
    opts.metrics?.httpRequests.inc(labels);
    if (timing) {
      const seconds = Number(process.hrtime.bigint() - timing.startedAt) / 1e9;
      opts.metrics?.httpDuration.observe(labels, seconds);
      if (timing.span) {
        timing.span.setAttribute('http.response.status_code', reply.statusCode);
        if (reply.statusCode >= 500) timing.span.setStatus({ code: SpanStatusCode.ERROR });
        timing.span.end();
      }
    }
    done();
  });
}
