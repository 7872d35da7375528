import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../stack/demo/users';
import { P } from '../../machines/v2/support/fixtures';
import { call, createApiWorld, login, waitForProjection, type ApiWorld } from '../api/support/apiWorld';
import { A_UNITS, nominationBody } from '../api/support/cases';
import {
  expectText,
  launchChromium,
  loginInBrowser,
  newContext,
  ok,
  SCREENSHOTS,
  waitFor,
  watchProblems,
} from './support/browser';

/**
 * 双人复核 in Chromium: an org admin previews waiving a duty (before → after, the notification by
 * its recipients' names, "needs a second admin") and proposes it; a second admin of the department
 * approves it on the proposals page; the case's timeline then shows the waiver by the approver with
 * the proposer named.
 */
jest.setTimeout(150_000);

let api: ApiWorld;
let browser: Browser;
let base = '';
let caseId = '';
let dutyId = '';

beforeAll(async () => {
  api = await createApiWorld({
    users: [
      {
        username: 'admin2',
        displayName: '市委组织部 李副主任',
        role: 'org_admin',
        units: [A_UNITS.org],
        password: DEMO_PASSWORD,
      },
    ],
  });
  base = api.http.baseUrl;
  const sender = await login(api.http, 'sender');
  const admin = await login(api.http, 'admin');
  const res = ok(await call(api.http, sender, 'POST', '/api/cases', nominationBody(A_UNITS)));
  caseId = (res.json() as { case: { caseId: string } }).case.caseId;
  await waitForProjection(api, caseId);
  ok(await call(api.http, admin, 'POST', `/api/cases/${caseId}/events/approval.approve`, P.approve));
  const detail = ok(await call(api.http, admin, 'GET', `/api/cases/${caseId}`)).json() as {
    openDuties: { id: string; kind: string }[];
  };
  dutyId = detail.openDuties.find((d) => d.kind === 'posting.introduction')!.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

test('propose in the intervention dialog → a second admin approves → the timeline shows both', async () => {
  const reason = '已当面介绍，免除书面介绍（浏览器测试）';
  const first = await newContext(browser);
  const page = await first.newPage();
  try {
    await loginInBrowser(page, base, 'admin');
    const problems = watchProblems(page);
    await page.goto(`${base}/#/cases/${caseId}`);
    const entries = page.locator('[data-testid=timeline-entry]');
    await entries.first().waitFor();
    const before = await entries.count();
    await page.locator('[data-testid=open-intervention]').click();
    const dialog = page.locator('[data-testid=intervention-dialog]');
    await dialog.locator('#intervention-type').selectOption('admin.duty.waive');
    const form = dialog.locator('[data-testid="form-admin.duty.waive"]');
    await form.locator('select[name=dutyId]').selectOption(dutyId);
    await form.locator('textarea[name=reason]').fill(reason);
    await form.locator('button[type=submit]').click();

    // the preview: the duty closes, the sending unit's desk is written to (by name), a second admin is needed
    const preview = form.locator('[data-testid=intervention-preview]');
    await expectText(preview, '尚未做任何更改');
    await expectText(preview.locator(`tr[data-duty="${dutyId}"]`), '关闭');
    await expectText(preview.locator('[data-testid=preview-notifications]'), '市发改委 人事处');
    await expectText(form.locator('[data-testid=needs-second-admin]'), '另一名管理员');
    await expectText(form.locator('button[type=submit]'), '提交复核申请');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intervention-preview.png') });
    await form.locator('button[type=submit]').click();
    await expectText(form.locator('[data-testid=proposal-sent]'), '等待另一名管理员');
    // proposed, not applied
    await page.reload();
    await entries.first().waitFor();
    expect(await entries.count()).toBe(before);

    // the proposer's own proposals page offers no decision
    await page.goto(`${base}/#/proposals`);
    const own = page.locator('[data-testid=proposals-open] [data-testid=proposal]').first();
    await expectText(own, '另一名管理员决定');
    expect(await own.locator('button').count()).toBe(0);
    expect(problems).toEqual([]);
  } finally {
    await first.close();
  }

  const second = await newContext(browser);
  const page2 = await second.newPage();
  try {
    await loginInBrowser(page2, base, 'admin2');
    const problems2 = watchProblems(page2);
    await page2.locator('[data-testid=nav-proposals]').click();
    const card = page2.locator('[data-testid=proposals-open] [data-testid=proposal]').first();
    await expectText(card, reason);
    await expectText(card, '市委组织部 王主任');
    await expectText(card.locator('[data-testid=proposal-change]'), dutyId);
    await card.locator('textarea').fill('核实无误，同意免除');
    await page2.screenshot({ path: path.join(SCREENSHOTS, 'proposals.png') });
    await card.locator('button.btn-primary').click();
    const decided = page2.locator('[data-testid=proposals-decided] [data-testid=proposal]').first();
    await expectText(decided, '已批准');
    await expectText(decided.locator('[data-testid=proposal-result]'), '');

    await page2.goto(`${base}/#/cases/${caseId}`);
    const newest = page2.locator('[data-testid=timeline-entry]').first();
    await waitFor(async () => (await newest.getAttribute('data-event')) === 'admin.duty.waive');
    await expectText(newest.locator('[data-testid=timeline-actor]'), 'admin2');
    await expectText(newest.locator('[data-testid=timeline-reason]'), reason);
    await expectText(
      newest.locator('[data-testid=timeline-reason]'),
      'proposed by admin, approved by admin2',
    );
    expect(problems2).toEqual([]);
  } finally {
    await second.close();
  }
});
