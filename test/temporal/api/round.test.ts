import ExcelJS from 'exceljs';
import { caseWorkflowId } from '../../../workflows/secondment/definitions';
import { roundWorkflowId } from '../../../workflows/round/definitions';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import { demoBirthDate } from '../../../stack/demo/registry';
import { DEMO_PERSONS } from '../../../stack/demo/persons';
import type { Res } from './support/http';
import { call, createApiWorld, login, type ApiWorld, type Session } from './support/apiWorld';
import { historyText } from './support/histories';

/**
 * A whole round through the API on the dev server, as the city's organization department runs it
 * (seed 001): invitations → applications (one asks for two and gets one, one declines and gets one
 * anyway) → recommendations from the reserve pool with eligibility at entry → the decision board
 * with allocations, over-quota refused with the rule named, a rejection and a withdrawal → launch
 * (dry run, then once; a second launch starts nothing) → statistics equal to the cases' real counts,
 * as JSON, CSV and an XLSX workbook that opens and holds the names → a seminar → per-person
 * notifications → and not one name or birth date in any workflow history of the run.
 */
jest.setTimeout(300_000);

let api: ApiWorld;
const s: Record<string, Session> = {};
const year = new Date().getUTCFullYear() + 1;
let roundId = '';
const person = (name: string) => {
  const p = DEMO_PERSONS.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return p;
};
const SUN = person('孙立新');
const SHEN = person('沈慧');
const LIU = person('刘晓东');
const JIANG = person('蒋明');
const FENG = person('冯雅琴');
const TIAN = person('田甜');
const WEI = person('韦国强');
const recs: Record<string, string> = {};

const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};
const json = <T>(res: Res): T => ok(res).json() as T;
const err = (res: Res) =>
  (res.json() as { error: { code: string; rule?: string; field?: string; message: string } }).error;
const post = (who: string, url: string, body: unknown = {}) => call(api.http, s[who]!, 'POST', url, body);
const get = (who: string, url: string) => call(api.http, s[who]!, 'GET', url);

