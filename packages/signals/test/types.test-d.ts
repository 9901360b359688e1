import { describe, expectTypeOf, test } from 'vitest';
import { ANY, Namespace, NamedSignal, Signal, signal, type Receiver, type Subscription } from '../src/index.js';

interface Saved {
  id: number;
}

describe('types of @mesh/signals', () => {
  test('a receiver gets the payload and sender types', () => {
    const sig = new Signal<Saved, string>();
    sig.connect((sender, payload) => {
      expectTypeOf(sender).toEqualTypeOf<string>();
      expectTypeOf(payload).toEqualTypeOf<Saved>();
    });
  });

  test('a receiver with the wrong payload type does not compile', () => {
    const sig = new Signal<Saved>();
    // @ts-expect-error the payload is Saved, not string
    sig.connect((_s: unknown, _payload: string) => {});
    // @ts-expect-error a Saved has no `name`
    sig.connect((_s, payload) => payload.name);
  });

  test('send with the wrong payload does not compile', () => {
    const sig = new Signal<Saved>();
    sig.send(undefined, { id: 1 });
    // @ts-expect-error id must be a number
    sig.send(undefined, { id: '1' });
    // @ts-expect-error emit checks the payload too
    sig.emit(undefined, 'saved');
  });

  test('send with a sender of the wrong type does not compile', () => {
    const sig = new Signal<void, { name: string }>();
    sig.send({ name: 'app' });
    // @ts-expect-error the sender must be a { name: string }
    sig.send(42);
    // @ts-expect-error the sender option too
    sig.connect(() => {}, { sender: 'app' });
    sig.connect(() => {}, { sender: ANY });
  });

  test('send returns typed pairs; sendAsync awaits the results', () => {
    const sig = new Signal<number, unknown, Promise<string>>();
    expectTypeOf(sig.send(undefined, 1)).toEqualTypeOf<Array<[Receiver<number, unknown, Promise<string>>, Promise<string>]>>();
    expectTypeOf(sig.sendAsync(undefined, 1)).resolves.toEqualTypeOf<Array<[Receiver<number, unknown, Promise<string>>, string]>>();
    expectTypeOf(sig.emit(undefined, 1)).toEqualTypeOf<void>();
  });

  test('connect returns a callable, disposable Subscription', () => {
    const sub = new Signal().connect(() => {});
    expectTypeOf(sub).toEqualTypeOf<Subscription>();
    expectTypeOf(sub()).toEqualTypeOf<boolean>();
    expectTypeOf(sub.active).toEqualTypeOf<boolean>();
    expectTypeOf(sub).toMatchTypeOf<Disposable>();
  });

  test('connectVia returns the decorated function with its own type', () => {
    const sig = new Signal<Saved, string>();
    const handler = sig.connectVia('app')((_s: string, p: Saved) => p.id);
    expectTypeOf(handler).toEqualTypeOf<(_s: string, p: Saved) => number>();
    // @ts-expect-error the decorated receiver must accept the payload
    sig.connectVia('app')((_s: string, p: number) => p);
  });

  test('a namespace typed by an event map gives typed signals, and rejects unknown names', () => {
    const ns = new Namespace<{ saved: Saved; closed: void }>();
    expectTypeOf(ns.signal('saved')).toEqualTypeOf<NamedSignal<Saved>>();
    expectTypeOf(ns.get('closed')).toEqualTypeOf<NamedSignal<void> | undefined>();
    // @ts-expect-error not in the event map
    ns.signal('opened');
    ns.signal('saved').send(undefined, { id: 1 });
    // @ts-expect-error wrong payload for `saved`
    ns.signal('saved').send(undefined, { id: 'x' });
  });

  test('signal() takes its payload type as a parameter', () => {
    expectTypeOf(signal<Saved>('typed-saved')).toEqualTypeOf<NamedSignal<Saved>>();
    expectTypeOf(signal('untyped')).toEqualTypeOf<NamedSignal<unknown>>();
  });

  test('meta-signals carry typed payloads', () => {
    Signal.receiverConnected.connect((sender, payload) => {
      expectTypeOf(payload.weak).toEqualTypeOf<boolean>();
      expectTypeOf(payload.receiver).toEqualTypeOf<Function>();
      expectTypeOf(sender).toMatchTypeOf<Signal<any, any, any>>();
    });
  });
});
