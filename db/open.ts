import { databaseConfigSchema, type DatabaseConfig } from './config';
import { ephemeralAuditKeys, type AuditKeys } from './auditKeys';
import type { Db } from './driver';
import { runMigrations } from './migrate';
import { openPglite } from './pgliteAdapter';
import { openPostgres } from './postgresAdapter';

/** Opens the configured database and brings its schema up to date before anyone uses it. */
export async function openDatabase(
  config: DatabaseConfig,
  options: { migrate?: boolean; auditKeys?: AuditKeys } = {},
): Promise<Db> {
  const parsed = databaseConfigSchema.parse(config);
  const auditKeys = options.auditKeys ?? ephemeralAuditKeys();
  const opened =
    parsed.kind === 'embedded'
      ? await openPglite(parsed.dataDir)
      : await openPostgres({
          url: parsed.url,
          ...(parsed.schema ? { schema: parsed.schema } : {}),
          ...(parsed.poolSize ? { poolSize: parsed.poolSize } : {}),
        });
  const db: Db = Object.assign(opened, { auditKeys });
  if (options.migrate ?? true) {
    try {
      await runMigrations(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}
