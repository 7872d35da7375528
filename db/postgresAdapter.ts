import { Pool, type PoolClient } from 'pg';
import type { Db, Queryable } from './driver';
import { sqlState, UNIQUE_VIOLATION } from './pgErrors';
import { withSqlSpan } from './tracing';
import { asUnavailable } from './unavailable';

/** How long a request waits for a pooled connection before it is told the database is away. */
const CONNECT_TIMEOUT_MS = 5_000;

function wrap(target: Pool | PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        const result = await withSqlSpan('postgres', sql, () => target.query(sql, [...params]));
        return result.rows as T[];
      } catch (error) {
        throw asUnavailable(error);
      }
    },
    async exec(sql: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol, which accepts many statements.
      try {
        await withSqlSpan('postgres', sql, () => target.query(sql));
      } catch (error) {
        throw asUnavailable(error);
      }
    },
  };
}

export async function openPostgres(options: {
  url: string;
  schema?: string;
  poolSize?: number;
  /** told of connection-level errors the pool absorbed (default: none) */
  onConnectionError?: (error: Error) => void;
}): Promise<Omit<Db, 'auditKeys'>> {
  if (options.schema) {
    // The schema must exist before any pooled connection starts using it as its search_path.
    const bootstrap = new Pool({ connectionString: options.url, max: 1 });
    bootstrap.on('error', () => undefined);
    try {
      await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    } catch (error) {
      // Two processes creating it at once: IF NOT EXISTS still races in the catalog; the loser's work is done.
      if (sqlState(error) !== UNIQUE_VIOLATION) throw asUnavailable(error);
    } finally {
      await bootstrap.end();
    }
  }
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(options.schema ? { options: `-c search_path="${options.schema}"` } : {}),
  });
  const absorbed = (error: Error) => options.onConnectionError?.(error);
  // A server restart ends every connection with 57P01; node-postgres then emits 'error' on the pool
  // (idle clients) and on each client, checked out or not. An 'error' event without a listener
  // kills the process (issue 12: it did), so every client gets one; the query that was running on it
  // fails on its own, and the pool replaces the connection on the next checkout.
  pool.on('error', absorbed);
  pool.on('connect', (client) => client.on('error', absorbed));
  const self = wrap(pool);
  return {
    kind: 'postgres',
    query: self.query,
    exec: self.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return withSqlSpan('postgres', 'BEGIN … COMMIT', async () => {
        const client = await pool.connect().catch((error: unknown) => {
          throw asUnavailable(error);
        });
        let broken = false;
        try {
          await client.query('BEGIN');
          const result = await fn(wrap(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // A connection that cannot even roll back is discarded rather than returned to the pool.
          await client.query('ROLLBACK').catch(() => (broken = true));
          throw asUnavailable(error);
        } finally {
          client.release(broken);
        }
      });
    },
    close: () => pool.end(),
  };
}
