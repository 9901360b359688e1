import { describeValue } from '@mesh/signals/internal';
import type { Event } from './event.js';

/**
 * A plugin that watches events go through a bus, for tracing, metrics or
 * logging: hooks at publish (in the publisher's own synchronous context),
 * when the event is stored or refused, and around every handler call. Added
 * with `bus.addInstrumentation(instrumentation)`; in a tree it covers the
 * bus and its descendants, like middleware.
 *
 * An instrumentation watches and never steers: it may add metadata to an
 * event (e.g. a trace context), but an error its hooks throw goes to the
 * bus's `onError`, and the publish goes on as without it. Only `handle`
 * stands in the handler's place, so what it throws is the handler's failure.
 */
export interface Instrumentation {
  /**
   * Called by `publish` and `publishAsync` for each event published on a
   * bus this instrumentation covers, synchronously, in the publisher's
   * context, before guards run. `event` is the event as published (`seq` is
   * still 0). Returns a {@link PublishWatch} to follow that publish to its
   * outcome, or nothing. Events that arrive through `ingest` do not pass here.
   */
  publish?(event: Event): PublishWatch | void;
  /**
   * Called in place of each handler call on a bus this instrumentation
   * covers (after the subscription's filter, visibility and `once` let the
   * event through): it must call `handler(event)` once and return what it
   * returns, a handler's promise included, so the bus still sees async
   * failures. With several instrumentations, the root's is the outermost.
   */
  handle?(event: Event, handler: (event: Event) => unknown): unknown;
}

/** Follows one publish, from {@link Instrumentation.publish} to its outcome: exactly one of `stored`, `rejected` and `dropped` is called. */
export interface PublishWatch {
  /**
   * Entries added to the event's metadata (over the publisher's entries of
   * the same name) before guards, middleware and storing, so history,
   * streams and transports carry them. Checked and frozen like the publisher's.
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** The event was stored at every level it reaches, with its `seq`; called before any handler sees it. */
  stored?(event: Event): void;
  /** The publish was refused or failed before it was stored: a guard's `EventRejectedError`, the schema, a middleware, a timeout, a closed bus. */
  rejected?(error: unknown): void;
  /** A middleware dropped the event (returned `null`): it is stored and delivered nowhere. */
  dropped?(): void;
}

/** Throws a `TypeError` naming `where` unless `value` is an instrumentation with at least one hook. */
export function checkInstrumentation(value: unknown, where: string): asserts value is Instrumentation {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${where}: expected an instrumentation, an object with publish and/or handle hooks, got ${describeValue(value)}`);
  }
  const { publish, handle } = value as Instrumentation;
  for (const [name, hook] of [['publish', publish], ['handle', handle]] as const) {
    if (hook !== undefined && typeof hook !== 'function') throw new TypeError(`${where}: instrumentation.${name} must be a function, got ${describeValue(hook)}`);
  }
  if (publish === undefined && handle === undefined) throw new TypeError(`${where}: an instrumentation needs a publish or a handle hook, got neither`);
}
