import { afterEach, describe, expect, test } from 'vitest';
import type { Event } from '@mesh/bus';
import { waitFor } from '../../../test-support/wait.js';
import { agentFor, closeServers, serveAgent } from './serve.js';

afterEach(closeServers);

describe('aguiHandler with HttpAgent (rule 5: what a real client sees is right)', () => {
  test('a run completes with no verification error; its messages, tool calls and state are what it published', async () => {
    const { root, url } = await serveAgent({
      run: async (_input, run) => {
        run.publish('STEP_STARTED', { stepName: 'answer' });
        run.publish('TEXT_MESSAGE_START', { messageId: 'm1', role: 'assistant' });
        for (const delta of ['Looking ', 'that ', 'up.']) {
          run.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm1', delta });
          await Promise.resolve();
        }
        run.publish('TEXT_MESSAGE_END', { messageId: 'm1' });
        run.publish('TOOL_CALL_START', { toolCallId: 'c1', toolCallName: 'weather', parentMessageId: 'm1' });
        run.publish('TOOL_CALL_ARGS', { toolCallId: 'c1', delta: '{"city":' });
        run.publish('TOOL_CALL_ARGS', { toolCallId: 'c1', delta: '"Oslo"}' });
        run.publish('TOOL_CALL_END', { toolCallId: 'c1' });
        run.publish('TOOL_CALL_RESULT', { messageId: 'r1', toolCallId: 'c1', content: '4 °C', role: 'tool' });
        run.publish('STATE_SNAPSHOT', { snapshot: { city: 'Oslo', forecasts: [] } });
        run.publish('STATE_DELTA', { delta: [{ op: 'add', path: '/forecasts/-', value: 4 }, { op: 'replace', path: '/city', value: 'Bergen' }] });
        run.publish('STEP_FINISHED', { stepName: 'answer' });
        run.publish('RUN_FINISHED', { threadId: 'thread-1', runId: 'run-1', result: 'done' });
      },
    });
    const { agent, types } = agentFor(url);
    const failures: unknown[] = [];
    agent.subscribe({ onRunFailed: ({ error }) => void failures.push(error) });
    const { result, newMessages } = await agent.runAgent({ runId: 'run-1' });
    expect(failures).toEqual([]);
    expect(result).toBe('done');
    expect(types()).toEqual([
      'RUN_STARTED', 'STEP_STARTED', 'TEXT_MESSAGE_START', 'TEXT_MESSAGE_CONTENT', 'TEXT_MESSAGE_CONTENT', 'TEXT_MESSAGE_CONTENT',
      'TEXT_MESSAGE_END', 'TOOL_CALL_START', 'TOOL_CALL_ARGS', 'TOOL_CALL_ARGS', 'TOOL_CALL_END', 'TOOL_CALL_RESULT',
      'STATE_SNAPSHOT', 'STATE_DELTA', 'STEP_FINISHED', 'RUN_FINISHED',
    ]);
    expect(newMessages).toEqual([
      {
        id: 'm1',
        role: 'assistant',
        content: 'Looking that up.',
        toolCalls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
      },
      { id: 'r1', role: 'tool', toolCallId: 'c1', content: '4 °C' },
    ]);
    expect(agent.state).toEqual({ city: 'Bergen', forecasts: [4] });
    await waitFor(() => root.children.length === 0, 'the run bus to be disposed');
  });

  test('RUN_STARTED { threadId, runId } comes first when run does not publish it', async () => {
    const { url } = await serveAgent({
      run: async (_input, run) => {
        await Promise.resolve();
        run.publish('STEP_STARTED', { stepName: 'only' });
        run.publish('STEP_FINISHED', { stepName: 'only' });
      },
    });
    const { agent, events, types } = agentFor(url, 'thread-7');
    await agent.runAgent({ runId: 'run-7' });
    expect(types()).toEqual(['RUN_STARTED', 'STEP_STARTED', 'STEP_FINISHED', 'RUN_FINISHED']);
    expect(events[0]).toMatchObject({ type: 'RUN_STARTED', threadId: 'thread-7', runId: 'run-7' });
  });

  test("the run's own RUN_STARTED is the one streamed, once", async () => {
    const { url } = await serveAgent({
      run: (input, run) => {
        run.publish('RUN_STARTED', { threadId: input.threadId, runId: input.runId, parentRunId: 'run-0' });
        expect(() => run.publish('RUN_STARTED', { threadId: input.threadId, runId: input.runId })).toThrow(/RUN_STARTED was already published/);
      },
    });
    const { agent, events, types } = agentFor(url);
    await agent.runAgent({ runId: 'run-2' });
    expect(types()).toEqual(['RUN_STARTED', 'RUN_FINISHED']);
    expect(events[0]).toMatchObject({ parentRunId: 'run-0' });
  });

  test('RUN_FINISHED is added when run returns without a terminal event, its return value as result', async () => {
    const { url } = await serveAgent({
      run: (_input, run) => {
        run.publish('CUSTOM', { name: 'note', value: 1 });
        return { answer: 42 };
      },
    });
    const { agent, events, types } = agentFor(url);
    const { result } = await agent.runAgent({ runId: 'run-3' });
    expect(types()).toEqual(['RUN_STARTED', 'CUSTOM', 'RUN_FINISHED']);
    expect(events.at(-1)).toMatchObject({ type: 'RUN_FINISHED', threadId: 'thread-1', runId: 'run-3', result: { answer: 42 } });
    expect(result).toEqual({ answer: 42 });
  });

  test.each([
    ['throws', (): never => {
      throw new Error('the model is down');
    }],
    ['rejects', async (): Promise<never> => {
      await Promise.resolve();
      throw new Error('the model is down');
    }],
  ])('RUN_ERROR { message } when run %s', async (_how, fail) => {
    const { root, url } = await serveAgent({ run: fail });
    const onRoot: Event[] = [];
    root.subscribeAll((event) => void onRoot.push(event));
    const { agent, events, types } = agentFor(url);
    const failures: unknown[] = [];
    agent.subscribe({ onRunFailed: ({ error }) => void failures.push(error) });
    await agent.runAgent({ runId: 'run-4' });
    expect(failures).toEqual([]);
    expect(types()).toEqual(['RUN_STARTED', 'RUN_ERROR']);
    expect(events[1]).toEqual({ type: 'RUN_ERROR', timestamp: expect.any(Number), message: 'the model is down' });
    expect(onRoot.map((event) => event.type)).toEqual(['RUN_STARTED', 'RUN_ERROR']);
    await waitFor(() => root.children.length === 0, 'the run bus to be disposed');
  });

  test('internal and debug events never reach the client; root subscribers get them', async () => {
    const { root, url } = await serveAgent({
      run: (_input, run) => {
        run.publish('CUSTOM', { name: 'plan', value: 'public' });
        run.publish('CUSTOM', { name: 'scratchpad', value: 'internal' }, { visibility: 'internal' });
        run.publish('REASONING_START', { messageId: 'think' }, { visibility: 'debug' });
        run.publish('REASONING_END', { messageId: 'think' }, { visibility: 'debug' });
        run.publish('CUSTOM', { name: 'answer', value: 'public' });
      },
    });
    const onRoot: Event[] = [];
    root.subscribeAll((event) => void onRoot.push(event));
    const { agent, events } = agentFor(url);
    await agent.runAgent({ runId: 'run-5' });
    expect(events.map((event) => (event.type === 'CUSTOM' ? event['name'] : event.type))).toEqual(['RUN_STARTED', 'plan', 'answer', 'RUN_FINISHED']);
    expect(onRoot.map((event) => `${event.type}:${event.visibility}`)).toEqual([
      'RUN_STARTED:public', 'CUSTOM:public', 'CUSTOM:internal', 'REASONING_START:debug', 'REASONING_END:debug', 'CUSTOM:public', 'RUN_FINISHED:public',
    ]);
  });

  test("root subscribers get the run's events: one id each, scope root/<runId>, in seq order", async () => {
    const onRun: Event[] = [];
    const { root, url } = await serveAgent({
      run: (_input, run) => {
        run.subscribeAll((event) => void onRun.push(event));
        run.publish('STEP_STARTED', { stepName: 's' });
        run.publish('STEP_FINISHED', { stepName: 's' });
      },
    });
    const onRoot: Event[] = [];
    root.subscribeAll((event) => void onRoot.push(event));
    const { agent } = agentFor(url);
    await agent.runAgent({ runId: 'run-6' });
    await waitFor(() => onRoot.length === 4, 'the events on the root');
    expect(onRoot.map((event) => event.type)).toEqual(['RUN_STARTED', 'STEP_STARTED', 'STEP_FINISHED', 'RUN_FINISHED']);
    expect(onRoot.map((event) => event.id)).toEqual(onRun.map((event) => event.id));
    expect(new Set(onRoot.map((event) => event.id)).size).toBe(4);
    expect(onRoot.every((event) => event.scope === 'root/run-6')).toBe(true);
    const seqs = onRoot.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
