import { describe, expect, test } from 'vitest';
import { ANY, Signal, type Receiver } from '../src/index.js';

/** A receiver that records its name, sender and payload into `log`, and returns its name. */
function recorder(log: unknown[], name: string): Receiver<unknown, unknown, string> {
  return (sender, payload) => {
    log.push([name, sender, payload]);
    return name;
  };
}

describe('API rules of @mesh/signals (packages/signals/README.md, Rules)', () => {
  test('rule 1: receivers run in connection order', () => {
    const sig = new Signal<number>();
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) sig.connect(() => void order.push(name));
    sig.send(undefined, 1);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  test('rule 1: a receiver connected for ANY and for the sender runs once, at its earliest connection', () => {
    const sig = new Signal<void, string>();
    const order: string[] = [];
    const both = () => void order.push('both');
    const first = () => void order.push('first');
    const last = () => void order.push('last');
    sig.connect(first);
    sig.connect(both, { sender: 'x' }); // earliest matching connection: here
    sig.connect(both); // ANY, later
    sig.connect(last, { sender: 'x' });
    sig.send('x');
    expect(order).toEqual(['first', 'both', 'last']);
    order.length = 0;
    sig.send('y');
    expect(order).toEqual(['first', 'both']);
  });

  test('rule 1: connecting the same receiver again for the same sender changes nothing', () => {
    const sig = new Signal();
    const log: unknown[] = [];
    const r = recorder(log, 'r');
    const other = recorder(log, 'other');
    sig.connect(r);
    sig.connect(other);
    sig.connect(r);
    sig.connect(r, { sender: ANY });
    expect(sig.receiverCount).toBe(2);
    expect(sig.send().map(([, name]) => name)).toEqual(['r', 'other']);
  });

  test('rule 1: receiverCount counts distinct receivers across senders', () => {
    const sig = new Signal<void, unknown>();
    const r = () => {};
    sig.connect(r);
    sig.connect(r, { sender: 'a' });
    sig.connect(r, { sender: {} });
    sig.connect(() => {}, { sender: 'a' });
    expect(sig.receiverCount).toBe(2);
    sig.disconnect(r, 'a');
    expect(sig.receiverCount).toBe(2);
    sig.disconnect(r);
    expect(sig.receiverCount).toBe(1);
  });

  test('rule 2: send works on a snapshot; connects and disconnects during a send take effect from the next send', () => {
    const sig = new Signal();
    const calls: string[] = [];
    const late = () => void calls.push('late');
    const victim = () => void calls.push('victim');
    sig.connect(() => {
      calls.push('changer');
      sig.connect(late);
      sig.disconnect(victim);
    });
    sig.connect(victim);
    sig.send();
    expect(calls).toEqual(['changer', 'victim']);
    calls.length = 0;
    sig.send();
    expect(calls).toEqual(['changer', 'late']);
  });

  test('rule 3: a sender-specific receiver runs only for its sender; objects by identity', () => {
    const sig = new Signal<void, object>();
    const a = { id: 1 };
    const twin = { id: 1 };
    const log: unknown[] = [];
    sig.connect(recorder(log, 'for-a'), { sender: a });
    sig.send(twin);
    expect(log).toEqual([]);
    sig.send(a);
    expect(log).toEqual([['for-a', a, undefined]]);
  });

  test('rule 3: primitive senders match by value (SameValueZero)', () => {
    const sig = new Signal<void, unknown>();
    const seen: unknown[] = [];
    sig.connect((s) => void seen.push(s), { sender: NaN });
    sig.connect((s) => void seen.push(s), { sender: 0 });
    sig.connect((s) => void seen.push(s), { sender: 'key' });
    sig.send(NaN);
    sig.send(-0);
    sig.send('key');
    sig.send('other');
    sig.send(1);
    expect(seen).toEqual([NaN, -0, 'key']);
  });

  test('rule 4: object senders are held weakly (the sender index is a WeakMap; GC behaviour is in weak.gc.test.ts)', () => {
    const sig = new Signal<void, object>();
    const sender = {};
    sig.connect(() => {}, { sender });
    expect(sig.hasReceiversFor(sender)).toBe(true);
    expect(sig.hasReceiversFor({})).toBe(false);
  });

  test('rule 5: receivers are strong by default; weak and owner-bound ones are called while alive', () => {
    const sig = new Signal<number>();
    const got: string[] = [];
    const weak = () => void got.push('weak');
    const owner = {};
    sig.connect(() => void got.push('strong'));
    sig.connect(weak, { weak: true });
    sig.connect(() => void got.push('owned'), { owner });
    sig.emit(undefined, 1);
    expect(got).toEqual(['strong', 'weak', 'owned']);
    expect(sig.receiverCount).toBe(3);
  });

  test('rule 6: send returns [receiver, returnValue] pairs in call order', () => {
    const sig = new Signal<number, string, number>();
    const double = (_: string, n: number) => n * 2;
    const square = (_: string, n: number) => n * n;
    sig.connect(double);
    sig.connect(square);
    expect(sig.send('me', 5)).toEqual([
      [double, 10],
      [square, 25],
    ]);
  });

  test("rule 6: a throwing receiver's error propagates out of send", () => {
    const sig = new Signal();
    const after: string[] = [];
    const boom = new Error('boom');
    sig.connect(() => {
      throw boom;
    });
    sig.connect(() => void after.push('after'));
    expect(() => sig.send()).toThrow(boom);
    expect(after).toEqual([]);
  });

  test('rule 7: sendAsync awaits receivers one after another and returns awaited values', async () => {
    const sig = new Signal<number, unknown, Promise<number> | number>();
    const events: string[] = [];
    const slow = async (_: unknown, n: number) => {
      events.push('slow start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push('slow end');
      return n + 1;
    };
    const fast = (_: unknown, n: number) => {
      events.push('fast');
      return n + 2;
    };
    sig.connect(slow);
    sig.connect(fast);
    const results = await sig.sendAsync(undefined, 10);
    expect(results).toEqual([
      [slow, 11],
      [fast, 12],
    ]);
    expect(events).toEqual(['slow start', 'slow end', 'fast']);
  });

  test('rule 8: while muted, send calls nothing and returns []', () => {
    const sig = new Signal();
    let calls = 0;
    sig.connect(() => calls++);
    {
      using _mute = sig.muted();
      expect(sig.isMuted).toBe(true);
      expect(sig.send()).toEqual([]);
      sig.emit();
    }
    expect(sig.isMuted).toBe(false);
    expect(sig.send()).toHaveLength(1);
    expect(calls).toBe(1);
  });

  test('rule 8: mutes nest, and disposing a handle twice counts once', async () => {
    const sig = new Signal();
    let calls = 0;
    sig.connect(() => calls++);
    const outer = sig.muted();
    const inner = sig.muted();
    inner[Symbol.dispose]();
    inner[Symbol.dispose]();
    expect(sig.isMuted).toBe(true);
    sig.send();
    expect(await sig.sendAsync()).toEqual([]);
    outer[Symbol.dispose]();
    expect(sig.isMuted).toBe(false);
    sig.send();
    expect(calls).toBe(1);
  });

  test('rule 9: receiverConnected / receiverDisconnected fire with the signal as sender', () => {
    const sig = new Signal<void, string>();
    const events: unknown[] = [];
    const onConnect = (s: unknown, p: { receiver: Function; sender: unknown; weak: boolean }) =>
      void events.push(['connected', s, p]);
    const onDisconnect = (s: unknown, p: { receiver: Function | undefined; sender: unknown }) =>
      void events.push(['disconnected', s, p]);
    using _a = Signal.receiverConnected.connectedTo(onConnect, sig);
    using _b = Signal.receiverDisconnected.connectedTo(onDisconnect, sig);
    const r = () => {};
    const sub = sig.connect(r, { sender: 'x' });
    sig.connect(r, { weak: true });
    sub();
    sig.disconnect(r);
    expect(events).toEqual([
      ['connected', sig, { receiver: r, sender: 'x', weak: false }],
      ['connected', sig, { receiver: r, sender: ANY, weak: true }],
      ['disconnected', sig, { receiver: r, sender: 'x' }],
      ['disconnected', sig, { receiver: r, sender: ANY }],
    ]);
  });

  test('rule 9: automatic removals (once, abort) fire receiverDisconnected too', () => {
    const sig = new Signal();
    const removed: unknown[] = [];
    using _ = Signal.receiverDisconnected.connectedTo((_s, p) => void removed.push(p.receiver), sig);
    const once = () => {};
    const aborted = () => {};
    const controller = new AbortController();
    sig.connect(once, { once: true });
    sig.connect(aborted, { signal: controller.signal });
    sig.send();
    controller.abort();
    expect(removed).toEqual([once, aborted]);
    expect(sig.receiverCount).toBe(0);
  });

  test('rule 10: an already-aborted AbortSignal connects nothing and returns an inactive subscription', () => {
    const sig = new Signal();
    const connected: unknown[] = [];
    using _ = Signal.receiverConnected.connectedTo((_s, p) => void connected.push(p), sig);
    const sub = sig.connect(() => {}, { signal: AbortSignal.abort() });
    expect(sub.active).toBe(false);
    expect(sub()).toBe(false);
    expect(sig.receiverCount).toBe(0);
    expect(connected).toEqual([]);
  });

  test('rule 10: aborting later disconnects', () => {
    const sig = new Signal();
    const controller = new AbortController();
    const sub = sig.connect(() => {}, { signal: controller.signal });
    expect(sub.active).toBe(true);
    controller.abort();
    expect(sub.active).toBe(false);
    expect(sig.receiverCount).toBe(0);
  });

  test('rule 11: a non-function receiver is a TypeError naming the problem (full table in bad-input.test.ts)', () => {
    const sig = new Signal();
    expect(() => sig.connect('nope' as never)).toThrow(new TypeError('Signal.connect: receiver must be a function, got the string "nope"'));
  });

  test('rule 12: emit calls exactly what send calls, in the same order, and returns undefined', () => {
    /** Two identical signals: one is sent to, the other emitted on. */
    function build(log: unknown[]) {
      const sig = new Signal<number, string>();
      const make = (name: string) => (s: string, n: number) => void log.push([name, s, n]);
      const owner = {};
      sig.connect(make('any-1'));
      sig.connect(make('x-only'), { sender: 'x' });
      sig.connect(make('once'), { once: true });
      sig.connect(make('owned'), { owner });
      sig.connect(make('y-only'), { sender: 'y' });
      sig.connect(make('any-2'));
      return { sig, owner };
    }
    const sent: unknown[] = [];
    const emitted: unknown[] = [];
    const a = build(sent);
    const b = build(emitted);
    for (const sender of ['x', 'y', 'x', 'z']) {
      expect(a.sig.send(sender, 1).length).toBeGreaterThan(0);
      expect(b.sig.emit(sender, 1)).toBeUndefined();
    }
    expect(emitted).toEqual(sent);
    expect(sent.map((entry) => (entry as string[])[0])).toEqual([
      ...['any-1', 'x-only', 'once', 'owned', 'any-2'],
      ...['any-1', 'owned', 'y-only', 'any-2'],
      ...['any-1', 'x-only', 'owned', 'any-2'],
      ...['any-1', 'owned', 'any-2'],
    ]);
  });

  test.each(['strong', 'owner-bound'] as const)('rule 12: emit to %s receivers while a sender gains and loses receivers of its own', (hold) => {
    const sig = new Signal<number, string>();
    const calls: string[] = [];
    const owner = {};
    const options = hold === 'strong' ? undefined : { owner };
    sig.connect((s, n) => void calls.push(`any-1 ${s}${n}`), options);
    sig.connect((s, n) => void calls.push(`any-2 ${s}${n}`), options);
    const emitAll = (n: number): void => {
      for (const sender of ['x', 'z']) sig.emit(sender, n);
    };
    emitAll(1); // the fast path, built
    const own = sig.connect((s, n) => void calls.push(`x-only ${s}${n}`), { sender: 'x' });
    emitAll(2);
    expect(own()).toBe(true);
    emitAll(3);
    emitAll(4); // the fast path, built again
    expect(calls).toEqual([
      ...['any-1 x1', 'any-2 x1', 'any-1 z1', 'any-2 z1'],
      ...['any-1 x2', 'any-2 x2', 'x-only x2', 'any-1 z2', 'any-2 z2'],
      ...['any-1 x3', 'any-2 x3', 'any-1 z3', 'any-2 z3'],
      ...['any-1 x4', 'any-2 x4', 'any-1 z4', 'any-2 z4'],
    ]);
  });

  test('rule 12: emit honours mute, once and the snapshot, and propagates errors', () => {
    const sig = new Signal();
    const calls: string[] = [];
    sig.connect(() => {
      calls.push('first');
      sig.connect(() => void calls.push('added'));
    }, { once: true });
    sig.connect(() => void calls.push('second'));
    sig.emit();
    expect(calls).toEqual(['first', 'second']);
    {
      using _ = sig.muted();
      sig.emit();
    }
    expect(calls).toEqual(['first', 'second']);
    sig.emit();
    expect(calls).toEqual(['first', 'second', 'second', 'added']);
    sig.connect(() => {
      throw new RangeError('bad');
    });
    expect(() => sig.emit()).toThrow(RangeError);
  });

  test('rules 6 and 12: receivers are called on their own (`this` is undefined), on every path', async () => {
    const sig = new Signal<number, string>();
    const seen: unknown[] = [];
    function plain(this: unknown) {
      seen.push(this);
    }
    const kept = function (this: unknown) {
      seen.push(this);
    };
    const paths = () => {
      sig.emit(undefined, 1);
      sig.emit('x', 1);
      sig.send(undefined, 1);
      sig.send('x', 1);
      return sig.sendAsync('x', 1);
    };
    sig.connect(plain);
    await paths(); // all strong: the bare arrays
    sig.connect(kept, { weak: true });
    sig.connect(kept, { sender: 'x' });
    sig.connect(() => seen.push('once'), { once: true });
    await paths(); // mixed holds, a one-shot and a sender of its own
    sig.disconnect(plain);
    sig.disconnect(kept, 'x');
    await paths(); // all weak: the bindings
    expect(seen.filter((value) => value !== 'once')).toEqual(Array.from({ length: 20 }, () => undefined));
    expect(seen.filter((value) => value === 'once')).toHaveLength(1);
  });
});
