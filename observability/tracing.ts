import { context, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';

type Sinks = NonNullable<WorkerOptions['sinks']>;

/** The bundled workflow-side interceptors (spans for run, Update, activity scheduling). */
export const WORKFLOW_TRACING_MODULE =
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

export const TRACER_NAME = 'secondment';

/**
 * Tracing of one process: an HTTP request → the Temporal Update (client interceptor, W3C context in
 * the Temporal headers) → the workflow task (bundled interceptors, spans leave the sandbox through
 * the `exporter` sink) → applyTransition (activity interceptor) → SQL (spans in db/). Off unless
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test hands in an exporter): then nothing is registered,
 * the workflow bundle carries no interceptors and every span call is the API's no-op.
 */
export interface Tracing {
  readonly enabled: boolean;
  readonly tracer: Tracer;
  /** for `new Client({ interceptors })` */
  readonly clientInterceptors: { workflow: WorkflowClientInterceptor[] } | undefined;
  /** what Worker.create needs besides its own options; empty when off */
  readonly worker: {
    workflowModules: string[];
    activity: ActivityInterceptorsFactory[];
    sinks: Sinks;
  };
  /** flushes pending spans */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  serviceName: string;
  env?: NodeJS.ProcessEnv;
  /** tests: spans go here, exported at once (SimpleSpanProcessor) */
  exporter?: SpanExporter;
}

const disabled: Tracing = {
  enabled: false,
  tracer: trace.getTracer(TRACER_NAME),
  clientInterceptors: undefined,
  worker: { workflowModules: [], activity: [], sinks: {} },
  forceFlush: async () => {},
  shutdown: async () => {},
};

export function setupTracing(opts: TracingOptions): Tracing {
  const env = opts.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!opts.exporter && !endpoint) return disabled;

  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME || opts.serviceName });
  const processor: SpanProcessor = opts.exporter
    ? new SimpleSpanProcessor(opts.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  // AsyncLocalStorage carries the active span across awaits (HTTP hook → handler → Temporal client).
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  const tracer = trace.getTracer(TRACER_NAME);

  return {
    enabled: true,
    tracer,
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    worker: {
      workflowModules: [WORKFLOW_TRACING_MODULE],
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      sinks: { exporter: makeWorkflowExporter(processor, resource) },
    },
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}

/** The current trace and span id, for log lines; empty when no span is active. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
