import { describe, expect, test } from 'vitest';
import { ANY, NamedSignal, Namespace, Signal, defaultNamespace, signal } from '../src/index.js';
import { checkConnectOptions, describeValue } from '../src/internal.js';

describe('Subscription token', () => {
  test('is callable: true on the call that disconnects, false after', () => {
    const sig = new Signal();
    const sub = sig.connect(() => {});
    expect(sub.active).toBe(true);
    expect(sub()).toBe(true);
    expect(sub()).toBe(false);
    expect(sub.active).toBe(false);
    expect(sig.receiverCount).toBe(0);
  });

  test('is disposable: `using` disconnects at the end of the block', () => {
    const sig = new Signal();
    let calls = 0;
    {
      using _sub = sig.connect(() => calls++);
      sig.send();
    }
    sig.send();
    expect(calls).toBe(1);
    expect(sig.receiverCount).toBe(0);
  });

  test('a token of a repeated connect controls the one existing connection', () => {
    const sig = new Signal();
    const r = () => {};
    const first = sig.connect(r);
    const second = sig.connect(r);
    expect(second()).toBe(true);
    expect(first.active).toBe(false);
    expect(first()).toBe(false);
  });
});

describe('connect options', () => {
  test('once: disconnected before its first call, even when the call sends again', () => {
    const sig = new Signal();
    let calls = 0;
    const sub = sig.connect(
      () => {
        calls++;
        expect(sub.active).toBe(false);
        sig.send();
      },
      { once: true },
    );
    sig.send();
    sig.send();
    expect(calls).toBe(1);
  });

  test('once and sender: runs once, for that sender only', () => {
    const sig = new Signal<void, string>();
    const seen: string[] = [];
    sig.connect((s) => void seen.push(s), { sender: 'a', once: true });
    sig.send('b');
    sig.send('a');
    sig.send('a');
    expect(seen).toEqual(['a']);
    expect(sig.hasReceiversFor('a')).toBe(false);
  });

  test('once receivers are awaited once by sendAsync', async () => {
    const sig = new Signal<void, unknown, Promise<string>>();
    sig.connect(async () => 'done', { once: true });
    expect((await sig.sendAsync()).map(([, v]) => v)).toEqual(['done']);
    expect(await sig.sendAsync()).toEqual([]);
  });

  test('an AbortSignal shared by several connections disconnects them all', () => {
    const sig = new Signal<void, string>();
    const controller = new AbortController();
    sig.connect(() => {}, { signal: controller.signal });
    sig.connect(() => {}, { signal: controller.signal, sender: 'x' });
    expect(sig.receiverCount).toBe(2);
    controller.abort();
    expect(sig.receiverCount).toBe(0);
    expect(sig.hasReceiversFor('x')).toBe(false);
  });
});

describe('connectVia and connectedTo', () => {
  test('connectVia connects the decorated function for a sender and returns it unchanged', () => {
    const sig = new Signal<number, string>();
    const seen: number[] = [];
    const handler = sig.connectVia('app')((_s: string, n: number) => void seen.push(n));
    sig.send('app', 1);
    sig.send('other', 2);
    expect(seen).toEqual([1]);
    expect(typeof handler).toBe('function');
    expect(sig.disconnect(handler, 'app')).toBe(true);
  });

  test('connectVia passes its options through (once)', () => {
    const sig = new Signal();
    let calls = 0;
    sig.connectVia(ANY, { once: true })(() => calls++);
    sig.send();
    sig.send();
    expect(calls).toBe(1);
  });

  test('connectedTo connects for the life of a using block', () => {
    const sig = new Signal<void, string>();
    const r = () => {};
    {
      using _ = sig.connectedTo(r, 'x');
      expect([...sig.receiversFor('x')]).toEqual([r]);
    }
    expect([...sig.receiversFor('x')]).toEqual([]);
  });
});

describe('disconnect', () => {
  test('from ANY removes the receiver from every sender', () => {
    const sig = new Signal<void, unknown>();
    const r = () => {};
    const key = {};
    sig.connect(r);
    sig.connect(r, { sender: 'a' });
    sig.connect(r, { sender: key });
    expect(sig.disconnect(r)).toBe(true);
    expect(sig.receiverCount).toBe(0);
    expect(sig.hasReceiversFor(key)).toBe(false);
    expect(sig.disconnect(r)).toBe(false);
  });

  test('from one sender leaves the other connections', () => {
    const sig = new Signal<void, string>();
    const r = () => {};
    sig.connect(r, { sender: 'a' });
    sig.connect(r, { sender: 'b' });
    expect(sig.disconnect(r, 'a')).toBe(true);
    expect(sig.disconnect(r, 'a')).toBe(false);
    expect(sig.disconnect(r, 'never')).toBe(false);
    expect([...sig.receiversFor('b')]).toEqual([r]);
  });

  test('an unknown receiver returns false', () => {
    expect(new Signal().disconnect(() => {})).toBe(false);
  });
});

