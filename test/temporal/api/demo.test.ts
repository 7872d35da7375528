import { seedDemoRound } from '../../../stack/demo/round';
import { defaultPayloadConverter } from '@temporalio/common';
import { isEncrypted } from '../../../codec';
import { caseWorkflowId } from '../../../workflows/secondment/definitions';
import { roundWorkflowId } from '../../../workflows/round/definitions';
import { testCodec } from '../../harness/codec';
import { historyBytes, payloadsOf, rawHistory } from '../support/rawHistory';
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

test('a whole round in Temporal: the round workflow and every case of it hold no name or birth date, and every payload is ciphertext', async () => {
  const id = await seedDemoRound(api.http.baseUrl, () => undefined);
  if (!id) throw new Error('the demo round was not seeded');
  const cases = await api.world.db.query<{ case_id: string }>(
    'SELECT case_id FROM case_parties WHERE round_id = $1',
    [id],
  );
  expect(cases.length).toBe(27);
  const people = await api.world.db.query<{ id: string; name: string; birth: string | null }>(
    `SELECT DISTINCT p.id, p.name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth
       FROM persons p JOIN case_parties c ON c.cadre_id = p.id WHERE c.round_id = $1`,
    [id],
  );
  expect(people.length).toBe(27);
  const secrets = people.flatMap((p) => [p.name, ...(p.birth ? [p.birth] : [])]);
  const leaks: string[] = [];
  let payloadCount = 0;
  for (const workflowId of [roundWorkflowId(id), ...cases.map((c) => caseWorkflowId(c.case_id))]) {
    const history = await rawHistory(api.env, workflowId);
    const bytes = historyBytes(history);
    for (const secret of secrets)
      if (bytes.includes(Buffer.from(secret, 'utf8'))) leaks.push(`${workflowId}: ${secret}`);
    const payloads = payloadsOf(history.events);
    payloadCount += payloads.length;
    const plain = payloads.filter((p) => !isEncrypted(p));
    if (plain.length > 0) leaks.push(`${workflowId}: ${plain.length} unencrypted payloads`);
    // not even encrypted: names and birth dates stay in the database
    for (const text of (await testCodec.decode(payloads)).map((p) =>
      JSON.stringify(defaultPayloadConverter.fromPayload(p)),
    ))
      for (const secret of secrets)
        if (text.includes(secret)) leaks.push(`${workflowId} (decrypted): ${secret}`);
  }
  expect(payloadCount).toBeGreaterThan(27 * 5);
  expect(leaks).toEqual([]);
});
