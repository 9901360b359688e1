/**
 * `pnpm devtools`: an order and agent workflow runs on a tree of scoped
 * buses, and the devtools page shows it live. Stops with Ctrl-C, or by
 * itself after `--for=<seconds>`; `--open` opens the page in the browser,
 * `--port=<n>` picks the port.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { serveDevtools } from '@mesh/http';
import { createShop, runScenario } from './scenario.js';

const { values } = parseArgs({
  options: {
    for: { type: 'string' },
    port: { type: 'string', default: '0' },
    open: { type: 'boolean', default: false },
  },
});

/** Opens a URL with the system's opener; a machine without one just keeps the printed URL. */
function openInBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  const child = spawn(command!, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

const shop = createShop();
const devtools = await serveDevtools(shop, { port: Number(values.port) });
console.log(`devtools: ${devtools.url}`);
console.log(`events:   ${devtools.eventsUrl}`);
if (values.open) openInBrowser(devtools.url);

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
if (values.for !== undefined) setTimeout(() => stop.abort(), Number(values.for) * 1000).unref();

const orders = await runScenario(shop, 1500, stop.signal);
await devtools.close();
console.log(`stopped after ${orders} orders, ${shop.bus.history().at(-1)?.seq ?? 0} events`);
shop.dispose();
