import { createDraft, current, finishDraft, isDraft, type Draft } from 'immer';
import { describeValue } from '@mesh/signals/internal';
import { type Event, type EventFields, type EventOf, copyMetadata } from '../event.js';
import { freezePayload } from '../freeze.js';
import { isThenable } from '../thenable.js';
import { levelOf } from '../visibility.js';

/**
 * Enriches or filters events: gets an immer draft of the event to change in
 * place (narrow it with `draft.type`), or returns a replacement event, or
 * `null` to drop it. May be async.
 */
export type Middleware<M = Record<string, unknown>> = (
  draft: Draft<EventOf<M>>,
) => void | Event | null | PromiseLike<void | Event | null>;

/** The middleware chain's outcome: the event fields to commit, or `null` when dropped. */
export type MiddlewareOutcome = EventFields | null;

/**
 * Runs `chain` over the event from link `from` on: synchronously while every
 * link is synchronous, switching to a promise at the first async link.
 */
export function runMiddleware(
  chain: readonly Middleware[],
  fields: EventFields,
  maxDepth: number,
  from = 0,
): MiddlewareOutcome | Promise<MiddlewareOutcome> {
  let current = fields;
  for (let i = from; i < chain.length; i++) {
    const draft = createDraft(current) as Draft<EventOf<Record<string, unknown>>>;
    const out = chain[i]!(draft);
    if (isThenable(out)) {
      return Promise.resolve(out).then((settled) => {
        const next = finishLink(draft, settled, current, maxDepth);
        return next === null ? null : runMiddleware(chain, next, maxDepth, i + 1);
      });
    }
    const next = finishLink(draft, out, current, maxDepth);
    if (next === null) return null;
    current = next;
  }
  return current;
}

/** What one middleware link made of the event. */
function finishLink(draft: Draft<EventOf<Record<string, unknown>>>, out: void | Event | null, before: EventFields, maxDepth: number): EventFields | null {
  if (out === null) return null;
  // A replacement may carry pieces of the draft (`{ ...draft, source }`): take plain copies of them first.
  const after = (out === undefined ? finishDraft(draft) : undraft(out)) as EventFields;
  if (typeof after !== 'object' || after === null) {
    throw new TypeError(`middleware must return nothing, an event or null, got ${describeValue(after)}`);
  }
  if (after === before) return before;
  if (after.id !== before.id || after.type !== before.type) {
    throw new TypeError(`middleware may not change an event's id or type (event ${before.type} ${before.id})`);
  }
  levelOf(after.visibility, 'middleware');
  if (typeof after.metadata !== 'object' || after.metadata === null) {
    throw new TypeError(`middleware left metadata that is not an object: ${describeValue(after.metadata)}`);
  }
  return {
    ...after,
    seq: 0,
    data: freezePayload(after.data, maxDepth, 'middleware', before.type, 'data'),
    metadata: after.metadata === before.metadata ? before.metadata : copyMetadata(after.metadata, maxDepth, 'middleware', before.type),
  };
}

/** `value` with every immer draft inside it replaced by a plain copy of its current state. */
function undraft(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (isDraft(value)) return current(value);
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(undraft(item, seen));
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: undraft((value as Record<string, unknown>)[key], seen), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
