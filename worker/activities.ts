import { createActivities, type Activities } from '../activities';
import type { SecondmentClient } from '../client';
import { databaseConfigFromEnv, openDatabase, type Db } from '../db';
import { loadAuditKeys } from '../config/auditKeys';
import { createDeliverer, mailTransportFromEnv, type DeliveryDeps } from '../notify';
import { seedShippedCalendar } from '../store';
import { startOutboxRelay } from './outboxRelay';

export interface WorkerActivities {
  activities: Activities;
  db: Db;
  close(): Promise<void>;
}

/**
 * The activities the worker registers, wired to this process's storage (the embedded PGlite
 * database or the PostgreSQL server named by DATABASE_URL), and the outbox relay that delivers
 * notifications beside them (the local mailbox or SMTP).
 */
export async function createAllActivities(
  env: NodeJS.ProcessEnv,
  opts: {
    dataDir: string;
    /** the embedded stack: the audit keyring is generated in the data folder if missing */
    embeddedKeys?: boolean;
    /** told of every delivery attempt (metrics) */
    observeDelivery?: DeliveryDeps['observe'];
    /** where the relay reports a failed round (default: stderr) */
    onRelayError?: (err: unknown) => void;
    /** the workflow client a round's launch starts cases with (given this worker's database) */
    cases?: (db: Db) => SecondmentClient;
  },
): Promise<WorkerActivities> {
  const auditKeys = await loadAuditKeys(
    { ...env, SECONDMENT_DATA_DIR: opts.dataDir },
    { embedded: opts.embeddedKeys ?? false },
  );
  const db = await openDatabase(databaseConfigFromEnv({ ...env, SECONDMENT_DATA_DIR: opts.dataDir }), {
    auditKeys,
  });
  // the holiday tables the repository ships, in the database as version 1 of their years
  await seedShippedCalendar(db);
  const activities = createActivities({ db, cases: opts.cases?.(db) });
  const deliverer = createDeliverer({
    db,
    transport: mailTransportFromEnv(env),
    observe: opts.observeDelivery,
  });
  const relay = startOutboxRelay(deliverer, {
    onError:
      opts.onRelayError ?? ((err) => console.error('通知投递失败 / notification delivery failed:', err)),
  });
  return {
    activities,
    db,
    async close() {
      await relay.stop();
      await db.close();
    },
  };
}
