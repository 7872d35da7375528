import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoPolicy } from '../../../machines/secondment';
import type { Policy } from '../../../machines/secondment';
import { P } from '../../machines/v2/support/fixtures';
import {
  call,
  createApiWorld,
  login,
  waitForProjection,
  type ApiWorld,
  type Session,
} from '../api/support/apiWorld';
import { A_UNITS, B_UNITS, nominationBody } from '../api/support/cases';
import type { Res } from '../api/support/http';
import { v1InService } from '../api/support/v1Cases';
import { FIXTURE_2027 } from '../../machines/calendar/fixture2027';

/**
 * The web console in Debian's Chromium (headless, no browser download), against the served API on
 * the shared dev server with a real worker: an org admin finds a stuck case and intervenes with a
 * reason; a county officer cannot open another county's case; the language switch.
 */
jest.setTimeout(120_000);

const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };
const s = (amount: number) => ({ amount, unit: 'seconds' as const });

/**
 * The demo policy with the approval due in 2 s and the whole escalation ladder inside 3 s after
 * that, so an undecided nomination is stuck within seconds (the demo policy takes a minute).
 */
const fastLadder: Policy = {
  ...demoPolicy,
  id: 'browser-test',
  durations: { ...demoPolicy.durations, 'approval.decide': s(2) },
  escalation: {
    reminderBefore: s(1),
    overdueAfter: s(0),
    unitHeadAfter: s(1),
    orgDeptAfter: s(2),
    stuckAfter: s(3),
  },
};

let api: ApiWorld;
let browser: Browser;
let base = '';
const sessions: Record<string, Session> = {};
let stuckId = '';
let heldId = '';

const ok = (res: Res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};
const nominate = async (who: string, body: Record<string, unknown>) => {
  const res = ok(await call(api.http, sessions[who]!, 'POST', '/api/cases', body));
  const id = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, id);
  return id;
};

async function loginInBrowser(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill('secondment-demo');
  await page.locator('.login-form button[type=submit]').click();
  await page.locator('[data-testid=user-name]').waitFor();
}

