import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * `describe` when Chromium is installed, or in CI (where .ci/run installs it, so its absence must
 * fail); elsewhere `describe.skip`, so `npm test` also works on a machine without a browser.
 */
export const describeWithBrowser: jest.Describe = existsSync(CHROMIUM_PATH) || process.env.CI ? describe : describe.skip;
if (!existsSync(CHROMIUM_PATH) && !process.env.CI) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
}

/** Headless Chromium with everything that would phone home turned off. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** What a page did on the network and in its console, for assertions. */
export interface PageWatch {
  /** Every URL requested from a host other than `allowedHost` (each one was aborted). */
  foreign: string[];
  /** Every URL requested at all. */
  requested: string[];
  /** Uncaught errors and console.error messages. */
  errors: string[];
}

/**
 * Records every request of the page (and aborts any to another host than `allowedHost`, so a CDN
 * fallback cannot hide), plus page errors and console errors.
 */
export async function watchPage(page: Page, allowedHost: string): Promise<PageWatch> {
  const watch: PageWatch = { foreign: [], requested: [], errors: [] };
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    watch.requested.push(url);
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.host === allowedHost) {
      await route.continue();
      return;
    }
    watch.foreign.push(url);
    await route.abort();
  });
  page.on('pageerror', (error) => watch.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`console: ${message.text()}`);
  });
  return watch;
}
