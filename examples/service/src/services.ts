import type { EventBus, EventMapOf } from '@mesh/bus';
import type { EventType } from './events.js';

/** The bus the shop's services share. */
export type ShopBus = EventBus<EventMapOf<typeof EventType>>;

/** Takes payments for placed orders, and confirms the ones that went through. */
export class PaymentService {
  readonly captured: string[] = [];

  constructor(bus: ShopBus) {
    bus.subscribe('ORDER_PLACED', (event) => {
      const { orderId, total } = event.data;
      if (total > 1000) throw new Error(`card declined for ${orderId}: ${total} is over the limit`);
      this.captured.push(orderId);
      bus.publish('PAYMENT_CAPTURED', { orderId, amount: total }, { source: 'payments' });
    });
    bus.subscribe('PAYMENT_CAPTURED', (event) => {
      bus.publish('ORDER_CONFIRMED', { orderId: event.data.orderId }, { source: 'payments' });
    });
  }
}

/** Tells customers about confirmed orders. */
export class NotificationService {
  readonly sent: string[] = [];

  constructor(bus: ShopBus) {
    bus.subscribe('ORDER_CONFIRMED', (event) => {
      this.sent.push(`order ${event.data.orderId} confirmed (enriched at ${String(event.metadata.isoTime)})`);
    });
  }
}
