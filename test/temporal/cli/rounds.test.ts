import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_PERSONS } from '../../../stack/demo/persons';
import { createCliWorld, type CliWorld } from './support/cli';

/**
 * A small round worked entirely from the command line: the directory and registry read by name,
 * a round created, an application and two recommendations entered, the board allocated and
 * assigned (over the quota refused, exit 5 naming the rule), decided, launched with progress on
 * stderr, and the statistics exported as an XLSX workbook that opens with the names in it.
 */
jest.setTimeout(180_000);

let w: CliWorld;
const year = new Date().getUTCFullYear() + 2;
const sun = DEMO_PERSONS.find((p) => p.name === '孙立新')!;
const shen = DEMO_PERSONS.find((p) => p.name === '沈慧')!;

beforeAll(async () => {
  w = await createCliWorld();
  await w.login('admin');
});
afterAll(async () => {
  await w?.close();
});

test('units and persons by name; search finds a person', async () => {
  const units = await w.as('admin', ['units', 'list', '--parent', 'county.c']);
  expect(units.code).toBe(0);
  expect(units.stdout).toContain('青石县财政局');
  const unit = await w.as('admin', ['units', 'show', 'county.c.town-d', '--json']);
  expect(unit.json<{ orgDept: { name: { zh: string } } }>().orgDept.name.zh).toBe('中共青石县委组织部');
  const persons = await w.as('admin', ['persons', 'list', '--name', '孙立', '--pool']);
  expect(persons.stdout).toContain('孙立新');
  const search = await w.as('admin', ['search', '沈慧', '--json']);
  expect(search.json<{ persons: { id: string }[] }>().persons.map((p) => p.id)).toEqual([shen.id]);
});

test('a round from create to launch and its statistics as XLSX', async () => {
  const round = JSON.stringify({
    year,
    name: `${year}年度干部上挂`,
    kinds: ['up'],
    term: { start: `${year}-08-01`, end: `${year + 1}-08-01` },
    subsidyPerDay: 2,
    receivingUnits: ['city.finance'],
    sendingUnits: ['county.c.finance'],
  });
  const created = await w.as('admin', ['rounds', 'create', '--data', round]);
  expect(created.code).toBe(0);
  const id = created.stdout.trim();
  expect(id).toMatch(/^r\d{4}/);
  const apply = await w.as('admin', [
    'rounds',
    'apply',
    id,
    '--data',
    JSON.stringify({
      unit: 'city.finance',
      posts: [{ title: '挂职副科长', level: 'deputy_section', elected: false, count: 2 }],
    }),
  ]);
  expect(apply.code).toBe(0);
  const recs: string[] = [];
  for (const p of [sun, shen]) {
    const r = await w.as('admin', [
      'rounds',
      'recommend',
      id,
      '--data',
      JSON.stringify({
        personId: p.id,
        sendingUnit: 'county.c.finance',
        kind: 'up',
        source: { type: 'organization' },
      }),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('符合选派条件');
    recs.push(r.stdout.trim());
  }
  expect(
    (await w.as('admin', ['rounds', 'allocate', id, '--unit', 'city.finance', '--quota', '1'])).code,
  ).toBe(0);
  const assign = (rec: string) =>
    w.as('admin', [
      'rounds',
      'assign',
      id,
      '--recommendation',
      rec,
      '--unit',
      'city.finance',
      '--post',
      '挂职副科长',
      '--json',
    ]);
  expect((await assign(recs[0]!)).code).toBe(0);
  const over = await assign(recs[1]!);
  expect([over.code, over.error().code, over.error().rule]).toEqual([5, 'QUOTA_EXCEEDED', 'approval.quota']);
  expect((await w.as('admin', ['rounds', 'reject', id, recs[1]!, '--reason', '名额已满'])).code).toBe(0);
  const board = await w.as('admin', ['rounds', 'board', id]);
  expect(board.stdout).toContain('孙立新');
  expect((await w.as('admin', ['rounds', 'decide', id])).code).toBe(0);

  const dry = await w.as('admin', ['rounds', 'launch', id, '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('将启动 1');
  const launch = await w.as('admin', ['rounds', 'launch', id]);
  expect(launch.code).toBe(0);
  expect(launch.stderr).toContain('[1/1] 孙立新 已启动');
  const again = await w.as('admin', ['rounds', 'launch', id, '--json']);
  expect(again.json<{ approved: number; items: unknown[] }>()).toMatchObject({ approved: 1 });
  expect(again.json<{ items: unknown[] }>().items).toHaveLength(1);

  const stats = await w.as('admin', ['rounds', 'stats', id]);
  expect(stats.stdout).toMatch(/挂职干部 \/ Cadres\s+1/);
  const out = join(w.home('admin'), 'stats.xlsx');
  const xlsx = await w.as('admin', ['rounds', 'stats', id, '--format', 'xlsx', '--out', out]);
  expect(xlsx.code).toBe(0);
  expect(existsSync(out)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
  expect(wb.getWorksheet('名单')?.getRow(2).getCell(2).text).toBe('孙立新');
  const list = await w.as('admin', ['list', '--round', id, '--json']);
  expect(list.json<{ items: { cadre: { name: string } }[] }>().items.map((c) => c.cadre.name)).toEqual([
    '孙立新',
  ]);
});