describe('disconnectAll', () => {
  test('removes every receiver from every sender and reports each removal', () => {
    const sig = new Signal<void, unknown>();
    const removed: unknown[] = [];
    using _ = Signal.receiverDisconnected.connectedTo((_s, p) => void removed.push(p.sender), sig);
    const key = {};
    sig.connect(() => {});
    sig.connect(() => {}, { sender: 'a' });
    sig.connect(() => {}, { sender: key, weak: true });
    sig.disconnectAll();
    expect(sig.receiverCount).toBe(0);
    expect(sig.send(key)).toEqual([]);
    expect(removed).toEqual([ANY, 'a', key]);
  });
});

describe('helpers for wrapping libraries', () => {
  test('checkConnectOptions throws what connect would, with the caller\'s label', () => {
    expect(() => checkConnectOptions({ weak: 'x' }, 'Bus.subscribe')).toThrow(
      new TypeError('Bus.subscribe: options.weak must be a boolean, got the string "x"'),
    );
    expect(() => checkConnectOptions({ weak: true }, 'Bus.subscribe')).not.toThrow();
    expect(describeValue(null)).toBe('null');
    expect(describeValue('')).toBe('an empty string');
  });
});

describe('receiversFor and hasReceiversFor', () => {
  test('list what a send would call, in order, without calling', () => {
    const sig = new Signal<void, string>();
    let calls = 0;
    const a = () => calls++;
    const b = () => calls++;
    const c = () => calls++;
    sig.connect(a);
    sig.connect(b, { sender: 'x' });
    sig.connect(c);
    expect([...sig.receiversFor('x')]).toEqual([a, b, c]);
    expect([...sig.receiversFor('y')]).toEqual([a, c]);
    expect(sig.hasReceiversFor('y')).toBe(true);
    expect(calls).toBe(0);
    expect(new Signal<void, string>().hasReceiversFor('x')).toBe(false);
  });
});

describe('Namespace, NamedSignal and signal()', () => {
  test('the same name gives the same signal; the first doc stays', () => {
    const ns = new Namespace<{ saved: { id: number } }>();
    const saved = ns.signal('saved', 'A record was saved.');
    expect(ns.signal('saved', 'ignored')).toBe(saved);
    expect(saved).toBeInstanceOf(NamedSignal);
    expect(saved).toBeInstanceOf(Signal);
    expect(saved.name).toBe('saved');
    expect(saved.doc).toBe('A record was saved.');
    expect(String(saved)).toBe('NamedSignal("saved")');
  });

  test('has, get and names do not create signals', () => {
    const ns = new Namespace();
    expect(ns.has('a')).toBe(false);
    expect(ns.get('a')).toBeUndefined();
    expect(ns.names()).toEqual([]);
    const a = ns.signal('a');
    ns.signal('b');
    expect(ns.get('a')).toBe(a);
    expect(ns.has('a')).toBe(true);
    expect(ns.names()).toEqual(['a', 'b']);
  });

  test('rule 11: __proto__, constructor and toString are ordinary names', () => {
    const ns = new Namespace();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(ns.has(name)).toBe(false);
      const sig = ns.signal(name);
      expect(sig.name).toBe(name);
      expect(ns.get(name)).toBe(sig);
    }
    expect(ns.names()).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test('signal() is defaultNamespace.signal', () => {
    const ready = signal<string>('api-test-ready');
    expect(signal('api-test-ready')).toBe(ready);
    expect(defaultNamespace.get('api-test-ready')).toBe(ready);
    const seen: string[] = [];
    ready.connect((_s, p) => void seen.push(p));
    defaultNamespace.signal('api-test-ready').send(undefined, 'go');
    expect(seen).toEqual(['go']);
  });

  test('namespaces are independent', () => {
    expect(new Namespace().signal('x')).not.toBe(new Namespace().signal('x'));
  });
});

describe('Signal basics', () => {
  test('doc is kept; anonymous signals are distinct', () => {
    expect(new Signal('Sent when ready.').doc).toBe('Sent when ready.');
    expect(new Signal().doc).toBeUndefined();
  });

  test('a signal with no receivers sends nothing and returns []', async () => {
    const sig = new Signal<number>();
    expect(sig.send(undefined, 1)).toEqual([]);
    expect(sig.emit(undefined, 1)).toBeUndefined();
    expect(await sig.sendAsync(undefined, 1)).toEqual([]);
    expect(sig.receiverCount).toBe(0);
  });

  test('a rejecting async receiver rejects sendAsync, and later receivers are not called', async () => {
    const sig = new Signal<void, unknown, Promise<void> | void>();
    let later = false;
    sig.connect(async () => {
      throw new Error('async boom');
    });
    sig.connect(() => {
      later = true;
    });
    await expect(sig.sendAsync()).rejects.toThrow('async boom');
    expect(later).toBe(false);
  });
});
