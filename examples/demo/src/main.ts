/**
 * The @mesh demo: a small order platform on a tree of typed buses.
 * Services share the root bus, a middleware enriches every event, each order
 * runs its fulfilment on a child bus of its own, a failing handler turns into
 * HANDLER_ERROR, and a slow dashboard reads a bounded public stream.
 */
import { ScopedEventBus } from '@mesh/scoped';
import { Shop } from './events.js';
import { say, style } from './style.js';

const platform = ScopedEventBus.root(Shop, { name: 'shop' });
const bus = platform.bus;

console.log(style('bold', '\n@mesh demo: an order platform on typed buses\n'));

// 1. Enrichment middleware, added once on the root: every event of the tree (the services' on the
//    root and each order's on its fulfilment bus) gets an ISO time and the region, on an immer draft.
platform.addMiddleware((draft) => {
  draft.metadata.isoTime = new Date(draft.timestamp).toISOString();
  draft.metadata.region = 'eu-west';
});

// 2. Services on the root bus.
platform.subscribe('ORDER_PLACED', (event) => {
  const { order, total } = event.data;
  if (total > 1000) throw new Error(`card declined for ${order}`);
  platform.publish('PAYMENT_CAPTURED', { order, amount: total }, { source: 'payments' });
});
platform.subscribe('ORDER_PLACED', (event) => {
  platform.publish('AUDIT', `reserved stock for ${event.data.order}`, { source: 'inventory' });
});
platform.subscribe('ORDER_SHIPPED', (event) => say('mailer', `"your order ${event.data.order} is on its way"`));

// 3. Monitoring: every handler failure arrives as an event, with the id of the event that failed.
const failures: string[] = [];
platform.subscribe('HANDLER_ERROR', (event) => {
  failures.push(event.data.eventId);
  say('monitor', style('red', `${event.data.eventType} handler failed: ${event.data.error.message}`));
});

// 4. A warehouse monitor that sees every fulfilment bus through a glob of paths.
platform.subscribe('FULFILMENT_STEP', (event) => say('warehouse', style('dim', `${event.data.step.padEnd(4)} ${event.scope}`)), {
  scope: 'shop/fulfilment-*',
});

// 5. A dashboard that shows public events only, slowly, from a queue of 4.
const dashboard = bus.stream({ visibility: 'public' }, { bufferSize: 4, endOnTerminal: true });
const dashboardDone = (async () => {
  const shown: string[] = [];
  for await (const event of dashboard) {
    shown.push(event.type);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return shown;
})();

/** One order: placed on the root; if paid, fulfilled on a child bus that is disposed at the end. */
async function handle(order: string, customer: string, total: number): Promise<void> {
  platform.publish('ORDER_PLACED', { order, customer, total }, { source: 'storefront' });
  if (total > 1000) return;
  const fulfilment = platform.child(`fulfilment-${order}`);
  for (const step of ['pick', 'pack', 'ship'] as const) {
    fulfilment.publish('FULFILMENT_STEP', { order, step });
    await Promise.resolve();
  }
  fulfilment.publish('ORDER_SHIPPED', { order });
  fulfilment.dispose();
}

say('storefront', 'three orders come in');
await Promise.all([handle('A-1', 'ada', 120), handle('A-2', 'bob', 4800), handle('A-3', 'eve', 60)]);
platform.publish('DAY_CLOSED', { orders: 3 }, { source: 'storefront' });
const shown = await dashboardDone;

// 6. The summary, read from the root bus's history: one ordered log for the whole tree.
const history = bus.history();
const first = history[0]!;
console.log(style('bold', '\nsummary'));
say('history', `${history.length} events, seq ${first.seq}..${history.at(-1)!.seq}, enriched at ${String(first.metadata.isoTime)}`);
const byType = new Map<string, number>();
for (const event of history) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
say('by type', [...byType].map(([type, count]) => `${type} ${count}`).join(', '));
say('failures', `${failures.length} handler failure(s) isolated; the other handlers kept running`);
say('dashboard', `showed ${shown.length} public events, dropped ${dashboard.dropped} while busy, last: ${shown.at(-1)}`);
say('workflows', `${platform.children.length} fulfilment buses left open (each was disposed when its order shipped)`);

/** The root of the demo's tree, for its test to inspect after a run. */
export { platform };
