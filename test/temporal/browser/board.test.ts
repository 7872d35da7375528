import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
import { createTestRound, PERSONS } from './support/round';

/**
 * The decision board (组织确定) and the launch in Chromium: a quota fewer than asked, an assignment
 * within it, a second one refused over quota with the rule shown, a place for a unit that did not
 * ask, a rejection; then the launch's dry run and the launch with its progress to done.
 */
jest.setTimeout(150_000);

const ROUND = 'browser-board';
let api: ApiWorld;
let browser: Browser;
let base = '';
let admin: Session;

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  admin = await login(api.http, 'admin');
  await createTestRound(api, admin, ROUND);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const unitRow = (page: Page, code: string) => page.locator(`[data-testid=board-unit][data-unit="${code}"]`);
const candidate = (page: Page, name: string) => page.locator(`[data-testid=candidate][data-name="${name}"]`);
const board = async () =>
  ok(await call(api.http, admin, 'GET', `/api/rounds/${ROUND}/board`)).json() as {
    units: { unit: { code: string }; allocation: number | null; assigned: { name: string }[] }[];
    candidates: { person: { name: string } }[];
  };

test('assign within the quota, over quota refused with the rule, a unit that did not ask, a rejection; launch with preview and progress', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    const problems = watchProblems(page);
    await page.goto(`${base}/#/rounds/${ROUND}/board`);
    const finance = unitRow(page, 'city.finance');
    await expectText(finance, '市财政局');
    expect(await finance.locator('td').nth(1).innerText()).toBe('2');

    // fewer than asked: one place for a unit that asked for two
    await finance.locator('[data-testid=quota-input]').fill('1');
    await finance.locator('[data-testid=quota-save]').click();
    await expectText(page.locator('[data-testid=board-allocated]'), '1');
    await expectText(finance, '少于申报');

    await candidate(page, PERSONS.zhou.name).locator('[data-testid=assign]').click();
    await expectText(finance.locator('[data-testid=unit-assigned-count]'), '1 / 1');
    await expectText(finance.locator('[data-testid=assigned-person]'), PERSONS.zhou.name);

    // the second one for the same unit is over its quota: refused, the rule named, nothing stored
    const wu = candidate(page, PERSONS.wu.name);
    await wu.locator('[data-testid=assign]').click();
    await expectText(wu.locator('[data-testid=board-refusal]'), '名额');
    expect(await wu.locator('[data-testid=refusal-rule]').innerText()).toContain('approval.quota');
    const afterRefusal = await board();
    expect(
      afterRefusal.units.find((u) => u.unit.code === 'city.finance')?.assigned.map((a) => a.name),
    ).toEqual([PERSONS.zhou.name]);
    // over the age limit: the reasons are on the card
    await expectText(candidate(page, PERSONS.wei.name).locator('[data-testid=not-eligible]'), '年龄上限');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'board.png') });

    // a place for a unit that did not ask, and the refused candidate posted there
    await page.locator('#alloc-unit').selectOption('city.science');
    await page.locator('.new-allocation button[type=submit]').click();
    const science = unitRow(page, 'city.science');
    await expectText(science, '未申报');
    await wu.locator('select[name=receivingUnit]').selectOption('city.science');
    await wu.locator('input[name=postTitle]').fill('成果转化科副科长（挂职）');
    await wu.locator('[data-testid=assign]').click();
    await expectText(science.locator('[data-testid=assigned-person]'), PERSONS.wu.name);

    const wei = candidate(page, PERSONS.wei.name);
    await wei.locator('[data-testid=reject-open]').click();
    await wei.locator('input[name=reason]').fill('超过年龄上限，本批次不予选派');
    await wei.locator('[data-testid=reject]').click();
    await wei.waitFor({ state: 'detached' });
    expect((await board()).candidates).toEqual([]);

    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.locator('[data-testid=board-decide]').click();
    await waitFor(async () => !(await page.locator('[data-testid=board-decide]').isVisible()));

    // the launch: exactly what it will start, then the start with its progress to done
    await page.locator('[data-tab=launch]').click();
    await page.locator('[data-testid=launch-preview]').click();
    const rows = page.locator('[data-testid=preview-row]');
    await expectText(page.locator('[data-testid=launch-preview-table]'), '将启动 2 件');
    expect((await rows.allInnerTexts()).map((t) => t.split('\t')[0]).sort()).toEqual(
      [PERSONS.wu.name, PERSONS.zhou.name].sort(),
    );
    expect(await rows.first().innerText()).toContain('2027-08-01');
    expect(
      (ok(await call(api.http, admin, 'GET', `/api/cases?roundId=${ROUND}`)).json() as { total: number })
        .total,
    ).toBe(0);
    await page.locator('[data-testid=launch-run]').click();
    const progress = page.locator('[data-testid=launch-progress]');
    await progress.waitFor();
    await waitFor(async () => (await progress.getAttribute('data-running')) === 'false', 60_000);
    await expectText(page.locator('[data-testid=launch-progress-text]'), '已完成：启动 2/2，失败 0');
    expect(await page.locator('[data-testid=progress-row]').count()).toBe(2);
    const cases = ok(await call(api.http, admin, 'GET', `/api/cases?roundId=${ROUND}`)).json() as {
      total: number;
      items: { cadre: { name: string } | null }[];
    };
    expect(cases.total).toBe(2);
    expect(problems.filter((p) => !/40\d/.test(p))).toEqual([]);
  } finally {
    await context.close();
  }
});
