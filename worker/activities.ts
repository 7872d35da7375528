import path from 'node:path';
import { createActivities } from '../activities';
import { createProbeActivities } from '../activities/probeJournal';
import { mailTransportFromEnv } from '../activities/transports/from-env';
import { databaseConfigFromEnv, openDatabase, type Db } from '../db';

export interface WorkerActivities {
  activities: object;
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
  return {
    activities: {
      ...createProbeActivities({ journalDir: path.join(opts.dataDir, 'probe-journal') }),
      ...createActivities({ db, transport: mailTransportFromEnv(env) }),
    },
    db,
    close: () => db.close(),
  };
}
