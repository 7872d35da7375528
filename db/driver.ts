// The smallest surface both adapters can honour, so activities never know which engine runs them.
import type { AuditKeys } from './auditKeys';

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1…$n` parameters; rows come back as plain objects. */
  query: <T = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec: (sql: string) => Promise<void>;
}

export type DbKind = 'embedded' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** the audit chain's HMAC keys this process holds (never stored in the database) */
  readonly auditKeys: AuditKeys;
  /** Runs `fn` inside BEGIN … COMMIT; any throw rolls back. */
  transaction: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}
