import { Pool, type PoolClient } from 'pg';
import type { Db, Queryable } from './driver';
import { sqlState, UNIQUE_VIOLATION } from './pgErrors';

function wrap(target: Pool | PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol, which accepts many statements.
      await target.query(sql);
    },
  };
}

export async function openPostgres(options: {
  url: string;
  schema?: string;
  poolSize?: number;
}): Promise<Db> {
  if (options.schema) {
    // The schema must exist before any pooled connection starts using it as its search_path.
    const bootstrap = new Pool({ connectionString: options.url, max: 1 });
    try {
      await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    } catch (error) {
      // Two processes creating it at once: IF NOT EXISTS still races in the catalog; the loser's work is done.
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
    } finally {
      await bootstrap.end();
    }
  }
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path="${options.schema}"` } : {}),
  });
  // An idle client that loses its server must not crash the worker; the next query reports it.
  pool.on('error', () => undefined);
  const self = wrap(pool);
  return {
    kind: 'postgres',
    query: self.query,
    exec: self.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than returned to the pool.
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
