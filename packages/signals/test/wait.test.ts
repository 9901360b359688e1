import { afterEach, describe, expect, test, vi } from 'vitest';
import { ANY, Signal, TimeoutError } from '../src/index.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('signals rule 13: signal.wait', () => {
  test('resolves with [sender, payload] of the first send after the call, and removes its receiver', async () => {
    const signal = new Signal<number, string>();
    signal.send('before', 0);
    const waiting = signal.wait();
    expect(signal.receiverCount).toBe(1);
    signal.send('a', 1);
    signal.send('b', 2);
    await expect(waiting).resolves.toEqual(['a', 1]);
    expect(signal.receiverCount).toBe(0);
  });

  test('sender and filter choose the send, like a receiver connected with them', async () => {
    const signal = new Signal<number, object | string>();
    const alice = {};
    const fromAlice = signal.wait({ sender: alice });
    const big = signal.wait({ filter: (_sender, n) => n > 10 });
    const any = signal.wait({ sender: ANY });
    signal.send('bob', 5);
    signal.send(alice, 7);
    signal.send('bob', 11);
    await expect(any).resolves.toEqual(['bob', 5]);
    await expect(fromAlice).resolves.toEqual([alice, 7]);
    await expect(big).resolves.toEqual(['bob', 11]);
    expect(signal.receiverCount).toBe(0);
  });

  test('a wait made inside a receiver waits for the next send, not the current one (rule 2)', async () => {
    const signal = new Signal<number>();
    let inner: Promise<[unknown, number]> | undefined;
    signal.connect((_sender, n) => {
      if (n === 1) inner = signal.wait();
    });
    signal.send(undefined, 1);
    signal.send(undefined, 2);
    await expect(inner).resolves.toEqual([undefined, 2]);
  });

  test('timeout rejects with a TimeoutError (fake timers) and leaves nothing connected', async () => {
    vi.useFakeTimers();
    const signal = new Signal<number>('ticks');
    const waiting = signal.wait({ timeout: 50 });
    const outcome = waiting.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    vi.advanceTimersByTime(49);
    expect(signal.receiverCount).toBe(1);
    vi.advanceTimersByTime(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'Signal.wait: no send within 50 ms' });
    expect(signal.receiverCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a send before the timeout resolves and clears the timer', async () => {
    vi.useFakeTimers();
    const signal = new Signal<number>();
    const waiting = signal.wait({ timeout: 1000 });
    signal.send(undefined, 3);
    await expect(waiting).resolves.toEqual([undefined, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('aborting rejects with signal.reason; an already-aborted signal rejects at once with nothing connected', async () => {
    const signal = new Signal<number>();
    const controller = new AbortController();
    const waiting = signal.wait({ signal: controller.signal });
    expect(signal.receiverCount).toBe(1);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(signal.receiverCount).toBe(0);

    let connects = 0;
    const stop = Signal.receiverConnected.connect(() => void connects++, { sender: signal });
    await expect(signal.wait({ signal: AbortSignal.abort('gone') })).rejects.toBe('gone');
    expect(connects).toBe(0);
    expect(signal.receiverCount).toBe(0);
    stop();
  });

  test('a throwing filter rejects the wait with its error; the send goes on to the other receivers', async () => {
    const signal = new Signal<number>();
    const boom = new Error('bad filter');
    const seen: number[] = [];
    const waiting = signal.wait({
      filter: () => {
        throw boom;
      },
    });
    signal.connect((_sender, n) => void seen.push(n));
    signal.send(undefined, 1);
    await expect(waiting).rejects.toBe(boom);
    expect(seen).toEqual([1]);
    expect(signal.receiverCount).toBe(1);
  });

  test('a muted signal resolves nothing', async () => {
    vi.useFakeTimers();
    const signal = new Signal<number>();
    const waiting = signal.wait({ timeout: 10 });
    const outcome = waiting.then(
      (value) => value,
      (error: unknown) => error,
    );
    {
      using _ = signal.muted();
      signal.send(undefined, 1);
    }
    vi.advanceTimersByTime(10);
    expect(await outcome).toBeInstanceOf(TimeoutError);
  });

  test('bad options are refused at the call, with nothing connected', () => {
    const signal = new Signal<number>();
    expect(() => signal.wait({ timeout: -1 })).toThrow(new RangeError('Signal.wait: options.timeout must be a finite number of milliseconds, at least 0, got -1'));
    expect(() => signal.wait({ timeout: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => signal.wait({ timeout: Number.NaN })).toThrow(RangeError);
    expect(() => signal.wait({ filter: 'x' as never })).toThrow(new TypeError('Signal.wait: options.filter must be a function, got the string "x"'));
    expect(() => signal.wait({ signal: {} as never })).toThrow(new TypeError('Signal.wait: options.signal must be an AbortSignal, got an object'));
    expect(() => signal.wait(null as never)).toThrow(new TypeError('Signal.wait: options must be an object, got null'));
    expect(signal.receiverCount).toBe(0);
  });

  test('TimeoutError is an Error named TimeoutError', () => {
    const error = new TimeoutError('late');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TimeoutError');
    expect(String(error)).toBe('TimeoutError: late');
  });
});
