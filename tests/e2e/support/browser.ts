import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module without types
import { startStaticServer } from '../../../electron/web/serve.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

export interface E2eEnvironment {
  browser: Browser;
  baseUrl: string;
  close: () => Promise<void>;
}

/** Serves the built renderer (on a free port unless one is given) and launches Debian's Chromium; both are stopped by close(). */
export async function startEnvironment(port = 0): Promise<E2eEnvironment> {
  const server = (await startStaticServer({ port })) as { url: string; close: () => Promise<void> };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  return {
    browser,
    baseUrl: server.url,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Starts the server and browser once for a spec file, and stops them after it; returns a getter. */
export function useE2eEnvironment(): () => E2eEnvironment {
  let env: E2eEnvironment | undefined;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env) throw new Error('the e2e environment did not start');
    return env;
  };
}

/** A fresh context is a fresh profile: an empty IndexedDB for every test. */
export async function openApp(env: E2eEnvironment): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(env.baseUrl);
  await page.waitForSelector('[data-testid="app"][data-ready="true"]');
  return { context, page, consoleErrors };
}

/**
 * The app in a browser with an on-disk profile (IndexedDB on LevelDB, as a user has it), not the in-memory
 * storage of an incognito context: what the benchmarks measure.
 */
export async function openAppOnDisk(env: E2eEnvironment, userDataDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 900 } });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(env.baseUrl);
  await page.waitForSelector('[data-testid="app"][data-ready="true"]');
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is; returns the violations, summarised. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
