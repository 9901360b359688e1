import { ScopedEventBus } from '@mesh/scoped';
import { describeValue } from '@mesh/signals/internal';
import { AG_UI_TYPES, type AgUiEventMap } from './events.js';
import { readRunInput } from './input.js';
import { checkAguiOptions, type AguiOptions } from './options.js';
import { startRun } from './run.js';
import { plainResponse } from './wire.js';

/**
 * A Fetch API handler that serves an agent to AG-UI frontends (CopilotKit,
 * `@ag-ui/client`'s `HttpAgent`, …). A `POST` whose JSON body is a valid
 * `RunAgentInput` starts a run: `run(input, runBus, signal)` is called with
 * a child bus of `root` named by `input.runId`, and every AG-UI event it
 * publishes there (up to `visibility`) streams back in AG-UI's wire format,
 * `data: <event JSON>` per event, in `seq` order. `RUN_STARTED` comes first
 * and `RUN_FINISHED` or `RUN_ERROR` last, added when `run` does not publish
 * them; the response ends after it, and the run's bus is disposed. Its
 * events reach `root` like any other, so the devtools page, Redis and every
 * root subscriber see the run live. A client that goes away aborts `signal`
 * and frees the run's bus at once.
 *
 * Other requests: not `POST` 405 (with `Allow: POST`), `authorize` false 403,
 * a body that is not a `RunAgentInput` 400 (with the schema's message), a
 * body larger than `maxBodyBytes` 413 (read no further), a
 * `runId` whose run is still going 409, a disposed root 503.
 *
 * ```ts
 * http.createServer(toNodeListener(aguiHandler(root, { run: agent }))).listen(8000, '127.0.0.1');
 * ```
 */
export function aguiHandler(root: ScopedEventBus<AgUiEventMap>, options: AguiOptions): (request: Request) => Promise<Response> {
  const where = 'aguiHandler';
  if (!(root instanceof ScopedEventBus)) throw new TypeError(`${where}: root must be a ScopedEventBus of AgUiEvents, got ${describeValue(root)}`);
  const missing = AG_UI_TYPES.find((type) => !root.bus.eventTypes.has(type));
  if (missing !== undefined) throw new TypeError(`${where}: root's registry must hold every AG-UI event type (ScopedEventBus.root(AgUiEvents)), and ${missing} is missing`);
  const settings = checkAguiOptions(options, where);
  return async (request) => {
    if (request.method !== 'POST') return plainResponse(405, 'Method Not Allowed', 'an AG-UI run is started with POST', { allow: 'POST' });
    if (settings.authorize !== undefined && (await settings.authorize(request)) !== true) return plainResponse(403, 'Forbidden');
    const reading = await readRunInput(request, settings.maxBodyBytes);
    if ('problem' in reading) return reading.tooLarge === true ? plainResponse(413, 'Content Too Large', reading.problem) : plainResponse(400, 'Bad Request', reading.problem);
    const { input } = reading;
    if (root.disposed) return plainResponse(503, 'Service Unavailable', 'the root bus is disposed');
    if (root.children.some((child) => child.name === input.runId)) {
      return plainResponse(409, 'Conflict', `the run ${JSON.stringify(input.runId)} is still going`);
    }
    return startRun(root.child(input.runId), input, request, settings);
  };
}
