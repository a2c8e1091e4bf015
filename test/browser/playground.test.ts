/// <reference lib="dom" />
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { describeWithBrowser, launchChromium, watchPage, type PageWatch } from '../helpers/browser';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * Headless Chromium (Debian's package, driven by playwright-core) against the real gateway: the
 * playground runs an example and shows its result without a single request to another host, and the
 * example member directory pages through the graph with facet filters.
 */
// Skipped (with a warning) where no Chromium is installed, except in CI: see describeWithBrowser.
describeWithBrowser('in headless Chromium', () => {
  let graph: RunningGraph;
  let browser: Browser;
  let base: string;
  let host: string;

  beforeAll(async () => {
    [graph, browser] = await Promise.all([startGraph('browser'), launchChromium()]);
    base = graph.gatewayUrl.replace(/\/graphql$/, '');
    host = new URL(base).host;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  async function newPage(locale = 'fr-FR'): Promise<{ page: Page; watch: PageWatch }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale });
    page.setDefaultTimeout(60_000);
    return { page, watch: await watchPage(page, host) };
  }

  /** graphiql-explorer logs this for list arguments it cannot edit; it is noise, not a failure. */
  const EXPLORER_NOISE = /arg mismatch between arg and selection/;

  describe('the playground in a browser', () => {
    it('runs an example and shows its result, with zero requests to another host', async () => {
      const { page, watch } = await newPage();
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container');
      // The Examples panel opens on load; pick the training catalogue and run it.
      await page.click('[data-example="06-training-catalogue"]');
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('TrainingCatalogue'));
      await page.click('.graphiql-execute-button');
      await page
        .waitForFunction(() => {
          const text = document.querySelector('.graphiql-response')?.textContent ?? '';
          return text.includes('"catalogue"') && text.includes('"domains"');
        })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: join(tmpdir(), 'playground-failure.png') });
          throw new Error(`${(error as Error).message}\nresponse pane: ${(await page.textContent('.graphiql-response'))?.slice(0, 500)}`);
        });
      const response = (await page.textContent('.graphiql-response')) ?? '';
      expect(response).not.toContain('"errors"');

      // The screenshot of docs/querying.md and the README: the Examples panel from its top.
      await page.evaluate(() => {
        let node: Element | null = document.querySelector('.playground-examples');
        while (node) {
          node.scrollTop = 0;
          node = node.parentElement;
        }
      });
      // Refreshes docs/img/playground.png when missing or with UPDATE_SCREENSHOT=1 (elsewhere the
      // picture goes to the temp folder, so that test runs leave the working tree clean).
      const docsImage = join(__dirname, '..', '..', 'docs', 'img', 'playground.png');
      const target = process.env.UPDATE_SCREENSHOT === '1' || !existsSync(docsImage) ? docsImage : join(tmpdir(), 'playground.png');
      mkdirSync(join(target, '..'), { recursive: true });
      await page.screenshot({ path: target });
      expect(statSync(target).size).toBeGreaterThan(20_000);

      expect(watch.foreign).toEqual([]);
      expect(watch.requested.every((url) => new URL(url).host === host || url.startsWith('data:'))).toBe(true);
      expect(watch.requested.filter((url) => new URL(url).pathname === '/graphql').length).toBeGreaterThanOrEqual(2); // introspection + run
      expect(watch.errors).toEqual([]);
      await page.close();
    }, 120_000);

    it('offers the schema docs, the explorer and the header editor, still offline', async () => {
      const { page, watch } = await newPage();
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container');
      await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
      await page.waitForSelector('.graphiql-doc-explorer >> text=Query');
      await page.click('.graphiql-sidebar button[aria-label="Show GraphiQL Explorer"]');
      await page.waitForSelector('.graphiql-explorer-root >> text=organizations');
      await page.click('button:has-text("Headers")');
      await page.waitForSelector('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
      expect(watch.foreign).toEqual([]);
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
      await page.close();
    }, 120_000);
  });

  /** A picture for docs/: written there when missing or with UPDATE_SCREENSHOT=1, else to the temp folder. */
  async function screenshot(page: Page, name: string): Promise<string> {
    const docsImage = join(__dirname, '..', '..', 'docs', 'img', name);
    const target = process.env.UPDATE_SCREENSHOT === '1' || !existsSync(docsImage) ? docsImage : join(tmpdir(), name);
    mkdirSync(join(target, '..'), { recursive: true });
    await page.screenshot({ path: target });
    expect(statSync(target).size).toBeGreaterThan(20_000);
    return target;
  }

  describe('the example member directory', () => {
    it('pages through the directory in French, adds a second kind with disjunctive counts, and switches to English', async () => {
      const { page, watch } = await newPage('fr-FR');
      await page.goto(`${base}/examples/member-directory/`, { waitUntil: 'load' });
      await page.waitForSelector('#results li.member');
      const summary = async (): Promise<string> => (await page.textContent('#summary')) ?? '';
      const ids = async (): Promise<string[]> => page.$$eval('#results li.member', (items) => items.map((li) => li.getAttribute('data-id') ?? ''));
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.startsWith('Page 1'));
      expect(await page.textContent('h1')).toBe('Annuaire des membres');
      const total = Number(/sur (\d+)/.exec(await summary())?.[1]);
      expect(total).toBeGreaterThan(40);
      const page1 = await ids();
      expect(page1).toHaveLength(20);

      await page.click('#next');
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.startsWith('Page 2'));
      const page2 = await ids();
      expect(page2).toHaveLength(20);
      expect(page2.some((id) => page1.includes(id))).toBe(false);

      await page.click('#next');
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.startsWith('Page 3'));
      await page.click('#previous');
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.startsWith('Page 2'));
      expect(await ids()).toEqual(page2);

      const countOf = async (facet: string): Promise<number> => Number(await page.locator(`[data-facet="${facet}"]`).locator('xpath=..').locator('.count').textContent());
      // A facet: start-ups only. The count next to the box is the size of the filtered list.
      const startups = await countOf('kinds:STARTUP');
      const smes = await countOf('kinds:SME');
      expect(startups).toBeGreaterThan(0);
      expect(smes).toBeGreaterThan(0);
      await page.locator('[data-facet="kinds:STARTUP"]').check();
      await page.waitForFunction((count) => document.querySelector('#summary')?.textContent === `Page 1 · 1–${Math.min(20, count)} sur ${count} organisations`, startups);
      const kinds = await page.$$eval('#results li.member .kind', (items) => items.map((p) => p.textContent ?? ''));
      expect(kinds.every((k) => k.startsWith('Start-up'))).toBe(true);
      // Disjunctive: the other kinds are still offered, with the counts they had, so a second can be added.
      expect(await page.locator('fieldset[data-facet-name="kinds"] li').count()).toBeGreaterThan(5);
      expect(await countOf('kinds:SME')).toBe(smes);
      await page.locator('[data-facet="kinds:SME"]').check();
      await page.waitForFunction((count) => document.querySelector('#summary')?.textContent === `Page 1 · 1–20 sur ${count} organisations`, startups + smes);
      const both = await page.$$eval('#results li.member .kind', (items) => items.map((p) => p.textContent ?? ''));
      expect(both.every((k) => k.startsWith('Start-up') || k.startsWith('PME'))).toBe(true);
      // Another field narrows (AND): the sector counts are those of start-ups and SMEs.
      const dataAi = await countOf('sectors:DATA_AI');
      expect(dataAi).toBeGreaterThan(0);
      expect(dataAi).toBeLessThan(startups + smes);
      await screenshot(page, 'member-directory-fr.png');

      // English, from the switch: the page's texts and the API's labels.
      await page.click('#language');
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.startsWith('Page 1 · 1–20 of'));
      expect(await page.textContent('h1')).toBe('Member directory');
      expect(await page.textContent('fieldset[data-facet-name="kinds"] legend')).toBe('Kind');
      const midCap = await page.locator('[data-facet="kinds:MID_CAP"]').locator('xpath=..').textContent();
      expect(midCap).toContain('Mid-cap');
      expect(await page.locator('[data-facet="sectors:E_HEALTH"]').locator('xpath=..').textContent()).toContain('Digital health');
      await screenshot(page, 'member-directory-en.png');

      expect(watch.foreign).toEqual([]);
      expect(watch.errors).toEqual([]);
      await page.close();
    }, 120_000);

    it('follows the browser language: English for an English browser', async () => {
      const { page, watch } = await newPage('en-US');
      await page.goto(`${base}/examples/member-directory/`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('#summary')?.textContent?.startsWith('Page 1'));
      expect(await page.textContent('h1')).toBe('Member directory');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(watch.errors).toEqual([]);
      await page.close();
    }, 120_000);
  });
});
