import { describe, expect, test } from 'vitest';
import { BusClosedError, EventRejectedError, HANDLER_ERROR, TimeoutError, defineEvents, event, type Event, type Instrumentation, type PublishWatch } from '../src/index.js';
import { createChildBus, createRootBus } from '../src/internal.js';
import { EventType, makeBus, settle } from './fixtures.js';

/** An instrumentation that logs every hook it sees as a line, and adds `tag` to metadata. */
function recorder(name: string, log: string[], tag = true): Instrumentation {
  return {
    publish(event) {
      log.push(`${name}.publish ${event.type} seq=${event.seq} meta=${JSON.stringify(event.metadata)}`);
      return {
        metadata: tag ? { [name]: 'on' } : undefined,
        stored: (stored) => void log.push(`${name}.stored ${stored.type} seq=${stored.seq}`),
        rejected: (error) => void log.push(`${name}.rejected ${(error as Error).name}`),
        dropped: () => void log.push(`${name}.dropped`),
      };
    },
    handle(event, handler) {
      log.push(`${name}.handle> ${event.type}`);
      const result = handler(event);
      log.push(`${name}.handle< ${event.type}`);
      return result;
    },
  };
}

describe('EventBus.addInstrumentation: the seam for tracing, metrics and logging (README rule 11)', () => {
  test('publish runs in the publisher’s synchronous call, before guards; its metadata is on what guards, history and handlers see; stored comes before any handler', () => {
    const { bus } = makeBus();
    const log: string[] = [];
    bus.addInstrumentation(recorder('t', log));
    bus.addGuard((e) => void log.push(`guard meta=${JSON.stringify(e.metadata)}`));
    bus.subscribe(EventType.ORDER_SHIPPED, (e) => void log.push(`handler meta=${JSON.stringify(e.metadata)}`));
    log.push('before publish');
    bus.publish(EventType.ORDER_SHIPPED, { id: 'o1' }, { metadata: { region: 'eu' } });
    log.push('after publish');
    expect(log).toEqual([
      'before publish',
      't.publish ORDER_SHIPPED seq=0 meta={"region":"eu"}',
      'guard meta={"region":"eu","t":"on"}',
      't.stored ORDER_SHIPPED seq=1',
      't.handle> ORDER_SHIPPED',
      'handler meta={"region":"eu","t":"on"}',
      't.handle< ORDER_SHIPPED',
      'after publish',
    ]);
    const [stored] = bus.history();
    expect(stored!.metadata).toEqual({ region: 'eu', t: 'on' });
    expect(Object.isFrozen(stored!.metadata)).toBe(true);
  });

  test('rejected: a guard’s reason, a throwing middleware, a failed async middleware, a timeout and a close each end the watch with their error', async () => {
    const outcomes: string[] = [];
    const watching: Instrumentation = { publish: () => ({ rejected: (error) => void outcomes.push(`${(error as Error).name}: ${(error as Error).message}`), stored: () => void outcomes.push('stored') }) };
    const guarded = makeBus();
    guarded.bus.addInstrumentation(watching);
    guarded.bus.addGuard((e) => (e.type === 'AUDIT' ? 'no audits' : undefined));
    expect(() => guarded.bus.publish(EventType.AUDIT, 'x')).toThrow(EventRejectedError);
    const broken = makeBus();
    broken.bus.addInstrumentation(watching);
    broken.bus.addMiddleware(() => {
      throw new Error('middleware broke');
    });
    expect(() => broken.bus.publish(EventType.AUDIT, 'x')).toThrow('middleware broke');
    const later = makeBus({ middlewareTimeoutMs: 50 });
    later.bus.addInstrumentation(watching);
    later.bus.addMiddleware(async (draft) => {
      if (draft.type === 'AUDIT') throw new Error('async broke');
      if (draft.type === 'TRACE') await new Promise(() => {}); // never settles
    });
    await expect(later.bus.publishAsync(EventType.AUDIT, 'x')).rejects.toThrow('async broke');
    await expect(later.bus.publishAsync(EventType.TRACE, 1)).rejects.toThrow(TimeoutError);
    const closing = makeBus();
    closing.bus.addInstrumentation(watching);
    closing.bus.addMiddleware(() => new Promise<void>(() => {}));
    const pending = closing.bus.publishAsync(EventType.AUDIT, 'x');
    const queued = closing.bus.publishAsync(EventType.AUDIT, 'y');
    closing.bus.close();
    await expect(queued).rejects.toThrow(BusClosedError);
    void pending.catch(() => {});
    expect(outcomes).toEqual([
      'EventRejectedError: event rejected: no audits',
      'Error: middleware broke',
      'Error: async broke',
      expect.stringMatching(/^TimeoutError: .*middlewareTimeoutMs/),
      expect.stringMatching(/^BusClosedError: /),
    ]);
  });

  test('dropped: a middleware returning null ends the watch once, with nothing stored', async () => {
    const { bus } = makeBus();
    const log: string[] = [];
    bus.addInstrumentation(recorder('t', log, false));
    bus.addMiddleware(async () => null);
    await bus.publishAsync(EventType.TRACE, 1);
    expect(log).toEqual(['t.publish TRACE seq=0 meta={}', 't.dropped']);
    expect(bus.historySize).toBe(0);
  });

  test('handle stands in the handler’s place: its return value (an async handler’s promise) and its throw are the handler’s, so HANDLER_ERROR and publishAsync still see them', async () => {
    const { bus } = makeBus();
    const seen: string[] = [];
    bus.addInstrumentation({ handle: (event, handler) => handler(event) });
    bus.subscribe(EventType.HANDLER_ERROR, (e) => void seen.push(`${e.data.eventType}: ${e.data.error.message}`));
    bus.subscribe(EventType.TRACE, () => {
      throw new Error('sync');
    });
    bus.subscribe(EventType.TRACE, async () => {
      await settle();
      seen.push('async done');
      throw new Error('async');
    });
    await bus.publishAsync(EventType.TRACE, 1);
    expect(seen).toEqual(['TRACE: sync', 'async done', 'TRACE: async']);
  });

  test('handle runs after the subscription’s filter, visibility and once, for subscribe and subscribeAll alike', () => {
    const { bus } = makeBus();
    const handled: string[] = [];
    bus.addInstrumentation({ handle: (event, handler) => (handled.push(`${event.type}:${event.seq}`), handler(event)) });
    bus.subscribe(EventType.TRACE, () => {}, { filter: (e) => e.data > 1 });
    bus.subscribe(EventType.TRACE, () => {}, { once: true });
    bus.subscribeAll(() => {}, { visibility: 'public' });
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.TRACE, 2);
    bus.publish(EventType.ORDER_SHIPPED, { id: 'o' });
    expect(handled).toEqual(['TRACE:1', 'TRACE:2', 'ORDER_SHIPPED:3']);
  });

  test('errors of the hooks go to onError, and the publish goes on as without the instrumentation', () => {
    const { bus, errors } = makeBus();
    bus.addInstrumentation({
      publish: () => {
        throw new Error('publish hook');
      },
    });
    bus.addInstrumentation({
      publish: (): PublishWatch => ({
        stored: () => {
          throw new Error('stored hook');
        },
      }),
    });
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 600; i++) deep = { deep };
    bus.addInstrumentation({ publish: () => ({ metadata: { deep } }) });
    const got: Event[] = [];
    bus.subscribe(EventType.TRACE, (e) => void got.push(e));
    bus.publish(EventType.TRACE, 7);
    expect(got.map((e) => [e.data, e.metadata])).toEqual([[7, {}]]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['publish hook', expect.stringMatching(/metadata .*deeper than 512|nested/), 'stored hook']);
  });

  test('removal: the remover takes every hook off, and handlers, metadata and history are as without it', () => {
    const { bus } = makeBus();
    const log: string[] = [];
    const remove = bus.addInstrumentation(recorder('t', log));
    bus.subscribe(EventType.TRACE, () => void log.push('handler'));
    remove();
    remove();
    bus.publish(EventType.TRACE, 1);
    expect(log).toEqual(['handler']);
    expect(bus.history()[0]!.metadata).toEqual({});
  });

  test('ingest passes no publish hook (the event was published elsewhere), but its handler calls are handled', () => {
    const { bus } = makeBus();
    const log: string[] = [];
    bus.addInstrumentation(recorder('t', log));
    bus.subscribe(EventType.TRACE, () => void log.push('handler'));
    bus.ingest({ id: 'remote-1', type: 'TRACE', data: 1, timestamp: Date.now(), seq: 0, metadata: { traceparent: 'x' }, visibility: 'debug' });
    expect(log).toEqual(['t.handle> TRACE', 'handler', 't.handle< TRACE']);
  });

  test('HANDLER_ERROR passes the hooks like any event (the instrumentation picks its types)', () => {
    const { bus } = makeBus();
    const types: string[] = [];
    bus.addInstrumentation({ publish: (e) => void types.push(e.type) });
    bus.subscribe(EventType.HANDLER_ERROR, () => {});
    bus.subscribe(EventType.TRACE, () => {
      throw new Error('x');
    });
    bus.publish(EventType.TRACE, 1);
    expect(types).toEqual(['TRACE', HANDLER_ERROR]);
  });

  test('bad input: a TypeError names what is wrong', () => {
    const { bus } = makeBus();
    expect(() => bus.addInstrumentation(null as never)).toThrow(new TypeError('EventBus.addInstrumentation: expected an instrumentation, an object with publish and/or handle hooks, got null'));
    expect(() => bus.addInstrumentation({})).toThrow(new TypeError('EventBus.addInstrumentation: an instrumentation needs a publish or a handle hook, got neither'));
    expect(() => bus.addInstrumentation({ handle: 'yes' } as never)).toThrow(new TypeError('EventBus.addInstrumentation: instrumentation.handle must be a function, got the string "yes"'));
    expect(() => bus.addInstrumentation({ handle: (e, h) => h(e) }, { scope: 'tree' as never })).toThrow(/options.scope must be 'local' or 'subtree'/);
  });
});

