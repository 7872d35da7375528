import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  databaseConfigFromEnv,
  databaseConfigSchema,
  loadMigrations,
  openDatabase,
  runMigrations,
} from '../../../db';
import { adapters, count, dropTestSchemas, newCaseId, OPEN_TIMEOUT, transition, workerSide } from './support';

afterAll(dropTestSchemas);

describe.each(adapters)('迁移 migrations on $name', (adapter) => {
  test(
    'two processes migrating at once apply each migration exactly once',
    async () => {
      const [a, b] = await adapter.openPair();
      try {
        const applied = await Promise.all([runMigrations(a), runMigrations(b)]);
        expect(applied.flat()).toEqual(loadMigrations().map((m) => m.name));
        expect(await count(a, 'schema_migrations')).toBe(loadMigrations().length);
        await expect(runMigrations(b)).resolves.toEqual([]);
        expect(await count(b, 'audit_entries')).toBe(0);
      } finally {
        await a.close();
        if (b !== a) await b.close();
      }
    },
    OPEN_TIMEOUT,
  );

  test(
    'a migration edited after it was applied is refused',
    async () => {
      const db = await adapter.open();
      try {
        const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
        await expect(runMigrations(db, edited)).rejects.toThrow('was modified after it was applied');
      } finally {
        await db.close();
      }
    },
    OPEN_TIMEOUT,
  );
});

describe('嵌入式数据库 embedded database', () => {
  test(
    'a data directory keeps cases across a restart',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'secondment-pglite-'));
      try {
        const caseId = newCaseId();
        const first = await openDatabase({ kind: 'embedded', dataDir });
        await workerSide({ db: first }).applyTransition(transition(caseId, 1));
        await first.close();

        const second = await openDatabase({ kind: 'embedded', dataDir });
        const activities = workerSide({ db: second });
        await expect(activities.verifyChain(caseId)).resolves.toMatchObject({ ok: true, entries: 1 });
        await expect(activities.applyTransition(transition(caseId, 2))).resolves.toMatchObject({ seq: 2 });
        await second.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    OPEN_TIMEOUT * 2,
  );
});

describe('数据库配置 database config', () => {
  test('DATABASE_URL selects PostgreSQL, otherwise the embedded data directory', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://u@h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(databaseConfigFromEnv({ SECONDMENT_DATA_DIR: '/var/lib/secondment' })).toEqual({
      kind: 'embedded',
      dataDir: '/var/lib/secondment/pglite',
    });
    expect(databaseConfigFromEnv({})).toEqual({ kind: 'embedded', dataDir: 'data/pglite' });
  });

  test('a malformed config is rejected naming the field', () => {
    const result = databaseConfigSchema.safeParse({
      kind: 'postgres',
      url: 'mysql://h/db',
      schema: 'Drop Table',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['schema', 'url']);
  });
});
