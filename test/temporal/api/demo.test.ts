import { seedDemoRound } from '../../../stack/demo/round';
import { call, createApiWorld, login, type ApiWorld } from './support/apiWorld';

/**
 * The demo round `npm start` loads on a fresh data folder: the seed-001 city round (21 上挂 + 6
 * 下派; 13 党外 = 48.1 %; 4 选调生 + 4 县级后备 = 29.6 %; 5 of the 21 from townships), seeded through
 * the API and launched; a second start seeds nothing.
 */
jest.setTimeout(240_000);

let api: ApiWorld;
beforeAll(async () => {
  api = await createApiWorld();
});
afterAll(async () => {
  await api?.close();
});

test('the demo round is the seed’s city round, launched; seeding again changes nothing', async () => {
  const lines: string[] = [];
  const id = await seedDemoRound(api.http.baseUrl, (l) => lines.push(l));
  expect(id).toMatch(/^demo\d{4}$/);
  const s = await login(api.http, 'admin');
  for (let i = 0; i < 300; i++) {
    const p = (await call(api.http, s, 'GET', `/api/rounds/${id}/launch`)).json() as { running: boolean };
    if (!p.running) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const stats = (await call(api.http, s, 'GET', `/api/rounds/${id}/stats`)).json() as {
    total: number;
    byKind: { key: string; count: number }[];
    nonCpc: { count: number; share: number };
    selectedGraduates: number;
    countyReserve: number;
    graduatesAndReserve: { count: number; share: number };
    fromTownships: number;
    apart: { recommendationsRejected: number; recommendationsWithdrawn: number };
  };
  expect(stats.total).toBe(27);
  expect(Object.fromEntries(stats.byKind.map((k) => [k.key, k.count]))).toEqual({ up: 21, down: 6 });
  expect(stats.nonCpc).toEqual({ count: 13, share: 48.1 });
  expect([stats.selectedGraduates, stats.countyReserve]).toEqual([4, 4]);
  expect(stats.graduatesAndReserve).toEqual({ count: 8, share: 29.6 });
  expect(stats.fromTownships).toBe(5);
  expect(stats.apart).toMatchObject({ recommendationsRejected: 2, recommendationsWithdrawn: 1 });
  const board = (await call(api.http, s, 'GET', `/api/rounds/${id}/board`)).json() as {
    units: { unit: { code: string }; requested: number; allocation: number | null; applied: boolean }[];
  };
  const unit = (code: string) => board.units.find((u) => u.unit.code === code);
  // fewer than asked, a unit that did not ask, a unit that asked and got none (seed 001)
  expect(unit('city.party-office')).toMatchObject({ requested: 2, allocation: 1 });
  expect(unit('city.ecology')).toMatchObject({ applied: false, allocation: 1 });
  expect(unit('city.petition')).toMatchObject({ requested: 1, allocation: 0 });

  const cases = async () =>
    ((await call(api.http, s, 'GET', `/api/cases?roundId=${id}&limit=100`)).json() as { total: number })
      .total;
  expect(await cases()).toBe(27);
  expect(await seedDemoRound(api.http.baseUrl, (l) => lines.push(l))).toBe(id);
  expect(await cases()).toBe(27);
});