describe('instrumentations in a tree: tree-wide like middleware (scoped rule 6; bus rule 20)', () => {
  const Events = defineEvents({ STEP: event<number>() });

  test('on the root it covers every level: publishes on each bus, handler calls on each bus, children created later too; its remover takes it off everywhere', () => {
    const root = createRootBus(Events, { path: 'r' });
    const child = createChildBus(root, Events, 'r/c');
    const log: string[] = [];
    const remove = root.addInstrumentation({
      publish: (e) => void log.push(`publish ${e.scope}`),
      handle: (e, h) => (log.push(`handle ${e.scope}`), h(e)),
    });
    const late = createChildBus(child, Events, 'r/c/late');
    for (const bus of [root, child, late]) bus.subscribe('STEP', () => {}, { filter: (e) => e.scope === 'r/c/late' || bus === root });
    late.publish('STEP', 1);
    child.publish('STEP', 2);
    expect(log).toEqual(['publish r/c/late', 'handle r/c/late', 'handle r/c/late', 'handle r/c/late', 'publish r/c', 'handle r/c']);
    remove();
    log.length = 0;
    late.publish('STEP', 3);
    expect(log).toEqual([]);
  });

  test('root first: the root’s publish hook runs before a child’s, and its handle hook is the outermost', () => {
    const root = createRootBus(Events, { path: 'r' });
    const child = createChildBus(root, Events, 'r/c');
    const log: string[] = [];
    child.addInstrumentation(recorder('child', log));
    root.addInstrumentation(recorder('root', log));
    child.subscribe('STEP', () => void log.push('handler'));
    child.publish('STEP', 1);
    expect(log).toEqual([
      'root.publish STEP seq=0 meta={}',
      'child.publish STEP seq=0 meta={"root":"on"}',
      'root.stored STEP seq=1',
      'child.stored STEP seq=1',
      'root.handle> STEP',
      'child.handle> STEP',
      'handler',
      'child.handle< STEP',
      'root.handle< STEP',
    ]);
  });

  test('scope local: the bus’s own publishes and handler calls only; a child covers its subtree, not its ancestors', () => {
    const root = createRootBus(Events, { path: 'r' });
    const child = createChildBus(root, Events, 'r/c');
    const grandchild = createChildBus(child, Events, 'r/c/g');
    const log: string[] = [];
    root.addInstrumentation({ publish: (e) => void log.push(`root-local ${e.scope}`) }, { scope: 'local' });
    child.addInstrumentation({ handle: (e, h) => (log.push(`child-subtree handles at ${e.scope}`), h(e)) });
    root.subscribe('STEP', () => {});
    grandchild.subscribe('STEP', () => {});
    grandchild.publish('STEP', 1);
    root.publish('STEP', 2);
    expect(log).toEqual(['child-subtree handles at r/c/g', 'root-local r']);
  });
});
