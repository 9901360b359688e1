import { once } from 'node:events';
import { inherits } from 'node:util';
import { describe, expectTypeOf, test } from 'vitest';
import { EventEmitter, captureRejectionSymbol, errorMonitor, type EventArgsMap, type Listener } from '../src/emitter.js';

type Events = { data: [chunk: string, index: number]; end: []; error: [Error] };

describe('the typed EventEmitter', () => {
  test('listener arguments are inferred from the event map; methods chain with this', () => {
    const emitter = new EventEmitter<Events>();
    const chained = emitter
      .on('data', (chunk, index) => {
        expectTypeOf(chunk).toEqualTypeOf<string>();
        expectTypeOf(index).toEqualTypeOf<number>();
      })
      .once('end', (...args) => expectTypeOf(args).toEqualTypeOf<[]>())
      .prependListener('error', (error) => expectTypeOf(error).toEqualTypeOf<Error>());
    expectTypeOf(chained).toEqualTypeOf<EventEmitter<Events>>();
    expectTypeOf(emitter.emit('data', 'a', 1)).toEqualTypeOf<boolean>();
    expectTypeOf(emitter.listeners('data')).toEqualTypeOf<Array<Listener<Events, 'data'>>>();
    expectTypeOf(emitter.rawListeners('data')[0]!.listener).toEqualTypeOf<Listener<Events, 'data'> | undefined>();
  });

  test('wrong names and arguments do not compile', () => {
    const emitter = new EventEmitter<Events>();
    // @ts-expect-error chunk must be a string
    emitter.emit('data', 1, 1);
    // @ts-expect-error index is missing
    emitter.emit('data', 'a');
    // @ts-expect-error not an event of the map
    emitter.on('finish', () => {});
    // @ts-expect-error a listener of other arguments
    emitter.on('end', (x: number) => void x);
  });

  test("every emitter has 'newListener', 'removeListener' and errorMonitor, typed", () => {
    const emitter = new EventEmitter<Events>();
    emitter.on('newListener', (name, listener) => {
      expectTypeOf(name).toEqualTypeOf<string | symbol>();
      expectTypeOf(listener).toBeFunction();
    });
    emitter.on('removeListener', (name) => expectTypeOf(name).toEqualTypeOf<string | symbol>());
    emitter.on(errorMonitor, (error) => expectTypeOf(error).toEqualTypeOf<Error>());
    emitter.on(EventEmitter.errorMonitor, (error) => expectTypeOf(error).toEqualTypeOf<Error>());
  });

  test('without a map: any name, any arguments', () => {
    const emitter = new EventEmitter();
    expectTypeOf(emitter).toEqualTypeOf<EventEmitter<EventArgsMap>>();
    emitter.on('anything', (...args) => expectTypeOf(args).toEqualTypeOf<unknown[]>());
    emitter.emit(Symbol('s'), 1, 'two', {});
    emitter.on('error', (error) => expectTypeOf(error).toBeUnknown());
  });

  test('a subclass keeps the map, returns itself from the chain, and may define the rejection method', () => {
    class Download extends EventEmitter<Events> {
      constructor(readonly url: string) {
        super({ captureRejections: true });
      }
      override [captureRejectionSymbol](error: unknown, name: string | symbol, ...args: unknown[]): void {
        void [error, name, args];
      }
    }
    const download = new Download('https://example.org');
    expectTypeOf(download.on('end', () => {})).toEqualTypeOf<Download>();
    expectTypeOf(download).toMatchTypeOf<EventEmitter<Events>>();
    const value: unknown = download;
    if (value instanceof EventEmitter) expectTypeOf(value).toMatchTypeOf<EventEmitter>();
  });

  test('old-style code type-checks: EventEmitter.call(this), util.inherits, the statics', () => {
    function Legacy(this: object) {
      EventEmitter.call(this);
    }
    inherits(Legacy, EventEmitter);
    EventEmitter.defaultMaxListeners = 20;
    EventEmitter.captureRejections = true;
    expectTypeOf(EventEmitter.captureRejectionSymbol).toEqualTypeOf<typeof captureRejectionSymbol>();
    expectTypeOf(EventEmitter.EventEmitter).toEqualTypeOf<typeof EventEmitter>();
    expectTypeOf(EventEmitter.listenerCount(new EventEmitter(), 'x')).toEqualTypeOf<number>();
    // @ts-expect-error not an option
    new EventEmitter({ captureRejections: 'yes' });
  });

  test("Node's events.once accepts a typed emitter", () => {
    expectTypeOf(once(new EventEmitter<Events>(), 'data')).toEqualTypeOf<Promise<any[]>>();
  });
});
