import { afterEach, describe, expect, test } from 'vitest';
import { EventEncoder } from '@ag-ui/encoder';
import type { BaseEvent } from '@ag-ui/core';
import { RunAgentInputSchema } from '@ag-ui/core/schemas';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { AgUiEvents, aguiHandler } from '../src/index.js';
import { closeServers, runInput, serve, serveAgent } from './serve.js';

afterEach(closeServers);

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('requests (rule 1)', () => {
  test('GET gets 405 with Allow: POST, and runs nothing', async () => {
    let runs = 0;
    const { url } = await serveAgent({ run: () => void runs++ });
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(runs).toBe(0);
  });

  test("an invalid RunAgentInput gets 400 with the schema's message", async () => {
    let runs = 0;
    const { url } = await serveAgent({ run: () => void runs++ });
    const invalid = { threadId: 't', messages: 'none' };
    const issues = (await RunAgentInputSchema['~standard'].validate(invalid)).issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    const response = await post(url, invalid);
    expect(response.status).toBe(400);
    const text = await response.text();
    for (const issue of issues) expect(text).toContain(`${issue.path?.join('.')}: ${issue.message}`);
    const notJson = await post(url, '{"threadId":');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toMatch(/not JSON/);
    const slash = await post(url, runInput('a/b'));
    expect(slash.status).toBe(400);
    expect(await slash.text()).toMatch(/runId: must be a non-empty string without '\/'/);
    expect(runs).toBe(0);
  });

  test('authorize false gets 403, and runs nothing', async () => {
    let runs = 0;
    const { url } = await serveAgent({ run: () => void runs++, authorize: async (request) => request.headers.get('authorization') === 'Bearer yes' });
    expect((await post(url, runInput('r1'))).status).toBe(403);
    expect(runs).toBe(0);
    const allowed = await post(url, runInput('r1'), { authorization: 'Bearer yes' });
    expect(allowed.status).toBe(200);
    await allowed.text();
    expect(runs).toBe(1);
  });

  test('a body past maxBodyBytes gets 413 and runs nothing, whether its length is declared or streamed; one at the limit runs', async () => {
    let runs = 0;
    const input = JSON.stringify(runInput('sized'));
    const root = ScopedEventBus.root(AgUiEvents);
    const handler = aguiHandler(root, { run: () => void runs++, maxBodyBytes: Buffer.byteLength(input) });
    const declaredLengths: Array<string | null> = [];
    const url = await serve((request) => {
      declaredLengths.push(request.headers.get('content-length'));
      return handler(request);
    });
    const padded = `${input} `; // one byte past the limit, still valid JSON
    const declared = await post(url, padded);
    expect(declared.status).toBe(413);
    expect(await declared.text()).toBe(`Content Too Large: the body is larger than ${Buffer.byteLength(input)} bytes (maxBodyBytes)\n`);
    const chunks = new TextEncoder().encode(padded);
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(chunks.subarray(0, 10));
          controller.enqueue(chunks.subarray(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    await streamed.text();
    expect(declaredLengths).toEqual([String(chunks.byteLength), null]); // the second body came chunked, its length unknown
    expect(runs).toBe(0);
    expect(root.children).toEqual([]);
    const atLimit = await post(url, input);
    expect(atLimit.status).toBe(200);
    await atLimit.text();
    expect(runs).toBe(1);
  });

  test('a runId whose run is still going gets 409', async () => {
    let release!: () => void;
    const { root, url } = await serveAgent({ run: () => new Promise<void>((resolve) => (release = resolve)) });
    const first = await post(url, runInput('same'));
    expect(first.status).toBe(200);
    const second = await post(url, runInput('same'));
    expect(second.status).toBe(409);
    expect(root.children.map((child) => child.name)).toEqual(['same']);
    release();
    expect(await first.text()).toMatch(/RUN_FINISHED/);
  });

  test("the body is AG-UI's wire format, message for message what @ag-ui/encoder writes", async () => {
    const { url } = await serveAgent({
      run: (_input, run) => {
        run.publish('TEXT_MESSAGE_START', { messageId: 'm', role: 'assistant', metadata: { lang: 'en' } });
        run.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm', delta: 'line one\nline "two"' });
        run.publish('TEXT_MESSAGE_END', { messageId: 'm' });
        run.publish('STATE_SNAPSHOT', { snapshot: { nested: { list: [1, null, 'x'] } } });
      },
    });
    const response = await post(url, runInput('wire'));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const body = await response.text();
    const messages = body.split(/(?<=\n\n)/);
    const encoder = new EventEncoder();
    const events = messages.map((message) => JSON.parse(message.slice('data: '.length)) as BaseEvent);
    expect(events.map((e) => e.type)).toEqual(['RUN_STARTED', 'TEXT_MESSAGE_START', 'TEXT_MESSAGE_CONTENT', 'TEXT_MESSAGE_END', 'STATE_SNAPSHOT', 'RUN_FINISHED']);
    messages.forEach((message, i) => expect(message).toBe(encoder.encodeSSE(events[i]!)));
    for (const e of events) {
      expect(Object.keys(e).slice(0, 2)).toEqual(['type', 'timestamp']);
      expect(Number.isInteger(e.timestamp)).toBe(true);
    }
  });
});

describe('bad options', () => {
  const root = ScopedEventBus.root(AgUiEvents);
  const run = () => undefined;

  test.each([
    ['no options', undefined, /options must be an object/],
    ['no run', {}, /run must be a function/],
    ['authorize not a function', { run, authorize: true }, /authorize must be a function/],
    ['unknown visibility', { run, visibility: 'secret' }, /visibility must be 'public', 'internal' or 'debug'/],
    ['bufferSize 0', { run, bufferSize: 0 }, /bufferSize must be a positive integer/],
    ['bufferSize 1.5', { run, bufferSize: 1.5 }, /bufferSize must be a positive integer/],
    ['maxBodyBytes 0', { run, maxBodyBytes: 0 }, /maxBodyBytes must be a positive integer/],
    ['maxBodyBytes "1mb"', { run, maxBodyBytes: '1mb' }, /maxBodyBytes must be a positive integer, got the string "1mb"/],
  ])('%s: a TypeError naming the option', (_what, options, message) => {
    expect(() => aguiHandler(root, options as never)).toThrow(TypeError);
    expect(() => aguiHandler(root, options as never)).toThrow(message);
  });

  test('a root that is not a ScopedEventBus of AgUiEvents', () => {
    const Other = defineEvents({ STEP: event<number>() });
    expect(() => aguiHandler(new EventBus(AgUiEvents) as never, { run })).toThrow(/root must be a ScopedEventBus/);
    expect(() => aguiHandler(ScopedEventBus.root(Other) as never, { run })).toThrow(/must hold every AG-UI event type/);
  });
});
