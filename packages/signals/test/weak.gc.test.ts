import { describe, expect, test } from 'vitest';
import { collectUntil } from '../../../test-support/gc.js';
import { Signal } from '../src/index.js';


/** Watches a signal's receiverDisconnected traffic. */
function watchDisconnects(sig: Signal<any, any, any>) {
  const seen: Array<{ receiver: Function | undefined; sender: unknown }> = [];
  const stop = Signal.receiverDisconnected.connect((_s, p) => void seen.push(p), { sender: sig });
  return { seen, stop };
}

describe('garbage collection (run under node --expose-gc)', () => {
  test('rule 5: a weak receiver disappears after its last reference goes, without any send', async () => {
    const sig = new Signal<number>();
    const { seen, stop } = watchDisconnects(sig);
    let calls = 0;
    const strong = () => calls++;
    sig.connect(strong);
    (() => {
      sig.connect(() => calls++, { weak: true });
    })();
    expect(sig.receiverCount).toBe(2);
    await collectUntil(() => sig.receiverCount === 1);
    expect(sig.receiverCount).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.receiver).toBeUndefined();
    sig.send(undefined, 1);
    expect(calls).toBe(1);
    stop();
  });

  test('rule 5: an owner-bound receiver lives as long as its owner, even when it closes over the owner', async () => {
    const sig = new Signal<number>();
    const { seen, stop } = watchDisconnects(sig);
    const received: number[] = [];
    class Widget {
      onValue(n: number): void {
        received.push(n);
      }
    }
    let widget: Widget | undefined = new Widget();
    ((w: Widget) => {
      sig.connect((_s, n) => w.onValue(n), { owner: w });
    })(widget);
    await collectUntil(() => false, 5); // a few full collections: the owner is alive, so nothing goes
    expect(sig.receiverCount).toBe(1);
    sig.send(undefined, 1);
    expect(received).toEqual([1]);
    widget = undefined;
    await collectUntil(() => sig.receiverCount === 0);
    expect(sig.receiverCount).toBe(0);
    expect(seen).toHaveLength(1);
    expect(widget).toBeUndefined();
    stop();
  });

  test('rule 5: an owner-bound receiver that is still referenced elsewhere is not called after its owner goes', async () => {
    const sig = new Signal();
    let calls = 0;
    const receiver = () => calls++;
    (() => {
      sig.connect(receiver, { owner: {} });
    })();
    await collectUntil(() => sig.receiverCount === 0);
    expect(sig.receiverCount).toBe(0);
    sig.send();
    expect(calls).toBe(0);
    expect(typeof receiver).toBe('function');
  });

  test('rule 4: a collected object sender takes its sender-specific connections with it', async () => {
    const sig = new Signal<void, object>();
    const { seen, stop } = watchDisconnects(sig);
    const shared = () => {};
    sig.connect(shared);
    (() => {
      const sender = { name: 'temporary' };
      sig.connect(shared, { sender });
      sig.connect(() => {}, { sender });
      expect(sig.receiverCount).toBe(2);
    })();
    await collectUntil(() => sig.receiverCount === 1);
    expect(sig.receiverCount).toBe(1);
    expect(seen).toHaveLength(2);
    expect(seen.every((p) => p.sender === undefined)).toBe(true);
    stop();
  });

  test('rule 5: a strong receiver survives collection, and so does a weak one that is still referenced', async () => {
    const sig = new Signal();
    let calls = 0;
    const kept = () => calls++;
    sig.connect(kept, { weak: true });
    (() => {
      sig.connect(() => calls++);
    })();
    await collectUntil(() => false, 5);
    expect(sig.receiverCount).toBe(2);
    sig.send();
    expect(calls).toBe(2);
    expect(typeof kept).toBe('function');
  });

  test('rules 1 and 5: a receiver that outlives its owner is still found, counted once, and can connect again', async () => {
    const sig = new Signal<void, string>();
    const { seen, stop } = watchDisconnects(sig);
    let calls = 0;
    const receiver = () => calls++;
    (() => {
      sig.connect(receiver, { owner: {} }); // its first connection goes with the owner
    })();
    sig.connect(receiver, { sender: 'x' });
    expect(sig.receiverCount).toBe(1);
    await collectUntil(() => seen.length === 1);
    expect(seen).toHaveLength(1);
    expect(sig.receiverCount).toBe(1);
    sig.emit('x');
    expect(calls).toBe(1);
    expect(sig.disconnect(receiver, 'x')).toBe(true);
    expect(sig.receiverCount).toBe(0);
    sig.connect(receiver);
    sig.connect(receiver); // the same pair again changes nothing
    expect(sig.receiverCount).toBe(1);
    sig.emit('x');
    expect(calls).toBe(2);
    expect(sig.disconnect(receiver)).toBe(true);
    expect(sig.receiverCount).toBe(0);
    expect(sig.disconnect(receiver)).toBe(false);

    // Every connection of a living receiver gone with its owners: it connects afresh.
    (() => {
      sig.connect(receiver, { owner: {} });
      sig.connect(receiver, { owner: {}, sender: 'y' });
    })();
    expect(sig.receiverCount).toBe(1);
    await collectUntil(() => sig.receiverCount === 0);
    expect(sig.receiverCount).toBe(0);
    sig.connect(receiver, { sender: 'y' });
    expect(sig.receiverCount).toBe(1);
    expect([...sig.receiversFor('y')]).toEqual([receiver]);
    stop();
  });

  test('a signal with weak receivers is itself collectable', async () => {
    let ref: WeakRef<Signal> | undefined;
    const receiver = () => {};
    (() => {
      const sig = new Signal();
      sig.connect(receiver, { weak: true });
      sig.connect(() => {}, { sender: {} });
      ref = new WeakRef(sig);
    })();
    await collectUntil(() => ref!.deref() === undefined);
    expect(ref!.deref()).toBeUndefined();
  });
});
