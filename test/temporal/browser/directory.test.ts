import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from '../api/support/apiWorld';
import { B_UNITS, nominationBody } from '../api/support/cases';
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
 * Finding people and units by name in Chromium: the header search (persons and cases), a person's
 * page (record, secondments, personnel file, seminars), the unit directory as a tree with its
 * departments, edited and extended by the org admin whose jurisdiction holds the unit.
 */
jest.setTimeout(120_000);

let api: ApiWorld;
let browser: Browser;
let base = '';
let admin: Session;
let caseId = '';

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  admin = await login(api.http, 'admin');
  const county = await login(api.http, 'county-admin');
  const res = ok(await call(api.http, county, 'POST', '/api/cases', nominationBody(B_UNITS)));
  caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, caseId);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

test('header search finds the person and their case by name; the person page shows the record and the secondment', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    const problems = watchProblems(page);
    await page.locator('[data-testid=header-search]').fill('孙立');
    const results = page.locator('[data-testid=search-results]');
    await expectText(results.locator('[data-testid=search-person]'), '孙立新');
    await expectText(results.locator('[data-testid=search-person]'), '青石县财政局');
    const found = results.locator('[data-testid=search-case]');
    await expectText(found, '孙立新');
    await expectText(found, '青石县大河镇');
    expect(await results.innerText()).not.toContain('county.c');

    await found.first().click();
    await expectText(page.locator('[data-testid=case-id]'), caseId);

    await page.locator('[data-testid=header-search]').fill('孙立新');
    await results.locator('[data-testid=search-person]').first().click();
    await expectText(page.locator('[data-testid=person-name]'), '孙立新');
    const record = page.locator('[data-testid=person-record]');
    await expectText(record, '青石县财政局');
    await expectText(record, '中共党员');
    const secondment = page.locator('[data-testid=person-case]');
    await expectText(secondment, '青石县大河镇');
    expect(await secondment.locator(`a[href="#/cases/${caseId}"]`).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'person.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await sidewaysOverflow(page)).toBe(0);

    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a county officer’s search finds only their own scope', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'receiver-c');
    await page.locator('[data-testid=header-search]').fill('陈静'); // 东安县财政局: not theirs
    await expectText(page.locator('[data-testid=search-results]'), '没有找到');
    await page.locator('[data-testid=header-search]').fill('孙立新'); // their county's case
    await expectText(page.locator('[data-testid=search-case]'), '孙立新');
  } finally {
    await context.close();
  }
});

test('the unit directory is a tree with its departments; the org admin edits a unit and adds one under a county', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    await page.goto(`${base}/#/units`);
    const tree = page.locator('[data-testid=unit-tree]');
    await expectText(tree, '东安县白沙镇');
    const order = await page.evaluate<string[]>(
      "[...document.querySelectorAll('[data-testid=unit-tree] li')].map((l) => l.getAttribute('data-unit'))",
    );
    // city → county → township, each under its parent
    expect(order.indexOf('city')).toBeLessThan(order.indexOf('county.a'));
    expect(order.indexOf('county.a')).toBeLessThan(order.indexOf('county.a.town-b'));
    const indent = async (code: string) =>
      parseInt(
        /padding-left:\s*(\d+)/.exec(
          (await tree.locator(`li[data-unit="${code}"]`).getAttribute('style')) ?? '',
        )?.[1] ?? '0',
      );
    expect(await indent('county.a.town-b')).toBeGreaterThan(await indent('county.a'));

    await tree.locator('li[data-unit="county.a"] a').click();
    const detail = page.locator('[data-testid=unit-detail]');
    await expectText(detail, '中共东安县委组织部');
    await expectText(detail, '东安县白沙镇');

    await detail.locator('a', { hasText: '东安县白沙镇' }).click();
    await expectText(detail, 'Baisha Town');
    await page.locator('[data-testid=unit-edit]').click();
    await page.locator('#unit-en').fill('Baisha Town (Dong’an)');
    await page.locator('[data-testid=unit-save]').click();
    await expectText(detail, 'Baisha Town (Dong’an)');
    const stored = ok(await call(api.http, admin, 'GET', '/api/units/county.a.town-b')).json() as {
      unit: { name: { en: string } };
    };
    expect(stored.unit.name.en).toBe('Baisha Town (Dong’an)');

    await tree.locator('li[data-unit="county.a"] a').click();
    await expectText(detail, '东安县');
    const form = page.locator('[data-testid=unit-new-form]');
    await form.locator('#new-unit-zh').fill('东安县新河镇');
    await form.locator('#new-unit-en').fill('Xinhe Town, Dong’an County');
    await form.locator('#new-unit-code').fill('county.a.town-x');
    await form.locator('select').first().selectOption('township');
    await form.locator('select').nth(1).selectOption('township');
    await form.locator('button[type=submit]').click();
    await expectText(detail, '东安县新河镇');
    await expectText(tree.locator('li[data-unit="county.a.town-x"]'), '东安县新河镇');
    const added = ok(await call(api.http, admin, 'GET', '/api/units/county.a.town-x')).json() as {
      ancestors: { code: string }[];
    };
    expect(added.ancestors[0]?.code).toBe('county.a');
  } finally {
    await context.close();
  }

  // 青石县's department reads 东安县's units but may not change them
  const other = await newContext(browser);
  const p2 = await other.newPage();
  try {
    await loginInBrowser(p2, base, 'county-admin');
    await p2.goto(`${base}/#/units/county.a.town-b`);
    await expectText(p2.locator('[data-testid=unit-detail]'), '东安县白沙镇');
    expect(await p2.locator('[data-testid=unit-edit]').count()).toBe(0);
  } finally {
    await other.close();
  }
});
