import { describe, expect, test } from 'vitest';
import { Signal } from '../src/index.js';

describe('re-entrancy (rule 2 during nested sends)', () => {
  test('a receiver that sends on the same signal: the nested send sees its own snapshot', () => {
    const sig = new Signal<number>();
    const trace: string[] = [];
    sig.connect((_s, depth) => {
      trace.push(`a${depth}`);
      if (depth < 2) sig.send(undefined, depth + 1);
    });
    sig.connect((_s, depth) => void trace.push(`b${depth}`));
    sig.send(undefined, 0);
    expect(trace).toEqual(['a0', 'a1', 'a2', 'b2', 'b1', 'b0']);
  });

  test('a receiver connected during a nested send runs in later sends, not the outer one', () => {
    const sig = new Signal<number>();
    const trace: string[] = [];
    const late = (_s: unknown, depth: number) => void trace.push(`late${depth}`);
    sig.connect((_s, depth) => {
      trace.push(`a${depth}`);
      if (depth === 0) {
        sig.connect(late);
        sig.send(undefined, 1);
      }
    });
    sig.send(undefined, 0);
    expect(trace).toEqual(['a0', 'a1', 'late1']);
  });

  test('a receiver disconnected during a send still runs in that send, not in later ones', () => {
    const sig = new Signal();
    const trace: string[] = [];
    const victim = () => void trace.push('victim');
    sig.connect(() => {
      trace.push('killer');
      sig.disconnect(victim);
    });
    sig.connect(victim);
    sig.emit();
    sig.emit();
    expect(trace).toEqual(['killer', 'victim', 'killer']);
  });

  test('a receiver that disconnects itself, and a once receiver that sends: each runs as documented', () => {
    const sig = new Signal<number>();
    const trace: string[] = [];
    const selfRemoving = () => {
      trace.push('self');
      sig.disconnect(selfRemoving);
    };
    sig.connect(selfRemoving);
    sig.connect(
      (_s, n) => {
        trace.push(`once${n}`);
        sig.send(undefined, n + 1);
      },
      { once: true },
    );
    sig.connect((_s, n) => void trace.push(`tail${n}`));
    sig.send(undefined, 0);
    // Outer send: self (removes itself), once0 (removed before its call) -> nested send(1) sees only tail.
    expect(trace).toEqual(['self', 'once0', 'tail1', 'tail0']);
    expect(sig.receiverCount).toBe(1);
  });

  test('a once receiver reached by a nested send is not called again by the outer send', () => {
    const sig = new Signal<number>();
    let onceCalls = 0;
    sig.connect((_s, n) => {
      if (n === 0) sig.send(undefined, 1);
    });
    sig.connect(() => onceCalls++, { once: true });
    sig.send(undefined, 0);
    expect(onceCalls).toBe(1);
  });

  test('10,000 connect/disconnect cycles of every kind leave receiverCount at 0', () => {
    const sig = new Signal<void, unknown>();
    const owner = {};
    const sender = {};
    const kept: Array<() => void> = [];
    for (let i = 0; i < 10_000; i++) {
      const receiver = () => {};
      kept.push(receiver);
      const controller = new AbortController();
      const subs = [
        sig.connect(receiver),
        sig.connect(receiver, { sender: i % 7 }),
        sig.connect(receiver, { sender }),
        sig.connect(() => {}, { weak: true }),
        sig.connect(() => {}, { owner }),
        sig.connect(() => {}, { once: true }),
        sig.connect(() => {}, { signal: controller.signal }),
      ];
      if (i % 2 === 0) sig.send(sender);
      if (i % 3 === 0) controller.abort();
      if (i % 5 === 0) sig.disconnect(receiver);
      for (const sub of subs) sub();
    }
    expect(sig.receiverCount).toBe(0);
    expect(sig.send(sender)).toEqual([]);
    expect(sig.hasReceiversFor(3)).toBe(false);
    expect(kept).toHaveLength(10_000);
  });

  test('connect and disconnect inside sendAsync, between awaits, follow the snapshot too', async () => {
    const sig = new Signal<void, unknown, Promise<void> | void>();
    const trace: string[] = [];
    const late = () => void trace.push('late');
    sig.connect(async () => {
      trace.push('first');
      await Promise.resolve();
      sig.connect(late);
    });
    sig.connect(() => void trace.push('second'));
    await sig.sendAsync();
    await sig.sendAsync();
    expect(trace).toEqual(['first', 'second', 'first', 'second', 'late']);
  });
});
