import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RoundStats } from '../../../contract';
import { seedDemoRound } from '../../../stack/demo/round';
import { call, createApiWorld, login, type ApiWorld, type Session } from '../api/support/apiWorld';
import {
  expectText,
  launchChromium,
  loginInBrowser,
  newContext,
  ok,
  SCREENSHOTS,
  sidewaysOverflow,
  waitFor,
  watchProblems,
} from './support/browser';

/**
 * The round's statistics page on the demo round `npm start` loads (27 cadres of seed 001, here
 * seeded as last year's): every number on the page is the API's, and the XLSX it downloads opens
 * and holds the cadres' names.
 */
jest.setTimeout(360_000);

let api: ApiWorld;
let browser: Browser;
let base = '';
let admin: Session;
let roundId = '';

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  // Last year's demo round: the shared dev server may already run this year's (api/demo seeds it),
  // and a round's workflow id is its round id.
  roundId = (await seedDemoRound(base, () => undefined, new Date().getUTCFullYear() - 1)) ?? '';
  admin = await login(api.http, 'admin');
  await waitFor(async () => {
    const p = ok(await call(api.http, admin, 'GET', `/api/rounds/${roundId}/launch`)).json() as {
      running: boolean;
    };
    return !p.running;
  }, 240_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const tile = (page: Page, id: string) => page.locator(`[data-testid=stat-${id}]`);
const tileValue = async (page: Page, id: string) =>
  (await tile(page, id).locator('.kpi-value').innerText()).trim();
const tableOf = async (page: Page, testid: string) =>
  Object.fromEntries(
    await page.evaluate<[string, number][]>(
      `[...document.querySelectorAll('[data-testid=${testid}] tr')].map((r) => [r.getAttribute('data-key'), Number(r.querySelectorAll('td')[1].textContent)])`,
    ),
  ) as Record<string, number>;

test('the statistics page shows the API’s numbers and downloads a real XLSX with the names', async () => {
  const direct = ok(await call(api.http, admin, 'GET', `/api/rounds/${roundId}/stats`)).json() as RoundStats;
  expect(direct.total).toBe(27); // the demo round as seeded (the API test checks its makeup)
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    const problems = watchProblems(page);
    // Deadlines keep moving the cases (overdue, stuck): the page is compared with the very answer
    // it read, and the counts that cannot move with a direct call as well.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/rounds/${roundId}/stats`)),
      page.goto(`${base}/#/rounds/${roundId}/stats`),
    ]);
    const stats = (await answer.json()) as RoundStats;
    const { total, nonCpc, selectedGraduates, countyReserve, graduatesAndReserve, fromTownships, byKind } =
      direct;
    expect(stats).toMatchObject({
      total,
      nonCpc,
      selectedGraduates,
      countyReserve,
      graduatesAndReserve,
      fromTownships,
      byKind,
    });
    await page.locator('[data-testid=round-stats]').waitFor();

    expect(await tileValue(page, 'total')).toBe(String(stats.total));
    expect(await tileValue(page, 'noncpc')).toBe(String(stats.nonCpc.count));
    expect(await tile(page, 'noncpc').innerText()).toContain(`${stats.nonCpc.share.toFixed(1)}%`);
    expect(await tileValue(page, 'graduates')).toBe(String(stats.selectedGraduates));
    expect(await tileValue(page, 'reserve')).toBe(String(stats.countyReserve));
    expect(await tileValue(page, 'both')).toBe(String(stats.graduatesAndReserve.count));
    expect(await tile(page, 'both').innerText()).toContain(`${stats.graduatesAndReserve.share.toFixed(1)}%`);
    expect(await tileValue(page, 'townships')).toBe(String(stats.fromTownships));
    for (const [k, v] of Object.entries(stats.progress))
      expect([k, await tileValue(page, k)]).toEqual([k, String(v)]);
    expect(await tileValue(page, 'overdue')).toBe(String(stats.overdue));
    expect(await tileValue(page, 'stuck')).toBe(String(stats.stuck));
    const counts = (rows: RoundStats['byKind']) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
    expect(await tableOf(page, 'table-kind')).toEqual(counts(stats.byKind));
    expect(await tableOf(page, 'table-status')).toEqual(counts(stats.byStatus));
    expect(await tableOf(page, 'table-grades')).toEqual(counts(stats.grades));
    expect(await page.locator('[data-testid=stat-cases] tbody tr').count()).toBe(stats.cases.length);
    const apart = await page.locator('[data-testid=stat-apart]').innerText();
    expect(apart).toContain(`未入选 ${stats.apart.recommendationsRejected} 人`);
    expect(apart).toContain(`撤回 ${stats.apart.recommendationsWithdrawn} 人`);
    // charts for the units, by name
    const unitChart = page.locator('.card', { hasText: '按接收单位' }).locator('svg');
    expect(await unitChart.textContent()).toContain(stats.byReceivingUnit[0]!.label.zh);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'round-stats.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=download-xlsx]').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '名单', '按单位', '考核等次']);
    const names = wb.getWorksheet('名单')!.getColumn(2).values.slice(2).map(String);
    expect(names.sort()).toEqual(stats.cases.map((c) => c.name).sort());

    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('the round’s other tabs by name: overview, applications, recommendations; a seminar’s attendance and minutes', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    const problems = watchProblems(page);
    await page.goto(`${base}/#/rounds/${roundId}`);
    await expectText(page.locator('[data-testid=round-cases]'), '27');
    await page.locator('[data-tab=applications]').click();
    await expectText(page.locator('[data-testid=applications]'), '市委办公室');
    await expectText(page.locator('[data-testid=applications]'), '副镇长');
    await page.locator('[data-tab=recommendations]').click();
    const wei = page.locator('[data-testid=recommendation-row]', { hasText: '韦国强' });
    await expectText(wei, '年龄上限');
    await expectText(wei, '未入选');

    await page.locator('[data-tab=seminars]').click();
    const seminar = page.locator('[data-testid=seminar]').first();
    await expectText(seminar, '挂职干部座谈会');
    const first = seminar.locator('tbody tr').first();
    const invitee = (await first.locator('td').first().innerText()).split(' · ')[0]!.trim();
    await first.locator('select').selectOption('true');
    await seminar.locator('textarea').fill('交流挂职体会，提出意见建议三条。');
    await seminar.locator('button[type=submit]').click();
    await expectText(seminar, 'admin');
    const stored = ok(await call(api.http, admin, 'GET', `/api/rounds/${roundId}/seminars`)).json() as {
      items: { minutes: string | null; invitees: { name: { zh: string }; attended: boolean | null }[] }[];
    };
    expect(stored.items[0]?.minutes).toBe('交流挂职体会，提出意见建议三条。');
    expect(stored.items[0]?.invitees.find((x) => x.name.zh === invitee)?.attended).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
