import type { EventMapOf } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { Orders } from './events.js';

/** The bus tree of the scenario. */
export type Shop = ScopedEventBus<EventMapOf<typeof Orders>>;

const CUSTOMERS = ['ada', 'bob', 'eve', 'lin', 'sam', 'zoe'];
const CARRIERS = ['dhl', 'ups', 'post'];

/** A pause of `ms` milliseconds that a stop cuts short. */
function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * The shop: services on the root bus (payments, an audit log, a fraud check
 * that fails now and then, which the bus reports as HANDLER_ERROR).
 */
export function createShop(): Shop {
  const shop: Shop = ScopedEventBus.root(Orders, { name: 'shop' });
  shop.subscribe('ORDER_PLACED', (event) => {
    shop.publish('AUDIT', `order ${event.data.order} reserved ${event.data.items} item(s)`, { source: 'inventory', runId: event.runId });
  });
  shop.subscribe('PAYMENT_CAPTURED', (event) => {
    if (event.runId?.endsWith('3') === true) throw new Error(`fraud check timed out for ${event.data.order}`);
  });
  return shop;
}

/**
 * One order as an agent run with three lanes (planner, inventory, shipping),
 * on a child bus of its own (`shop/order-N`, its agent on `shop/order-N/agent`),
 * ending in a terminal event; the child buses are disposed at the end.
 */
export async function runOrder(shop: Shop, n: number, stop: AbortSignal): Promise<void> {
  const order = `A-${n}`;
  const runId = `run-${n}`;
  const orderBus = shop.child(`order-${n}`);
  const agent = orderBus.child('agent');
  const step = async (lane: string, name: string, note: string): Promise<void> => {
    agent.publish('AGENT_STEP', { order, step: name, note }, { source: `${lane}-agent`, runId, lane });
    agent.publish('TOKEN_USAGE', { prompt: 200 + ((n * 37) % 300), completion: 40 + ((n * 11) % 90) }, { source: `${lane}-agent`, runId, lane });
    await pause(300, stop);
  };
  const items = 1 + (n % 4);
  const total = 20 * items + (n % 7) * 5;
  shop.publish('ORDER_PLACED', { order, customer: CUSTOMERS[n % CUSTOMERS.length]!, items, total }, { source: 'storefront', runId, metadata: { channel: n % 2 === 0 ? 'web' : 'app' } });
  await step('planner', 'plan', `split ${order} into inventory and shipping work`);
  agent.publish('TOOL_CALL', { tool: 'stock.lookup', args: { order, items }, ms: 12 + (n % 20) }, { source: 'inventory-agent', runId, lane: 'inventory' });
  await step('inventory', 'reserve', `${items} item(s) reserved`);
  if (n % 6 === 5) {
    orderBus.publish('ORDER_CANCELLED', { order, reason: 'an item went out of stock' }, { source: 'inventory-agent', runId, lane: 'inventory' });
  } else {
    orderBus.publish('PAYMENT_CAPTURED', { order, amount: total }, { source: 'payments', runId, metadata: { currency: 'EUR' } });
    agent.publish('TOOL_CALL', { tool: 'carrier.quote', args: { order, carriers: CARRIERS }, ms: 40 + (n % 30) }, { source: 'shipping-agent', runId, lane: 'shipping' });
    await step('shipping', 'label', `label printed for ${order}`);
    orderBus.publish('ORDER_SHIPPED', { order, carrier: CARRIERS[n % CARRIERS.length]! }, { source: 'shipping-agent', runId, lane: 'shipping' });
  }
  orderBus.dispose();
}

/** Starts an order every `everyMs` until `stop` aborts; resolves when the orders in flight are done. */
export async function runScenario(shop: Shop, everyMs: number, stop: AbortSignal): Promise<number> {
  const running = new Set<Promise<void>>();
  let n = 0;
  while (!stop.aborted) {
    n++;
    const order = runOrder(shop, n, stop).finally(() => running.delete(order));
    running.add(order);
    await pause(everyMs, stop);
  }
  await Promise.all(running);
  return n;
}
