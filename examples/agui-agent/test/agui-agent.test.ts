import { afterEach, expect, test } from 'vitest';
import { HttpAgent } from '@ag-ui/client';
import type { BaseEvent } from '@ag-ui/core';
import { startAgentServer, type AgentServer } from '../src/server.js';

let server: AgentServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Reads an SSE body until a message matches `until`; returns the `data` of each message as JSON. */
async function readUntil(body: ReadableStream<Uint8Array>, until: RegExp): Promise<Array<Record<string, unknown>>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!until.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
}

test('HttpAgent runs the weather agent to the end while the devtools page shows the run live', async () => {
  server = await startAgentServer({ delayMs: 5 });
  // The devtools page's stream, opened before the run: it gets the run live, internal events included.
  const live = await fetch(server.eventsUrl);
  const onPage = readUntil(live.body!, /^event: RUN_FINISHED$/m);

  const agent = new HttpAgent({ url: server.agentUrl, threadId: 'trip' });
  agent.addMessage({ id: 'u1', role: 'user', content: 'What is the weather in Bergen?' });
  const received: BaseEvent[] = [];
  const failures: unknown[] = [];
  agent.subscribe({ onEvent: ({ event }) => void received.push(event), onRunFailed: ({ error }) => void failures.push(error) });
  const { newMessages } = await agent.runAgent({ runId: 'trip-1' });

  expect(failures).toEqual([]);
  expect(received.map((event) => event.type)).toEqual([
    'RUN_STARTED', 'STEP_STARTED', 'STATE_SNAPSHOT', 'TOOL_CALL_START', 'TOOL_CALL_ARGS', 'TOOL_CALL_ARGS', 'TOOL_CALL_ARGS', 'TOOL_CALL_END',
    'TOOL_CALL_RESULT', 'STEP_FINISHED', 'STEP_STARTED', 'TEXT_MESSAGE_START', 'TEXT_MESSAGE_CONTENT', 'TEXT_MESSAGE_CONTENT',
    'TEXT_MESSAGE_CONTENT', 'TEXT_MESSAGE_END', 'STATE_DELTA', 'STEP_FINISHED', 'RUN_FINISHED',
  ]);
  // The tool call gets an assistant message of its own (it names no parent message), then its result, then the answer.
  expect(newMessages).toEqual([
    { id: 'trip-1-call', role: 'assistant', toolCalls: [{ id: 'trip-1-call', type: 'function', function: { name: 'forecast', arguments: '{"city":"Bergen","days":2}' } }] },
    { id: 'trip-1-result', role: 'tool', toolCallId: 'trip-1-call', content: '[{"day":"today","celsius":4},{"day":"tomorrow","celsius":7}]' },
    { id: 'trip-1-answer', role: 'assistant', content: 'Bergen: 4 °C today, 7 °C tomorrow.' },
  ]);
  expect(agent.state).toEqual({
    city: 'Bergen',
    forecast: [{ day: 'today', celsius: 4 }, { day: 'tomorrow', celsius: 7 }],
    status: 'answered',
  });

  const pageEvents = await onPage;
  const run = pageEvents.filter((event) => event['scope'] === 'agents/trip-1');
  expect(run.map((event) => event['type'])).toEqual([
    ...received.map((event) => event.type).slice(0, 9), 'CUSTOM', ...received.map((event) => event.type).slice(9),
  ]);
  expect(run.find((event) => event['type'] === 'CUSTOM')).toMatchObject({ visibility: 'internal', data: { name: 'token-usage' } });
  expect(received.some((event) => event.type === 'CUSTOM')).toBe(false);
}, 20_000);
