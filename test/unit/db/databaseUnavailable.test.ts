import net from 'node:net';
import {
  DatabaseUnavailableError,
  IN_MEMORY,
  isDatabaseUnavailable,
  openDatabase,
  sqlState,
} from '../../../db';

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

describe('a database that is away is told apart from a statement that is wrong', () => {
  it('a PostgreSQL server that refuses connections is DatabaseUnavailableError (the API answers 503)', async () => {
    const port = await closedPort();
    const opening = openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/none` });
    await expect(opening).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await opening.catch((err: unknown) => {
      expect(isDatabaseUnavailable(err)).toBe(true);
      expect((err as Error).message).toMatch(/数据库不可用 \/ the database is unavailable: .*ECONNREFUSED/);
    });
  });

  it('a statement the database refuses is not an outage (it stays a 500 or a typed refusal), and PGlite works as before', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: IN_MEMORY });
    try {
      const syntax = await db.query('SELEC 1').catch((err: unknown) => err);
      expect(sqlState(syntax)).toBe('42601');
      expect(isDatabaseUnavailable(syntax)).toBe(false);
      const nul = await db.query('SELECT $1::text', ['a\u0000b']).catch((err: unknown) => err);
      expect(isDatabaseUnavailable(nul)).toBe(false);
      expect(await db.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('PostgreSQL states of a shutting-down or starting server count as unavailable', () => {
    const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(
      isDatabaseUnavailable(withCode('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe(
      false,
    );
  });
});