async function until<T>(
  what: string,
  f: () => Promise<T | null | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const desk = (username: string, role: string, unit: string) => ({
  username,
  displayName: `${unit} 干部科`,
  role: role as 'receiving_officer',
  units: [unit],
  password: DEMO_PASSWORD,
});

beforeAll(async () => {
  api = await createApiWorld({
    users: [
      desk('finance-desk', 'receiving_officer', 'city.finance'),
      desk('justice-desk', 'receiving_officer', 'city.justice'),
      desk('health-desk', 'receiving_officer', 'city.health'),
      desk('land-desk', 'receiving_officer', 'city.land'),
      desk('cfin-desk', 'sending_officer', 'county.c.finance'),
      {
        username: 'cadre-sun',
        displayName: '孙立新',
        role: 'cadre',
        personId: SUN.id,
        password: DEMO_PASSWORD,
      },
      {
        username: 'cadre-shen',
        displayName: '沈慧',
        role: 'cadre',
        personId: SHEN.id,
        password: DEMO_PASSWORD,
      },
    ],
  });
  for (const u of [
    'admin',
    'county-admin',
    'sender',
    'receiver',
    'united-front',
    'auditor',
    'finance-desk',
    'justice-desk',
    'health-desk',
    'land-desk',
    'cfin-desk',
    'cadre-sun',
    'cadre-shen',
  ])
    s[u] = await login(api.http, u);
});
afterAll(async () => {
  await api?.close();
});

test('the department creates a round; each invited unit gets a duty with its deadline and an invitation', async () => {
  const created = json<{
    round: { id: string; status: string; term: { months: number }; subsidy: { amountPerDay: number } };
  }>(
    await post('admin', '/api/rounds', {
      year,
      name: `${year}年度干部上挂下派`,
      kinds: ['up', 'down'],
      policy: 'default',
      term: { start: `${year}-08-01`, end: `${year + 1}-08-01` },
      subsidyPerDay: 2,
      receivingUnits: ['city.finance', 'city.justice', 'city.health', 'county.a.town-b'],
      sendingUnits: ['county.c.finance', 'city.dev-reform', 'county.a.gov-office'],
    }),
  );
  roundId = created.round.id;
  expect([created.round.status, created.round.term.months, created.round.subsidy.amountPerDay]).toEqual([
    'COLLECTING',
    12,
    2,
  ]);
  const page = json<{
    duties: { kind: string; ownerUnitName: { zh: string }; dueAt: string }[];
    invited: { receiving: { name: { zh: string } }[] };
  }>(await get('admin', `/api/rounds/${roundId}`));
  expect(page.duties).toHaveLength(7);
  expect(page.duties.map((d) => d.ownerUnitName.zh)).toContain('市财政局');
  // the default deadline: the end of December of the year before
  expect(page.duties[0]?.dueAt).toBe(`${year - 1}-12-31T10:00:00.000Z`);
  const invitations = await api.world.db.query<{ template: string }>(
    'SELECT template FROM notifications WHERE subject = $1',
    [`round:${roundId}`],
  );
  expect(invitations.map((n) => n.template).sort()).toEqual([
    ...Array<string>(4).fill('round.application.requested'),
    ...Array<string>(3).fill('round.recommendation.requested'),
  ]);
  // a county department cannot see the city's round
  expect((await get('county-admin', `/api/rounds/${roundId}`)).statusCode).toBe(404);
});

test('receiving units apply for themselves; an uninvited unit and another unit’s desk are refused, naming the rule', async () => {
  const apply = (who: string, unit: string, posts: unknown[]) =>
    post(who, `/api/rounds/${roundId}/applications`, { unit, posts });
  const post2 = { title: '挂职副科长', level: 'deputy_section', elected: false, count: 2 };
  ok(await apply('finance-desk', 'city.finance', [post2]));
  ok(await apply('justice-desk', 'city.justice', [post2]));
  ok(
    await apply('receiver', 'county.a.town-b', [
      { title: '副镇长', level: 'deputy_section', elected: true, count: 1 },
    ]),
  );
  ok(
    await post('health-desk', `/api/rounds/${roundId}/applications/decline`, {
      unit: 'city.health',
      reason: '本年度无接收计划',
    }),
  );
  const other = await apply('finance-desk', 'city.justice', [post2]);
  expect([other.statusCode, err(other).rule]).toEqual([403, 'round.unit']);
  // a unit not invited takes no part: the round is not even its to see …
  expect((await apply('land-desk', 'city.land', [post2])).statusCode).toBe(404);
  // … and the department entering an application for it is refused by the round's rule
  const uninvited = await apply('admin', 'city.land', [post2]);
  expect([uninvited.statusCode, err(uninvited).rule]).toEqual([409, 'round.invited']);
  const page = json<{
    duties: { kind: string }[];
    counts: { applications: number; declined: number; requested: number };
  }>(await get('admin', `/api/rounds/${roundId}`));
  expect(page.counts).toMatchObject({ applications: 3, declined: 1, requested: 5 });
  expect(page.duties.filter((d) => d.kind === 'round.application')).toEqual([]);
});

test('sending units recommend 1–2 candidates from the reserve pool; eligibility is computed at entry with the reasons', async () => {
  const recommend = (who: string, personId: string, sendingUnit: string, kind = 'up') =>
    post(who, `/api/rounds/${roundId}/recommendations`, {
      personId,
      sendingUnit,
      kind,
      source: { type: 'organization' },
    });
  type Rec = {
    recommendation: {
      id: string;
      eligibility: { ok: boolean; failures: { code: string; zh: string }[] };
      person: { name: string };
    };
  };
  for (const [who, p, unit, kind] of [
    ['cfin-desk', SUN, 'county.c.finance', 'up'],
    ['cfin-desk', SHEN, 'county.c.finance', 'up'],
    ['sender', FENG, 'city.dev-reform', 'down'],
    ['admin', LIU, 'county.a.gov-office', 'up'],
    ['admin', JIANG, 'county.a.gov-office', 'up'],
  ] as const) {
    const r = json<Rec>(await recommend(who, p.id, unit, kind));
    expect([r.recommendation.person.name, r.recommendation.eligibility.ok]).toEqual([p.name, true]);
    recs[p.name] = r.recommendation.id;
  }
  // a third from one unit: refused by the round's rule
  const third3 = json<{ person: { id: string } }>(
    await post('admin', '/api/persons', {
      name: '何强',
      gender: 'male',
      birthDate: `${year - 30}-06-01`,
      ethnicity: '汉族',
      partyStatus: 'cpc',
      education: { level: '大学本科' },
      currentUnit: 'county.c.finance',
      currentPost: '科员',
      rank: 'deputy_section',
    }),
  ).person.id;
  ok(
    await post('admin', '/api/reserve-pool', {
      personId: third3,
      enteredOn: `${year - 1}-03-01`,
      source: 'organization',
    }),
  );
  const third = await recommend('cfin-desk', third3, 'county.c.finance');
  expect([third.statusCode, err(third).rule]).toEqual([409, 'round.maxRecommendations']);
  // more units invited: one recommends a candidate above the age limit, the reason is shown
  ok(
    await post('admin', `/api/rounds/${roundId}/invitations`, {
      receivingUnits: [],
      sendingUnits: ['county.e.dev-reform', 'city.commerce'],
    }),
  );
  const wei = json<Rec>(await recommend('admin', WEI.id, 'county.e.dev-reform'));
  expect(wei.recommendation.eligibility.ok).toBe(false);
  expect(wei.recommendation.eligibility.failures[0]).toMatchObject({ code: 'age' });
  expect(wei.recommendation.eligibility.failures[0]?.zh).toContain('年龄上限35岁');
  recs[WEI.name] = wei.recommendation.id;
  recs[TIAN.name] = json<Rec>(await recommend('admin', TIAN.id, 'city.commerce')).recommendation.id;
  // not in the reserve pool: refused
  const outsider = json<{ person: { id: string } }>(
    await post('admin', '/api/persons', {
      name: '郑新',
      gender: 'male',
      birthDate: `${year - 31}-02-01`,
      ethnicity: '汉族',
      partyStatus: 'cpc',
      education: { level: '大学本科' },
      currentUnit: 'city.commerce',
      currentPost: '科员',
      rank: 'clerk',
    }),
  );
  const notPool = await recommend('admin', outsider.person.id, 'city.commerce');
  expect([notPool.statusCode, err(notPool).rule]).toEqual([400, 'round.pool']);
  // a sending officer recommends only for their own unit
  const foreign = await recommend('sender', TIAN.id, 'city.commerce');
  expect(foreign.statusCode).toBe(403);
  // the sending unit withdraws 韦国强
  ok(
    await post('admin', `/api/rounds/${roundId}/recommendations/${recs[WEI.name]}/withdraw`, {
      reason: '年龄超过选派条件，单位撤回',
    }),
  );
});

test('the decision board: allocations below what was asked and for a unit that did not ask; over quota refused with the rule', async () => {
  const allocate = async (unit: string, quota: number) =>
    ok(await post('admin', `/api/rounds/${roundId}/allocations`, { receivingUnit: unit, quota }));
  await allocate('city.finance', 2);
  await allocate('city.justice', 1); // asked for 2
  await allocate('city.health', 1); // declined
  await allocate('county.a.town-b', 1);
  const assign = (name: string, unit: string, title = '挂职副科长', elected = false) =>
    post('admin', `/api/rounds/${roundId}/assignments`, {
      recommendationId: recs[name],
      receivingUnit: unit,
      post: { title, level: 'deputy_section', elected },
    });
  ok(await assign(SUN.name, 'city.finance'));
  ok(await assign(SHEN.name, 'city.finance'));
  ok(await assign(LIU.name, 'city.justice'));
  const over = await assign(JIANG.name, 'city.justice');
  expect([over.statusCode, err(over).code, err(over).rule]).toEqual([
    409,
    'QUOTA_EXCEEDED',
    'approval.quota',
  ]);
  expect(err(over).message).toContain('名额1人');
  ok(
    await post('admin', `/api/rounds/${roundId}/recommendations/${recs[JIANG.name]}/reject`, {
      reason: '名额已满，列入下一批次',
    }),
  );
  ok(await assign(FENG.name, 'county.a.town-b', '副镇长', true));
  ok(await assign(TIAN.name, 'city.health'));
  // only the round's department works the board
  expect(
    (
      await post('county-admin', `/api/rounds/${roundId}/allocations`, {
        receivingUnit: 'city.finance',
        quota: 9,
      })
    ).statusCode,
  ).toBe(404);
  expect(
    (
      await post('finance-desk', `/api/rounds/${roundId}/allocations`, {
        receivingUnit: 'city.finance',
        quota: 9,
      })
    ).statusCode,
  ).toBe(403);

  const board = json<{
    units: {
      unit: { code: string; name: { zh: string } };
      requested: number;
      allocation: number | null;
      declined: boolean;
      assigned: { name: string }[];
    }[];
    totals: { requested: number; allocated: number; assigned: number };
  }>(await get('admin', `/api/rounds/${roundId}/board`));
  const unit = (code: string) => board.units.find((u) => u.unit.code === code);
  expect(unit('city.justice')).toMatchObject({ requested: 2, allocation: 1 });
  expect(unit('city.health')).toMatchObject({ declined: true, allocation: 1 });
  expect(
    unit('city.finance')
      ?.assigned.map((a) => a.name)
      .sort(),
  ).toEqual(['孙立新', '沈慧'].sort());
  expect(unit('city.finance')?.unit.name.zh).toBe('市财政局');
  expect(board.totals).toEqual({ requested: 5, allocated: 5, assigned: 5, candidates: 0 });
});

test('组织确定, then the launch: a dry run says exactly what happens; one launch starts every case once, approved against the allocation', async () => {
  const decided = json<{ round: { status: string }; duties: unknown[] }>(
    await post('admin', `/api/rounds/${roundId}/decide`),
  );
  expect([decided.round.status, decided.duties]).toEqual(['DECIDED', []]);
  const preview = json<{
    items: { name: string; outcome: string; caseId: string }[];
    counts: { start: number };
  }>(await get('admin', `/api/rounds/${roundId}/launch/preview`));
  expect(preview.counts.start).toBe(5);
  const launch = await post('admin', `/api/rounds/${roundId}/launch`);
  expect(launch.statusCode).toBe(202);
  const done = await until('the launch', async () => {
    const p = json<{
      running: boolean;
      approved: number;
      failed: number;
      items: { name: string; state: string }[];
    }>(await get('admin', `/api/rounds/${roundId}/launch`));
    return !p.running && p;
  });
  expect([done.approved, done.failed]).toEqual([5, 0]);
  expect(done.items.map((i) => i.name).sort()).toEqual(preview.items.map((i) => i.name).sort());
  // every case one workflow, approved by the board's decision (POSTING), with its cadre's name
  const list = json<{
    items: { caseId: string; status: string; cadre: { name: string }; roundId: string }[];
  }>(await get('admin', `/api/cases?roundId=${roundId}&limit=50`));
  expect(list.items).toHaveLength(5);
  expect(new Set(list.items.map((c) => c.status))).toEqual(new Set(['POSTING']));
  expect(list.items.map((c) => c.caseId).sort()).toEqual(preview.items.map((i) => i.caseId).sort());
  // a second launch starts nothing
  const again = await post('admin', `/api/rounds/${roundId}/launch`);
  expect(again.statusCode).toBe(202);
  for (const c of preview.items) {
    const trail = json<{ auditTrail: { eventType: string }[] }>(
      await get('admin', `/api/cases/${c.caseId}`),
    ).auditTrail;
    expect(trail.filter((e) => e.eventType === 'nomination.create')).toHaveLength(1);
    expect(trail.filter((e) => e.eventType === 'approval.approve')).toHaveLength(1);
  }
  const progress = json<{ items: unknown[] }>(await get('admin', `/api/rounds/${roundId}/launch`));
  expect(progress.items).toHaveLength(5);
  const round = json<{ round: { status: string } }>(await get('admin', `/api/rounds/${roundId}`));
  expect(round.round.status).toBe('LAUNCHED');
});

test('every round case records the common term, the living subsidy and the pay rule, and the quota it was approved against', async () => {
  const list = json<{ items: { caseId: string; cadre: { name: string } }[] }>(
    await get('admin', `/api/cases?roundId=${roundId}`),
  );
  const sun = list.items.find((c) => c.cadre.name === '孙立新')!;
  const detail = json<{
    round: {
      term: { start: string; end: string };
      subsidy: { amountPerDay: number; payerName: { zh: string } };
      payRule: { label: { zh: string } };
    };
    auditTrail: { eventType: string; payload: { intake?: { quota: number; approvedBefore: number } } }[];
  }>(await get('admin', `/api/cases/${sun.caseId}`));
  expect(detail.round.term).toEqual({ start: `${year}-08-01`, end: `${year + 1}-08-01`, reason: null });
  expect(detail.round.subsidy).toMatchObject({ amountPerDay: 2, payerName: { zh: '青石县财政局' } });
  expect(detail.round.payRule.label.zh).toBe('工资待遇不变，由原单位发放');
  const approval = detail.auditTrail.find((e) => e.eventType === 'approval.approve');
  expect(approval?.payload.intake?.quota).toBe(2);
  const csv = ok(await get('admin', `/api/cases/export.csv?roundId=${roundId}`)).body;
  expect(csv).toContain('孙立新');
  expect(csv).toMatch(new RegExp(`${year}-08-01 — ${year + 1}-08-01`));
});

test('statistics equal the cases’ real counts; CSV and XLSX hold the names', async () => {
  type Stats = {
    total: number;
    byKind: { key: string; count: number }[];
    nonCpc: { count: number; share: number };
    countyReserve: number;
    selectedGraduates: number;
    fromTownships: number;
    byStatus: { key: string; count: number }[];
    apart: { recommendationsRejected: number; recommendationsWithdrawn: number; rejectedCases: number };
    cases: { caseId: string; name: string }[];
  };
  const stats = json<Stats>(await get('admin', `/api/rounds/${roundId}/stats`));
  // the real counts, from each case and its person as the API shows them
  const list = json<{
    items: {
      caseId: string;
      kind: string;
      status: string;
      cadre: { id: string; name: string; cpcMember: boolean };
    }[];
  }>(await get('admin', `/api/cases?roundId=${roundId}&limit=50`));
  const persons = await Promise.all(
    list.items.map(async (c) =>
      json<{ person: { categories: string[]; currentUnit: string } }>(
        await get('admin', `/api/persons/${c.cadre.id}`),
      ),
    ),
  );
  const real = {
    total: list.items.length,
    up: list.items.filter((c) => c.kind === 'up').length,
    down: list.items.filter((c) => c.kind === 'down').length,
    nonCpc: list.items.filter((c) => c.cadre.cpcMember === false).length,
    reserve: persons.filter((p) => p.person.categories.includes('county_reserve')).length,
  };
  expect(stats.total).toBe(real.total);
  expect(stats.byKind).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ key: 'up', count: real.up }),
      expect.objectContaining({ key: 'down', count: real.down }),
    ]),
  );
  expect(stats.nonCpc).toEqual({
    count: real.nonCpc,
    share: Math.round((real.nonCpc / real.total) * 1000) / 10,
  });
  expect(stats.countyReserve).toBe(real.reserve);
  expect(stats.byStatus.map(({ key, count }) => ({ key, count }))).toEqual([{ key: 'POSTING', count: 5 }]);
  // what was not posted is counted apart, never as a kind
  expect(stats.apart).toMatchObject({
    recommendationsRejected: 1,
    recommendationsWithdrawn: 1,
    rejectedCases: 0,
  });
  expect(stats.cases.map((c) => c.name).sort()).toEqual(list.items.map((c) => c.cadre.name).sort());

  const csv = ok(await get('admin', `/api/rounds/${roundId}/stats.csv`));
  expect(csv.headers['content-type']).toContain('text/csv');
  for (const name of ['孙立新', '沈慧', '冯雅琴']) expect(csv.body).toContain(name);
  expect(csv.body).toContain(`党外干部占比（%）/ non-CPC share (%),${stats.nonCpc.share}`);

  const xlsx = ok(await get('admin', `/api/rounds/${roundId}/stats.xlsx`));
  expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '名单', '按单位', '考核等次']);
  const list2 = wb.getWorksheet('名单')!;
  const names = list2.getColumn(2).values.slice(2).map(String);
  expect(names.sort()).toEqual(list.items.map((c) => c.cadre.name).sort());
  const summary = wb.getWorksheet('汇总')!;
  const total = summary
    .getRows(1, summary.rowCount)!
    .find((r) => r.getCell(1).text.startsWith('挂职干部总数'));
  expect(total?.getCell(2).value).toBe(stats.total);
  // the 统战部 and auditors read them; a unit desk does not
  expect((await get('united-front', `/api/rounds/${roundId}/stats`)).statusCode).toBe(200);
  expect((await get('finance-desk', `/api/rounds/${roundId}/stats`)).statusCode).toBe(403);
});

