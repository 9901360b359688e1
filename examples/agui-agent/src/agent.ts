import type { RunAgentInput } from '@ag-ui/core';
import type { AgUiEventMap } from '@mesh/agui';
import type { ScopedEventBus } from '@mesh/scoped';

/** The agent's shared state, as the frontend sees it. */
export interface TripState {
  city: string;
  forecast: Array<{ day: string; celsius: number }>;
  status: 'looking up' | 'answered';
}

/** A pause of `ms` milliseconds, cut short by `signal` (then it rejects with its reason). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** The city the user asked about: the last word of their last message (`Oslo` by default). */
function cityOf(input: RunAgentInput): string {
  const last = input.messages.filter((message) => message.role === 'user').at(-1);
  const text = typeof last?.content === 'string' ? last.content : '';
  return /([A-Z][a-z]+)\W*$/.exec(text)?.[1] ?? 'Oslo';
}

/**
 * A weather agent, written on a bus: two steps, a tool call with its
 * result, the trip state as a snapshot and then a JSON Patch, and a
 * streamed answer. `aguiHandler` adds `RUN_STARTED` before its first event
 * and `RUN_FINISHED` after it returns. Token counts go out as an `internal`
 * event: the devtools page shows them, the frontend never gets them.
 */
export function weatherAgent(delayMs: number) {
  return async (input: RunAgentInput, run: ScopedEventBus<AgUiEventMap>, signal: AbortSignal): Promise<void> => {
    const city = cityOf(input);
    const id = input.runId;
    run.publish('STEP_STARTED', { stepName: 'look up' });
    run.publish('STATE_SNAPSHOT', { snapshot: { city, forecast: [], status: 'looking up' } satisfies TripState });
    run.publish('TOOL_CALL_START', { toolCallId: `${id}-call`, toolCallName: 'forecast' });
    for (const delta of ['{"city":', JSON.stringify(city), ',"days":2}']) {
      run.publish('TOOL_CALL_ARGS', { toolCallId: `${id}-call`, delta });
      await pause(delayMs, signal);
    }
    run.publish('TOOL_CALL_END', { toolCallId: `${id}-call` });
    const forecast = [{ day: 'today', celsius: 4 }, { day: 'tomorrow', celsius: 7 }];
    run.publish('TOOL_CALL_RESULT', { messageId: `${id}-result`, toolCallId: `${id}-call`, content: JSON.stringify(forecast), role: 'tool' });
    run.publish('CUSTOM', { name: 'token-usage', value: { prompt: 182, completion: 24 } }, { visibility: 'internal' });
    run.publish('STEP_FINISHED', { stepName: 'look up' });

    run.publish('STEP_STARTED', { stepName: 'answer' });
    run.publish('TEXT_MESSAGE_START', { messageId: `${id}-answer`, role: 'assistant' });
    for (const delta of [`${city}: `, `${forecast[0]!.celsius} °C today, `, `${forecast[1]!.celsius} °C tomorrow.`]) {
      run.publish('TEXT_MESSAGE_CONTENT', { messageId: `${id}-answer`, delta });
      await pause(delayMs, signal);
    }
    run.publish('TEXT_MESSAGE_END', { messageId: `${id}-answer` });
    run.publish('STATE_DELTA', {
      delta: [
        { op: 'add', path: '/forecast/-', value: forecast[0] },
        { op: 'add', path: '/forecast/-', value: forecast[1] },
        { op: 'replace', path: '/status', value: 'answered' },
      ],
    });
    run.publish('STEP_FINISHED', { stepName: 'answer' });
  };
}
