import { describe, expect, test } from 'vitest';
import { BusClosedError, EventRejectedError, defineEvents, event, type Event } from '@mesh/bus';
import { ScopedEventBus } from '../src/index.js';

/** A run's steps and its terminal event, for streams that end by themselves. */
const Flow = defineEvents({
  STEP: event<string>(),
  DONE: event<string>({ terminal: true }),
});

/** A promise with its resolver, to hold an async step until the test opens it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Reads a stream to its end. */
async function collect(stream: AsyncIterable<Event>): Promise<string[]> {
  const seen: string[] = [];
  for await (const e of stream) seen.push(`${e.seq} ${e.type}:${String(e.data)}@${e.scope}`);
  return seen;
}

describe('@mesh/scoped rule 7: a ScopedEventBus is a whole bus', () => {
  test("rule 7: subscribeAll takes scope: 'local' (this bus's own events), 'subtree' (the default) and a glob of origin paths", () => {
    const root = ScopedEventBus.root(Flow);
    const wf1 = root.child('workflow-1');
    const wf2 = root.child('workflow-2');
    const node = wf1.child('node-1');
    const seen: Record<string, string[]> = { local: [], subtree: [], explicit: [], direct: [], wf1Tree: [], wf1All: [] };
    root.subscribeAll((e) => void seen.local!.push(e.scope!), { scope: 'local' });
    root.subscribeAll((e) => void seen.subtree!.push(e.scope!));
    root.subscribeAll((e) => void seen.explicit!.push(e.scope!), { scope: 'subtree' });
    root.subscribeAll((e) => void seen.direct!.push(e.scope!), { scope: 'root/workflow-*' });
    root.subscribeAll((e) => void seen.wf1Tree!.push(e.scope!), { scope: 'root/workflow-1/**' });
    wf1.subscribeAll((e) => void seen.wf1All!.push(e.scope!));

    for (const bus of [root, wf1, wf2, node]) bus.publish('STEP', bus.name);
    const all = ['root', 'root/workflow-1', 'root/workflow-2', 'root/workflow-1/node-1'];
    expect(seen).toEqual({
      local: ['root'],
      subtree: all,
      explicit: all,
      direct: ['root/workflow-1', 'root/workflow-2'],
      wf1Tree: ['root/workflow-1', 'root/workflow-1/node-1'],
      wf1All: ['root/workflow-1', 'root/workflow-1/node-1'],
    });
  });

  test('rule 7: a scoped subscribeAll combines with the caller\'s filter and once', () => {
    const root = ScopedEventBus.root(Flow);
    const run = root.child('run-1');
    const seen: string[] = [];
    root.subscribeAll((e) => void seen.push(String(e.data)), { scope: 'root/run-*', filter: (e) => e.type === 'STEP', once: true });
    root.publish('STEP', 'root step');
    run.publish('DONE', 'run done');
    run.publish('STEP', 'run step 1');
    run.publish('STEP', 'run step 2');
    expect(seen).toEqual(['run step 1']);
  });

  test("rule 7: stream({ scope: 'local' }) yields only this bus's own events, in seq order", async () => {
    const root = ScopedEventBus.root(Flow);
    const run = root.child('run-1');
    const stream = root.stream({ scope: 'local' }, { endOnTerminal: true });
    const read = collect(stream);
    root.publish('STEP', 'r1');
    run.publish('STEP', 'c1');
    run.publish('DONE', 'c-done'); // terminal, but not local: the stream goes on
    root.publish('STEP', 'r2');
    root.publish('DONE', 'r-done');
    expect(await read).toEqual(['1 STEP:r1@root', '4 STEP:r2@root', '5 DONE:r-done@root']);
  });

  test('rule 7: stream({ scope: glob }) yields the events of the matching origins, in seq order', async () => {
    const root = ScopedEventBus.root(Flow);
    const run1 = root.child('run-1');
    const run2 = root.child('run-2');
    const cron = root.child('cron');
    const step = run1.child('step-a');
    const stream = root.stream({ scope: 'root/run-*/**' }, { endOnTerminal: true });
    const read = collect(stream);
    root.publish('STEP', 'root');
    run1.publish('STEP', 'run-1');
    cron.publish('STEP', 'cron');
    step.publish('STEP', 'step-a');
    cron.publish('DONE', 'cron done'); // not in scope: does not end the stream
    run2.publish('DONE', 'run-2 done');
    expect(await read).toEqual(['2 STEP:run-1@root/run-1', '4 STEP:step-a@root/run-1/step-a', '6 DONE:run-2 done@root/run-2']);
  });

  test('rule 7: stream with a scope combines with the stream filter (types), and close() ends it', async () => {
    const root = ScopedEventBus.root(Flow);
    const run = root.child('run-1');
    const stream = root.stream({ scope: 'root/run-1', types: ['STEP'] });
    root.publish('STEP', 'root');
    run.publish('DONE', 'not a step');
    run.publish('STEP', 'wanted');
    expect((await stream.next()).value?.data).toBe('wanted');
    const subscribers = root.subscriberCount;
    stream.close();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(root.subscriberCount).toBe(subscribers - 1);
  });

  test("rule 7: stream({ sinceSeq }) on a child replays that child's history after the seq, then live events: no gap, no duplicate", async () => {
    const root = ScopedEventBus.root(Flow);
    const run = root.child('run-1');
    const step = run.child('step');
    run.publish('STEP', 's1'); // seq 1
    root.publish('STEP', 'root only'); // seq 2, never in the run's history
    step.publish('STEP', 's2'); // seq 3
    run.publish('STEP', 's3'); // seq 4
    const read = collect(run.stream({ sinceSeq: 1 }, { endOnTerminal: true }));
    root.publish('STEP', 'root again'); // seq 5
    step.publish('STEP', 's4'); // seq 6
    run.publish('DONE', 'end'); // seq 7
    expect(await read).toEqual(['3 STEP:s2@root/run-1/step', '4 STEP:s3@root/run-1', '6 STEP:s4@root/run-1/step', '7 DONE:end@root/run-1']);
  });

  test('rule 7: publishAsync resolves with the event id once the async handlers at every level have settled', async () => {
    const root = ScopedEventBus.root(Flow);
    const run = root.child('run-1');
    const gate = deferred();
    const started = deferred<string>();
    let settled = false;
    root.subscribe('STEP', async () => {
      started.resolve('handler waiting');
      await gate.promise;
      settled = true;
    });
    const published = run.publishAsync('STEP', 'x');
    expect(await Promise.race([published.then(() => 'resolved'), started.promise])).toBe('handler waiting');
    expect(settled).toBe(false);
    gate.resolve();
    const id = await published;
    expect(settled).toBe(true);
    expect(run.history().map((e) => e.id)).toEqual([id]);
    expect(root.history().map((e) => e.id)).toEqual([id]);
  });

  test("rule 7: publishAsync rejects when a guard (an ancestor's too) refuses the event, and nothing is stored", async () => {
    const root = ScopedEventBus.root(Flow);
    const run = root.child('run-1');
    root.addGuard((e) => (e.data === 'forbidden' ? 'not in this tree' : undefined));
    await expect(run.publishAsync('STEP', 'forbidden')).rejects.toBeInstanceOf(EventRejectedError);
    await expect(run.publishAsync('STEP', 'forbidden')).rejects.toMatchObject({ reason: 'not in this tree' });
    expect(run.historySize + root.historySize).toBe(0);
    const id = await run.publishAsync('STEP', 'fine');
    expect(root.history().map((e) => [e.id, e.seq])).toEqual([[id, 1]]);
  });

  test('rule 7: history, replay and historySize are this level\'s: the events this level delivered', () => {
    const root = ScopedEventBus.root(Flow);
    const wf = root.child('wf');
    const node = wf.child('node');
    root.publish('STEP', 'r1'); // seq 1
    node.publish('STEP', 'n1', { runId: 'run-1' }); // seq 2
    wf.publish('STEP', 'w1', { runId: 'run-1' }); // seq 3
    node.publish('STEP', 'n2', { runId: 'run-1', lane: 'a' }); // seq 4
    root.publish('STEP', 'r2'); // seq 5

    const data = (events: readonly Event[]) => events.map((e) => e.data);
    expect(data(root.history())).toEqual(['r1', 'n1', 'w1', 'n2', 'r2']);
    expect(data(wf.history())).toEqual(['n1', 'w1', 'n2']);
    expect(data(node.history())).toEqual(['n1', 'n2']);
    expect([root.historySize, wf.historySize, node.historySize]).toEqual([5, 3, 2]);
    for (const level of [wf, node]) {
      for (const e of level.history()) expect(root.history().find((r) => r.id === e.id)).toBe(e);
    }

    expect(data(wf.history({ sinceSeq: 2 }))).toEqual(['w1', 'n2']);
    expect(data(wf.history({ limit: 1 }))).toEqual(['n2']);
    expect(data(root.history({ runId: 'run-1' }))).toEqual(['n1', 'w1', 'n2']);
    expect(data(wf.replay({ runId: 'run-1', sinceSeq: 2 }))).toEqual(['w1', 'n2']);
    expect(data(node.replay({ lane: 'a' }))).toEqual(['n2']);
    expect(data(node.replay({ sinceSeq: 4 }))).toEqual([]);
    expect(data(root.replay({ sinceSeq: 3, types: ['STEP'] }))).toEqual(['n2', 'r2']);
  });

  test('rule 7: nextSeq is the laneSeq the next publish gets; a tree counts each (runId, lane) once, whichever level publishes', () => {
    const root = ScopedEventBus.root(Flow);
    const wf = root.child('wf');
    const node = wf.child('node');
    const order = [node, wf, node, root, node, wf] as const;
    for (const level of order) {
      const predicted = level.nextSeq('run-1', 'main');
      level.publish('STEP', level.name, { runId: 'run-1', lane: 'main' });
      expect(level.history().at(-1)!.laneSeq).toBe(predicted);
    }
    // Six events of (run-1, main) were published in the tree: one lane, numbered 1..6 in the root's history.
    expect([root.nextSeq('run-1', 'main'), wf.nextSeq('run-1', 'main'), node.nextSeq('run-1', 'main')]).toEqual([7, 7, 7]);
    expect(root.history().map((e) => e.laneSeq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(node.nextSeq('run-1', 'other')).toBe(1);
    expect(root.nextSeq('run-2')).toBe(1);
  });

  test('rule 7: subscriberCount counts the subscriptions made on that level only', () => {
    const root = ScopedEventBus.root(Flow);
    const wf = root.child('wf');
    const node = wf.child('node');
    const base = [root.subscriberCount, wf.subscriberCount, node.subscriberCount];
    root.subscribe('STEP', () => {});
    root.subscribeAll(() => {}, { scope: 'local' });
    const wfStep = wf.subscribe('STEP', () => {});
    wf.subscribeAll(() => {});
    node.subscribe('DONE', () => {}, { scope: 'local' });
    expect([root.subscriberCount, wf.subscriberCount, node.subscriberCount]).toEqual([base[0]! + 2, base[1]! + 2, base[2]! + 1]);
    wfStep();
    expect(wf.subscriberCount).toBe(base[1]! + 1);
    wf.dispose();
    expect(wf.subscriberCount + node.subscriberCount).toBe(0);
    expect(root.subscriberCount).toBe(base[0]! + 2);
  });

  test('rule 7: `using run = root.child(...)` disposes the child at the end of its block', () => {
    const root = ScopedEventBus.root(Flow);
    const held: { bus?: typeof root } = {};
    {
      using wf = root.child('order-9');
      held.bus = wf;
      wf.publish('STEP', 'inside');
      expect(wf.disposed).toBe(false);
      expect(root.children).toContain(wf);
    }
    const kept = held.bus!;
    expect(kept.disposed).toBe(true);
    expect(root.children).not.toContain(kept);
    expect(root.children).toEqual([]);
    expect(() => kept.publish('STEP', 'afterwards')).toThrow(BusClosedError);
    expect(root.history().map((e) => e.data)).toEqual(['inside']);
  });

  test('rule 7: `using` disposes the child when its block throws too', () => {
    const root = ScopedEventBus.root(Flow);
    const held: { bus?: typeof root } = {};
    expect(() => {
      using wf = root.child('order-10');
      held.bus = wf;
      wf.publish('STEP', 'started');
      throw new Error('step failed');
    }).toThrow('step failed');
    expect(held.bus?.disposed).toBe(true);
    expect(root.children).toEqual([]);
  });

  test('rule 7: dispose() through Symbol.dispose is dispose(): disposed, detached, and using it afterwards throws BusClosedError', () => {
    const root = ScopedEventBus.root(Flow);
    const wf = root.child('wf');
    const node = wf.child('node');
    wf[Symbol.dispose]();
    expect([wf.disposed, node.disposed, root.disposed]).toEqual([true, true, false]);
    expect(root.children).toEqual([]);
    expect(() => node.publish('STEP', 'x')).toThrow(BusClosedError);
    expect(() => wf.subscribeAll(() => {})).toThrow(BusClosedError);
    expect(() => wf.stream()).toThrow(BusClosedError);
    wf[Symbol.dispose](); // a second time changes nothing
  });
});