test('two approvals for the last place at once: exactly one wins, the other is refused with the rule named', async () => {
  ok(await post('admin', '/api/allocations', { year, receivingUnit: 'city.science', quota: 1 }));
  const nominate = async (personId: string) =>
    json<{ case: { caseId: string } }>(
      await post('admin', '/api/cases', {
        personId,
        year,
        kind: 'up',
        sendingUnit: 'city.dev-reform',
        requestedReceivingUnit: 'city.science',
        termMonths: 12,
        source: { type: 'organization' },
      }),
    ).case.caseId;
  const a = await nominate(FENG.id);
  const b = await nominate('p28fe41c6a7b9f5d3ae4a');
  for (const id of [a, b])
    await until(`case ${id}`, async () => (await get('admin', `/api/cases/${id}`)).statusCode === 200);
  const [ra, rb] = await Promise.all([
    post('admin', `/api/cases/${a}/events/approval.approve`),
    post('admin', `/api/cases/${b}/events/approval.approve`),
  ]);
  const outcomes = [ra, rb].map((r) => r.statusCode).sort();
  expect(outcomes).toEqual([200, 409]);
  const lost = [ra, rb].find((r) => r.statusCode === 409)!;
  expect(err(lost)).toMatchObject({ code: 'EVENT_REFUSED', rule: 'approval.quota' });
  const places = json<{ items: { quota: number; approved: number }[] }>(
    await get('admin', `/api/allocations?year=${year}`),
  );
  expect(places.items).toEqual([expect.objectContaining({ quota: 1, approved: 1 })]);
});

