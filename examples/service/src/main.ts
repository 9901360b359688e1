/**
 * Two services on one typed bus: payments and notifications. An enrichment
 * middleware stamps every event with an ISO time, and a monitor watches
 * HANDLER_ERROR, so a failing handler never takes the others down.
 */
import { EventBus } from '@mesh/bus';
import { EventType } from './events.js';
import { NotificationService, PaymentService } from './services.js';

const bus = new EventBus(EventType, { historyLimit: 100 });

// Enrichment plugin: an immer draft, changed in place.
bus.addMiddleware((draft) => {
  draft.metadata.isoTime = new Date(draft.timestamp).toISOString();
});

// Monitoring: every handler failure arrives as an event.
const failures: string[] = [];
bus.subscribe(EventType.HANDLER_ERROR, (event) => {
  failures.push(`${event.data.eventType} ${event.data.eventId}: ${event.data.error.message}`);
});

const payments = new PaymentService(bus);
const notifications = new NotificationService(bus);

bus.publish(EventType.ORDER_PLACED, { orderId: 'A-1', customer: 'ada', total: 120 }, { source: 'shop' });
bus.publish(EventType.ORDER_PLACED, { orderId: 'A-2', customer: 'bob', total: 5000 }, { source: 'shop' });
bus.publish(EventType.ORDER_PLACED, { orderId: 'A-3', customer: 'eve', total: 80 }, { source: 'shop' });

console.log('captured payments:', payments.captured.join(', '));
for (const line of notifications.sent) console.log('notification:', line);
for (const line of failures) console.log('monitor:', line);
console.log('history:');
for (const event of bus.history()) console.log(`  #${event.seq} ${event.type} from ${event.source ?? 'the bus'}`);
