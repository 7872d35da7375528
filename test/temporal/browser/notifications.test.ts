import type { Browser } from 'playwright-core';
import type { MyNotifications } from '../../../contract';
import { call, createApiWorld, login, waitForProjection, type ApiWorld } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import { expectText, launchChromium, loginInBrowser, newContext, ok, waitFor } from './support/browser';

/** "My notifications" in Chromium: the cadre reads the mail addressed to them, as the API lists it. */
jest.setTimeout(120_000);

let api: ApiWorld;
let browser: Browser;
let base = '';

beforeAll(async () => {
  api = await createApiWorld();
  base = api.http.baseUrl;
  const sender = await login(api.http, 'sender');
  const admin = await login(api.http, 'admin');
  const res = ok(await call(api.http, sender, 'POST', '/api/cases', nominationBody(A_UNITS)));
  const caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, caseId);
  ok(await call(api.http, admin, 'POST', `/api/cases/${caseId}/events/approval.approve`, {}));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

test('the cadre’s notifications page shows their own mail, newest first, as the API has it', async () => {
  const cadre = await login(api.http, 'cadre');
  let mine: MyNotifications | undefined;
  await waitFor(async () => {
    mine = ok(await call(api.http, cadre, 'GET', '/api/my/notifications')).json() as MyNotifications;
    return mine.items.length > 0;
  }, 20_000);
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await loginInBrowser(page, base, 'cadre');
    // mail keeps coming while the case moves: the page is compared with the answer it read
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/my/notifications')),
      page.locator('[data-testid=nav-notifications]').click(),
    ]);
    const shown = (await answer.json()) as MyNotifications;
    expect(shown.items.length).toBeGreaterThanOrEqual(mine!.items.length);
    expect(shown.items.map((m) => m.id)).toEqual(expect.arrayContaining(mine!.items.map((m) => m.id)));
    const items = page.locator('[data-testid=notification]');
    await items.first().waitFor();
    expect(await items.locator('.mail-head strong').allInnerTexts()).toEqual(
      shown.items.map((m) => m.subject),
    );
    await items.first().locator('summary').click();
    await expectText(items.first().locator('.mail-body'), shown.items[0]!.body.slice(0, 20));
  } finally {
    await context.close();
  }
});
