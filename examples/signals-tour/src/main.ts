/**
 * A terminal tour of @mesh/signals: an order service announces what happens
 * to orders; a mailer, an auditor and a per-customer dashboard listen.
 */
import { ANY, Namespace, Signal } from '@mesh/signals';
import { styleText } from 'node:util';

interface Order {
  id: string;
  customer: string;
  total: number;
}

/** The shop's signals, typed by an event map. */
const shop = new Namespace<{ 'order-placed': Order; 'order-shipped': Order }>();
const placed = shop.signal('order-placed', 'An order was placed.');
const shipped = shop.signal('order-shipped', 'An order left the warehouse.');

/** Colours when stdout is a colour terminal and NO_COLOR is unset. */
const paint = (format: Parameters<typeof styleText>[0], text: string): string =>
  process.stdout.isTTY === true && process.env.NO_COLOR === undefined ? styleText(format, text) : text;
const say = (who: string, text: string): void => console.log(`${paint('cyan', who.padEnd(10))} ${text}`);

// Meta-signal: watch every receiver that connects to any signal.
using _watch = Signal.receiverConnected.connectedTo((signal, { sender }) => {
  const target = sender === ANY ? 'any sender' : `sender ${String(sender)}`;
  say('registry', paint('dim', `a receiver connected to ${String(signal)} for ${target}`));
});

// A mailer for every order, an auditor that returns a verdict, and a VIP desk for one customer only.
placed.connect((_sender, order) => say('mailer', `confirmation sent for ${order.id}`));
placed.connect((_sender, order) => (order.total > 500 ? 'review' : 'ok'));
placed.connect((customer, order) => say('vip desk', `${customer} placed ${order.id}, call them`), { sender: 'ada' });

// A dashboard widget that lives exactly as long as the widget object (JavaScript's bound method).
class Dashboard {
  readonly shipped: string[] = [];
  constructor() {
    shipped.connect((_sender, order) => void this.shipped.push(order.id), { owner: this });
  }
}
const dashboard = new Dashboard();

console.log(paint('bold', '\n1. send calls every receiver in order and returns their results'));
const results = placed.send('bob', { id: 'A-1', customer: 'bob', total: 740 });
say('shop', `auditor said ${paint('yellow', String(results[1]![1]))}`);

console.log(paint('bold', '\n2. sender-specific receivers only run for their sender'));
placed.send('ada', { id: 'A-2', customer: 'ada', total: 120 });

console.log(paint('bold', '\n3. muting silences a signal for a block'));
{
  using _quiet = placed.muted();
  const silent = placed.send('bob', { id: 'A-3', customer: 'bob', total: 10 });
  say('shop', `sent while muted: ${silent.length} receivers called`);
}

console.log(paint('bold', '\n4. owner-bound receivers and one-shot receivers'));
shipped.connect((_sender, order) => say('courier', `first shipment of the day: ${order.id}`), { once: true });
shipped.emit('warehouse', { id: 'A-1', customer: 'bob', total: 740 });
shipped.emit('warehouse', { id: 'A-2', customer: 'ada', total: 120 });
say('dashboard', `shipped so far: ${dashboard.shipped.join(', ')}`);

console.log(paint('bold', '\n5. summary'));
say('summary', `${shop.names().length} signals: ${shop.names().join(', ')}`);
say('summary', `order-placed has ${placed.receiverCount} receivers, order-shipped has ${shipped.receiverCount}`);
