import type { Queryable } from '../db';
import { operationalCounts, type OperationalCounts } from '../store';
import type { SecondmentMetrics } from './metrics';

/** A scrape every few seconds from several Prometheus replicas shares one set of queries. */
const DEFAULT_CACHE_MS = 5_000;

/**
 * The business gauges, read from the database at scrape time (cached briefly): open cases by
 * status and kind, overdue and business-stuck cases, the outbox by status and the age of its
 * oldest due row. When the database does not answer, `secondment_database_up` drops to 0 and the
 * other gauges keep their last values rather than failing the whole scrape.
 */
export function registerBusinessGauges(
  metrics: SecondmentMetrics,
  db: Queryable,
  opts: { cacheMs?: number; now?: () => Date } = {},
): void {
  const cacheMs = opts.cacheMs ?? DEFAULT_CACHE_MS;
  const now = opts.now ?? (() => new Date());
  let last: OperationalCounts | null = null;
  let lastAt = 0;
  let up = 0;
  let inFlight: Promise<void> | null = null;

  const refresh = (): Promise<void> => {
    if (Date.now() - lastAt < cacheMs && last) return Promise.resolve();
    inFlight ??= operationalCounts(db, now())
      .then((counts) => {
        last = counts;
        lastAt = Date.now();
        up = 1;
      })
      .catch(() => {
        up = 0;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  metrics.gauge({
    name: 'secondment_database_up',
    help: '1 when the database answered the last scrape’s queries, else 0',
    async collect() {
      await refresh();
      this.set(up);
    },
  });
  metrics.gauge({
    name: 'secondment_cases_open',
    help: 'Open cases by status code and kind',
    labelNames: ['status', 'kind'] as const,
    async collect() {
      await refresh();
      if (!last) return;
      this.reset();
      for (const c of last.openCases) this.set({ status: c.status, kind: c.kind }, c.count);
    },
  });
  metrics.gauge({
    name: 'secondment_cases_overdue',
    help: 'Open cases with a duty past its due date',
    async collect() {
      await refresh();
      if (last) this.set(last.overdue);
    },
  });
  metrics.gauge({
    name: 'secondment_cases_stuck',
    help: 'Open cases with a duty past its last escalation step (business-stuck, 停滞)',
    async collect() {
      await refresh();
      if (last) this.set(last.stuck);
    },
  });
  metrics.gauge({
    name: 'secondment_outbox_notifications',
    help: 'Notification outbox rows by status (pending, sent, dead)',
    labelNames: ['status'] as const,
    async collect() {
      await refresh();
      if (!last) return;
      for (const [status, n] of Object.entries(last.outbox)) this.set({ status }, n);
    },
  });
  metrics.gauge({
    name: 'secondment_outbox_oldest_pending_seconds',
    help: 'Age of the oldest notification due for delivery (0 when none)',
    async collect() {
      await refresh();
      if (last) this.set(last.oldestPendingSeconds);
    },
  });
}
