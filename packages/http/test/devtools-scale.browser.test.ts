import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus, defineEvents, event, type EventMapOf } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
// The page exists only in the build output (scripts/build-devtools-page.mjs), so the server is taken from dist.
import { serveDevtools, type DevtoolsOptions, type DevtoolsServer } from '../dist/index.js';

const screenshots = fileURLToPath(new URL('../../../docs/site/screenshots/', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const Work = defineEvents({
  AGENT_STEP: event<{ step: number; note: string }>({ doc: 'One step of an agent.' }),
  RUN_DONE: event<{ ok: boolean }>({ terminal: true }),
});
type Tree = ScopedEventBus<EventMapOf<typeof Work>>;

/** The rows the page keeps at most (timeline.ts). */
const ROW_CAP = 1000;

let browser: Browser;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await browser?.close();
});

async function serve(bus: EventBus<EventMapOf<typeof Work>> | Tree, options?: DevtoolsOptions): Promise<DevtoolsServer> {
  const devtools = await serveDevtools(bus, options);
  cleanups.push(() => devtools.close());
  return devtools;
}

/** Opens the page and waits (up to `timeout` ms) until its stream is live; console errors and page errors are collected. */
async function open(url: string, timeout = 5000): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
  cleanups.push(() => page.close());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => void errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('#status[data-state="live"]', { timeout });
  return { page, errors };
}

/** Waits until the counter reads `text`. */
function counterReads(page: Page, text: string, timeout = 5000): Promise<unknown> {
  return page.waitForFunction((expected) => document.querySelector('#counter')?.textContent === expected, text, { timeout });
}

