/**
 * Runs the traced order service: two checkouts over HTTP, each a CLIENT
 * span whose trace continues in the server, through every event and handler
 * of the bus tree, then prints the spans as one tree per trace.
 */
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { startTelemetry } from './telemetry.js';
import { Orders, serveOrders } from './service.js';

const telemetry = startTelemetry(); // before the service, as a service's bootstrap does
const orders = new Orders();
const server = serveOrders(orders).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;

const tracer = trace.getTracer('shop-frontend');
const checkouts = [
  { id: 'A-1', total: 120 },
  { id: 'B-2', total: 2400 },
];
for (const order of checkouts) {
  await tracer.startActiveSpan(`checkout ${order.id}`, { kind: SpanKind.CLIENT }, async (span) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    propagation.inject(context.active(), headers); // traceparent: the server continues this trace
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(order) });
    console.log(`POST /orders ${order.id}: ${response.status}`);
    span.end();
  });
}

// The work goes on after each 202: wait until every order's last handler span has ended.
await telemetry.exporter.ended('process ORDER_CONFIRMED', checkouts.length);
console.log(`open orders: ${orders.openOrders}`);
console.log(telemetry.exporter.print());
server.close();
orders.close();
await telemetry.stop();
