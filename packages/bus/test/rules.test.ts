import { describe, expect, test, vi } from 'vitest';
import {
  BusClosedError,
  EventRejectedError,
  HANDLER_ERROR,
  UnknownEventTypeError,
  rejectKeys,
  type Event,
} from '../src/index.js';
import { EventType, makeBus, settle } from './fixtures.js';

describe('API rules of @mesh/bus (packages/bus/README.md, Rules)', () => {
  test('rule 1: subscribe and publish with a type the registry does not hold throw UnknownEventTypeError', () => {
    const { bus } = makeBus();
    expect(() => bus.subscribe('NOPE' as never, () => {})).toThrow(UnknownEventTypeError);
    expect(() => bus.publish('NOPE' as never, undefined as never)).toThrow(/^EventBus\.publish: unknown event type "NOPE" \(this bus knows /);
    expect(() => bus.publish('__proto__' as never, undefined as never)).toThrow(UnknownEventTypeError);
    expect(bus.historySize).toBe(0);
    expect(bus.subscriberCount).toBe(0);
  });

  test('rule 1: EventType.X is the string X, and every registry has HANDLER_ERROR', () => {
    expect(EventType.ORDER_PLACED).toBe('ORDER_PLACED');
    expect(EventType.HANDLER_ERROR).toBe(HANDLER_ERROR);
    expect(JSON.parse(JSON.stringify(EventType))).toEqual({
      ORDER_PLACED: 'ORDER_PLACED',
      ORDER_SHIPPED: 'ORDER_SHIPPED',
      AUDIT: 'AUDIT',
      TRACE: 'TRACE',
      RUN_FINISHED: 'RUN_FINISHED',
      HANDLER_ERROR: 'HANDLER_ERROR',
    });
    expect(Object.isFrozen(EventType)).toBe(true);
  });

  test('rule 2: publish order = history order = delivery order, with seq from 1', () => {
    const { bus } = makeBus();
    const delivered: number[] = [];
    bus.subscribeAll((event) => void delivered.push(event.seq));
    for (let i = 0; i < 5; i++) bus.publish(EventType.ORDER_SHIPPED, { id: `o${i}` });
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(bus.history().map((e) => (e.data as { id: string }).id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    expect(bus.history().map((e) => e.seq)).toEqual(delivered);
  });

  test('rule 2: a publish from inside a handler is delivered after the current event reached every handler', () => {
    const { bus } = makeBus();
    const trace: string[] = [];
    bus.subscribe(EventType.ORDER_PLACED, (e) => {
      trace.push(`first:${e.data.id}`);
      bus.publish(EventType.ORDER_SHIPPED, { id: e.data.id });
      trace.push('first:after-publish');
    });
    bus.subscribe(EventType.ORDER_PLACED, (e) => void trace.push(`second:${e.data.id}`));
    bus.subscribe(EventType.ORDER_SHIPPED, (e) => void trace.push(`shipped:${e.data.id}`));
    bus.publish(EventType.ORDER_PLACED, { id: 'a', total: 1 });
    expect(trace).toEqual(['first:a', 'first:after-publish', 'second:a', 'shipped:a']);
    expect(bus.history().map((e) => [e.seq, e.type])).toEqual([
      [1, 'ORDER_PLACED'],
      [2, 'ORDER_SHIPPED'],
    ]);
  });

  test('rule 2: async middleware keeps publish order: a later sync publish waits for an earlier async one', async () => {
    const { bus } = makeBus();
    const delivered: string[] = [];
    bus.subscribeAll((e) => void delivered.push((e.data as { id: string }).id));
    bus.addMiddleware(async (draft) => {
      if ((draft.data as { id: string }).id === 'slow') await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const slow = bus.publishAsync(EventType.ORDER_SHIPPED, { id: 'slow' });
    bus.publish(EventType.ORDER_SHIPPED, { id: 'fast' });
    expect(delivered).toEqual([]);
    await slow;
    await settle();
    expect(delivered).toEqual(['slow', 'fast']);
    expect(bus.history().map((e) => [e.seq, (e.data as { id: string }).id])).toEqual([
      [1, 'slow'],
      [2, 'fast'],
    ]);
  });

  test('rule 3: middleware runs in the order added, on an immer draft, and may return a replacement', () => {
    const { bus } = makeBus();
    const order: string[] = [];
    bus.addMiddleware((draft) => {
      order.push('first');
      draft.metadata.iso = new Date(draft.timestamp).toISOString();
    });
    bus.addMiddleware((draft) => {
      order.push('second');
      expect(draft.metadata.iso).toBeTypeOf('string');
      return { ...draft, source: 'replaced', metadata: { ...draft.metadata, by: 'second' } } as Event;
    });
    const seen: Event[] = [];
    bus.subscribeAll((e) => void seen.push(e));
    bus.publish(EventType.AUDIT, 'hello', { source: 'original' });
    expect(order).toEqual(['first', 'second']);
    expect(seen[0]!.source).toBe('replaced');
    expect(seen[0]!.metadata).toEqual({ iso: new Date(seen[0]!.timestamp).toISOString(), by: 'second' });
    expect(seen[0]!.seq).toBe(1);
  });

  test('rule 3: a replacement built from the draft (spread) with an object payload works, and is frozen', () => {
    const { bus } = makeBus();
    bus.addMiddleware((draft) => {
      draft.metadata.step = 1;
      return { ...draft, source: 'replaced', data: { ...(draft.data as object), extra: true } } as Event;
    });
    bus.addMiddleware((draft) => ({ ...draft, metadata: { ...draft.metadata, second: true } }) as Event);
    bus.publish(EventType.ORDER_PLACED, { id: 'a', total: 1 });
    const [stored] = bus.history();
    expect(stored!.source).toBe('replaced');
    expect(stored!.data).toEqual({ id: 'a', total: 1, extra: true });
    expect(stored!.metadata).toEqual({ step: 1, second: true });
    expect(Object.isFrozen(stored!.data) && Object.isFrozen(stored!.metadata)).toBe(true);
  });

  test('rule 3: returning null drops the event: not stored, not delivered', () => {
    const { bus } = makeBus();
    let calls = 0;
    bus.subscribeAll(() => calls++);
    bus.addMiddleware((draft) => (draft.type === 'AUDIT' ? null : undefined));
    const id = bus.publish(EventType.AUDIT, 'dropped');
    bus.publish(EventType.ORDER_SHIPPED, { id: 'kept' });
    expect(typeof id).toBe('string');
    expect(calls).toBe(1);
    expect(bus.history().map((e) => e.type)).toEqual(['ORDER_SHIPPED']);
    expect(bus.history()[0]!.seq).toBe(1);
  });

  test('rule 3: a throwing middleware rejects that publish with its error; nothing is stored or delivered', async () => {
    const { bus } = makeBus();
    let calls = 0;
    bus.subscribeAll(() => calls++);
    const boom = new Error('enrichment failed');
    const remove = bus.addMiddleware(() => {
      throw boom;
    });
    expect(() => bus.publish(EventType.AUDIT, 'x')).toThrow(boom);
    await expect(bus.publishAsync(EventType.AUDIT, 'y')).rejects.toBe(boom);
    remove();
    const asyncBoom = new Error('async enrichment failed');
    bus.addMiddleware(async () => {
      throw asyncBoom;
    });
    await expect(bus.publishAsync(EventType.AUDIT, 'z')).rejects.toBe(asyncBoom);
    expect(calls).toBe(0);
    expect(bus.historySize).toBe(0);
  });

  test('rule 3: middleware may not change the id or type', () => {
    const { bus } = makeBus();
    bus.addMiddleware((draft) => {
      draft.type = 'ORDER_SHIPPED';
    });
    expect(() => bus.publish(EventType.AUDIT, 'x')).toThrow(/may not change an event's id or type/);
    expect(bus.historySize).toBe(0);
  });

  test('rule 4: guards run before middleware; a reason rejects with EventRejectedError and nothing is stored or delivered', () => {
    const { bus } = makeBus();
    const order: string[] = [];
    let delivered = 0;
    bus.subscribeAll(() => delivered++);
    bus.addMiddleware(() => void order.push('middleware'));
    bus.addGuard((event) => {
      order.push('guard');
      return event.type === 'AUDIT' ? 'audits are closed' : undefined;
    });
    let error: unknown;
    try {
      bus.publish(EventType.AUDIT, 'x');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EventRejectedError);
    expect((error as EventRejectedError).reason).toBe('audits are closed');
    expect(order).toEqual(['guard']);
    bus.publish(EventType.ORDER_SHIPPED, { id: 'ok' });
    expect(order).toEqual(['guard', 'guard', 'middleware']);
    expect(delivered).toBe(1);
    expect(bus.history().map((e) => e.type)).toEqual(['ORDER_SHIPPED']);
  });

  test('rule 4: rejectKeys is the ready hidden-reasoning guard, with a reason that says where', () => {
    const { bus } = makeBus();
    bus.addGuard(rejectKeys(['chain_of_thought', 'scratchpad']));
    expect(() => bus.publish(EventType.AUDIT, 'fine')).not.toThrow();
    expect(() =>
      bus.publish(EventType.ORDER_PLACED, { id: 'a', total: 1, steps: [{ chain_of_thought: 'secret' }] } as never),
    ).toThrow(new EventRejectedError('ORDER_PLACED carries the forbidden key "chain_of_thought" at data.steps[0].chain_of_thought'));
    expect(() => bus.publish(EventType.AUDIT, 'x', { metadata: { scratchpad: 'notes' } })).toThrow(/at metadata\.scratchpad/);
    expect(bus.history().map((e) => e.data)).toEqual(['fine']);
  });

  test('rule 5: events that handlers and history see are frozen, payload and metadata included', () => {
    const { bus } = makeBus();
    const attempts: string[] = [];
    bus.subscribe(EventType.ORDER_PLACED, (e) => {
      for (const mutate of [
        () => ((e.data as { total: number }).total = 0),
        () => ((e as { seq: number }).seq = 99),
        () => ((e.metadata as Record<string, unknown>).x = 1),
      ]) {
        try {
          mutate();
          attempts.push('changed');
        } catch {
          attempts.push('refused');
        }
      }
    });
    let seenTotal = 0;
    bus.subscribe(EventType.ORDER_PLACED, (e) => void (seenTotal = e.data.total));
    bus.publish(EventType.ORDER_PLACED, { id: 'a', total: 10 }, { metadata: { by: 'test' } });
    expect(attempts).toEqual(['refused', 'refused', 'refused']);
    expect(seenTotal).toBe(10);
    const [stored] = bus.history();
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored!.data)).toBe(true);
    expect(Object.isFrozen(stored!.metadata)).toBe(true);
  });

  test('rule 6: a throwing handler does not stop the others; HANDLER_ERROR carries eventId, eventType and the error', () => {
    const { bus } = makeBus();
    const ran: string[] = [];
    const errors: unknown[] = [];
    bus.subscribe(EventType.ORDER_SHIPPED, () => {
      throw new TypeError('bad handler');
    });
    bus.subscribe(EventType.ORDER_SHIPPED, () => void ran.push('second'));
    bus.subscribe(EventType.HANDLER_ERROR, (e) => void errors.push(e.data));
    const id = bus.publish(EventType.ORDER_SHIPPED, { id: 'x' });
    expect(ran).toEqual(['second']);
    expect(errors).toEqual([{ eventId: id, eventType: 'ORDER_SHIPPED', error: { name: 'TypeError', message: 'bad handler' } }]);
  });

  test('rule 6: a rejecting async handler also becomes HANDLER_ERROR, and publishAsync waits for it', async () => {
    const { bus } = makeBus();
    const errors: unknown[] = [];
    bus.subscribe(EventType.HANDLER_ERROR, (e) => void errors.push(e.data.error));
    bus.subscribe(EventType.AUDIT, async () => {
      await settle();
      throw new RangeError('late failure');
    });
    await bus.publishAsync(EventType.AUDIT, 'x');
    expect(errors).toEqual([{ name: 'RangeError', message: 'late failure' }]);
  });

  test('rule 6: an error inside a HANDLER_ERROR handler goes to onError, never into a loop', () => {
    const { bus, errors } = makeBus();
    let handlerErrorCalls = 0;
    bus.subscribe(EventType.HANDLER_ERROR, () => {
      handlerErrorCalls++;
      throw new Error('monitor broke');
    });
    bus.subscribe(EventType.AUDIT, () => {
      throw new Error('first');
    });
    bus.publish(EventType.AUDIT, 'x');
    expect(handlerErrorCalls).toBe(1);
    expect(errors).toEqual([new Error('monitor broke')]);
    expect(bus.history().map((e) => e.type)).toEqual(['AUDIT', 'HANDLER_ERROR']);
  });

  test('reportError hands a transport\'s error to onError, and logs an onError that throws', () => {
    const contexts: unknown[] = [];
    const { bus, errors } = makeBus({ onError: (error, context) => void contexts.push([error, context]) });
    const failure = new Error('lost the link');
    bus.reportError(failure);
    expect(contexts).toEqual([[failure, {}]]);
    expect(errors).toEqual([]);
    const throwing = makeBus({ onError: () => { throw new Error('onError broke'); } }).bus;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => throwing.reportError(failure)).not.toThrow();
    expect(logged).toHaveBeenCalledWith('@mesh/bus: onError threw while reporting', failure, new Error('onError broke'));
    logged.mockRestore();
  });

  test('rule 7: history is a bounded ring of the newest historyLimit events', () => {
    const { bus } = makeBus({ historyLimit: 3 });
    for (let i = 1; i <= 7; i++) bus.publish(EventType.TRACE, i);
    expect(bus.historySize).toBe(3);
    expect(bus.history().map((e) => e.data)).toEqual([5, 6, 7]);
    expect(bus.history({ sinceSeq: 5 }).map((e) => e.seq)).toEqual([6, 7]);
    expect(bus.history({ limit: 2 }).map((e) => e.seq)).toEqual([6, 7]);
    expect(bus.history({ limit: 0 })).toEqual([]);
  });

  test('eventTypes lists the registry with its specs, HANDLER_ERROR included, as a copy', () => {
    const { bus } = makeBus();
    const types = bus.eventTypes;
    expect([...types.keys()]).toEqual(['ORDER_PLACED', 'ORDER_SHIPPED', 'AUDIT', 'TRACE', 'RUN_FINISHED', 'HANDLER_ERROR']);
    expect(types.get('RUN_FINISHED')).toMatchObject({ terminal: true, visibility: 'public' });
    expect(types.get('AUDIT')).toMatchObject({ terminal: false, visibility: 'internal' });
    expect(types.get('ORDER_PLACED')!.doc).toBe('An order was placed.');
    (types as Map<string, unknown>).delete('AUDIT');
    expect(bus.eventTypes.has('AUDIT')).toBe(true);
  });

  test('rule 7: evictedSeq is the seq of the newest event the ring let go (0 before any)', () => {
    const { bus } = makeBus({ historyLimit: 3 });
    for (let i = 1; i <= 3; i++) bus.publish(EventType.TRACE, i);
    expect(bus.evictedSeq).toBe(0);
    bus.publish(EventType.TRACE, 4);
    expect(bus.evictedSeq).toBe(1);
    for (let i = 5; i <= 7; i++) bus.publish(EventType.TRACE, i);
    expect(bus.evictedSeq).toBe(4);
    expect(bus.history()[0]!.seq).toBe(bus.evictedSeq + 1);
  });

  test('epoch: a short random token, fixed for the life of the bus, another for another bus', () => {
    const { bus } = makeBus();
    const epoch = bus.epoch;
    expect(epoch).toMatch(/^[0-9a-f]{8}$/);
    bus.publish(EventType.TRACE, 1);
    bus.close();
    expect(bus.epoch).toBe(epoch);
    const epochs = new Set(Array.from({ length: 50 }, () => makeBus().bus.epoch));
    expect(epochs.size).toBe(50);
    expect(epochs.has(epoch)).toBe(false);
  });

  test('rule 7: historyLimit 0 turns history off', () => {
    const { bus } = makeBus({ historyLimit: 0 });
    let delivered = 0;
    bus.subscribeAll(() => delivered++);
    bus.publish(EventType.TRACE, 1);
    expect(delivered).toBe(1);
    expect(bus.historySize).toBe(0);
    expect(bus.history()).toEqual([]);
    expect(bus.evictedSeq).toBe(1);
  });

  test('rule 7: history and replay filter by type, seq, run and lane, newest `limit` of the matches', () => {
    const { bus } = makeBus();
    bus.publish(EventType.TRACE, 1, { runId: 'r1', lane: 'a' });
    bus.publish(EventType.AUDIT, 'x', { runId: 'r1', lane: 'b' });
    bus.publish(EventType.TRACE, 2, { runId: 'r2', lane: 'a' });
    bus.publish(EventType.TRACE, 3, { runId: 'r1', lane: 'a' });
    expect(bus.history({ types: ['TRACE'] }).map((e) => e.data)).toEqual([1, 2, 3]);
    expect(bus.history({ types: ['TRACE'], limit: 1 }).map((e) => e.data)).toEqual([3]);
    expect(bus.history({ runId: 'r1', lane: 'a' }).map((e) => e.data)).toEqual([1, 3]);
    expect(bus.replay({ runId: 'r1', sinceSeq: 1 }).map((e) => e.seq)).toEqual([2, 4]);
    expect(bus.replay({ types: ['AUDIT'] }).map((e) => e.data)).toEqual(['x']);
  });

  test('rule 7: a snapshot is consistent: publishes during its iteration neither show up nor break it', () => {
    const { bus } = makeBus({ historyLimit: 4 });
    for (let i = 1; i <= 4; i++) bus.publish(EventType.TRACE, i);
    const seen: unknown[] = [];
    for (const event of bus.history()) {
      seen.push(event.data);
      bus.publish(EventType.TRACE, 100 + (event.data as number)); // evicts from the ring as we go
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(bus.history().map((e) => e.data)).toEqual([101, 102, 103, 104]);
  });

  test('rule 11: after close(), publish throws BusClosedError and subscriberCount is 0', async () => {
    const { bus } = makeBus();
    const sub = bus.subscribe(EventType.AUDIT, () => {});
    bus.subscribeAll(() => {});
    expect(bus.subscriberCount).toBe(2);
    bus.close();
    expect(bus.closed).toBe(true);
    expect(bus.subscriberCount).toBe(0);
    expect(sub.active).toBe(false);
    expect(() => bus.publish(EventType.AUDIT, 'x')).toThrow(BusClosedError);
    await expect(bus.publishAsync(EventType.AUDIT, 'x')).rejects.toBeInstanceOf(BusClosedError);
    expect(() => bus.subscribe(EventType.AUDIT, () => {})).toThrow(BusClosedError);
    expect(() => bus.ingest({ ...bus.history()[0]! })).toThrow(BusClosedError);
    bus.close();
    expect(bus.closed).toBe(true);
  });

  test('rule 11: publishes still waiting for async middleware when the bus closes are dropped and reported', async () => {
    const { bus, errors } = makeBus();
    let delivered = 0;
    bus.subscribeAll(() => delivered++);
    bus.addMiddleware(async () => {
      await settle();
    });
    const first = bus.publishAsync(EventType.AUDIT, 'in flight');
    const second = bus.publishAsync(EventType.AUDIT, 'waiting');
    bus.publish(EventType.AUDIT, 'waiting too');
    const outcomes = Promise.allSettled([first, second]);
    bus.close();
    const [firstOutcome, secondOutcome] = await outcomes;
    expect(firstOutcome).toEqual({ status: 'rejected', reason: expect.any(BusClosedError) });
    expect(secondOutcome).toEqual({ status: 'rejected', reason: expect.any(BusClosedError) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(BusClosedError);
    expect(delivered).toBe(0);
    expect(bus.historySize).toBe(0);
  });

  test('rule 12: ingest keeps the id and fields, stamps its own seq, and delivers', () => {
    const { bus: origin } = makeBus();
    origin.publish(EventType.AUDIT, 'warm-up');
    origin.publish(EventType.ORDER_PLACED, { id: 'a', total: 3 }, { source: 'shop', metadata: { k: 1 }, runId: 'r', lane: 'l' });
    const made = origin.history()[1]!;
    const { bus } = makeBus();
    const seen: Event[] = [];
    bus.subscribe(EventType.ORDER_PLACED, (e) => void seen.push(e));
    const stored = bus.ingest(JSON.parse(JSON.stringify(made)));
    expect(stored.seq).toBe(1);
    expect({ ...stored, seq: made.seq }).toEqual(made);
    expect(seen).toEqual([stored]);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(bus.history()).toEqual([stored]);
  });

  test('rule 12: ingest runs guards and the schema but not middleware, and does not deduplicate', () => {
    const { bus: origin } = makeBus();
    origin.publish(EventType.AUDIT, 'remote');
    const made = origin.history()[0]!;
    const { bus } = makeBus();
    let middlewareCalls = 0;
    bus.addMiddleware(() => void middlewareCalls++);
    const removeGuard = bus.addGuard((e) => (e.data === 'remote' ? 'no remote audits' : undefined));
    expect(() => bus.ingest(made)).toThrow(new EventRejectedError('no remote audits'));
    expect(bus.historySize).toBe(0);
    removeGuard();
    bus.ingest(made);
    bus.ingest(made);
    expect(middlewareCalls).toBe(0);
    expect(bus.history().map((e) => [e.id, e.seq])).toEqual([
      [made.id, 1],
      [made.id, 2],
    ]);
  });

  test("rule 12: an ingested event's laneSeq advances the counter of its run and lane, never back", () => {
    const { bus } = makeBus();
    const remote = { type: 'AUDIT', data: 'a', timestamp: Date.now(), seq: 0, metadata: {}, visibility: 'internal', runId: 'r', lane: 'l' } as const;
    bus.ingest({ ...remote, id: 'x-1', laneSeq: 5 });
    expect(bus.nextSeq('r', 'l')).toBe(6);
    bus.ingest({ ...remote, id: 'x-2', laneSeq: 2 });
    expect(bus.nextSeq('r', 'l')).toBe(6);
    expect(bus.nextSeq('r', 'other')).toBe(1);
    bus.publish(EventType.AUDIT, 'local', { runId: 'r', lane: 'l' });
    expect(bus.history().map((e) => e.laneSeq)).toEqual([5, 2, 6]);
  });

  test('rule 12: an event that is not an Event gets TypeError / UnknownEventTypeError, and nothing is stored', () => {
    const { bus } = makeBus();
    const good = { id: 'x-1', type: 'AUDIT', data: 'a', timestamp: Date.now(), seq: 7, metadata: {}, visibility: 'internal' } as const;
    expect(() => bus.ingest(null as never)).toThrow(new TypeError('EventBus.ingest: expected an event object, got null'));
    expect(() => bus.ingest({ ...good, id: undefined } as never)).toThrow(new TypeError('EventBus.ingest: event.id must be a non-empty string, got undefined'));
    expect(() => bus.ingest({ ...good, type: undefined } as never)).toThrow(TypeError);
    expect(() => bus.ingest({ ...good, type: 'ELSEWHERE' })).toThrow(UnknownEventTypeError);
    expect(() => bus.ingest({ ...good, timestamp: 'now' } as never)).toThrow(/timestamp must be a finite number/);
    expect(() => bus.ingest({ ...good, visibility: 'secret' } as never)).toThrow(/visibility must be/);
    expect(() => bus.ingest({ ...good, metadata: 5 } as never)).toThrow(/metadata must be an object/);
    expect(bus.historySize).toBe(0);
    expect(bus.ingest(good).seq).toBe(1);
  });
});