beforeAll(async () => {
  api = await createApiWorld();
  base = `http://127.0.0.1:${(api.app.server.address() as { port: number }).port}`;
  for (const u of ['admin', 'county-admin', 'sender']) sessions[u] = await login(api.http, u);

  // A few ordinary cases so the dashboard has something to count, then the one that gets stuck.
  const posted = await nominate('sender', nominationBody(A_UNITS));
  ok(await call(api.http, sessions.admin!, 'POST', `/api/cases/${posted}/events/approval.approve`, {}));
  await nominate('sender', { ...nominationBody(A_UNITS), kind: 'up', termMonths: 12 });
  await nominate('sender', { ...nominationBody(A_UNITS), kind: 'out', termMonths: 12 });
  heldId = await nominate('admin', { ...nominationBody(A_UNITS), kind: 'deployment', termMonths: 12 });
  ok(await call(api.http, sessions.admin!, 'POST', `/api/cases/${heldId}/events/approval.approve`, {}));
  ok(
    await call(api.http, sessions.admin!, 'POST', `/api/cases/${heldId}/interventions/admin.case.hold`, {
      reason: '干部住院治疗，暂停办理',
    }),
  );
  await nominate('county-admin', nominationBody(B_UNITS));
  stuckId = await nominate('admin', { ...nominationBody(A_UNITS), policy: fastLadder });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
  await mkdir(SCREENSHOTS, { recursive: true });

  // Wait until the workflow's own alarms have climbed the ladder to "stuck".
  for (let i = 0; i < 60; i++) {
    const stuck = ok(await call(api.http, sessions.admin!, 'GET', '/api/stuck')).json() as {
      business: { caseId: string }[];
    };
    if (stuck.business.some((b) => b.caseId === stuckId)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`case ${stuckId} never became stuck`);
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

test('an org admin finds the stuck case on the dashboard, intervenes with a reason and sees it in the timeline', async () => {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  try {
    await loginInBrowser(page, 'admin');
    // From here on (before login, GET /api/auth/me answers 401 by design) nothing may fail.
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });

    const stuckItem = page.locator(`[data-testid=stuck-item][data-case="${stuckId}"]`);
    await stuckItem.waitFor();
    // names, not codes: the stuck case says whose it is
    await expectText(stuckItem.locator('[data-testid=stuck-name]'), '冯雅琴');
    await expectText(page.locator('[data-testid=kpi-stuck] .kpi-value'), '1');
    await page.locator('[data-testid=upcoming] svg').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png') });

    await stuckItem.locator(`a[href="#/cases/${stuckId}"]`).click();
    await expectText(page.locator('[data-testid=case-id]'), stuckId);
    await expectText(page.locator('[data-testid=case-cadre]'), '冯雅琴');
    expect(await page.locator('.case-facts').textContent()).toContain('东安县白沙镇');
    const entries = page.locator('[data-testid=timeline-entry]');
    await entries.first().waitFor();
    const before = await entries.count();
    // The statechart marks the current state (nominated) with the "current" class.
    await page.locator('[data-testid=statechart] svg').waitFor();
    expect(await page.locator('[data-testid=statechart]').getAttribute('data-current')).toBe('nominated');
    expect(await page.locator('[data-testid=statechart] svg g.current').count()).toBeGreaterThan(0);

    await page.locator('[data-testid=open-intervention]').click();
    const dialog = page.locator('[data-testid=intervention-dialog]');
    await dialog.waitFor();
    await dialog.locator('#intervention-type').selectOption('admin.deadline.extend');
    const form = dialog.locator('[data-testid="form-admin.deadline.extend"]');
    const dutyOptions = await form.locator('select[name=dutyId] option').allTextContents();
    expect(dutyOptions.some((o) => o.includes('停滞'))).toBe(true); // the stuck duty is offered
    await form.locator('select[name=dutyId]').selectOption({ index: 1 });
    const until = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 16);
    await form.locator('input[name=until]').fill(until);

    // Without a reason the dialog refuses, says why next to the field, and sends nothing.
    await form.locator('button[type=submit]').click();
    await expectText(form.locator('[data-field=reason]'), '必须填写理由');
    if (process.env.CONSOLE_SCREENSHOTS_1366)
      await page.screenshot({ path: path.join(process.env.CONSOLE_SCREENSHOTS_1366, 'dialog.png') });
    expect(await dialog.isVisible()).toBe(true);
    expect(await entries.count()).toBe(before);

    const reason = '干部病休，审批顺延一周（浏览器测试）';
    await form.locator('textarea[name=reason]').fill(reason);
    // first the preview (by the server's machine, nothing changed yet), then apply exactly that
    await form.locator('button[type=submit]').click();
    await expectText(form.locator('[data-testid=intervention-preview]'), '尚未做任何更改');
    expect(await entries.count()).toBe(before);
    await form.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'hidden' });

    const newest = entries.first();
    await waitFor(async () => (await newest.getAttribute('data-event')) === 'admin.deadline.extend');
    await expectText(newest.locator('[data-testid=timeline-reason]'), reason);
    await expectText(newest.locator('[data-testid=timeline-actor]'), 'admin');
    expect(await newest.innerText()).toContain('组织部');
    expect(await entries.count()).toBe(before + 1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case.png') });

    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a county officer cannot open another county’s case by its address', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await loginInBrowser(page, 'receiver-c');
    await page.goto(`${base}/#/cases/${stuckId}`);
    await expectText(page.locator('[data-testid=not-found]'), '案件不存在或无权查看');
    expect(await page.locator('[data-testid=case-page]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    for (const leak of [stuckId, A_UNITS.receiving, 'A县B镇', A_UNITS.sending, '市发改委'])
      expect(text).not.toContain(leak);
  } finally {
    await context.close();
  }
});

test('the language switch shows English labels and is remembered', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await loginInBrowser(page, 'admin');
    await expectText(page.locator('nav.mainnav'), '工作台');
    await page.locator('[data-testid=lang-switch]').click();
    await expectText(page.locator('nav.mainnav'), 'Dashboard');
    await expectText(page.locator('nav.mainnav'), 'My duties');
    await expectText(page.locator('[data-testid=kpi-stuck]'), 'Stuck');
    await page.reload();
    await expectText(page.locator('nav.mainnav'), 'Cases');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  } finally {
    await context.close();
  }
});

