export { databaseConfigSchema, databaseConfigFromEnv, IN_MEMORY, type DatabaseConfig } from './config';
export type { Db, DbKind, Queryable } from './driver';
export { loadMigrations, runMigrations, MIGRATIONS_DIR, type Migration } from './migrate';
export { openDatabase } from './open';
export { ephemeralAuditKeys, type AuditKeys } from './auditKeys';
export { isDataRefusal, sqlState, UNIQUE_VIOLATION } from './pgErrors';
export { DatabaseUnavailableError, isDatabaseUnavailable } from './unavailable';