test('a seminar invites cadres and a unit once each, records attendance and minutes; the person page shows it', async () => {
  const created = json<{ seminar: { id: string; invitees: { ref: string; name: { zh: string } }[] } }>(
    await post('admin', `/api/rounds/${roundId}/seminars`, {
      title: '挂职干部座谈会',
      heldAt: `${year}-10-15T09:30:00+08:00`,
      place: '市委组织部三楼会议室',
      invitees: { persons: [SUN.id, SHEN.id], units: ['city.finance'] },
    }),
  );
  const id = created.seminar.id;
  expect(created.seminar.invitees.map((i) => i.name.zh).sort()).toEqual(
    ['孙立新', '市财政局', '沈慧'].sort(),
  );
  ok(await post('admin', `/api/seminars/${id}/invitees`, { persons: [SUN.id], units: [] }));
  const invitations = await api.world.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE subject = $1',
    [`seminar:${id}`],
  );
  expect(invitations[0]?.n).toBe(3);
  ok(await post('admin', `/api/seminars/${id}/attendance`, { kind: 'person', ref: SUN.id, attended: true }));
  const minuted = json<{ seminar: { minutes: string } }>(
    await post('admin', `/api/seminars/${id}/minutes`, { minutes: '交流挂职体会，查摆问题和不足。' }),
  );
  expect(minuted.seminar.minutes).toContain('交流挂职体会');
  const page = json<{
    seminars: { seminarId: string; attended: boolean | null }[];
    cases: { roundName: string }[];
  }>(await get('admin', `/api/persons/${SUN.id}`));
  expect(page.seminars).toEqual([expect.objectContaining({ seminarId: id, attended: true })]);
  expect(page.cases[0]?.roundName).toBe(`${year}年度干部上挂下派`);
});

