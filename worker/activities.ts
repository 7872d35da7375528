import { createActivities, type Activities } from '../activities';
import { databaseConfigFromEnv, openDatabase, type Db } from '../db';
import { createDeliverer, mailTransportFromEnv } from '../notify';
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
  opts: { dataDir: string },
): Promise<WorkerActivities> {
  const db = await openDatabase(databaseConfigFromEnv({ ...env, SECONDMENT_DATA_DIR: opts.dataDir }));
  const activities = createActivities({ db });
  const relay = startOutboxRelay(createDeliverer({ db, transport: mailTransportFromEnv(env) }), {
    onError: (err) => console.error('通知投递失败 / notification delivery failed:', err),
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
