// The quota the case workflow enforces (名额): read from the stored allocation, counted from the
// reservations, taken atomically — two approvals for the last place at once, exactly one wins.
import type { Db } from '../../../db';
import { releaseIntake, reserveIntake, setAllocation, upsertUnits } from '../../../store';
import { DEMO_UNITS } from '../../../stack/demo/directory';
import { adapters, dropTestSchemas, OPEN_TIMEOUT } from './support';

afterAll(dropTestSchemas);

describe.each(adapters)('名额 intake reservations on $name', (adapter) => {
  let db: Db;
  beforeAll(async () => {
    db = await adapter.open();
    await upsertUnits(db, DEMO_UNITS);
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  const req = (caseId: string, unit = 'city.finance') => ({
    caseId,
    roundId: null,
    year: 2026,
    receivingUnit: unit,
  });

  test('without an allocation there is no cap; each approval takes a place', async () => {
    expect(await reserveIntake(db, req('c-free-1', 'city.justice'))).toEqual({
      quota: null,
      approvedBefore: 0,
      reserved: true,
    });
    expect(await reserveIntake(db, req('c-free-2', 'city.justice'))).toEqual({
      quota: null,
      approvedBefore: 1,
      reserved: true,
    });
  });

  test('two approvals for the last place at once: exactly one wins, the other is told the count', async () => {
    await setAllocation(db, {
      roundId: null,
      year: 2026,
      receivingUnit: 'city.finance',
      quota: 2,
      setBy: 'admin',
    });
    await reserveIntake(db, req('c-first'));
    const [a, b] = await Promise.all([
      reserveIntake(db, req('c-race-a')),
      reserveIntake(db, req('c-race-b')),
    ]);
    expect([a.reserved, b.reserved].sort()).toEqual([false, true]);
    expect([a, b].find((x) => !x.reserved)).toEqual({ quota: 2, approvedBefore: 2, reserved: false });
  });

  test('a retry of a reservation answers the same and takes nothing more; a release gives the place back', async () => {
    await setAllocation(db, {
      roundId: null,
      year: 2026,
      receivingUnit: 'city.health',
      quota: 1,
      setBy: 'admin',
    });
    const first = await reserveIntake(db, req('c-retry', 'city.health'));
    expect(await reserveIntake(db, req('c-retry', 'city.health'))).toEqual(first);
    expect((await reserveIntake(db, req('c-other', 'city.health'))).reserved).toBe(false);
    expect(await releaseIntake(db, 'c-retry')).toBe(true);
    expect((await reserveIntake(db, req('c-other', 'city.health'))).reserved).toBe(true);
  });

  test('a round’s allocation is its own: the year’s does not count', async () => {
    await db.query(
      `INSERT INTO rounds (id, year, name, org_unit, united_front_unit, kinds, policy_id, term_start, term_end,
         subsidy_per_day, application_deadline, recommendation_deadline, created_by)
       VALUES ('r-intake', 2026, '测试批次', 'city.org-dept', 'city.united-front', '["up"]', 'default',
         '2026-08-01', '2027-08-01', 2, '2025-12-31T00:00:00Z', '2025-12-31T00:00:00Z', 'test')`,
    );
    await setAllocation(db, {
      roundId: 'r-intake',
      year: 2026,
      receivingUnit: 'city.finance',
      quota: 1,
      setBy: 'admin',
    });
    const inRound = { caseId: 'c-round-1', roundId: 'r-intake', year: 2026, receivingUnit: 'city.finance' };
    expect(await reserveIntake(db, inRound)).toEqual({ quota: 1, approvedBefore: 0, reserved: true });
    expect((await reserveIntake(db, { ...inRound, caseId: 'c-round-2' })).reserved).toBe(false);
  });
});
