import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  databaseConfigFromEnv,
  databaseConfigSchema,
  loadMigrations,
  ephemeralAuditKeys,
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
    'cases written before the directory and the registry keep a name and a scope: units, persons and cadre accounts are backfilled',
    async () => {
      const [db] = await adapter.openPair();
      try {
        const all = loadMigrations();
        await runMigrations(
          db,
          all.filter((m) => m.version <= '003'),
        );
        await db.query(
          `INSERT INTO case_parties (case_id, org_unit, united_front_unit, sending_unit, requested_receiving_unit,
             cadre_id, created_by, created_at)
           VALUES ('case-old-1', 'city.org-dept', 'city.united-front', 'city.dev-reform', 'county.a.town-b',
             'cadre-7f3a', 'sender', now())`,
        );
        await db.query(
          `INSERT INTO case_state (case_id, seq, run, machine_version, snapshot, updated_at)
           VALUES ('case-old-1', 1, 1, 1, $1::jsonb, now())`,
          [
            JSON.stringify({
              machineVersion: 1,
              value: 'nominated',
              context: {
                sendingUnit: 'city.dev-reform',
                cadre: {
                  id: 'cadre-7f3a',
                  displayName: '张三',
                  birthDate: '1992-03-14',
                  rank: 'deputy_section',
                  cpcMember: false,
                  categories: ['selected_graduate'],
                },
              },
            }),
          ],
        );
        await db.query(
          `INSERT INTO api_users (username, display_name, role, units, cadre_id, password_hash)
           VALUES ('old-cadre', '张三', 'cadre', '[]', 'cadre-7f3a', 'x'), ('lone-cadre', '李四', 'cadre', '[]', 'cadre-none', 'x'),
                  ('old-admin', '王', 'org_admin', '["county.c.org-dept"]', NULL, 'x')`,
        );
        await runMigrations(db, all);
        const units = await db.query<{ code: string; parent_code: string | null; type: string }>(
          'SELECT code, parent_code, type FROM units ORDER BY code',
        );
        expect(units).toEqual(
          expect.arrayContaining([
            { code: 'city', parent_code: null, type: 'region' },
            { code: 'city.org-dept', parent_code: 'city', type: 'org_dept' },
            { code: 'county.a.town-b', parent_code: 'county.a', type: 'township' },
            { code: 'county.c.org-dept', parent_code: 'county.c', type: 'org_dept' },
          ]),
        );
        const persons = await db.query<{
          id: string;
          name: string;
          birth_date: string | null;
          party_status: string;
        }>('SELECT id, name, birth_date::text AS birth_date, party_status FROM persons ORDER BY id');
        expect(persons).toEqual([
          { id: 'cadre-7f3a', name: '张三', birth_date: '1992-03-14', party_status: 'non_cpc' },
          { id: 'cadre-none', name: '李四', birth_date: null, party_status: 'cpc' },
        ]);
        const users = await db.query<{ username: string; person_id: string | null }>(
          'SELECT username, person_id FROM api_users ORDER BY username',
        );
        expect(users).toEqual([
          { username: 'lone-cadre', person_id: 'cadre-none' },
          { username: 'old-admin', person_id: null },
          { username: 'old-cadre', person_id: 'cadre-7f3a' },
        ]);
        const [party] = await db.query<{ cpc_member: boolean }>('SELECT cpc_member FROM case_parties');
        expect(party?.cpc_member).toBe(false);
      } finally {
        await db.close();
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
        // The same audit keys in both "processes", as a deployment's key file gives them.
        const auditKeys = ephemeralAuditKeys();
        const first = await openDatabase({ kind: 'embedded', dataDir }, { auditKeys });
        await workerSide({ db: first }).applyTransition(transition(caseId, 1));
        await first.close();

        const second = await openDatabase({ kind: 'embedded', dataDir }, { auditKeys });
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