test('two cadres at one receiving unit never see each other’s mail; the unit’s desk sees its own', async () => {
  type Mine = { items: { caseId: string | null; about: string | null; subject: string; body: string }[] };
  const list = json<{ items: { caseId: string; cadre: { name: string } }[] }>(
    await get('admin', `/api/cases?roundId=${roundId}`),
  );
  const caseOf = (name: string) => list.items.find((c) => c.cadre.name === name)!.caseId;
  const sun = json<Mine>(await get('cadre-sun', '/api/my/notifications'));
  const shen = json<Mine>(await get('cadre-shen', '/api/my/notifications'));
  expect(sun.items.length).toBeGreaterThan(0);
  expect(shen.items.length).toBeGreaterThan(0);
  expect(sun.items.every((n) => n.caseId === caseOf('孙立新') || n.about?.startsWith('seminar:'))).toBe(true);
  expect(shen.items.every((n) => n.caseId === caseOf('沈慧') || n.about?.startsWith('seminar:'))).toBe(true);
  expect(sun.items.map((n) => n.subject).join()).not.toContain('沈慧');
  // mail names the cadre and the units, never the codes
  expect(sun.items.find((n) => n.caseId !== null)?.subject).toContain('孙立新');
  expect(sun.items.some((n) => n.body.includes('市财政局'))).toBe(true);
  const deskMail = json<Mine>(await get('finance-desk', '/api/my/notifications'));
  const deskCases = new Set(deskMail.items.flatMap((n) => (n.caseId ? [n.caseId] : [])));
  expect(deskCases).toEqual(new Set([caseOf('孙立新'), caseOf('沈慧')]));
});

