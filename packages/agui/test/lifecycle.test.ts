import { afterEach, describe, expect, test } from 'vitest';
import { EventValidationError, type Event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { waitFor } from '../../../test-support/wait.js';
import { AgUiEvents, aguiHandler } from '../src/index.js';
import { agentFor, closeServers, runInput, serveAgent } from './serve.js';

afterEach(closeServers);

/** The AG-UI events of an event-stream body. */
function eventsOf(body: string): Array<Record<string, unknown>> {
  return body
    .split('\n\n')
    .filter((message) => message.startsWith('data: '))
    .map((message) => JSON.parse(message.slice('data: '.length)) as Record<string, unknown>);
}

describe('a run and its client (rules 2-4, 6)', () => {
  test("the client going away aborts signal, disposes the run's bus, leaves nothing subscribed on root", async () => {
    let signal: AbortSignal | undefined;
    let laterPublish: unknown;
    const { root, url } = await serveAgent({
      run: async (_input, run, abort) => {
        signal = abort;
        run.publish('TEXT_MESSAGE_START', { messageId: 'm1', role: 'assistant' });
        await new Promise((resolve) => abort.addEventListener('abort', resolve));
        try {
          run.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm1', delta: 'too late' });
        } catch (error) {
          laterPublish = error;
        }
      },
    });
    const onRoot: Event[] = [];
    root.subscribeAll((event) => void onRoot.push(event));
    const before = root.subscriberCount;
    const { agent } = agentFor(url);
    agent.subscribe({ onTextMessageStartEvent: () => agent.abortRun() });
    await agent.runAgent({ runId: 'run-gone' }).catch(() => undefined);
    await waitFor(() => signal?.aborted === true, 'the run to be aborted');
    await waitFor(() => root.children.length === 0, 'the run bus to be disposed');
    expect(root.subscriberCount).toBe(before);
    await waitFor(() => laterPublish !== undefined, "the run's publish after the abort to fail");
    expect((laterPublish as Error).name).toBe('BusClosedError');
    // Root's record of the run ends too.
    expect(onRoot.map((event) => event.type)).toEqual(['RUN_STARTED', 'TEXT_MESSAGE_START', 'RUN_ERROR']);
    expect(onRoot.at(-1)?.data).toMatchObject({ code: 'CLIENT_GONE' });
  });

  test('ten concurrent runs stream independently', async () => {
    const runIds = Array.from({ length: 10 }, (_, i) => `run-${i}`);
    let waiting = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    const { root, url } = await serveAgent({
      run: async (input, run) => {
        run.publish('TEXT_MESSAGE_START', { messageId: `m-${input.runId}`, role: 'assistant' });
        if (++waiting === runIds.length) release();
        await allStarted;
        for (const word of ['answer', 'for', input.runId]) {
          run.publish('TEXT_MESSAGE_CONTENT', { messageId: `m-${input.runId}`, delta: `${word} ` });
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        run.publish('TEXT_MESSAGE_END', { messageId: `m-${input.runId}` });
      },
    });
    let most = 0;
    root.subscribeAll(() => void (most = Math.max(most, root.children.length)));
    const results = await Promise.all(runIds.map((runId) => agentFor(url, `thread-${runId}`).agent.runAgent({ runId })));
    expect(most).toBe(10);
    results.forEach(({ newMessages }, i) => {
      expect(newMessages).toEqual([{ id: `m-run-${i}`, role: 'assistant', content: `answer for run-${i} ` }]);
    });
    await waitFor(() => root.children.length === 0, 'every run bus to be disposed');
  });

  test('a malformed AG-UI event is rejected at publish with the schema error, and never streamed', async () => {
    let refused: unknown;
    const { url } = await serveAgent({
      run: (_input, run) => {
        run.publish('TEXT_MESSAGE_START', { messageId: 'm1' });
        try {
          // @ts-expect-error messageId is missing
          run.publish('TEXT_MESSAGE_CONTENT', { delta: 'lost' });
        } catch (error) {
          refused = error;
        }
        run.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm1', delta: 'kept' });
        run.publish('TEXT_MESSAGE_END', { messageId: 'm1' });
      },
    });
    const { agent, types } = agentFor(url);
    const { newMessages } = await agent.runAgent({ runId: 'run-bad' });
    expect(refused).toBeInstanceOf(EventValidationError);
    expect((refused as EventValidationError).reason).toBe('invalid TEXT_MESSAGE_CONTENT payload: messageId: Invalid input: expected string, received undefined');
    expect(types()).toEqual(['RUN_STARTED', 'TEXT_MESSAGE_START', 'TEXT_MESSAGE_CONTENT', 'TEXT_MESSAGE_END', 'RUN_FINISHED']);
    expect(newMessages).toEqual([{ id: 'm1', role: 'assistant', content: 'kept' }]);
  });

  test('nothing of a run follows its terminal event', async () => {
    let afterEnd: unknown;
    const { url } = await serveAgent({
      run: (input, run) => {
        run.publish('RUN_ERROR', { message: 'gave up', code: 'NOPE' });
        try {
          run.publish('CUSTOM', { name: 'late', value: 1 });
        } catch (error) {
          afterEnd = error;
        }
        return input.runId;
      },
    });
    const { agent, types } = agentFor(url);
    await agent.runAgent({ runId: 'run-end' });
    expect(types()).toEqual(['RUN_STARTED', 'RUN_ERROR']);
    expect(String(afterEnd)).toMatch(/CUSTOM after the run run-end ended/);
  });

  test('a client that falls bufferSize events behind gets RUN_ERROR CLIENT_OVERFLOW after what it had, and its run is aborted', async () => {
    const root = ScopedEventBus.root(AgUiEvents);
    const onRoot: Event[] = [];
    root.subscribeAll((event) => void onRoot.push(event));
    let signal: AbortSignal | undefined;
    const handler = aguiHandler(root, {
      bufferSize: 3,
      run: (_input, run, abort) => {
        signal = abort;
        // Published before the client reads anything: RUN_STARTED and two steps fill its queue.
        for (let n = 1; n <= 5; n++) {
          if (abort.aborted) break;
          run.publish('STEP_STARTED', { stepName: `s${n}` });
        }
      },
    });
    const response = await handler(new Request('http://127.0.0.1/agent', { method: 'POST', body: JSON.stringify(runInput('run-slow')) }));
    const events = eventsOf(await response.text());
    expect(events.map((event) => event.type)).toEqual(['RUN_STARTED', 'STEP_STARTED', 'STEP_STARTED', 'RUN_ERROR']);
    expect(events.at(-1)).toMatchObject({ code: 'CLIENT_OVERFLOW', message: expect.stringContaining('bufferSize') });
    expect(signal?.aborted).toBe(true);
    await waitFor(() => root.children.length === 0, 'the run bus to be disposed');
    expect(onRoot.map((event) => event.type)).toEqual(['RUN_STARTED', 'STEP_STARTED', 'STEP_STARTED', 'STEP_STARTED', 'RUN_ERROR']);
    expect(onRoot.at(-1)?.data).toMatchObject({ code: 'CLIENT_OVERFLOW' });
  });
  test('a terminal event that cannot be sent as JSON ends the client with RUN_ERROR, and the bus keeps its one terminal event', async () => {
    const root = ScopedEventBus.root(AgUiEvents);
    const onRoot: Event[] = [];
    root.subscribeAll((event) => void onRoot.push(event));
    const handler = aguiHandler(root, { run: () => ({ big: 1n }) });
    const response = await handler(new Request('http://127.0.0.1/agent', { method: 'POST', body: JSON.stringify(runInput('run-bigint')) }));
    const events = eventsOf(await response.text());
    expect(events.map((event) => event.type)).toEqual(['RUN_STARTED', 'RUN_ERROR']);
    expect(events[1]).toMatchObject({ code: 'ENCODING_FAILED', message: expect.stringContaining('RUN_FINISHED could not be sent as JSON') });
    await waitFor(() => root.children.length === 0, 'the run bus to be disposed');
    expect(onRoot.map((event) => event.type)).toEqual(['RUN_STARTED', 'RUN_FINISHED']);
  });
});
