import path from 'node:path';
import { createActivities, type Activities } from '../activities';
import { startOutboxRelay } from './outboxRelay';
import { createProbeActivities } from '../activities/probeJournal';
import { mailTransportFromEnv } from '../activities/transports/from-env';
import { databaseConfigFromEnv, openDatabase, type Db } from '../db';

export interface WorkerActivities {
  activities: Activities & ReturnType<typeof createProbeActivities>;
  db: Db;
  close(): Promise<void>;
}

/**
 * All activities the worker registers, wired to this process's storage: the embedded PGlite
 * database or the PostgreSQL server named by DATABASE_URL, and the local mailbox or SMTP.
 */
export async function createAllActivities(
  env: NodeJS.ProcessEnv,
  opts: { dataDir: string },
): Promise<WorkerActivities> {
  const db = await openDatabase(databaseConfigFromEnv({ ...env, SECONDMENT_DATA_DIR: opts.dataDir }));
  const activities = {
    ...createProbeActivities({ journalDir: path.join(opts.dataDir, 'probe-journal') }),
    ...createActivities({ db, transport: mailTransportFromEnv(env) }),
  };
  const relay = startOutboxRelay(activities, {
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
