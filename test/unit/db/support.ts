// Shared by the database tests: every suite runs once per adapter — PGlite in memory always,
// PostgreSQL too when TEST_DATABASE_URL is set (each suite then gets its own schema).
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createActivities, type TransitionRecordInput } from '../../../activities';
import { IN_MEMORY, openDatabase, type Db } from '../../../db';
import {
  createDeliverer,
  LocalMailboxTransport,
  type DeliveryPolicy,
  type MailTransport,
} from '../../../notify';
import { storeReads } from '../../harness/storeReads';

export interface TestAdapter {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, isolated database. */
  open(): Promise<Db>;
  /** Two handles on one fresh, unmigrated database, as two processes would have. */
  openPair(): Promise<[Db, Db]>;
}

const openedSchemas: string[] = [];

const pglite: TestAdapter = {
  name: 'pglite',
  open: () => openDatabase({ kind: 'embedded', dataDir: IN_MEMORY }),
  async openPair() {
    // One PGlite instance is all one process can have; both "processes" share it.
    const db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY }, { migrate: false });
    return [db, db];
  },
};

function postgres(url: string): TestAdapter {
  const fresh = () => {
    const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    openedSchemas.push(schema);
    return schema;
  };
  return {
    name: 'postgres',
    open: () => openDatabase({ kind: 'postgres', url, schema: fresh() }),
    async openPair() {
      const schema = fresh();
      const a = await openDatabase({ kind: 'postgres', url, schema }, { migrate: false });
      const b = await openDatabase({ kind: 'postgres', url, schema }, { migrate: false });
      return [a, b];
    },
  };
}

const url = process.env['TEST_DATABASE_URL'];
export const adapters: TestAdapter[] = url ? [pglite, postgres(url)] : [pglite];

/** Drops the schemas this suite created (call from afterAll). */
export async function dropTestSchemas(): Promise<void> {
  if (!url || openedSchemas.length === 0) return;
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    for (const schema of openedSchemas.splice(0))
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}

export const newCaseId = () => `case-${randomUUID()}`;

export const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();

/** A plausible transition; seq 1 nominates, later ones report. */
export function transition(
  caseId: string,
  seq: number,
  overrides: Partial<TransitionRecordInput> = {},
): TransitionRecordInput {
  return {
    caseId,
    seq,
    event: {
      type: seq === 1 ? 'nomination.submitted' : 'report.submitted',
      actor: { id: 'user-7', role: 'sendingUnit', unit: 'U-SEND' },
      payload: { quarter: seq, note: '季度汇报', nested: { b: 2, a: [1, 'x'] } },
      at: day(seq),
    },
    fromState: seq === 1 ? 'none' : `step${seq - 1}`,
    toState: `step${seq}`,
    projection: {
      status: 'IN_SERVICE',
      kind: 'downward',
      year: 2025,
      sendingUnit: 'U-SEND',
      receivingUnit: 'U-RECV',
      nextDuty: {
        id: `report-q${seq}`,
        label: '季度汇报',
        ownerRole: 'cadre',
        ownerUnit: 'U-SEND',
        dueAt: day(seq + 90),
      },
      nextDeadline: day(seq + 90),
      overdue: false,
      stuck: false,
    },
    personnelFile: [],
    notifications: [
      {
        recipients: [
          { role: 'cadre', unit: 'U-SEND' },
          { role: 'orgDept', unit: 'ORG' },
        ],
        template: 'duty.assigned',
        vars: { dutyLabel: '季度汇报', dueAt: day(seq + 90) },
      },
    ],
    ...overrides,
  };
}

export async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]?.n ?? 0;
}

/** As the table owner, switch the append-only trigger off for one statement: how an insider would tamper. */
export async function tamper(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
    await tx.query(sql, params);
    await tx.exec('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
  });
}

export const OPEN_TIMEOUT = 30_000;

/**
 * What the worker runs against one database: the activity, delivery as the outbox relay calls it,
 * and the read models to look at what they wrote.
 */
export function workerSide(deps: {
  db: Db;
  transport?: MailTransport;
  now?: () => Date;
  delivery?: Partial<DeliveryPolicy>;
}) {
  return {
    ...createActivities({ db: deps.db }),
    ...storeReads(deps.db),
    deliverNotifications: createDeliverer({
      db: deps.db,
      transport: deps.transport ?? new LocalMailboxTransport(),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.delivery ? { delivery: deps.delivery } : {}),
    }),
  };
}
