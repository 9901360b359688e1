/**
 * Adding, removing and reading listeners: the EventEmitter drop-in's
 * prototype methods other than `emit`. Each takes the emitter as `this`
 * and works on whatever object that is (see emitter-state.ts).
 */
import { checkLimit, checkListener } from './emitter-errors.js';
import { maxListenersOf, newEvents, writable, type Fn, type FnList, type Key, type State, type Wrapped } from './emitter-state.js';
import { warnLeak } from './emitter-warning.js';

/** Adds `listener` at the end (or the front), after the `'newListener'` event. */
function add(target: State, name: Key, listener: Wrapped, prepend: boolean): State {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = newEvents();
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', name, listener.listener || listener);
    // A 'newListener' listener may have replaced the whole map (removeAllListeners).
    events = target._events!;
  }
  const existing = events[name];
  if (existing === undefined) {
    events[name] = listener;
    target._eventsCount++;
    return target;
  }
  let list: FnList;
  if (typeof existing === 'function') {
    list = prepend ? [listener, existing] : [existing, listener];
  } else {
    list = writable(target, existing);
    if (prepend) list.unshift(listener);
    else list.push(listener);
  }
  events[name] = list;
  const limit = maxListenersOf(target);
  if (limit > 0 && list.length > limit && !list.warned) {
    list.warned = true;
    warnLeak(target, name, list.length, limit);
  }
  return target;
}

/** `on(name, listener)`, also `addListener`: appends; the same listener twice runs twice. */
export function addListener(this: State, name: Key, listener: Fn): State {
  return add(this, name, listener, false);
}

/** `prependListener(name, listener)`: adds at the front. */
export function prependListener(this: State, name: Key, listener: Fn): State {
  return add(this, name, listener, true);
}

/** A once-wrapper: removes itself, then calls `listener` with the emitter as `this`; never calls it twice. */
function wrapOnce(target: State, name: Key, listener: Fn): Wrapped {
  let fired = false;
  const wrapper: Wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (fired) return undefined;
    fired = true;
    target.removeListener(name, wrapper);
    return listener.apply(target, args);
  };
  wrapper.listener = listener;
  return wrapper;
}

/** `once(name, listener)`: a listener removed before its first call. */
export function once(this: State, name: Key, listener: Fn): State {
  checkListener(listener);
  this.on(name, wrapOnce(this, name, listener));
  return this;
}

/** `prependOnceListener(name, listener)`: `once`, at the front. */
export function prependOnceListener(this: State, name: Key, listener: Fn): State {
  checkListener(listener);
  this.prependListener(name, wrapOnce(this, name, listener));
  return this;
}

/** `removeListener(name, listener)`, also `off`: removes the most recent registration, then emits `'removeListener'`. */
export function removeListener(this: State, name: Key, listener: Fn): State {
  checkListener(listener);
  const events = this._events;
  const stored = events?.[name];
  if (events === undefined || stored === undefined) return this;
  if (stored === listener || (stored as Wrapped).listener === listener) {
    if (--this._eventsCount === 0) this._events = newEvents();
    else {
      delete events[name];
      if (events.removeListener !== undefined) this.emit('removeListener', name, (stored as Wrapped).listener || listener);
    }
    return this;
  }
  if (typeof stored === 'function') return this;
  let at = stored.length - 1;
  while (at >= 0 && stored[at] !== listener && stored[at]!.listener !== listener) at--;
  if (at < 0) return this;
  const list = writable(this, stored);
  list.splice(at, 1);
  events[name] = list.length === 1 ? list[0] : list;
  if (events.removeListener !== undefined) this.emit('removeListener', name, listener);
  return this;
}

/**
 * `removeAllListeners(name?)`: every listener of `name`, or of every name
 * when called without an argument. With `'removeListener'` listeners, each
 * removal is reported, newest first, the `'removeListener'` listeners last.
 */
export function removeAllListeners(this: State, name?: Key): State {
  const events = this._events;
  if (events === undefined) return this;
  const everything = arguments.length === 0;
  if (events.removeListener === undefined) {
    if (everything) {
      this._events = newEvents();
      this._eventsCount = 0;
    } else if (events[name!] !== undefined) {
      if (--this._eventsCount === 0) this._events = newEvents();
      else delete events[name!];
    }
    return this;
  }
  if (everything) {
    for (const each of Reflect.ownKeys(events)) if (each !== 'removeListener') this.removeAllListeners(each);
    this.removeAllListeners('removeListener');
    this._events = newEvents();
    this._eventsCount = 0;
    return this;
  }
  const stored = events[name!];
  if (typeof stored === 'function') this.removeListener(name!, stored);
  else if (stored !== undefined) for (let i = stored.length - 1; i >= 0; i--) this.removeListener(name!, stored[i]!);
  return this;
}

/** The listeners of `name` as stored: once-wrappers included. */
function stored(target: State, name: Key): Wrapped[] {
  const found = target._events?.[name];
  return found === undefined ? [] : typeof found === 'function' ? [found] : found.slice();
}

/** `listeners(name)`: a copy, once-wrappers replaced by the functions they wrap. */
export function listeners(this: State, name: Key): Fn[] {
  return stored(this, name).map((each) => each.listener || each);
}

/** `rawListeners(name)`: a copy, once-wrappers as they are (each with `.listener`). */
export function rawListeners(this: State, name: Key): Fn[] {
  return stored(this, name);
}

/** `listenerCount(name, listener?)`: how many listeners `name` has, or how many registrations of `listener`. */
export function listenerCount(this: State, name: Key, listener?: Fn): number {
  const found = this._events?.[name];
  if (found === undefined) return 0;
  const all = typeof found === 'function' ? [found] : found;
  if (listener === undefined || listener === null) return all.length;
  let count = 0;
  for (const each of all) if (each === listener || each.listener === listener) count++;
  return count;
}

/** `eventNames()`: the names with listeners, in the order of `Reflect.ownKeys` (symbols last). */
export function eventNames(this: State): Key[] {
  return this._eventsCount > 0 && this._events !== undefined ? Reflect.ownKeys(this._events) : [];
}

/** `setMaxListeners(n)`: the leak-warning limit for this emitter (0 or `Infinity`: none). */
export function setMaxListeners(this: State, n: number): State {
  checkLimit(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
}

/** `getMaxListeners()`: this emitter's limit, else `EventEmitter.defaultMaxListeners`. */
export function getMaxListeners(this: State): number {
  return maxListenersOf(this);
}
