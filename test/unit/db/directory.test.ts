// The unit directory and the scope it gives: the closure table follows inserts and moves in the
// same statement, jurisdictions are region subtrees (the city sees its counties, a county only
// itself), the departments of a case follow from the tree, and the registry is scoped the same way.
import type { Db } from '../../../db';
import {
  codesInJurisdiction,
  insertUnit,
  jurisdictionRoots,
  listPersonsInScope,
  nearestDepartment,
  personInScope,
  recordCaseParties,
  updateUnit,
  upsertUnits,
} from '../../../store';
import { DEMO_UNITS } from '../../../stack/demo/directory';
import { seedDemoDirectory } from '../../../stack/demo/registry';
import { adapters, dropTestSchemas, OPEN_TIMEOUT } from './support';

afterAll(dropTestSchemas);

const ancestry = async (db: Db, code: string) =>
  (
    await db.query<{ ancestor: string }>(
      'SELECT ancestor FROM unit_ancestry WHERE descendant = $1 ORDER BY depth',
      [code],
    )
  ).map((r) => r.ancestor);

describe.each(adapters)('单位库 the unit directory on $name', (adapter) => {
  let db: Db;
  beforeAll(async () => {
    db = await adapter.open();
    await seedDemoDirectory(db, 2026);
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  test('a unit knows its ancestors from the moment it is inserted', async () => {
    expect(await ancestry(db, 'county.c.town-d')).toEqual(['county.c.town-d', 'county.c', 'city']);
  });

  test('moving a unit re-hangs its whole subtree; a move under its own descendant is refused', async () => {
    await insertUnit(db, {
      code: 'region.x',
      name: { zh: '新区', en: 'New district' },
      type: 'region',
      level: 'county',
      parentCode: 'city',
    });
    await insertUnit(db, {
      code: 'region.x.town',
      name: { zh: '新区某镇', en: 'A town' },
      type: 'township',
      level: 'township',
      parentCode: 'region.x',
    });
    await insertUnit(db, {
      code: 'county.e.other',
      name: { zh: '白马县某局', en: 'A bureau' },
      type: 'other',
      level: 'county',
      parentCode: 'county.e',
    });
    await updateUnit(db, 'region.x', { parentCode: 'county.e.other' });
    expect(await ancestry(db, 'region.x.town')).toEqual([
      'region.x.town',
      'region.x',
      'county.e.other',
      'county.e',
      'city',
    ]);
    await expect(updateUnit(db, 'county.e.other', { parentCode: 'region.x.town' })).rejects.toThrow(
      /descendant/,
    );
    await updateUnit(db, 'region.x', { parentCode: 'city' });
    expect(await ancestry(db, 'region.x.town')).toEqual(['region.x.town', 'region.x', 'city']);
  });

  test('a jurisdiction is the subtree of the region above a department: the city’s holds its counties, a county’s only itself', async () => {
    expect(await jurisdictionRoots(db, ['city.org-dept'])).toEqual(['city']);
    expect(await jurisdictionRoots(db, ['county.c.org-dept'])).toEqual(['county.c']);
    const codes = ['city.finance', 'county.c.town-d', 'county.a.town-b'];
    expect([...(await codesInJurisdiction(db, ['city.org-dept'], codes))].sort()).toEqual([...codes].sort());
    expect([...(await codesInJurisdiction(db, ['county.c.org-dept'], codes))]).toEqual(['county.c.town-d']);
  });

  test('a case’s departments follow from the tree above its sending unit', async () => {
    expect(await nearestDepartment(db, 'city.dev-reform', 'org_dept')).toBe('city.org-dept');
    expect(await nearestDepartment(db, 'county.c.finance', 'org_dept')).toBe('county.c.org-dept');
    expect(await nearestDepartment(db, 'county.c.town-d', 'united_front_dept')).toBe('county.c.united-front');
  });

  test('seeding the directory twice changes nothing, and fixes a renamed unit back', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM units');
    await updateUnit(db, 'city.finance', { name: { zh: '改名', en: 'renamed' } });
    await upsertUnits(db, DEMO_UNITS);
    await seedDemoDirectory(db, 2026);
    expect(await db.query('SELECT count(*)::int AS n FROM units')).toEqual(before);
    const [row] = await db.query<{ name_zh: string }>('SELECT name_zh FROM units WHERE code = $1', [
      'city.finance',
    ]);
    expect(row?.name_zh).toBe('市财政局');
  });
});

describe.each(adapters)('干部库 scope of the cadre registry on $name', (adapter) => {
  let db: Db;
  beforeAll(async () => {
    db = await adapter.open();
    await seedDemoDirectory(db, 2026);
  }, OPEN_TIMEOUT);
  afterAll(() => db?.close());

  const cityAdmin = { role: 'org_admin' as const, units: ['city.org-dept'], personId: null };
  const countyAdmin = { role: 'org_admin' as const, units: ['county.c.org-dept'], personId: null };
  const unitedFront = { role: 'united_front' as const, units: ['city.united-front'], personId: null };

  test('the city department finds a county’s cadre by name; the county department only its own', async () => {
    const city = await listPersonsInScope(db, cityAdmin, { q: '孙立', limit: 10, offset: 0 });
    expect(city.items.map((p) => p.name)).toEqual(['孙立新']);
    expect((await listPersonsInScope(db, countyAdmin, { q: '冯雅', limit: 10, offset: 0 })).total).toBe(0);
    expect((await listPersonsInScope(db, countyAdmin, { q: '孙立', limit: 10, offset: 0 })).total).toBe(1);
  });

  test('the united front department sees 党外 persons only; an officer the persons of their unit; a person seen through a case', async () => {
    const uf = await listPersonsInScope(db, unitedFront, { limit: 100, offset: 0 });
    expect(uf.items.every((p) => p.partyStatus === 'non_cpc')).toBe(true);
    expect(uf.total).toBe(13);
    const officer = { role: 'receiving_officer' as const, units: ['county.a.town-b'], personId: null };
    expect(await personInScope(db, officer, 'p9f65b83d7e0c6a4db570')).toBeNull();
    await recordCaseParties(db, {
      caseId: 'case-scope-1',
      orgUnit: 'city.org-dept',
      unitedFrontUnit: 'city.united-front',
      sendingUnit: 'city.dev-reform',
      requestedReceivingUnit: 'county.a.town-b',
      cadreId: 'p9f65b83d7e0c6a4db570',
      cpcMember: false,
      roundId: null,
      createdBy: 'test',
    });
    expect((await personInScope(db, officer, 'p9f65b83d7e0c6a4db570'))?.name).toBe('冯雅琴');
  });
});
