import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { IN_MEMORY } from './config';
import type { Db, Queryable } from './driver';
import { loadPglite } from './loadPglite';
import { withSqlSpan } from './tracing';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await withSqlSpan('embedded', sql, () => target.query<T>(sql, [...params]));
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await withSqlSpan('embedded', sql, () => target.exec(sql));
    },
  };
}

/**
 * PGlite is a single connection: its transaction() holds a mutex, so transactions are serialised and
 * row locks (FOR UPDATE SKIP LOCKED) are trivially satisfied. Only one process may open a data dir.
 */
export async function openPglite(dataDir: string): Promise<Omit<Db, 'auditKeys'>> {
  if (dataDir !== IN_MEMORY && !dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const { PGlite: Pglite } = loadPglite();
  const pg = await Pglite.create(dataDir === IN_MEMORY ? undefined : dataDir);
  const self = wrap(pg);
  return {
    kind: 'embedded',
    query: self.query,
    exec: self.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      withSqlSpan('embedded', 'BEGIN … COMMIT', () => pg.transaction((tx) => fn(wrap(tx)))),
    close: () => pg.close(),
  };
}
