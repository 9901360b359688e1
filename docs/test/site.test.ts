import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { docsDir, readGuides } from './guide-code.js';

const root = join(docsDir, '..');
const site = join(docsDir, 'site');
const screenshots = join(site, 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A static server for the built site, on 127.0.0.1 and a free port. */
function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Build the site as `pnpm run docs` does (typedoc.json at the root; warnings are errors), before
// the tests are collected: the list of pages to open is read from the built site.
execFileSync(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc')], { cwd: root, stdio: 'pipe' });

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  server = await serve(site);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Every guide page, and the API pages the docs must have. */
function pages(): Array<[string, string]> {
  const guides = readdirSync(join(site, 'documents'))
    .filter((file) => file.endsWith('.html'))
    .map((file): [string, string] => [`documents/${file}`, file.replace(/\.html$/, '').replace(/_/g, ' ')]);
  return [
    ['index.html', '@mesh'],
    ...guides,
    ['classes/_mesh_signals.index.Signal.html', 'Signal'],
    ['classes/_mesh_bus.EventBus.html', 'EventBus'],
    ['classes/_mesh_scoped.ScopedEventBus.html', 'ScopedEventBus'],
    ['functions/_mesh_redis.connectRedis.html', 'connectRedis'],
    ['functions/_mesh_otel.instrument.html', 'instrument'],
    ['functions/_mesh_agui.aguiHandler.html', 'aguiHandler'],
  ];
}

describe('the API site in headless Chromium', () => {
  test('has a page for every guide', () => {
    expect(readdirSync(join(site, 'documents')).filter((file) => file.endsWith('.html'))).toHaveLength(readGuides().length);
  });

  test.each(pages())('%s renders its heading with no console errors', async (path, heading) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => void errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url().slice(base.length)}`);
    });
    const response = await page.goto(`${base}/${path}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const title = (await page.locator('h1').first().textContent()) ?? '';
    expect(title).toContain(heading);
    await page.screenshot({ path: join(screenshots, `${path.replace(/[/]/g, '_').replace(/\.html$/, '')}.png`), fullPage: false });
    await page.close();
    expect(errors).toEqual([]);
  });
});

/** A page of the site at a wide desktop viewport, loaded, with its sidebar navigation built. */
async function openWide(path: string): Promise<import('playwright-core').Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/${path}`, { waitUntil: 'load' });
  await page.locator('.tsd-navigation a[href*="_mesh_bus"]').first().waitFor({ state: 'visible' });
  return page;
}

/** The package names, as the sidebar lists them. */
const PACKAGES = ['@mesh/agui', '@mesh/bus', '@mesh/http', '@mesh/otel', '@mesh/redis', '@mesh/scoped', '@mesh/signals'];

describe('the API site layout at 1440 × 900', { timeout: 30_000 }, () => {
  test('the index shows its title once: the README heading that repeats it is hidden', async () => {
    const page = await openWide('index.html');
    const visible = await page.locator('.col-content h1:visible').allTextContents();
    expect(visible.map((text) => text.trim())).toEqual(['@mesh']);
    await page.screenshot({ path: join(screenshots, 'layout-index.png') });
    await page.close();
  });

  test('the sidebar lists every package at its top level, with no folder to open', async () => {
    const page = await openWide('index.html');
    const links = await page.locator('.tsd-navigation a:visible').allTextContents();
    for (const name of PACKAGES) expect(links.some((text) => text.trim().startsWith(name))).toBe(true);
    // No folder named after the scope holds them: such a folder is a <details> of its own.
    expect(await page.locator('.tsd-navigation details > summary', { hasText: /^\s*@mesh\s*$/ }).count()).toBe(0);
    await page.close();
  });

  test('the content column is wide and code keeps its lines (no wrapping)', async () => {
    const page = await openWide('index.html');
    const layout = await page.evaluate(() => {
      const content = document.querySelector('.col-content')!.getBoundingClientRect().width;
      const pre = document.querySelector('.tsd-typography pre')!;
      return { content, whiteSpace: getComputedStyle(pre).whiteSpace };
    });
    expect(layout.content).toBeGreaterThanOrEqual(850);
    expect(layout.whiteSpace).toBe('pre');
    await page.close();
  });

  test('a page opened at an anchor shows that member in the viewport', async () => {
    const page = await openWide('classes/_mesh_bus.EventBus.html#subscribe');
    const target = page.locator('[id="subscribe"]');
    await target.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const top = document.getElementById('subscribe')?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < window.innerHeight;
    });
    expect(await page.locator('.col-content').innerText()).toContain('subscribe');
    await page.screenshot({ path: join(screenshots, 'layout-eventbus-subscribe.png') });
    await page.close();
  });
});
