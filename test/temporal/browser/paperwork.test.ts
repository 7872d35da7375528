import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { P } from '../../machines/v2/support/fixtures';
import { pdfText, squash } from '../../unit/documents/readBack';
import { call, createApiWorld, login, waitForProjection, type ApiWorld } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { expectText, launchChromium, loginInBrowser, newContext, ok, waitFor } from './support/browser';

/**
 * The documents card of the case page and the calendar subscription of "my duties", in Chromium:
 * a ready form downloads with its Chinese name and the case's data in it, a form not ready shows
 * what is missing, the download lands in the generation record; the subscription URL is shown
 * once, serves the feed, and answers 404 once revoked.
 */
jest.setTimeout(150_000);

let api: ApiWorld;
let browser: Browser;
let base = '';
let caseId = '';

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  const sender = await login(api.http, 'sender');
  const admin = await login(api.http, 'admin');
  const receiver = await login(api.http, 'receiver');
  const res = ok(await call(api.http, sender, 'POST', '/api/cases', nominationBody(A_UNITS)));
  caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, caseId);
  ok(await call(api.http, admin, 'POST', `/api/cases/${caseId}/events/approval.approve`, {}));
  ok(await call(api.http, receiver, 'POST', `/api/cases/${caseId}/events/posting.post.arrange`, P.arrange));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

test('the case page downloads a ready form and shows what a form not ready lacks', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    await page.goto(`${base}/#/cases/${caseId}`);
    const card = page.locator('[data-testid=documents]');
    await card.waitFor();
    await expectText(card.locator('[data-testid=missing-appraisalForm]'), '接收单位鉴定意见尚未提交');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.locator('[data-testid=download-appointmentApproval-pdf]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`干部任免审批表-${caseId}.pdf`);
    const file = await download.path();
    const text = squash(pdfText(readFileSync(file)));
    expect(text).toContain('冯雅琴');
    expect(text).toContain(P.arrange.title);
    // the download is in the case's generation record
    await waitFor(
      async () => (await card.locator('[data-testid=document-records] tr').count()) === 1,
      15_000,
    );
    await expectText(card.locator('[data-testid=document-records]'), 'admin');
  } finally {
    await context.close();
  }
});

test('my duties: the calendar subscription URL serves the feed until it is revoked', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    // someone who owes a duty of the case now
    let owner = '';
    for (const u of ['receiver', 'admin', 'sender', 'united-front', 'cadre']) {
      const s = await login(api.http, u);
      const items = (ok(await call(api.http, s, 'GET', '/api/my/duties')).json() as { items: unknown[] })
        .items;
      if (items.length > 0) {
        owner = u;
        break;
      }
    }
    expect(owner).not.toBe('');
    await loginInBrowser(page, base, owner);
    await page.goto(`${base}/#/duties`);
    const feed = page.locator('[data-testid=feed-duties]');
    await feed.waitFor();
    await feed.locator('[data-testid=feed-create-duties]').click();
    const input = feed.locator('[data-testid=feed-url-duties]');
    await input.waitFor();
    const url = await input.inputValue();
    expect(url).toMatch(new RegExp(`^${base}/api/feeds/[A-Za-z0-9_-]+\\.ics$`));
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('BEGIN:VEVENT');
    await feed.locator('[data-testid=feed-revoke-duties]').click();
    await waitFor(async () => (await fetch(url)).status === 404, 10_000);
  } finally {
    await context.close();
  }
});
