import { join } from 'node:path';
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { EventBus, defineEvents, event, type Event, type EventMapOf } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
// The page exists only in the build output (scripts/build-devtools-page.mjs), so the server is taken from dist.
import { serveDevtools, type DevtoolsServer } from '../dist/index.js';

const screenshots = fileURLToPath(new URL('../../../docs/site/screenshots/', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const Shop = defineEvents({
  ORDER_PLACED: event<{ order: string; customer: string; note?: string }>({ doc: 'A customer placed an order.' }),
  AGENT_STEP: event<{ order: string; step: string }>({ doc: 'One step of an order agent.' }),
  TOOL_CALL: event<{ tool: string }>({ visibility: 'internal', doc: 'An agent called a tool.' }),
  TOKENS: event<number>({ visibility: 'debug', doc: 'Tokens spent.' }),
  ORDER_SHIPPED: event<{ order: string }>({ terminal: true, doc: 'The order left: its run ends here.' }),
});
type Tree = ScopedEventBus<EventMapOf<typeof Shop>>;
type ShopBus = EventBus<EventMapOf<typeof Shop>>;

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

/** A shop tree: the root `shop`, and `shop/order-N/agent` buses under it. */
function shopTree(): Tree {
  const tree: Tree = ScopedEventBus.root(Shop, { name: 'shop' });
  cleanups.push(async () => tree.dispose());
  return tree;
}

/** Two orders as agent runs in lanes, on child buses, with a failing handler and terminal events. */
function publishOrders(tree: Tree): void {
  tree.subscribe('AGENT_STEP', (event) => {
    if (event.data.step === 'pay') throw new Error(`payment service timed out for ${event.data.order}`);
  });
  for (const n of [1, 2]) {
    const runId = `run-${n}`;
    const agent = tree.child(`order-${n}`).child('agent');
    tree.publish('ORDER_PLACED', { order: `A-${n}`, customer: n === 1 ? 'ada' : 'bob' }, { source: 'storefront', runId, metadata: { channel: 'web' } });
    agent.publish('AGENT_STEP', { order: `A-${n}`, step: 'plan' }, { source: 'planner', runId, lane: 'planner' });
    agent.publish('TOOL_CALL', { tool: 'stock.lookup' }, { source: 'inventory', runId, lane: 'inventory' });
    agent.publish('TOKENS', 120 * n, { source: 'planner', runId, lane: 'planner' });
    agent.publish('AGENT_STEP', { order: `A-${n}`, step: n === 2 ? 'pay' : 'reserve' }, { source: 'inventory', runId, lane: 'inventory' });
    agent.publish('AGENT_STEP', { order: `A-${n}`, step: 'label' }, { source: 'shipping', runId, lane: 'shipping' });
    agent.publish('ORDER_SHIPPED', { order: `A-${n}` }, { source: 'shipping', runId, lane: 'shipping' });
  }
}

/** Serves the bus's devtools until the test ends. */
async function serve(bus: Tree | ShopBus): Promise<DevtoolsServer> {
  const devtools = await serveDevtools(bus);
  cleanups.push(() => devtools.close());
  return devtools;
}

/** Opens the page and waits until its stream is live; console errors and page errors are collected. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
  cleanups.push(() => page.close());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => void errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('#status[data-state="live"]', { timeout: 5000 });
  return { page, errors };
}

/** The seqs of the rows the page shows, top to bottom. */
function shownSeqs(page: Page): Promise<number[]> {
  return page.$$eval('#rows .row:not([hidden])', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.seq)));
}

/** Waits (within `timeout` ms) until the page shows exactly `count` rows. */
async function waitForRows(page: Page, count: number, timeout = 1000): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('#rows .row:not([hidden])').length === n, count, { timeout });
}

/** The seqs of the bus's history that pass `keep`. */
function seqsOf(bus: ShopBus, keep: (event: Event) => boolean = () => true): number[] {
  return bus.history().filter(keep).map((event) => event.seq);
}

