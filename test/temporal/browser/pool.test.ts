import type { Browser } from 'playwright-core';
import { call, createApiWorld, login, type ApiWorld, type Session } from '../api/support/apiWorld';
import {
  expectText,
  launchChromium,
  loginInBrowser,
  newContext,
  ok,
  sidewaysOverflow,
} from './support/browser';

/**
 * The reserve pool page (拟选派干部库) in Chromium: who is in it, whether the rules let them go
 * and why not; an org admin adds a person of the registry found by name.
 */
jest.setTimeout(120_000);

let api: ApiWorld;
let browser: Browser;
let base = '';
let admin: Session;

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  admin = await login(api.http, 'admin');
  ok(
    await call(api.http, admin, 'POST', '/api/persons', {
      name: '欧阳明远',
      gender: 'male',
      birthDate: '1992-05-04',
      ethnicity: '汉族',
      partyStatus: 'cpc',
      education: { level: '研究生', degree: '硕士' },
      currentUnit: 'county.a.finance',
      currentPost: '预算股科员',
      rank: 'clerk',
      categories: ['selected_graduate'],
    }),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

test('the pool lists eligibility with its reasons; an org admin adds a person found by name', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    await page.goto(`${base}/#/pool`);
    const table = page.locator('[data-testid=pool-table]');
    const row = (name: string) => table.locator('tbody tr', { hasText: name });
    await expectText(row('韦国强').locator('[data-testid=pool-eligibility]'), '年龄上限');
    await expectText(row('陈静').locator('[data-testid=pool-eligibility]'), '符合条件');
    expect(await row('欧阳明远').count()).toBe(0);

    const add = page.locator('[data-testid=pool-add]');
    await add.locator('#pool-person').fill('欧阳');
    await add.locator('[data-testid=person-results] button', { hasText: '欧阳明远' }).click();
    await add.locator('#pool-source').selectOption('self');
    await add.locator('button[type=submit]').click();
    await expectText(page.locator('.success-note'), '欧阳明远 已入库');
    await expectText(row('欧阳明远'), '个人自荐');
    await expectText(row('欧阳明远'), '东安县财政局');
    await expectText(row('欧阳明远').locator('[data-testid=pool-eligibility]'), '符合条件');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await sidewaysOverflow(page)).toBe(0);
  } finally {
    await context.close();
  }
});
