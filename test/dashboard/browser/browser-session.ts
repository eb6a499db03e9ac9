import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the main pages' screenshots go (git-ignored): test artifacts, not assertions. */
export const SCREENSHOT_DIR = new URL('../../../test-artifacts/screenshots/', import.meta.url).pathname;

// Debian's chromium, headless; `npx playwright install` cannot download browsers here.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or undefined when they can. Under CI a missing
 * Chromium is an error, never a skip (`.ci/run` installs it).
 */
export const browserSkipReason: string | undefined = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`;
if (process.env.CI && browserSkipReason) throw new Error(`Under CI the browser tests never skip: ${browserSkipReason}`);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 120_000 });
}

/**
 * A fresh browser context (own cookies). Waits are generous for a loaded 2-core machine;
 * assertions stay strict. Console messages about a refused resource (CSP) are collected.
 */
export async function newPage(browser: Browser): Promise<{ page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, cspViolations };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}