test('not one name or birth date of the round’s persons is in any workflow history, search attribute or memo of the run', async () => {
  const list = json<{ items: { caseId: string }[] }>(await get('admin', '/api/cases?limit=500'));
  const ids = [roundWorkflowId(roundId), ...list.items.map((c) => caseWorkflowId(c.caseId))];
  const texts = await Promise.all(ids.map((id) => historyText(api.env.client, id)));
  const all = texts.join('\n');
  // the scan reads real payloads: the workflows' inputs and results are there
  expect(all).toContain('approval.approve');
  expect(all).toContain(roundId);
  for (const p of DEMO_PERSONS) {
    expect([p.name, all.includes(p.name)]).toEqual([p.name, false]);
    const born = demoBirthDate(p, new Date().getUTCFullYear());
    expect([born, all.includes(born)]).toEqual([born, false]);
  }
  for (const name of ['郑新', '何强']) expect(all).not.toContain(name);
});

test('the scan finds a name where one is: a workflow started with a name in its input and memo', async () => {
  const id = `scan-control-${Date.now()}`;
  await api.env.client.workflow.start('secondmentWorkflow', {
    taskQueue: api.world.taskQueue,
    workflowId: id,
    args: [{ nomination: { cadre: { displayName: '冯雅琴' } } }],
    memo: { note: '沈慧' },
  });
  await until(
    'the control to fail',
    async () => (await api.env.client.workflow.getHandle(id).describe()).status.name !== 'RUNNING',
  );
  const text = await historyText(api.env.client, id);
  expect([text.includes('冯雅琴'), text.includes('沈慧')]).toEqual([true, true]);
});

