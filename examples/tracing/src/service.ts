/**
 * An order service: `POST /orders` publishes ORDER_PLACED on a child bus of
 * its own; inventory, payments and notifications react on the root. With
 * `instrument(root)` every publish and handler call is a span of the
 * request's trace, also the steps that run after the response was sent.
 */
import { createServer, type Server } from 'node:http';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { defineEvents, event, type EventMapOf } from '@mesh/bus';
import { instrument } from '@mesh/otel';
import { ScopedEventBus } from '@mesh/scoped';

/** The service's events. */
export const OrderEvent = defineEvents({
  ORDER_PLACED: event<{ id: string; total: number }>(),
  STOCK_RESERVED: event<{ id: string; total: number }>(),
  PAYMENT_CAPTURED: event<{ id: string; total: number }>(),
  ORDER_CONFIRMED: event<{ id: string }>(),
});

/** A bus of the order tree. */
export type OrderBus = ScopedEventBus<EventMapOf<typeof OrderEvent>>;

const tracer = trace.getTracer('orders');

/** The bus tree and its handlers; `instrument` traces every bus of it, each order's child bus too. */
export class Orders {
  /** The root of the tree: the services subscribe here. */
  readonly root = ScopedEventBus.root(OrderEvent);
  readonly #untrace = instrument(this.root);
  /** The child bus of each open order. */
  readonly #open = new Map<string, OrderBus>();

  constructor() {
    const { root } = this;
    // Inventory: synchronous; its own span and its publish are children of its handler span.
    root.subscribe(OrderEvent.ORDER_PLACED, (e) => {
      tracer.startActiveSpan('reserve stock', (span) => {
        this.#busOf(e.data.id).publish(OrderEvent.STOCK_RESERVED, e.data);
        span.end();
      });
    });
    // Payments: asynchronous; the active span survives the await.
    root.subscribe(OrderEvent.STOCK_RESERVED, async (e) => {
      await tracer.startActiveSpan('charge card', async (span) => {
        await new Promise((resolve) => setImmediate(resolve));
        span.end();
      });
      this.#busOf(e.data.id).publish(OrderEvent.PAYMENT_CAPTURED, e.data);
    });
    // Notifications: the mail relay refuses large orders; the handler's span records the error.
    root.subscribe(OrderEvent.PAYMENT_CAPTURED, (e) => {
      if (e.data.total > 1000) throw new Error(`mail relay refused the receipt of ${e.data.id}`);
    });
    root.subscribe(OrderEvent.HANDLER_ERROR, (e) => void console.log(`handler of ${e.data.eventType} failed: ${e.data.error.message}`));
    root.subscribe(OrderEvent.PAYMENT_CAPTURED, (e) => void this.#busOf(e.data.id).publish(OrderEvent.ORDER_CONFIRMED, { id: e.data.id }));
    // The order is done: its child bus goes.
    root.subscribe(OrderEvent.ORDER_CONFIRMED, (e) => {
      this.#open.get(e.data.id)?.dispose();
      this.#open.delete(e.data.id);
    });
  }

  /** Opens an order: a child bus of its own, and ORDER_PLACED on it. */
  place(order: { id: string; total: number }): void {
    const workflow = this.root.child(`order-${order.id}`);
    this.#open.set(order.id, workflow);
    workflow.publish(OrderEvent.ORDER_PLACED, order);
  }

  /** The number of orders still open. */
  get openOrders(): number {
    return this.#open.size;
  }

  /** Stops tracing and closes the tree. */
  close(): void {
    this.#untrace();
    this.root.dispose();
  }

  #busOf(id: string): OrderBus {
    return this.#open.get(id) ?? this.root;
  }
}

/** `POST /orders` with `{ id, total }`: a SERVER span continuing the caller's trace, 202 once published. */
export function serveOrders(orders: Orders): Server {
  return createServer((req, res) => {
    const parent = propagation.extract(context.active(), req.headers);
    void tracer.startActiveSpan(`${req.method} ${req.url}`, { kind: SpanKind.SERVER }, parent, async (span) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      orders.place(JSON.parse(body) as { id: string; total: number });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      span.end();
    });
  });
}