/** The seqs of the rows in the page, top to bottom. */
function rowSeqs(page: Page): Promise<number[]> {
  return page.$$eval('#rows .row', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.seq)));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the devtools page at scale, and across a restart', () => {
  test('500 lanes and 20,000 events: type and data stay in view, the page holds at most 1,000 rows, older ones one click away', async () => {
    const bus = new EventBus(Work, { historyLimit: 20_000 });
    cleanups.push(async () => bus.close());
    for (let i = 0; i < 20_000; i++) {
      bus.publish('AGENT_STEP', { step: i, note: `step ${i} of lane ${i % 500}` }, { runId: `run-${i % 50}`, lane: `lane-${Math.floor(i / 50) % 10}`, source: 'agent' });
    }
    const devtools = await serve(bus);
    // The page takes in 20,000 events as it starts: give a loaded machine room.
    const { page, errors } = await open(devtools.url, 30_000);
    await counterReads(page, '20000 shown / 20000 events', 60_000);
    await page.waitForFunction((cap) => document.querySelectorAll('#rows .row').length === cap, ROW_CAP);

    expect(await rowSeqs(page)).toEqual(range(19_001, 20_000));
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(25_000);
    const labels = await page.locator('#lane-head .lane-label').allTextContents();
    expect(labels).toHaveLength(41);
    expect(labels.at(-1)).toBe('+460 more');
    // Type and data of the rows in view are on screen, wide enough to read.
    const viewport = page.viewportSize()!;
    for (const cell of ['.c-type', '.c-data']) {
      const box = (await page.locator(`#rows .row:last-child ${cell}`).boundingBox())!;
      expect(box.width, cell).toBeGreaterThan(100);
      expect(box.x + box.width, cell).toBeLessThanOrEqual(viewport.width);
    }
    expect(await page.locator('#rows .row:last-child .c-type').textContent()).toBe('AGENT_STEP');
    expect(await page.locator('#rows .row:last-child .c-data').textContent()).toBe(JSON.stringify({ step: 19_999, note: 'step 19999 of lane 499' }));
    expect(await page.locator('#paging').isVisible()).toBe(true);
    expect(await page.locator('#paging-text').textContent()).toBe('Showing rows 19,001–20,000 of 20,000: at most 1,000 are in the page, the newest, following live events.');
    await page.screenshot({ path: join(screenshots, 'devtools-500-lanes.png') });

    await page.click('#paging-older');
    expect(await rowSeqs(page)).toEqual(range(18_001, 19_000));
    await page.click('#paging-older');
    expect((await rowSeqs(page))[0]).toBe(17_001);
    await page.click('#paging-newer');
    expect((await rowSeqs(page))[0]).toBe(18_001);
    // A live event while an older page is shown is counted, not rendered; "newest" brings the view back.
    bus.publish('RUN_DONE', { ok: true }, { runId: 'run-0' });
    await counterReads(page, '20001 shown / 20001 events');
    expect(await page.locator('#paging-text').textContent()).toBe('Showing rows 18,001–19,000 of 20,001: at most 1,000 are in the page; 1,001 newer.');
    await page.click('#paging-newest');
    expect(await rowSeqs(page)).toEqual(range(19_002, 20_001));

    // Filtering by run brings its lanes back to columns of their own.
    await page.selectOption('#filter-run', 'run-7');
    await counterReads(page, '400 shown / 20001 events');
    expect(await page.locator('#lane-head .lane-label').allTextContents()).toEqual(range(0, 9).map((lane) => `run-7/lane-${lane}`));
    expect(await page.locator('#paging').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 120_000);

  test('a restarted server (a new bus on the same port): the page clears its view and reloads from the new bus', async () => {
    const first = ScopedEventBus.root(Work, { name: 'shop' });
    cleanups.push(async () => first.dispose());
    const before = await serve(first);
    const port = Number(new URL(before.url).port);
    const { page, errors } = await open(before.url);
    const oldOrder = first.child('order-1');
    for (let i = 1; i <= 100; i++) oldOrder.publish('AGENT_STEP', { step: i, note: 'old' }, { runId: 'run-old' });
    await counterReads(page, '100 shown / 100 events');

    await before.close();
    first.dispose();
    await page.waitForSelector('#status[data-state="reconnecting"]', { timeout: 5000 });
    const second: Tree = ScopedEventBus.root(Work, { name: 'shop' });
    cleanups.push(async () => second.dispose());
    const newOrder = second.child('order-2');
    for (let i = 1; i <= 120; i++) newOrder.publish('AGENT_STEP', { step: i, note: 'new' }, { runId: 'run-new' });
    const after = await serve(second, { port });
    await page.waitForSelector('#notices [data-kind="reset"]', { timeout: 10_000 });
    await counterReads(page, '120 shown / 120 events');
    expect(await rowSeqs(page)).toEqual(range(1, 120));
    expect(await page.locator('#rows .row .c-data').first().textContent()).toContain('"new"');
    expect(await page.locator('#filter-run option').allTextContents()).toEqual(['all runs', 'run-new']);
    expect(await page.locator('#notices .notice').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.kind))).toEqual(['lost', 'resumed', 'reset']);
    expect(await page.locator('#notices [data-kind="resumed"]').textContent()).toContain('connection resumed, to a restarted server');
    expect(await page.locator('#notices [data-kind="reset"]').textContent()).toContain(`(epoch ${second.epoch}): the 100 events of the old one were cleared`);
    newOrder.publish('RUN_DONE', { ok: true }, { runId: 'run-new' });
    await counterReads(page, '121 shown / 121 events');
    expect(await rowSeqs(page)).toEqual(range(1, 121));
    await page.screenshot({ path: join(screenshots, 'devtools-reset.png') });
    await after.close();
    // The browser reports the cut streams; nothing else may fail.
    expect(errors.filter((error) => !/ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_CONNECTION_REFUSED/.test(error))).toEqual([]);
  }, 60_000);

  test('the scope placeholder fits the tree shown: its root, then the pattern of its children', async () => {
    const tree: Tree = ScopedEventBus.root(Work, { name: 'shop' });
    cleanups.push(async () => tree.dispose());
    const devtools = await serve(tree);
    const { page, errors } = await open(devtools.url);
    expect(await page.locator('#filter-scope').getAttribute('placeholder')).toBe('scope glob');
    tree.publish('AGENT_STEP', { step: 0, note: 'root' });
    await counterReads(page, '1 shown / 1 events');
    expect(await page.locator('#filter-scope').getAttribute('placeholder')).toBe('shop/**');
    tree.child('order-42').child('agent').publish('AGENT_STEP', { step: 1, note: 'child' });
    await counterReads(page, '2 shown / 2 events');
    expect(await page.locator('#filter-scope').getAttribute('placeholder')).toBe('shop/order-*/**');
    // The suggested glob works as typed.
    await page.fill('#filter-scope', 'shop/order-*/**');
    await counterReads(page, '1 shown / 2 events');
    expect(errors).toEqual([]);
  });
});
