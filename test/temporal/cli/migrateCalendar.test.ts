import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_2027 } from '../../machines/calendar/fixture2027';
import { P } from '../../machines/v2/support/fixtures';
import { waitForProjection } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { startV1, v1InService } from '../api/support/v1Cases';
import { createCliWorld, type CliWorld } from './support/cli';

/** `secondment migrate` (dry run, then --execute), bulk migration, and `secondment calendar`. */
jest.setTimeout(180_000);

let w: CliWorld;

beforeAll(async () => {
  w = await createCliWorld();
  for (const user of ['admin', 'sender', 'receiver', 'cadre', 'united-front']) await w.login(user);
});
afterAll(async () => {
  await w?.close();
});

test('migrate: the dry run shows before → after and changes nothing; --execute needs a reason and moves the case to v2', async () => {
  const { caseId } = await v1InService(w.api);
  const dry = await w.as('admin', ['migrate', caseId]);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('迁移预演（未做任何更改）');
  expect(dry.stdout).toMatch(/Machine version\s+1 → 2/);
  expect(dry.stdout).toContain('待开始 / planned');
  expect(dry.stdout).toContain('--execute');
  const shown = await w.as('admin', ['show', caseId, '--json']);
  expect(shown.json<{ summary: { machineVersion: number } }>().summary.machineVersion).toBe(1);

  const noReason = await w.as('admin', ['migrate', caseId, '--execute', '--json']);
  expect([noReason.code, noReason.error().field]).toEqual([2, '--reason']);
  const bySender = await w.as('sender', ['migrate', caseId, '--execute', '--reason', '按新规则', '--json']);
  expect([bySender.code, bySender.error().code]).toEqual([3, 'FORBIDDEN']);

  const done = await w.as('admin', ['migrate', caseId, '--execute', '--reason', '按第2版规则办理', '--json']);
  expect(done.code).toBe(0);
  expect(done.json()).toMatchObject({ caseId, event: 'admin.case.migrate', status: 'IN_SERVICE' });
  const after = await w.as('admin', ['show', caseId, '--json']);
  expect(after.json<{ summary: { machineVersion: number } }>().summary.machineVersion).toBe(2);

  const again = await w.as('admin', ['migrate', caseId, '--json']);
  expect(again.json()).toMatchObject({ migratable: false, preview: null });
});

test('bulk migration by machine version, with a dry run first', async () => {
  const { caseId } = await startV1(w.api);
  const args = [
    'bulk',
    '--machine-version',
    '1',
    '--intervention',
    'admin.case.migrate',
    '--reason',
    '统一迁移',
  ];
  const plan = await w.as('admin', [...args, '--json']);
  expect(plan.code).toBe(0);
  expect(plan.json<{ items: { caseId: string; willChange: boolean }[] }>().items).toContainEqual(
    expect.objectContaining({ caseId, willChange: true }) as unknown,
  );
  const run = await w.as('admin', [...args, '--execute', '--json']);
  expect(run.code).toBe(0);
  expect(run.json<{ items: { caseId: string; outcome: string }[] }>().items).toContainEqual(
    expect.objectContaining({ caseId, outcome: 'changed' }) as unknown,
  );
  const left = await w.as('admin', ['list', '--machine-version', '1', '--json']);
  expect(left.json<{ items: { caseId: string }[] }>().items.map((c) => c.caseId)).not.toContain(caseId);
});

test('calendar: list, load a year from a file (org admins), the provisional filter before and after', async () => {
  const nominated = await w.as('sender', ['nominate', '--json'], {
    stdin: JSON.stringify(nominationBody(A_UNITS)),
  });
  const caseId = nominated.json<{ caseId: string }>().caseId;
  await waitForProjection(w.api, caseId);
  // posted: the term runs from the arrival, so its reviews fall in 2027
  for (const [user, type, payload] of [
    ['admin', 'approval.approve', P.approve],
    ['receiver', 'posting.post.arrange', P.arrange],
    ['receiver', 'posting.appointment.file', P.appointment],
    // the demo cadre (冯雅琴) is 党外: the 统战部 acknowledges the copy instead of a party transfer
    ['united-front', 'posting.unitedFront.acknowledge', { documentNo: '统战〔2026〕5号' }],
    ['sender', 'posting.introduction.send', P.intro],
    ['receiver', 'posting.mentor.name', P.mentor],
    ['receiver', 'posting.duties.assign', P.duties],
    ['receiver', 'posting.arrival.confirm', P.arrival(new Date().toISOString().slice(0, 10))],
  ] as const) {
    const res = await w.as(user, ['send', caseId, type, '--data', JSON.stringify(payload)]);
    expect([type, res.code, res.stderr]).toEqual([type, 0, '']);
  }

  const list = await w.as('admin', ['calendar', 'list']);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/2026\s+1\s+/);
  expect(list.stdout).not.toMatch(/^2027/m);
  const provisional = await w.as('admin', ['list', '--provisional', '--json']);
  expect(provisional.json<{ items: { caseId: string }[] }>().items.map((c) => c.caseId)).toContain(caseId);

  const file = join(w.home('admin'), '2027.json');
  writeFileSync(file, JSON.stringify(FIXTURE_2027));
  const noSource = await w.as('admin', ['calendar', 'load', file, '--json']);
  expect([noSource.code, noSource.error().field]).toEqual([2, '--source']);
  const bySender = await w.as('sender', ['calendar', 'load', file, '--source', '测试数据', '--json']);
  expect([bySender.code, bySender.error().code]).toEqual([3, 'FORBIDDEN']);

  const load = await w.as('admin', ['calendar', 'load', file, '--source', '测试数据 / test fixture']);
  expect(load.code).toBe(0);
  expect(load.stdout).toContain('2027 第1版');
  expect(load.stdout).toContain('春节 2027-02-06–2027-02-12');
  expect(load.stdout).toContain(caseId);
  // every open v2 case: this one and the ones migrated above
  expect(load.stdout).toMatch(/(\d+) open cases: \1 re-planned, 0 skipped, 0 failed/);
  const cleared = await w.as('admin', ['list', '--provisional', '--json']);
  expect(cleared.json<{ items: { caseId: string }[] }>().items.map((c) => c.caseId)).not.toContain(caseId);

  const replan = await w.as('admin', ['calendar', 'replan', '2027', '--json']);
  expect(replan.code).toBe(0);
  expect(replan.json()).toMatchObject({ year: 2027, version: 1, changed: 0, failed: 0 });
  expect(replan.json<{ skipped: number; considered: number }>().skipped).toBe(
    replan.json<{ considered: number }>().considered,
  );
  const badYear = await w.as('admin', ['calendar', 'replan', 'next', '--json']);
  expect([badYear.code, badYear.error().field]).toEqual([2, 'year']);
});
