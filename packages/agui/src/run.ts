import type { RunAgentInput } from '@ag-ui/core';
import type { ScopedEventBus } from '@mesh/scoped';
import type { AgUiEventMap } from './events.js';
import { RunFeed } from './feed.js';
import type { AguiSettings } from './options.js';
import { RunOrder } from './run-order.js';
import { STREAM_HEADERS } from './wire.js';

/**
 * Runs `settings.run` on its own bus and answers with the run's event
 * stream. The feed is subscribed and the order guard installed before `run`
 * is called, so nothing the run publishes, even synchronously, is missed.
 * When `run` settles without a terminal event, one is added (`RUN_FINISHED`,
 * with its return value as `result`, or `RUN_ERROR { message }`). The bus is
 * disposed once its terminal event has been delivered everywhere, or at once
 * when the client goes away (then `signal` aborts first).
 */
export function startRun(bus: ScopedEventBus<AgUiEventMap>, input: RunAgentInput, request: Request, settings: AguiSettings): Response {
  const controller = new AbortController();
  const order = new RunOrder(bus, input, settings.visibility);
  const dispose = (): void => {
    if (!bus.disposed) bus.dispose();
  };
  /** Publishes a terminal event for the run unless it has one; when that cannot be, the client alone is told. */
  const finish = (type: 'RUN_FINISHED' | 'RUN_ERROR', payload: Record<string, unknown>): void => {
    if (bus.disposed || order.ended) return;
    try {
      bus.publish(type, (type === 'RUN_FINISHED' ? { threadId: input.threadId, runId: input.runId, ...payload } : payload) as never);
    } catch (error) {
      if (type === 'RUN_FINISHED') finish('RUN_ERROR', { message: `RUN_FINISHED could not be published: ${messageOf(error)}` });
      else feed.fail(messageOf(payload['message']), 'RUN_ERROR_REFUSED');
    }
  };
  const feed = new RunFeed(bus, settings.visibility, settings.bufferSize, {
    terminal: () => {
      order.end();
      // After the event's delivery reached every level up to the root.
      queueMicrotask(dispose);
    },
    failed: (message, code) => {
      controller.abort(new Error(message));
      if (order.ended || bus.disposed) queueMicrotask(dispose);
      else finish('RUN_ERROR', { message, code });
    },
  });
  const gone = (): void => {
    detach();
    feed.close();
    if (order.ended || bus.disposed) return;
    controller.abort(request.signal.reason ?? new DOMException('the client went away', 'AbortError'));
    if (order.started) finish('RUN_ERROR', { message: 'the client went away before the run ended', code: 'CLIENT_GONE' });
    dispose();
  };
  const detach = (): void => request.signal.removeEventListener('abort', gone);
  request.signal.addEventListener('abort', gone);

  let outcome: Promise<unknown>;
  try {
    outcome = Promise.resolve(settings.run(input, bus, controller.signal));
  } catch (error) {
    outcome = Promise.reject(error);
  }
  outcome.then(
    (value) => finish('RUN_FINISHED', value === undefined ? {} : { result: value }),
    (error: unknown) => finish('RUN_ERROR', { message: messageOf(error) }),
  );
  if (request.signal.aborted) gone();

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      const text = await feed.nextBatch();
      if (text === undefined) {
        detach();
        feed.close();
        try {
          stream.close();
        } catch {
          // cancelled while this read waited
        }
        return;
      }
      try {
        stream.enqueue(encoder.encode(text));
      } catch {
        // cancelled while this read waited
      }
    },
    cancel: gone,
  });
  return new Response(body, { status: 200, statusText: 'OK', headers: STREAM_HEADERS });
}

/** An error's message, for `RUN_ERROR`. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  return typeof error === 'string' ? error : String(error);
}
