import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) for HTTP requests and activities: 5 ms … 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** From the outbox row's creation to its delivery: a second … an hour (back-off runs to an hour). */
const DELIVERY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];

/**
 * Every metric this engine exports, in one registry per process. Names follow Prometheus
 * conventions (`secondment_` prefix, `_total` counters, `_seconds` durations); labels are codes
 * (route pattern, status, event type, refusal code, ladder step), never a case id or a person.
 */
export class SecondmentMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'secondment_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'secondment_http_request_duration_seconds',
    help: 'HTTP request latency, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly eventsAccepted = new Counter({
    name: 'secondment_events_accepted_total',
    help: 'Transitions written to the audit trail (accepted events, deadline alarms included), by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventsRefused = new Counter({
    name: 'secondment_events_refused_total',
    help: 'Events the API sent that the workflow refused, by event type and refusal code',
    labelNames: ['type', 'code'] as const,
    registers: [this.registry],
  });
  readonly proposals = new Counter({
    name: 'secondment_proposals_total',
    help: 'Four-eyes proposals (双人复核) by scope (case, bulk) and step (proposed, approved, rejected)',
    labelNames: ['scope', 'step'] as const,
    registers: [this.registry],
  });
  readonly escalations = new Counter({
    name: 'secondment_escalations_total',
    help: 'Escalation ladder steps taken (reminder, overdue, unitHead, orgDept, stuck)',
    labelNames: ['step'] as const,
    registers: [this.registry],
  });
  readonly activityExecutions = new Counter({
    name: 'secondment_activity_executions_total',
    help: 'Activity attempts, by activity and outcome (ok, retryable, non_retryable)',
    labelNames: ['activity', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly activityDuration = new Histogram({
    name: 'secondment_activity_duration_seconds',
    help: 'Activity attempt duration, by activity',
    labelNames: ['activity'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly notificationsDelivered = new Counter({
    name: 'secondment_notifications_delivered_total',
    help: 'Outbox delivery attempts, by outcome (sent, retried, dead)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly deliveryLatency = new Histogram({
    name: 'secondment_notification_delivery_latency_seconds',
    help: 'From the transition that wrote a notification to its delivery',
    buckets: DELIVERY_BUCKETS,
    registers: [this.registry],
  });

  constructor(opts: { processMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag, GC of this process (process_*, nodejs_*).
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The text a scrape receives. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** A gauge on this registry (for collectors that fill it at scrape time). */
  gauge<L extends string>(config: {
    name: string;
    help: string;
    labelNames?: readonly L[];
    collect?: (this: Gauge<L>) => void | Promise<void>;
  }): Gauge<L> {
    return new Gauge<L>({ ...config, registers: [this.registry] });
  }
}
