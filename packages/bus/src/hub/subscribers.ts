import type { Event } from '../event.js';
import { isThenable } from '../thenable.js';
import { rankOf } from '../visibility.js';
import type { HandlerAround } from './around.js';

/** A handler as the bus calls it. */
export type Handler = (event: Event) => unknown;

/** A signal receiver: what the hub connects for a subscription that is not direct. */
export type EventReceiver = (sender: unknown, event: Event) => void;

/** What a subscriber receiver reports back to its bus. */
export interface HandlerHooks {
  /** The handler threw, or its filter did. */
  failed(event: Event, handler: Handler, error: unknown): void;
  /** The handler returned a promise: watch it for rejection (and for `publishAsync`). */
  returned(promise: PromiseLike<unknown>, event: Event, handler: Handler): void;
  /** The `handle` hooks of the instrumentations covering the bus, or `undefined` (then handlers are called directly). Changes as they are added and removed. */
  around: HandlerAround | undefined;
}

/** Which events a subscriber takes, beyond its type. */
export interface Admission {
  filter: ((event: Event) => boolean) | undefined;
  /** Highest visibility rank received, or `undefined` for no limit. */
  maxRank: number | undefined;
  /** Takes its first admitted event only: returns `false` once it has. */
  claim: (() => boolean) | undefined;
}

/** No filter, visibility limit or `once`. */
export const NO_ADMISSION: Admission = Object.freeze({ filter: undefined, maxRank: undefined, claim: undefined });

/**
 * The signal receiver behind one subscription: it calls the handler with the
 * event (through the instrumentations' `handle` hooks, if any), isolating
 * its errors. Without filter, visibility or `once` it is a bare
 * {@link callHandler}.
 */
export function receiverFor(handler: Handler, admission: Admission, hooks: HandlerHooks): EventReceiver {
  const { filter, maxRank, claim } = admission;
  if (filter === undefined && maxRank === undefined && claim === undefined) return (_sender, event) => callHandler(handler, event, hooks);
  return (_sender, event) => {
    try {
      if (maxRank !== undefined && rankOf(event.visibility) > maxRank) return;
      if (filter !== undefined && !filter(event)) return;
      if (claim !== undefined && !claim()) return;
    } catch (error) {
      hooks.failed(event, handler, error);
      return;
    }
    callHandler(handler, event, hooks);
  };
}

/**
 * Calls one handler with an event (through the instrumentations' `handle`
 * hooks, if any), isolating its errors and watching a promise it returns.
 */
export function callHandler(handler: Handler, event: Event, hooks: HandlerHooks): void {
  try {
    const around = hooks.around;
    const result = around === undefined ? handler(event) : around(event, handler);
    if (isThenable(result)) hooks.returned(result, event, handler);
  } catch (error) {
    hooks.failed(event, handler, error);
  }
}
