import path from 'node:path';
import type { Browser } from 'playwright-core';
import { call, createApiWorld, login, type ApiWorld, type Session } from '../api/support/apiWorld';
import {
  expectText,
  launchChromium,
  loginInBrowser,
  newContext,
  ok,
  SCREENSHOTS,
  sidewaysOverflow,
  watchProblems,
} from './support/browser';

/**
 * The nomination form in Chromium: the person is chosen from the registry by name and the units by
 * name; a refusal of the server lands next to the field it names; a sending officer's nomination
 * opens a case that the case list shows by name; inside a round the form is the unit's
 * recommendation and appears on the round's page.
 */
jest.setTimeout(120_000);

let api: ApiWorld;
let browser: Browser;
let base = '';
let admin: Session;
const ROUND = 'browser-nominate';

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  admin = await login(api.http, 'admin');
  ok(
    await call(api.http, admin, 'POST', '/api/rounds', {
      id: ROUND,
      year: 2027,
      name: '2027年度上挂（浏览器测试）',
      kinds: ['up'],
      policy: 'demo',
      term: { start: '2027-08-01', end: '2028-08-01' },
      subsidyPerDay: 2,
      receivingUnits: ['city.finance'],
      sendingUnits: ['county.a.finance'],
    }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

async function pickPerson(page: import('playwright-core').Page, name: string): Promise<void> {
  await page.locator('#nom-personId').fill(name);
  await page.locator('[data-testid=person-results] button', { hasText: name }).first().click();
  await expectText(page.locator('[data-testid=person-picked]'), name);
}

test('a refusal is shown at its field; a sending officer’s nomination appears in the case list by name', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    // The city department cannot open a case of a county's unit: that case is the county's.
    await loginInBrowser(page, base, 'admin');
    const problems = watchProblems(page);
    await page.goto(`${base}/#/nominate`);
    await pickPerson(page, '陈静');
    await page.locator('#nom-kind').selectOption('up');
    await page.locator('#nom-sendingUnit').selectOption('county.a.finance');
    expect(await page.locator('#nom-sendingUnit option:checked').innerText()).toContain('东安县财政局');
    await page.locator('#nom-requestedReceivingUnit').selectOption('city.finance');
    await page.locator('[data-testid=nominate-submit]').click();
    const refusal = page.locator('[data-field=sendingUnit]');
    await expectText(refusal, '派出单位的案件归中共东安县委组织部管理，不是本组织部');
    // only that field carries the refusal, and no case was opened
    expect(await page.locator('.field-error').count()).toBe(1);
    expect(await page.locator('[data-testid=nominate-done]').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'nominate.png') });
    const cases = ok(
      await call(api.http, admin, 'GET', `/api/cases?q=${encodeURIComponent('陈静')}`),
    ).json() as {
      total: number;
    };
    expect(cases.total).toBe(0);
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
  } finally {
    await context.close();
  }

  const officer = await newContext(browser);
  const p2 = await officer.newPage();
  try {
    await loginInBrowser(p2, base, 'sender');
    await p2.goto(`${base}/#/nominate`);
    // a sending officer nominates for their own unit only: it is the one choice offered (the
    // directory loads after the page, so wait for it before reading the choices)
    await p2
      .locator('#nom-sendingUnit option', { hasText: '市发展和改革委员会' })
      .waitFor({ state: 'attached' });
    const own = await p2.locator('#nom-sendingUnit option').allInnerTexts();
    expect(own.map((o) => o.trim())).toEqual(['请选择', '市发展和改革委员会']);
    await pickPerson(p2, '冯雅');
    await p2.locator('#nom-kind').selectOption('down');
    await p2.locator('#nom-requestedReceivingUnit').selectOption('county.a.town-b');
    await p2.locator('#nom-termMonths').fill('12');
    await p2.locator('[data-testid=nominate-submit]').click();
    await expectText(p2.locator('[data-testid=nominate-done]'), '已推荐 冯雅琴');
    await p2.locator('[data-testid=nominate-done] a').click();
    await expectText(p2.locator('[data-testid=case-cadre]'), '冯雅琴');

    await p2.goto(`${base}/#/cases?q=${encodeURIComponent('冯雅琴')}`);
    const table = p2.locator('[data-testid=case-table]');
    await expectText(table, '冯雅琴');
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.innerText()).toContain('东安县白沙镇');
    expect(await table.innerText()).not.toContain('county.a.town-b');
  } finally {
    await officer.close();
  }
});

test('inside a round the form is the unit’s recommendation, shown on the round with its eligibility', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    await page.goto(`${base}/#/nominate`);
    await page.locator('#nom-roundId').selectOption(ROUND);
    await expectText(page.locator('.nominate-form'), '2027-08-01 至 2028-08-01');
    // the term is the round's: no months to type
    expect(await page.locator('#nom-termMonths').count()).toBe(0);
    await pickPerson(page, '陈静');
    await page.locator('#nom-kind').selectOption('up');
    await page.locator('#nom-sendingUnit').selectOption('county.a.finance');
    await page.locator('[data-testid=nominate-submit]').click();
    await expectText(page.locator('[data-testid=nominate-done]'), '已推荐 陈静');
    await page.locator('[data-testid=nominate-done] a').click();
    const row = page.locator('[data-testid=recommendation-row]', { hasText: '陈静' });
    await expectText(row, '东安县财政局');
    await expectText(row, '符合条件');
    expect(await sidewaysOverflow(page)).toBe(0);
  } finally {
    await context.close();
  }
});