test('bulk: the dry run lists exactly which cases change and how, the run shows its progress', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await loginInBrowser(page, 'admin');
    await page.goto(`${base}/#/bulk`);
    await page.locator('#bulk-type').selectOption('admin.case.resume');
    await page.locator('textarea[name=reason]').fill('病愈返岗，批量恢复（浏览器测试）');
    await page.getByRole('button', { name: '预览（不执行）' }).click();
    const preview = page.locator('[data-testid=bulk-preview]');
    await expectText(preview, '将变更 1 件');
    const row = (id: string) => preview.locator('tr', { has: page.locator(`a[href="#/cases/${id}"]`) });
    await expectText(row(heldId), 'ON_HOLD');
    expect(await row(heldId).locator('td').nth(2).innerText()).toBe('✓');
    expect(await row(stuckId).locator('td').nth(2).innerText()).toBe('—');
    // Nothing has changed yet.
    const status = async () =>
      (ok(await call(api.http, sessions.admin!, 'GET', `/api/cases/${heldId}`)).json() as { status: string })
        .status;
    expect(await status()).toBe('ON_HOLD');

    await page.getByRole('button', { name: '执行 1 件' }).click();
    await expectText(preview.locator('[role=progressbar]'), '已处理 1/1');
    await expectText(row(heldId), '已变更');
    expect(await status()).toBe('POSTING');
  } finally {
    await context.close();
  }
});

test('the case list shows the cadre’s name and the units by name, and finds cases by name', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await loginInBrowser(page, 'admin');
    await page.goto(`${base}/#/cases?q=${encodeURIComponent('孙立')}`);
    const table = page.locator('[data-testid=case-table]');
    await expectText(table, '孙立新');
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.innerText()).toContain('青石县大河镇');
    expect(await table.innerText()).not.toContain('county.c.town-d');
  } finally {
    await context.close();
  }
});

test('a v1 case: the org admin previews the migration, gives a reason, migrates, and the case runs v2', async () => {
  const { caseId } = await v1InService(api);
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  try {
    await loginInBrowser(page, 'admin');
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}/#/cases?machineVersion=1`);
    const row = page.locator('[data-testid=case-table] tr', {
      has: page.locator(`a[href="#/cases/${caseId}"]`),
    });
    await expectText(row.locator('[data-testid=v1-badge]'), '第1版规则');

    await page.goto(`${base}/#/cases/${caseId}`);
    await expectText(page.locator('[data-testid=machine-version]'), '1');
    await page.locator('[data-testid=open-migration]').click();
    const dialog = page.locator('[data-testid=migration-dialog]');
    await expectText(dialog.locator('[data-testid=migrate-before]'), '规则版本 1');
    await expectText(dialog.locator('[data-testid=migrate-after]'), '规则版本 2');
    // v2 plans the later quarters' reports instead of opening them all now
    await expectText(dialog.locator('[data-testid=migrate-after]'), '待开始');
    expect(await dialog.locator('[data-testid=migrate-changes] li').count()).toBeGreaterThan(0);
    expect(await dialog.locator('[data-testid=migrate-run]').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'migration.png') });

    await dialog.locator('#migrate-reason').fill('按第2版规则办理（浏览器测试）');
    await dialog.locator('[data-testid=migrate-run]').click();
    await dialog.waitFor({ state: 'hidden' });
    await expectText(page.locator('[data-testid=machine-version]'), '2');
    const newest = page.locator('[data-testid=timeline-entry]').first();
    await waitFor(async () => (await newest.getAttribute('data-event')) === 'admin.case.migrate');
    await expectText(newest.locator('[data-testid=timeline-reason]'), '按第2版规则办理（浏览器测试）');
    await page.locator('[data-testid=planned]').waitFor();
    expect(await page.locator('[data-testid=open-migration]').count()).toBe(0);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

