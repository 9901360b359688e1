// Type smoke test, compiled with tsc --noEmit under node16 and bundler resolution: the typed
// event maps of every package resolve from the installed tarballs, and wrong payloads fail.
import { Namespace, type Subscription } from '@mesh/signals';
import mitt from '@mesh/signals/mitt';
import { EventEmitter } from '@mesh/signals/emitter';
import { EventBus, defineEvents, event, type Event, type PayloadOf } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { sseHandler } from '@mesh/http';
import { connectRedis, type RedisBridge } from '@mesh/redis';
import { instrument } from '@mesh/otel';
import { trace } from '@opentelemetry/api';
import { AgUiEvents, aguiHandler, type AgUiEventMap } from '@mesh/agui';

interface Order { id: string; total: number }

const shop = new Namespace<{ 'order-placed': Order }>();
const placed = shop.signal('order-placed');
const token: Subscription = placed.connect((_sender, order) => order.total.toFixed(2));
placed.send('ada', { id: 'A-1', total: 740 });
// @ts-expect-error total must be a number
placed.send('ada', { id: 'A-1', total: '740' });
token();

const emitter = mitt<{ saved: Order; closed: undefined }>();
emitter.on('saved', (order) => order.id.toUpperCase());
// @ts-expect-error unknown event name
emitter.emit('opened', {});

const node = new EventEmitter<{ tick: [count: number] }>();
node.on('tick', (count) => count.toFixed(0));
// @ts-expect-error tick takes a number
node.emit('tick', 'one');

const EventType = defineEvents({
  ORDER_PLACED: event<Order>(),
  DAY_CLOSED: event({ terminal: true }),
});
const orderPayload: PayloadOf<typeof EventType, 'ORDER_PLACED'> = { id: 'A-2', total: 1 };
const bus = new EventBus(EventType);
bus.subscribe(EventType.ORDER_PLACED, (e: Event<Order>) => e.data.total + 1);
bus.publish(EventType.ORDER_PLACED, orderPayload);
// @ts-expect-error id is missing
bus.publish(EventType.ORDER_PLACED, { total: 1 });
// @ts-expect-error not in the registry
bus.publish('ORDER_CANCELLED', {});

const root = ScopedEventBus.root(EventType);
root.subscribe('ORDER_PLACED', (e) => e.data.id.length, { scope: 'root/*' });
const child = root.child('workflow-1');
child.publish('ORDER_PLACED', { id: 'A-3', total: 2 });
// @ts-expect-error total must be a number
child.publish('ORDER_PLACED', { id: 'A-3', total: 'two' });
child.dispose();

// @mesh/http: a Fetch handler for any bus of the tree; a non-bus does not compile.
const streamAll: (request: Request) => Promise<Response> = sseHandler(root, { filter: { visibility: 'internal' }, bufferSize: 100 });
void streamAll;
// @ts-expect-error not a bus
sseHandler({ stream() {} });

// @mesh/redis: JSON payloads connect; a payload type that is not JSON does not compile.
const bridged: Promise<RedisBridge> = connectRedis(root.bus, { url: 'redis://127.0.0.1:6379', stream: 'shop', group: 'billing' });
void bridged;
const Stamped = defineEvents({ STAMPED: event<{ at: Date }>() });
// @ts-expect-error STAMPED.at is a Date, not a JSON value
void connectRedis(new EventBus(Stamped), { url: 'redis://127.0.0.1:6379', stream: 'shop' });

// @mesh/otel: a bus or a tree, the bus's own type names; a type the registry lacks does not compile.
const untrace: () => void = instrument(root, { tracer: trace.getTracer('smoke'), types: ['ORDER_PLACED'] });
untrace();
// @ts-expect-error not a type of the registry
instrument(bus, { types: ['ORDER_CANCELLED'] });
// @mesh/agui: AG-UI payloads are typed from @ag-ui/core; the handler is a Fetch handler.
const agents: ScopedEventBus<AgUiEventMap> = ScopedEventBus.root(AgUiEvents);
agents.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm', delta: 'hi' });
// @ts-expect-error messageId is required
agents.publish('TEXT_MESSAGE_CONTENT', { delta: 'hi' });
const serveRuns: (request: Request) => Promise<Response> = aguiHandler(agents, { run: (input, run) => run.publish('STEP_STARTED', { stepName: input.runId }) });
void serveRuns;
