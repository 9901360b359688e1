import { defineEvents, event } from '@mesh/bus';

/** What the order agents report: public progress, internal tool calls, debug token counts. */
export const Orders = defineEvents({
  ORDER_PLACED: event<{ order: string; customer: string; items: number; total: number }>({ doc: 'A customer placed an order; its agent run starts.' }),
  AGENT_STEP: event<{ order: string; step: string; note: string }>({ doc: 'One step of an order agent, in its lane.' }),
  TOOL_CALL: event<{ tool: string; args: Record<string, unknown>; ms: number }>({ visibility: 'internal', doc: 'An agent called a tool.' }),
  TOKEN_USAGE: event<{ prompt: number; completion: number }>({ visibility: 'debug', doc: 'Model tokens spent by one step.' }),
  PAYMENT_CAPTURED: event<{ order: string; amount: number }>({ doc: 'The payment went through.' }),
  AUDIT: event<string>({ visibility: 'internal', doc: 'Bookkeeping, not for dashboards.' }),
  ORDER_SHIPPED: event<{ order: string; carrier: string }>({ terminal: true, doc: 'The order left the warehouse: its run ends here.' }),
  ORDER_CANCELLED: event<{ order: string; reason: string }>({ terminal: true, doc: 'The order was given up: its run ends here.' }),
});
