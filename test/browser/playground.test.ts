/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { describeWithBrowser, launchChromium, watchPage, type PageWatch } from '../helpers/browser';
import { parseCsv } from '../helpers/csv';
import { startGraph, type RunningGraph } from '../helpers/graph';

const readExample = (name: string): string => readFileSync(join(__dirname, '..', '..', 'gateway', 'examples', `${name}.graphql`), 'utf8');

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
      const { page, watch } = await newPage('fr-FR');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container');
      // The Examples panel opens on load; pick the training catalogue: it opens in a new tab.
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
      await screenshot(page, 'playground.png');

      expect(watch.foreign).toEqual([]);
      expect(watch.requested.every((url) => new URL(url).host === host || url.startsWith('data:') || url.startsWith('blob:'))).toBe(true);
      expect(watch.requested.filter((url) => new URL(url).pathname === '/graphql').length).toBeGreaterThanOrEqual(2); // introspection + run
      expect(watch.errors).toEqual([]);
      await page.close();
    }, 120_000);

    it('is French for a French browser: one tab on a first visit, examples in new tabs, the editor most of the width', async () => {
      const { page, watch } = await newPage('fr-FR');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.playground-examples');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      expect(await page.textContent('.playground-examples .playground-title')).toContain('Exemples');
      expect(await page.textContent('[data-example="01-data-ai-startups"] strong')).toBe('Start-ups données & IA du pôle, avec leurs jeux de données');
      expect(await page.locator('.graphiql-tab').count()).toBeLessThanOrEqual(1);
      const firstQuery = (await page.textContent('.graphiql-query-editor')) ?? '';
      expect(firstQuery).toContain('DataAiStartups');
      // The side panel leaves the editor most of the width.
      const panel = await page.locator('.graphiql-plugin').boundingBox();
      expect(panel!.width).toBeLessThan(1440 * 0.27);
      await screenshot(page, 'playground-fr.png');

      await page.click('[data-example="02-meetmydata-sessions"]');
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('MeetMyDataSessionsOfAYear'));
      expect(await page.locator('.graphiql-tab').count()).toBe(2);
      // The first tab kept its query.
      await page.locator('.graphiql-tab').first().locator('button').first().click();
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('DataAiStartups'));
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
      await page.close();
    }, 120_000);

    it('is English for an English browser, and the language can be switched', async () => {
      const { page, watch } = await newPage('en-GB');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.playground-examples');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.textContent('.playground-examples .playground-title')).toContain('Examples');
      expect(await page.textContent('[data-example="01-data-ai-startups"] strong')).toBe('Data & AI start-ups of the cluster, with their datasets');
      await screenshot(page, 'playground-en.png');
      await page.click('.playground-examples .playground-language');
      await page.waitForFunction(() => document.documentElement.lang === 'fr' && document.querySelector('.playground-examples'));
      expect(await page.textContent('.playground-examples .playground-title')).toContain('Exemples');
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
      await page.close();
    }, 120_000);

    it('fills the first tab’s variables on a first visit and asks the API in the page’s language (the Headers tab wins)', async () => {
      const { page, watch } = await newPage('fr-FR');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.playground-examples');
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('DataAiStartups'));
      // The example's `# variables: {"first": 50}` is in the Variables pane, not only in the tab's state.
      await page.waitForFunction(() => /"first":\s*50/.test(document.querySelector('.graphiql-editor-tool .CodeMirror')?.textContent ?? ''));
      const languages: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') languages.push(request.headers()['accept-language'] ?? '');
      });
      const run = async (): Promise<void> => {
        const before = languages.length;
        await page.click('.graphiql-execute-button');
        await page.waitForFunction(() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('"organizations"'));
        expect(languages.length).toBeGreaterThan(before);
      };
      await run();
      expect(languages.at(-1)).toBe('fr');
      // Switched to English, the browser still says fr-FR: the requests say en.
      await page.click('.playground-examples .playground-language');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await run();
      expect(languages.at(-1)).toBe('en');
      // A header set in the Headers tab wins over the page's language.
      await page.getByRole('button', { name: 'Headers' }).click();
      await page.evaluate(() => {
        // GraphiQL renders the Variables editor, then the Headers editor.
        const editors = [...document.querySelectorAll<HTMLElement>('.graphiql-editor-tool .CodeMirror')] as (HTMLElement & { CodeMirror: { setValue(v: string): void } })[];
        editors[1]!.CodeMirror.setValue('{"Accept-Language": "fr"}');
      });
      await run();
      expect(languages.at(-1)).toBe('fr');
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
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

    it('documents the Subscription fields and shows a refused subscription with its code, as /graphql refuses the same document', async () => {
      const { page, watch } = await newPage('en-GB');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.graphiql-container');
      await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
      await page.click('.graphiql-doc-explorer a:text-is("Subscription")');
      await page.waitForSelector('.graphiql-doc-explorer >> text=registrationChanged');
      expect(await page.textContent('.graphiql-doc-explorer')).toContain('Sent whenever a registration of the event changes');
      // The subscription example with a misspelt field, over WebSocket (GraphiQL's fetcher): refused
      // by the checks of /graphql, with its code (a POST would show as a 400 among the page's errors).
      await page.click('.graphiql-sidebar button[aria-label="Show Examples"]');
      await page.click('[data-example="14-registration-changes"]');
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('RegistrationChanges'));
      await page.evaluate(() => {
        const editor = (document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { getValue(): string; setValue(value: string): void } }).CodeMirror;
        editor.setValue(editor.getValue().replace('seatsTaken', 'seatsTake'));
      });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => (document.querySelector('.graphiql-response')?.textContent ?? '').includes('GRAPHQL_VALIDATION_FAILED'), undefined, { timeout: 30_000 });
      expect(await page.textContent('.graphiql-response')).toContain('Cannot query field');
      expect(watch.foreign).toEqual([]);
      // GraphiQL's toolkit throws graphql-ws's `error` payload (the errors array) into its result
      // iterator and leaves that promise unhandled: one page error, the response pane is right.
      const GRAPHIQL_WS_ERROR = /^pageerror: Array\(1\)$/;
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e) && !GRAPHIQL_WS_ERROR.test(e))).toEqual([]);
      await page.close();
    }, 120_000);
  });

  /** Opens an example in a new tab, runs it and waits for its data. */
  async function runExample(page: Page, name: string, operation: string, expected: string): Promise<void> {
    await page.click(`[data-example="${name}"]`);
    await page.waitForFunction((op) => document.querySelector('.graphiql-query-editor')?.textContent?.includes(op), operation);
    await page.click('.graphiql-execute-button');
    await page
      .waitForFunction((text) => (document.querySelector('.graphiql-response')?.textContent ?? '').includes(text), expected, { timeout: 30_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(tmpdir(), `playground-${name}-failure.png`) });
        throw new Error(`${name}: ${(error as Error).message}\nresponse pane: ${(await page.textContent('.graphiql-response'))?.slice(0, 800)}`);
      });
  }

  async function showResults(page: Page, label: string): Promise<void> {
    const button = page.locator(`.graphiql-sidebar button[aria-label="Show ${label}"]`);
    if (await button.count()) await button.click();
    await page.waitForSelector('.playground-results');
  }

  /**
   * What a reader sees of a chart, measured on screen: the smallest text (its rendered height, as
   * the eye gets it after any scaling), the smallest item (bar, cell, dot), texts that overlap
   * another, items reaching past the chart, and the chart's right edge against the panel's.
   */
  async function readability(page: Page, svg: string, item: string): Promise<{
    smallestFont: number;
    smallestItem: number;
    overlapping: string[];
    overflowing: string[];
    svgRight: number;
    panelRight: number;
  }> {
    return page.$eval(
      svg,
      (element, itemSelector) => {
        const box = element.getBoundingClientRect();
        const panel = element.closest('.playground-results')!.getBoundingClientRect();
        const texts = [...element.querySelectorAll('text')].map((text) => ({ text: text.textContent ?? '', rect: text.getBoundingClientRect(), rotated: text.hasAttribute('transform') }));
        // A text's rendered size: its font size times the drawing's scale (viewBox to screen).
        const scale = element instanceof SVGSVGElement && element.viewBox.baseVal && element.viewBox.baseVal.width ? box.width / element.viewBox.baseVal.width : 1;
        const fonts = [...element.querySelectorAll('text')].map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
        const overlapping: string[] = [];
        for (let i = 0; i < texts.length; i += 1) {
          for (let j = i + 1; j < texts.length; j += 1) {
            const a = texts[i]!.rect;
            const b = texts[j]!.rect;
            // Rotated column labels (a heatmap's) have boxes that lean on each other by design.
            if (texts[i]!.rotated && texts[j]!.rotated) continue;
            const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (overlapX > 2 && overlapY > 2) {
              overlapping.push(`${texts[i]!.text} / ${texts[j]!.text}`);
            }
          }
        }
        const items = [...element.querySelectorAll(itemSelector)];
        const shapes = items.map((node) => (node.querySelector('rect, circle') ?? node).getBoundingClientRect());
        const overflowing = [...element.querySelectorAll(`${itemSelector} rect, ${itemSelector} text, ${itemSelector} circle`)]
          .filter((node) => node.getBoundingClientRect().right > box.right + 1 || node.getBoundingClientRect().left < box.left - 1)
          .map((node) => node.textContent ?? node.tagName);
        return {
          smallestFont: Math.min(...fonts),
          smallestItem: Math.min(...shapes.map((r) => Math.min(r.width, r.height))),
          overlapping: overlapping.slice(0, 10),
          overflowing: overflowing.slice(0, 10),
          svgRight: Math.min(box.right, element.parentElement!.getBoundingClientRect().right),
          panelRight: panel.right,
        };
      },
      item,
    );
  }

  /** An element's text once two reads 250 ms apart agree (at most 5 s). */
  async function stableText(page: Page, selector: string): Promise<string | null> {
    let previous = await page.textContent(selector);
    for (let i = 0; i < 20; i += 1) {
      await page.waitForTimeout(250);
      const current = await page.textContent(selector);
      if (current === previous) return current;
      previous = current;
    }
    return previous;
  }

  describe('the playground language switch', () => {
    it('switches in place: the open tabs stay (no new one), the Results panel stays open with its list, view and result', async () => {
      const { page, watch } = await newPage('fr-FR');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.playground-examples');
      await runExample(page, '05-dataset-catalogue-facets', 'RestrictedDatasetsWithFacets', '"typology"');
      await showResults(page, 'Résultats');
      const options = await page.$$eval('.playground-results select[data-list] option', (items) => items.map((o) => o.textContent ?? ''));
      const typology = options.findIndex((o) => o.startsWith('datasets.facets.typology'));
      await page.selectOption('.playground-results select[data-list]', { index: typology });
      await page.click('.playground-views [data-view="chart"]');
      await page.waitForSelector('.playground-chart .playground-bar');
      const tabs = await page.$$eval('.graphiql-tab', (items) => items.map((tab) => tab.textContent ?? ''));
      // The editor renders a long answer in steps: read it once it stopped changing.
      const response = await stableText(page, '.graphiql-response');
      expect(await page.textContent('.playground-chart')).toContain('Cohorte');

      await page.click('.playground-results .playground-language');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.waitForSelector('.playground-results .playground-title >> text=Results');
      // Same tabs, same result, same panel with the same list and view; only the words changed.
      expect(await page.$$eval('.graphiql-tab', (items) => items.map((tab) => tab.textContent ?? ''))).toEqual(tabs);
      expect(await stableText(page, '.graphiql-response')).toBe(response);
      expect(await page.locator('.graphiql-sidebar button[aria-label="Hide Results"]').count()).toBe(1);
      expect(await page.inputValue('.playground-results select[data-list]')).toBe(String(typology));
      expect(await page.getAttribute('.playground-views [data-view="chart"]', 'aria-selected')).toBe('true');
      expect(await page.textContent('.playground-views [data-view="chart"]')).toBe('Chart');
      expect(await page.textContent('.playground-csv button[data-action="csv"]')).toBe('Download CSV');
      await page.waitForSelector('.playground-chart .playground-bar');
      // The labels of the result stay those of the answer (French); the panel's words are English.
      expect(await page.textContent('.playground-chart')).toContain('Cohorte');

      // And back, still one set of tabs; the choice is remembered for the next visit.
      await page.click('.playground-results .playground-language');
      await page.waitForSelector('.playground-results .playground-title >> text=Résultats');
      expect(await page.$$eval('.graphiql-tab', (items) => items.map((tab) => tab.textContent ?? ''))).toEqual(tabs);
      expect(await page.evaluate(() => localStorage.getItem('playground.lang'))).toBe('FR');
      // The Examples panel switches too, and opening an example still adds exactly one tab.
      await page.click('.graphiql-sidebar button[aria-label="Show Exemples"]');
      await page.click('.playground-examples .playground-language');
      await page.waitForSelector('.playground-examples .playground-title >> text=Examples');
      await page.click('[data-example="13-competency-matrix"]');
      await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('CompetencyMatrix'));
      expect(await page.locator('.graphiql-tab').count()).toBe(tabs.length + 1);
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
      await page.close();
    }, 180_000);
  });

  describe('the playground results panel', () => {
    it('shows a list as a sortable table with chosen columns, a facet list as a bar chart, the matrix as a heatmap and dated lists as a timeline', async () => {
      // The default window and the default side panel: the views must be readable as they come.
      const { page, watch } = await newPage('fr-FR');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.playground-examples');

      await runExample(page, '05-dataset-catalogue-facets', 'RestrictedDatasetsWithFacets', '"typology"');
      await showResults(page, 'Résultats');
      await page.waitForSelector('.playground-results select[data-list]');
      // Results takes about half the page while it shows (the Examples panel had under a quarter).
      const paneWidth = async (): Promise<number> => (await page.locator('.graphiql-plugin').boundingBox())!.width;
      await page.waitForFunction(() => document.querySelector('.graphiql-plugin')!.getBoundingClientRect().width > 1440 * 0.4);
      const options = await page.$$eval('.playground-results select[data-list] option', (items) => items.map((o) => o.textContent ?? ''));
      expect(options.some((o) => o.startsWith('datasets ('))).toBe(true);
      expect(options.some((o) => o.startsWith('datasets.facets.typology'))).toBe(true);
      // The table of datasets: 20 rows; sort by typology, then back the other way.
      await page.selectOption('.playground-results select[data-list]', { index: options.findIndex((o) => o.startsWith('datasets (')) });
      await page.waitForSelector('.playground-table tbody tr');
      expect(await page.locator('.playground-table tbody tr').count()).toBe(20);
      // Sort by the English title (the page came sorted by the French one), then the other way.
      const column = await page.$$eval('.playground-table th', (headers) => headers.findIndex((th) => th.getAttribute('data-sort') === 'title.en'));
      expect(column).toBeGreaterThanOrEqual(0);
      const cells = async (): Promise<string[]> => page.$$eval('.playground-table tbody tr', (rows, at) => rows.map((r) => r.children[at]?.textContent ?? ''), column);
      await page.click('.playground-table th[data-sort="title.en"]');
      const ascending = await cells();
      expect(new Set(ascending).size).toBeGreaterThan(10);
      expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'fr', { numeric: true, sensitivity: 'base' })));
      await page.click('.playground-table th[data-sort="title.en"]');
      expect(await page.getAttribute('.playground-table th[data-sort="title.en"]', 'aria-sort')).toBe('descending');
      expect(await cells()).toEqual([...ascending].reverse());
      // Chosen columns: hide the identifier.
      await page.click('.playground-columns summary');
      await page.uncheck('.playground-columns input[data-column="identifier"]');
      expect(await page.locator('.playground-table th[data-sort="identifier"]').count()).toBe(0);
      await screenshot(page, 'playground-table.png');

      // A facet list as a bar chart, bars labelled in French.
      await page.selectOption('.playground-results select[data-list]', { index: options.findIndex((o) => o.startsWith('datasets.facets.typology')) });
      await page.click('.playground-views [data-view="chart"]');
      await page.waitForSelector('.playground-chart .playground-bar');
      expect(await page.locator('.playground-chart .playground-bar').count()).toBeGreaterThan(3);
      expect(await page.textContent('.playground-chart')).toContain('Cohorte');
      const chart = await readability(page, '.playground-chart', '.playground-bar');
      // Every bar and its count inside the chart, the chart inside the panel: nothing overflows.
      expect(chart.overflowing).toEqual([]);
      expect(chart.svgRight).toBeLessThanOrEqual(chart.panelRight + 1);
      expect(chart.smallestFont).toBeGreaterThanOrEqual(11);
      expect(chart.overlapping).toEqual([]);
      await screenshot(page, 'playground-chart.png');

      // The competency matrix as a heatmap.
      await page.click('.graphiql-sidebar button[aria-label="Show Exemples"]');
      await page.waitForSelector('.playground-examples');
      expect(await paneWidth()).toBeLessThan(1440 * 0.27);
      await runExample(page, '13-competency-matrix', 'CompetencyMatrix', '"competencyMatrix"');
      await showResults(page, 'Résultats');
      await page.waitForSelector('.playground-heatmap .playground-cell');
      expect(await page.locator('.playground-heatmap .playground-cell').count()).toBeGreaterThan(50);
      const heatmap = await readability(page, '.playground-heatmap', '.playground-cell');
      expect(heatmap.smallestFont).toBeGreaterThanOrEqual(11);
      expect(heatmap.smallestItem).toBeGreaterThanOrEqual(16);
      expect(heatmap.overlapping).toEqual([]);
      await screenshot(page, 'playground-heatmap.png');

      // The MeetMyData sessions of a year on a timeline.
      await page.click('.graphiql-sidebar button[aria-label="Show Exemples"]');
      await runExample(page, '02-meetmydata-sessions', 'MeetMyDataSessionsOfAYear', '"presentedDatasets"');
      await showResults(page, 'Résultats');
      await page.click('.playground-views [data-view="timeline"]');
      await page.waitForSelector('.playground-timeline .playground-event');
      expect(await page.locator('.playground-timeline .playground-event').count()).toBe(12);
      const timeline = await readability(page, '.playground-timeline', '.playground-event');
      expect(timeline.svgRight).toBeLessThanOrEqual(timeline.panelRight + 1);
      expect(timeline.smallestFont).toBeGreaterThanOrEqual(11);
      expect(timeline.overlapping).toEqual([]);
      await screenshot(page, 'playground-timeline.png');

      // A deferred query: GraphiQL's fetcher merges the incremental parts into one result (the
      // organisers, deferred per event, appear in it; the editor renders only its visible lines).
      await page.click('.graphiql-sidebar button[aria-label="Show Exemples"]');
      await runExample(page, '15-overview-deferred', 'OverviewDeferred', '"organizers"');

      // A subscription, over WebSocket from GraphiQL's own fetcher: the current state comes at once
      // (last: it keeps running).
      await runExample(page, '14-registration-changes', 'RegistrationChanges', '"seatsTaken"');
      expect(await page.textContent('.graphiql-response')).toContain('"organizers"');

      expect(watch.foreign).toEqual([]);
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
      await page.close();
    }, 180_000);

    it('downloads the current operation as CSV through /export.csv, one row per nested item as an option, rows matching the API', async () => {
      const { page, watch } = await newPage('en-GB');
      await page.goto(graph.gatewayUrl, { waitUntil: 'load' });
      await page.waitForSelector('.playground-examples');
      await runExample(page, '02-meetmydata-sessions', 'MeetMyDataSessionsOfAYear', '"presentedDatasets"');
      await showResults(page, 'Results');
      await page.waitForSelector('.playground-csv button[data-action="csv"]');

      // What the API answers for the same operation.
      const query = await page.evaluate(async () => {
        const text = document.querySelector('.graphiql-query-editor')?.textContent ?? '';
        return text;
      });
      expect(query).toContain('MeetMyDataSessionsOfAYear');
      const api = (await (
        await fetch(graph.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: readExample('02-meetmydata-sessions'),
            variables: { from: '2023-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
          }),
        })
      ).json()) as { data: { events: { edges: { node: { title: string; presentedDatasets: { title: { fr: string } }[] } }[] } } };
      const events = api.data.events.edges.map((e) => e.node);

      const download = async (): Promise<string[][]> => {
        const [file] = await Promise.all([page.waitForEvent('download'), page.click('.playground-csv button[data-action="csv"]')]);
        const path = await file.path();
        return parseCsv(readFileSync(path!, 'utf8').replace(/^\uFEFF/, ''));
      };
      const items = await download();
      expect(items[0]).toContain('title');
      expect(items.length - 1).toBe(events.length);
      const titleAt = items[0]!.indexOf('title');
      expect(items.slice(1).map((row) => row[titleAt])).toEqual(events.map((e) => e.title));

      await page.check('.playground-csv input[data-option="leaves"]');
      const leaves = await download();
      const datasetAt = leaves[0]!.indexOf('presentedDatasets.title.fr');
      const expected = events.flatMap((e) => (e.presentedDatasets.length ? e.presentedDatasets.map((d) => [e.title, d.title.fr]) : [[e.title, '']]));
      expect(leaves.slice(1).map((row) => [row[leaves[0]!.indexOf('title')], row[datasetAt]])).toEqual(expected);
      expect(leaves.length).toBeGreaterThan(items.length);

      expect(watch.foreign).toEqual([]);
      expect(watch.errors.filter((e) => !EXPLORER_NOISE.test(e))).toEqual([]);
      await page.close();
    }, 180_000);
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
