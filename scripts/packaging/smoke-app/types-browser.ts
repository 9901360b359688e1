// Type smoke test of a browser project: lib ES2022 + DOM only, no Node types, skipLibCheck off.
// The packages that run in a browser must compile there as they are (their declarations bring the
// lib they need, such as Disposable), and `using` works on their tokens and buses.
import { signal, type Subscription } from '@mesh/signals';
import mitt from '@mesh/signals/mitt';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { instrument } from '@mesh/otel';
import { AgUiEvents, aguiHandler } from '@mesh/agui';

const EventType = defineEvents({ ORDER_PLACED: event<{ id: string; total: number }>() });
const root = ScopedEventBus.root(EventType);
root.subscribe('ORDER_PLACED', (e) => e.data.total.toFixed(2));
{
  using run = root.child('tab-1');
  run.publish('ORDER_PLACED', { id: 'A-1', total: 120 });
  // @ts-expect-error total must be a number
  run.publish('ORDER_PLACED', { id: 'A-2', total: '120' });
}
const saved = signal<{ id: number }>('saved');
{
  using token: Subscription = saved.connect((_sender, doc) => doc.id);
  void token.active;
}
mitt<{ tick: number }>().emit('tick', 1);
new EventBus(EventType).publish('ORDER_PLACED', { id: 'A-3', total: 1 });
instrument(root)();
const serve: (request: Request) => Promise<Response> = aguiHandler(ScopedEventBus.root(AgUiEvents), { run: () => {} });
void serve;
