import { defineEvents, event } from '@mesh/bus';

/** Everything the order platform reports. */
export const Shop = defineEvents({
  ORDER_PLACED: event<{ order: string; customer: string; total: number }>({ doc: 'A customer placed an order.' }),
  PAYMENT_CAPTURED: event<{ order: string; amount: number }>({ doc: 'The payment went through.' }),
  FULFILMENT_STEP: event<{ order: string; step: 'pick' | 'pack' | 'ship' }>({ doc: 'A warehouse step of one order.' }),
  ORDER_SHIPPED: event<{ order: string }>({ doc: 'The parcel left the warehouse.' }),
  AUDIT: event<string>({ visibility: 'internal', doc: 'Bookkeeping, not for dashboards.' }),
  DAY_CLOSED: event<{ orders: number }>({ terminal: true, doc: 'The shop closed for the day: dashboards end here.' }),
});
