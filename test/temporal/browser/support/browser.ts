import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Res } from '../../api/support/http';

/** What every console test shares: Debian's Chromium, the demo logins, patient text checks. */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'screenshots');
export const VIEWPORT = { width: 1440, height: 900 };

export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
}

export function newContext(browser: Browser, viewport = VIEWPORT): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

export async function loginInBrowser(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill('secondment-demo');
  await page.locator('.login-form button[type=submit]').click();
  await page.locator('[data-testid=user-name]').waitFor();
}

/** Page errors and console errors from here on (before login, /api/auth/me answers 401 by design). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

export const ok = (res: Res): Res => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${res.body}`);
  return res;
};

export async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

export async function expectText(locator: Locator, text: string, ms = 10_000): Promise<void> {
  await locator.first().waitFor({ timeout: ms });
  await waitFor(async () => (await locator.first().innerText()).includes(text), ms).catch(async () => {
    throw new Error(`expected "${text}" in: ${await locator.first().innerText()}`);
  });
}

/** How far the page scrolls sideways (0 on a page that fits). */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
