import type { RunAgentInput } from '@ag-ui/core';
import { RunStartedEventSchema } from '@ag-ui/core/schemas';
import type { Event, Visibility } from '@mesh/bus';
import { rankOf } from '@mesh/bus/internal';
import type { ScopedEventBus } from '@mesh/scoped';
import { AG_UI_TYPES, TERMINAL_TYPES, type AgUiEventMap } from './events.js';
import { payloadSchema } from './payload-schema.js';

const AG_UI = new Set<string>(AG_UI_TYPES);
const RUN_STARTED = payloadSchema('RUN_STARTED', RunStartedEventSchema);

/**
 * The order AG-UI asks of a run, kept where its events are published: a
 * guard on the run's bus (and its descendants). `RUN_STARTED` comes first
 * and once: when the run's first AG-UI event is anything else, this guard
 * publishes `RUN_STARTED { threadId, runId }` right there, before that event
 * is committed, so it takes the first `seq`; the run's own `RUN_STARTED`
 * after that is refused. Nothing of the run follows its `RUN_FINISHED` or
 * `RUN_ERROR`, and those and `RUN_STARTED` must be visible to the client. The
 * decision is made synchronously at the first publish, so there is no window
 * in which both the run and the handler could start the run.
 */
export class RunOrder {
  #started = false;
  #ended = false;
  readonly #bus: ScopedEventBus<AgUiEventMap>;
  readonly #input: RunAgentInput;
  readonly #maxRank: number;

  constructor(bus: ScopedEventBus<AgUiEventMap>, input: RunAgentInput, visibility: Visibility) {
    this.#bus = bus;
    this.#input = input;
    this.#maxRank = rankOf(visibility);
    // Removed with the bus, when it is disposed.
    bus.addGuard((event) => this.#check(event));
  }

  /** `true` once a `RUN_STARTED` passed (the run's or the handler's). */
  get started(): boolean {
    return this.#started;
  }

  /** `true` once the run's terminal event was delivered. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The run's terminal event was delivered: nothing of the run is accepted after it. */
  end(): void {
    this.#ended = true;
  }

  /** Publishes the handler's `RUN_STARTED` unless one passed already. */
  start(): void {
    if (this.#started) return;
    this.#bus.publish('RUN_STARTED', { threadId: this.#input.threadId, runId: this.#input.runId });
  }

  #check(event: Event): string | undefined {
    if (!AG_UI.has(event.type)) return undefined; // HANDLER_ERROR and other types of the bus's own
    if (this.#ended) return `${event.type} after the run ${this.#input.runId} ended: nothing of a run follows its RUN_FINISHED or RUN_ERROR`;
    if ((event.type === 'RUN_STARTED' || TERMINAL_TYPES.has(event.type)) && rankOf(event.visibility) > this.#maxRank) {
      return `${event.type} at visibility '${event.visibility}' would never reach the client: a run's first and last events must be visible to it`;
    }
    if (event.type === 'RUN_STARTED') {
      if (this.#started) return `RUN_STARTED was already published for the run ${this.#input.runId}: it comes once, first`;
      // A malformed one is refused by the schema right after this guard: the run has not started then.
      const checked = RUN_STARTED['~standard'].validate(event.data);
      if (!(checked instanceof Promise) && checked.issues === undefined) this.#started = true;
      return undefined;
    }
    this.start();
    return undefined;
  }
}