test('the round’s own trail is anchored in its workflow: verification catches a deleted tail the database alone cannot', async () => {
  const verify = async () =>
    json<{ ok: boolean; results: { ok: boolean; anchored?: boolean; reason?: string }[] }>(
      await get('auditor', `/api/audit/verify?roundId=${roundId}`),
    );
  expect(await verify()).toMatchObject({ ok: true, results: [{ ok: true, anchored: true }] });
  // verification of the whole scope includes the round's trail
  const scope = json<{ ok: boolean; results: { caseId: string }[] }>(
    await get('auditor', '/api/audit/verify'),
  );
  expect(scope.results.map((r) => r.caseId)).not.toContain(`round:${roundId}`);

  const [last] = await api.world.db.query<{ seq: number }>(
    'SELECT max(seq) AS seq FROM audit_entries WHERE case_id = $1',
    [`round:${roundId}`],
  );
  const seq = Number(last?.seq);
  await api.world.db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only');
    await tx.query('DELETE FROM audit_entries WHERE case_id = $1 AND seq = $2', [`round:${roundId}`, seq]);
    await tx.exec('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
    await tx.query('UPDATE round_state SET seq = $2 WHERE round_id = $1', [roundId, seq - 1]);
  });
  const after = await verify();
  expect(after.ok).toBe(false);
  expect(String(after.results[0]?.reason)).toMatch(/tail was deleted/);
  const scopeAfter = json<{ results: { caseId: string; reason?: string }[] }>(
    await get('auditor', '/api/audit/verify'),
  );
  expect(String(scopeAfter.results.find((r) => r.caseId === `round:${roundId}`)?.reason)).toMatch(
    /tail was deleted/,
  );
});
