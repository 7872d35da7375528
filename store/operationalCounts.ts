// Counts for the operators' gauges (observability/): whole-system numbers, no scope, no names.
import type { Queryable } from '../db';
import { TERMINAL_STATUSES } from '../machines/secondment';

export interface OperationalCounts {
  /** open cases by status code and kind */
  openCases: { status: string; kind: string; count: number }[];
  /** open cases with a duty past its due date */
  overdue: number;
  /** open cases with a duty past its last escalation step (business-stuck) */
  stuck: number;
  /** outbox rows by status */
  outbox: { pending: number; sent: number; dead: number };
  /** age of the oldest due pending notification, seconds (0 when none) */
  oldestPendingSeconds: number;
}

/**
 * One round trip of small aggregate queries. The open-case and flag counts use the status and the
 * partial overdue/stuck indexes; the outbox count is one GROUP BY over three statuses.
 */
export async function operationalCounts(db: Queryable, now: Date): Promise<OperationalCounts> {
  const closed = [...TERMINAL_STATUSES];
  const open = await db.query<{ status: string; kind: string; n: number }>(
    `SELECT status, kind, count(*)::int AS n FROM cases WHERE status <> ALL($1::text[]) GROUP BY status, kind`,
    [closed],
  );
  const [flags] = await db.query<{ overdue: number; stuck: number }>(
    `SELECT (SELECT count(*)::int FROM cases WHERE overdue AND status <> ALL($1::text[])) AS overdue,
            (SELECT count(*)::int FROM cases WHERE stuck AND status <> ALL($1::text[])) AS stuck`,
    [closed],
  );
  const outboxRows = await db.query<{ status: 'pending' | 'sent' | 'dead'; n: number }>(
    'SELECT status, count(*)::int AS n FROM notifications GROUP BY status',
  );
  const [oldest] = await db.query<{ age: number | null }>(
    `SELECT extract(epoch FROM ($1::timestamptz - min(created_at)))::float8 AS age
       FROM notifications
      WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $1::timestamptz)`,
    [now.toISOString()],
  );
  const outbox = { pending: 0, sent: 0, dead: 0 };
  for (const r of outboxRows) outbox[r.status] = r.n;
  return {
    openCases: open.map((r) => ({ status: r.status, kind: r.kind, count: r.n })),
    overdue: flags?.overdue ?? 0,
    stuck: flags?.stuck ?? 0,
    outbox,
    oldestPendingSeconds: Math.max(0, oldest?.age ?? 0),
  };
}
