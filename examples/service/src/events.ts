import { defineEvents, event } from '@mesh/bus';

/** The shop's event types: each name carries its payload type. */
export const EventType = defineEvents({
  ORDER_PLACED: event<{ orderId: string; customer: string; total: number }>({ doc: 'A customer placed an order.' }),
  PAYMENT_CAPTURED: event<{ orderId: string; amount: number }>({ doc: 'The payment for an order went through.' }),
  ORDER_CONFIRMED: event<{ orderId: string }>({ doc: 'The order is paid and confirmed.' }),
});