describe('the devtools page in headless Chromium', () => {
  test('shows published events in seq order within a second, terminal and HANDLER_ERROR rows highlighted', async () => {
    const tree = shopTree();
    const devtools = await serve(tree);
    const { page, errors } = await open(devtools.url);
    publishOrders(tree);
    const all = seqsOf(tree.bus);
    expect(all).toHaveLength(15);
    await waitForRows(page, all.length);
    expect(await shownSeqs(page)).toEqual(all);
    expect(await page.locator('#rows .row.terminal').evaluateAll((rows) => rows.map((row) => row.querySelector('.c-type')?.firstChild?.textContent))).toEqual(['ORDER_SHIPPED', 'ORDER_SHIPPED']);
    const failure = tree.bus.history({ types: ['HANDLER_ERROR'] })[0]!;
    expect(await page.locator('#rows .row.failure').getAttribute('data-seq')).toBe(String(failure.seq));
    expect(await page.locator('#counter').textContent()).toBe('15 shown / 15 events');
    expect(await page.locator('#rows .row .c-scope').allTextContents()).toContain('shop/order-2/agent');
    await page.locator(`#rows .row[data-seq="${failure.seq}"]`).click();
    await page.screenshot({ path: join(screenshots, 'devtools-timeline.png') });
    await page.selectOption('#lane-mode', 'scope');
    expect(await page.locator('#lane-head .lane-label').allTextContents()).toEqual(['shop', 'shop/order-1/agent', 'shop/order-2/agent']);
    await page.screenshot({ path: join(screenshots, 'devtools-scopes.png') });
    expect(errors).toEqual([]);
  });

  test('filters by type, visibility, scope glob and run', async () => {
    const tree = shopTree();
    const devtools = await serve(tree);
    const { page, errors } = await open(devtools.url);
    publishOrders(tree);
    await waitForRows(page, 15);

    await page.selectOption('#filter-type', 'AGENT_STEP');
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.type === 'AGENT_STEP'));
    await page.selectOption('#filter-type', '');

    await page.selectOption('#filter-visibility', 'public');
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.visibility === 'public'));
    await page.selectOption('#filter-visibility', 'internal');
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.visibility !== 'debug'));
    await page.selectOption('#filter-visibility', 'debug');

    await page.fill('#filter-scope', 'shop/order-2/**');
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.scope === 'shop/order-2/agent'));
    await page.fill('#filter-scope', 'shop/*/agent');
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.scope?.endsWith('/agent') === true));
    await page.fill('#filter-scope', 'shop/**x');
    expect(await page.locator('#filter-scope').evaluate((input) => (input as HTMLInputElement).validity.valid)).toBe(false);
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus));
    await page.fill('#filter-scope', '');

    await page.selectOption('#filter-run', 'run-1');
    const runOne = seqsOf(tree.bus, (event) => event.runId === 'run-1');
    expect(await shownSeqs(page)).toEqual(runOne);
    expect(await page.locator('#lane-head .lane-label').allTextContents()).toEqual(['run-1', 'run-1/planner', 'run-1/inventory', 'run-1/shipping']);
    await page.selectOption('#filter-visibility', 'public');
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.runId === 'run-1' && event.visibility === 'public'));
    expect(await page.locator('#counter').textContent()).toBe(`${runOne.length - 2} shown / 15 events`);
    await page.screenshot({ path: join(screenshots, 'devtools-filters.png') });

    // A new event that the filter hides is counted, not shown.
    tree.publish('ORDER_PLACED', { order: 'A-3', customer: 'eve' }, { runId: 'run-3' });
    await page.waitForFunction(() => document.querySelector('#counter')?.textContent?.endsWith('/ 16 events'), undefined, { timeout: 1000 });
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus, (event) => event.runId === 'run-1' && event.visibility === 'public'));
    expect(errors).toEqual([]);
  });

  test('renders a payload with HTML in it as text, in the row and in the detail pane', async () => {
    const tree = shopTree();
    const devtools = await serve(tree);
    const { page, errors } = await open(devtools.url);
    const attack = '<img src=x onerror="window.__pwned=1">';
    tree.publish('ORDER_PLACED', { order: 'A-9', customer: attack, note: `</pre><script>window.__pwned=2</script>` }, {
      source: attack,
      runId: attack,
      lane: attack,
      metadata: { [attack]: attack },
    });
    await waitForRows(page, 1);
    await page.locator('#rows .row').first().click();
    expect(await page.locator('#rows .row .c-data').first().textContent()).toContain(JSON.stringify(attack));
    expect(await page.locator('#rows .row .c-source').first().textContent()).toBe(attack);
    expect(await page.locator('#rows .row .c-source').first().isVisible()).toBe(true);
    expect(await page.locator('#detail-data').textContent()).toContain(`"customer": ${JSON.stringify(attack)}`);
    expect(await page.locator('#detail-data').isVisible()).toBe(true);
    expect(await page.locator('#detail-metadata').textContent()).toContain('onerror');
    expect(await page.locator('#filter-run option').allTextContents()).toContain(attack);
    expect(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: join(screenshots, 'devtools-untrusted-payload.png') });
    expect(errors).toEqual([]);
  });

  test('the detail pane shows the data, the metadata and every field of the clicked event', async () => {
    const tree = shopTree();
    const devtools = await serve(tree);
    const { page, errors } = await open(devtools.url);
    publishOrders(tree);
    await waitForRows(page, 15);
    const placed = tree.bus.history({ types: ['ORDER_PLACED'] })[1]!;
    await page.locator(`#rows .row[data-seq="${placed.seq}"]`).click();
    expect(await page.locator('#detail').isVisible()).toBe(true);
    expect(await page.locator('#detail-title').textContent()).toBe(`#${placed.seq} ORDER_PLACED`);
    expect(await page.locator('#detail-doc').textContent()).toBe('A customer placed an order.');
    expect(JSON.parse((await page.locator('#detail-data').textContent())!)).toEqual(placed.data);
    expect(JSON.parse((await page.locator('#detail-metadata').textContent())!)).toEqual({ channel: 'web' });
    const { data: _data, metadata: _metadata, ...fields } = placed;
    expect(JSON.parse((await page.locator('#detail-fields').textContent())!)).toEqual(fields);
    await page.click('#detail-close');
    expect(await page.locator('#detail').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  test('pause keeps incoming events and resume shows every one, in order', async () => {
    const tree = shopTree();
    const devtools = await serve(tree);
    const { page, errors } = await open(devtools.url);
    tree.publish('ORDER_PLACED', { order: 'A-1', customer: 'ada' });
    await waitForRows(page, 1);
    await page.click('#pause');
    expect(await page.locator('#pause').getAttribute('aria-pressed')).toBe('true');
    const agent = tree.child('order-1');
    for (let i = 0; i < 20; i++) agent.publish('AGENT_STEP', { order: 'A-1', step: `step-${i}` }, { runId: 'run-1', lane: i % 2 === 0 ? 'a' : 'b' });
    await page.waitForFunction(() => document.querySelector('#counter')?.textContent === '1 shown / 21 events (20 waiting)', undefined, { timeout: 1000 });
    expect(await shownSeqs(page)).toEqual([1]);
    await page.screenshot({ path: join(screenshots, 'devtools-paused.png') });
    await page.click('#pause');
    await waitForRows(page, 21);
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus));
    expect(await page.locator('#counter').textContent()).toBe('21 shown / 21 events');
    expect(errors).toEqual([]);
  });

  test('a dropped connection resumes with no gap and no duplicate', async () => {
    const tree = shopTree();
    const devtools = await serve(tree);
    const proxy = await tcpProxy(new URL(devtools.url));
    const { page, errors } = await open(proxy.url);
    for (let i = 0; i < 10; i++) tree.publish('AGENT_STEP', { order: 'A-1', step: `before-${i}` }, { runId: 'run-1' });
    await waitForRows(page, 10);
    proxy.drop();
    await page.waitForSelector('#status[data-state="reconnecting"]', { timeout: 5000 });
    for (let i = 0; i < 10; i++) tree.publish('AGENT_STEP', { order: 'A-1', step: `during-${i}` }, { runId: 'run-1' });
    await page.waitForSelector('#status[data-state="live"]', { timeout: 10_000 });
    await waitForRows(page, 20);
    for (let i = 0; i < 5; i++) tree.publish('AGENT_STEP', { order: 'A-1', step: `after-${i}` }, { runId: 'run-1' });
    await waitForRows(page, 25);
    expect(await shownSeqs(page)).toEqual(seqsOf(tree.bus));
    expect(await page.locator('#notices .notice').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.kind))).toEqual(['lost', 'resumed']);
    expect(await page.locator('#notices [data-kind="resumed"]').textContent()).toContain('continuing after #10');
    await page.screenshot({ path: join(screenshots, 'devtools-resumed.png') });
    // The cut stream is the one error the browser reports.
    expect(errors.filter((error) => !error.includes('net::ERR_INCOMPLETE_CHUNKED_ENCODING'))).toEqual([]);
  });

  test('says which events were missed when history rolled over before the page connected', async () => {
    const bus = new EventBus(Shop, { historyLimit: 5 });
    cleanups.push(async () => bus.close());
    for (let i = 1; i <= 12; i++) bus.publish('AGENT_STEP', { order: 'A-1', step: `step-${i}` });
    const devtools = await serve(bus);
    const { page, errors } = await open(devtools.url);
    await waitForRows(page, 5);
    expect(await shownSeqs(page)).toEqual([8, 9, 10, 11, 12]);
    expect(await page.locator('#notices [data-kind="gap"]').textContent()).toContain('events #1–#7 were missed');
    await page.screenshot({ path: join(screenshots, 'devtools-gap.png') });
    expect(errors).toEqual([]);
  });
});

/** A TCP proxy in front of the devtools server, whose connections the test can cut. */
async function tcpProxy(target: URL): Promise<{ url: string; drop(): void }> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createTcpServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const drop = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  cleanups.push(
    () =>
      new Promise((resolve) => {
        drop();
        server.close(resolve);
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, drop };
}
