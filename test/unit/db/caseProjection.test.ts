import type { TransitionRecordInput } from '../../../activities';
import { caseFilterSchema, type CaseFilter } from '../../../contract';
import type { Db } from '../../../db';
import { adapters, day, dropTestSchemas, OPEN_TIMEOUT, transition, workerSide } from './support';

afterAll(dropTestSchemas);

type Projection = TransitionRecordInput['projection'];

/** Eight cases spread over the filterable dimensions; ids sort in this order. */
const seeds: [string, Partial<Projection>][] = [
  ['c1', { status: 'NOMINATED', kind: 'downward', year: 2024, nextDeadline: day(10) }],
  ['c2', { status: 'IN_SERVICE', kind: 'downward', year: 2025, nextDeadline: day(20), overdue: true }],
  ['c3', { status: 'IN_SERVICE', kind: 'upward', year: 2025, nextDeadline: day(30), sendingUnit: 'U-A' }],
  ['c4', { status: 'IN_SERVICE', kind: 'upward', year: 2025, nextDeadline: day(40), receivingUnit: 'U-A' }],
  [
    'c5',
    {
      status: 'STUCK',
      kind: 'outward',
      year: 2025,
      nextDeadline: day(5),
      stuck: true,
      stuckReason: '未到岗',
    },
  ],
  ['c6', { status: 'RETURNED', kind: 'downward', year: 2024, nextDeadline: null, nextDuty: null }],
  ['c7', { status: 'IN_SERVICE', kind: 'downward', year: 2025, nextDeadline: day(50), overdue: true }],
  ['c8', { status: 'APPROVED', kind: 'two_way', year: 2026, nextDeadline: day(60) }],
];

describe.each(adapters)('案件列表 case projection on $name', (adapter) => {
  let db: Db;
  let activities: ReturnType<typeof workerSide>;
  const prefix = `p${Date.now().toString(36)}-`;

  beforeAll(async () => {
    db = await adapter.open();
    activities = workerSide({ db });
    for (const [id, projection] of seeds) {
      const base = transition(prefix + id, 1);
      await activities.applyTransition({ ...base, projection: { ...base.projection, ...projection } });
    }
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  const ids = async (filter: Parameters<typeof activities.listCases>[0]) =>
    (await activities.listCases(filter)).items.map((c) => c.caseId.slice(prefix.length));

  test('without filters every case is listed, soonest deadline first, no deadline last', async () => {
    const page = await activities.listCases();
    expect(page.total).toBe(8);
    expect(page.items.map((c) => c.caseId.slice(prefix.length))).toEqual([
      'c5',
      'c1',
      'c2',
      'c3',
      'c4',
      'c7',
      'c8',
      'c6',
    ]);
    expect(page.items[0]).toMatchObject({
      stuck: true,
      stuckReason: '未到岗',
      nextDeadline: day(5),
      lastSeq: 1,
    });
    expect(page.items[7]).toMatchObject({ nextDuty: null, nextDeadline: null });
  });

  test.each([
    [{ status: 'IN_SERVICE', sort: 'caseId' }, ['c2', 'c3', 'c4', 'c7']],
    [{ status: ['NOMINATED', 'APPROVED'], sort: 'caseId' }, ['c1', 'c8']],
    [{ kind: 'upward', sort: 'caseId' }, ['c3', 'c4']],
    [{ year: 2024, sort: 'caseId' }, ['c1', 'c6']],
    [{ sendingUnit: 'U-A' }, ['c3']],
    [{ receivingUnit: 'U-A' }, ['c4']],
    [{ unit: 'U-A', sort: 'caseId' }, ['c3', 'c4']],
    [{ overdue: true, sort: 'caseId' }, ['c2', 'c7']],
    [{ overdue: 'true', sort: 'caseId' }, ['c2', 'c7']],
    [{ stuck: true }, ['c5']],
    [{ stuck: 'false', year: '2024', sort: 'caseId' }, ['c1', 'c6']],
    [{ deadlineFrom: day(10), deadlineTo: day(40) }, ['c1', 'c2', 'c3', 'c4']],
    [{ deadlineTo: day(10), kind: 'downward' }, ['c1']],
    [
      { status: 'IN_SERVICE', kind: 'downward', overdue: true, sort: 'nextDeadline', order: 'desc' },
      ['c7', 'c2'],
    ],
  ] satisfies [CaseFilter, string[]][])('filter %j lists %j', async (filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  test('pages cover every case exactly once, with the total on each page', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 8; offset += 3) {
      const page = await activities.listCases({ limit: 3, offset, sort: 'caseId' });
      expect(page.total).toBe(8);
      expect(page.items.length).toBe(Math.min(3, 8 - offset));
      seen.push(...page.items.map((c) => c.caseId.slice(prefix.length)));
    }
    expect(seen).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    await expect(activities.listCases({ limit: 3, offset: 9 })).resolves.toMatchObject({
      items: [],
      total: 8,
    });
  });

  test('a later transition updates the listed projection', async () => {
    const caseId = prefix + 'c8';
    const next = transition(caseId, 2);
    await activities.applyTransition({
      ...next,
      projection: { ...next.projection, status: 'IN_SERVICE', kind: 'two_way', year: 2026, overdue: true },
    });
    expect(await ids({ overdue: true, sort: 'caseId' })).toEqual(['c2', 'c7', 'c8']);
    expect(await ids({ status: 'APPROVED' })).toEqual([]);
  });

  test('an invalid filter is rejected with the offending field named', () => {
    const result = caseFilterSchema.safeParse({ limit: 0, sort: 'name' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['limit', 'sort']);
    return expect(activities.listCases({ overdue: 'yes' as never })).rejects.toThrow('overdue');
  });
});
