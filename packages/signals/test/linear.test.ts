import { describe, expect, test, vi } from 'vitest';
import { Signal } from '../src/index.js';

// Rule 14: each case below is O(N). At N = 100,000 a quadratic path takes tens of seconds, so the
// test timeout (10 s, for slow machines) fails it; in the usual run each takes a fraction of a second.
const N = 100_000;

describe('signals rule 14: cost grows linearly with the work', () => {
  test('aborting one AbortSignal shared by 100,000 connections removes them all, through one listener', { timeout: 10_000 }, () => {
    const signal = new Signal<number>();
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    let disconnects = 0;
    const stop = Signal.receiverDisconnected.connect(() => void disconnects++, { sender: signal });
    for (let i = 0; i < N; i++) signal.connect(() => {}, { signal: controller.signal });
    expect(signal.receiverCount).toBe(N);
    expect(add).toHaveBeenCalledTimes(1);
    controller.abort();
    expect(signal.receiverCount).toBe(0);
    expect(disconnects).toBe(N);
    stop();
  });

  test('connections that leave before the abort leave the shared listener too; the last one removes it', () => {
    const signal = new Signal<number>();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const tokens = Array.from({ length: 3 }, () => signal.connect(() => {}, { signal: controller.signal }));
    tokens[0]!();
    tokens[1]!();
    expect(remove).not.toHaveBeenCalled();
    tokens[2]!();
    expect(remove).toHaveBeenCalledTimes(1);
    const again = signal.connect(() => {}, { signal: controller.signal });
    controller.abort();
    expect(again.active).toBe(false);
    expect(signal.receiverCount).toBe(0);
  });

  test('one receiver connected for 100,000 senders, then disconnect(receiver)', { timeout: 10_000 }, () => {
    const signal = new Signal<number, object>();
    const senders = Array.from({ length: N }, () => ({}));
    let calls = 0;
    const receiver = (): void => void calls++;
    for (const sender of senders) signal.connect(receiver, { sender });
    expect(signal.receiverCount).toBe(1);
    signal.connect(receiver, { sender: senders[N - 1]! }); // already connected: changes nothing
    signal.send(senders[7]!, 1);
    expect(calls).toBe(1);
    expect(signal.disconnect(receiver)).toBe(true);
    expect(signal.receiverCount).toBe(0);
    signal.send(senders[7]!, 2);
    expect(calls).toBe(1);
    expect(signal.hasReceiversFor(senders[0]!)).toBe(false);
  });

  test('100,000 receivers connected and disconnected', { timeout: 10_000 }, () => {
    const signal = new Signal<number>();
    const receivers = Array.from({ length: N }, () => () => {});
    const tokens = receivers.map((receiver) => signal.connect(receiver));
    expect(signal.receiverCount).toBe(N);
    for (let i = 0; i < N; i += 2) tokens[i]!();
    for (let i = 1; i < N; i += 2) expect(signal.disconnect(receivers[i]!)).toBe(true);
    expect(signal.receiverCount).toBe(0);
  });

  test('a receiver reconnected from a receiverDisconnected handler while its ring is removed is counted once', () => {
    const signal = new Signal<number, string>();
    const receiver = (): void => {};
    signal.connect(receiver, { sender: 'a' });
    signal.connect(receiver, { sender: 'b' });
    let reconnected = false;
    const stop = Signal.receiverDisconnected.connect(() => {
      if (!reconnected) {
        reconnected = true;
        signal.connect(receiver, { sender: 'c' });
      }
    }, { sender: signal });
    signal.disconnect(receiver);
    stop();
    expect(signal.receiverCount).toBe(1);
    expect(signal.hasReceiversFor('c')).toBe(true);
    expect(signal.hasReceiversFor('a')).toBe(false);
    expect(signal.disconnect(receiver)).toBe(true);
    expect(signal.receiverCount).toBe(0);
  });

  test('100,000 waits sharing one AbortSignal: one listener, and the abort rejects them all', { timeout: 10_000 }, async () => {
    const signal = new Signal<number>();
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const waits = Array.from({ length: N }, () => signal.wait({ signal: controller.signal }).then(() => 'resolved', () => 'rejected'));
    expect(signal.receiverCount).toBe(N);
    expect(add).toHaveBeenCalledTimes(1); // the waits' group (the connections carry no signal of their own)
    controller.abort();
    expect(new Set(await Promise.all(waits))).toEqual(new Set(['rejected']));
    expect(signal.receiverCount).toBe(0);
  });
});