test('provisional deadlines show on the duty, in the list and on the dashboard; loading the year on the calendar page re-plans them', async () => {
  // a v2 case in service: its reviews in 2027 are computed on weekdays until 2027's table is loaded
  const caseId = await nominate('sender', nominationBody(A_UNITS));
  const as = async (who: string, type: string, payload: object) =>
    ok(await call(api.http, sessions[who]!, 'POST', `/api/cases/${caseId}/events/${type}`, payload));
  for (const u of ['receiver', 'united-front']) sessions[u] ??= await login(api.http, u);
  await as('admin', 'approval.approve', P.approve);
  await as('receiver', 'posting.post.arrange', P.arrange);
  await as('receiver', 'posting.appointment.file', P.appointment);
  // the demo cadre (冯雅琴) is 党外: the 统战部 acknowledges the copy instead of a party transfer
  await as('united-front', 'posting.unitedFront.acknowledge', { documentNo: '统战〔2026〕5号' });
  await as('sender', 'posting.introduction.send', P.intro);
  await as('receiver', 'posting.mentor.name', P.mentor);
  await as('receiver', 'posting.duties.assign', P.duties);
  await as('receiver', 'posting.arrival.confirm', P.arrival(new Date().toISOString().slice(0, 10)));

  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  try {
    await loginInBrowser(page, 'admin');
    expect(
      Number(await page.locator('[data-testid=kpi-provisional] .kpi-value').innerText()),
    ).toBeGreaterThan(0);
    await page.goto(`${base}/#/cases/${caseId}`);
    const planned = page.locator('[data-testid=planned]');
    await expectText(planned.locator('[data-testid=provisional-badge]'), '暂定期限');
    expect(await planned.locator('[data-testid=provisional-badge]').first().getAttribute('title')).toContain(
      '2027:none',
    );
    await page.goto(`${base}/#/cases?provisional=true`);
    const row = page.locator('[data-testid=case-table] tr', {
      has: page.locator(`a[href="#/cases/${caseId}"]`),
    });
    await expectText(row.locator('[data-testid=provisional-badge]'), '暂定期限');

    await page.goto(`${base}/#/calendar`);
    const years = page.locator('[data-testid=calendar-years]');
    await expectText(years.locator('tr[data-year="2026"]'), '随系统提供');
    expect(await years.locator('tr[data-year="2027"]').count()).toBe(0);
    const form = page.locator('[data-testid=calendar-load]');
    await form.locator('#calendar-table').fill(JSON.stringify(FIXTURE_2027, null, 2));
    await form.locator('#calendar-source').fill('测试数据 / test fixture (browser)');
    await form.locator('[data-testid=calendar-submit]').click();
    await expectText(page.locator('[data-testid=calendar-result]'), '已载入 2027 年第 1 版');
    await expectText(page.locator('[data-testid=calendar-result]'), caseId);
    await expectText(years.locator('tr[data-year="2027"]'), '春节 02-06–02-12');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'calendar.png') });

    await page.goto(`${base}/#/cases/${caseId}`);
    await page.locator('[data-testid=planned]').waitFor();
    expect(await page.locator('[data-testid=planned] [data-testid=provisional-badge]').count()).toBe(0);
    const newest = page.locator('[data-testid=timeline-entry]').first();
    await waitFor(async () => (await newest.getAttribute('data-event')) === 'calendar.update');
  } finally {
    await context.close();
  }
});

test('usable on a laptop screen: no page scrolls sideways at 1366×768', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await loginInBrowser(page, 'admin');
    const pages: [string, string][] = [
      ['#/', 'dashboard'],
      ['#/cases', 'case-list'],
      [`#/cases/${stuckId}`, 'case-page'],
      ['#/duties', 'my-duties'],
      ['#/bulk', 'bulk'],
      ['#/calendar', 'calendar'],
    ];
    for (const [hash, testid] of pages) {
      await page.goto(`${base}/${hash}`);
      await page.locator(`[data-testid=${testid}]`).waitFor();
      if (testid === 'case-page') await page.locator('[data-testid=statechart] svg').waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      if (process.env.CONSOLE_SCREENSHOTS_1366)
        await page.screenshot({ path: path.join(process.env.CONSOLE_SCREENSHOTS_1366, `${testid}.png`) });
      expect([testid, overflow]).toEqual([testid, 0]);
    }
  } finally {
    await context.close();
  }
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.first().waitFor();
  await waitFor(async () => (await locator.first().innerText()).includes(text)).catch(async () => {
    throw new Error(`expected "${text}" in: ${await locator.first().innerText()}`);
  });
}
