/**
 * The peer libraries, each as a kit: a timed candidate with N distinct
 * listeners on one event, and a primer that drives the same library with
 * other listeners and payloads before anything is timed.
 */
import { EventEmitter as NodeEmitter, setMaxListeners } from 'node:events';
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import mittModule from 'mitt';
import { createNanoEvents } from 'nanoevents';
import { EventEmitter as Tseep } from 'tseep';
import type { Body, Candidate } from './harness/types.js';
import { PAYLOAD, domListeners, listeners, type Payload } from './receivers.js';

// mitt ships CommonJS-style typings for an ES module default export.
const mitt = mittModule as unknown as typeof mittModule.default;

/** A listener of any payload, as the primers connect them. */
export type AnyListener = (payload: unknown) => void;

/** One peer library. */
export interface PeerKit {
  readonly name: string;
  readonly role: 'peer' | 'peer-codegen';
  /** A candidate: `count` distinct listeners on one event, emitting {@link PAYLOAD} in a loop. */
  emitCandidate(count: number): Candidate;
  /** Subscribes `fns` to one event of a fresh emitter; returns a function that emits it once. */
  primer(fns: readonly AnyListener[]): (payload: unknown) => void;
}

/** The name every peer candidate emits. */
const EVENT = 'e';

const eventemitter3: PeerKit = {
  name: 'eventemitter3',
  role: 'peer',
  emitCandidate: (count) => ({
    name: 'eventemitter3',
    role: 'peer',
    setup(): Body {
      const ee = new EventEmitter3();
      for (const fn of listeners(count)) ee.on(EVENT, fn);
      return (n) => {
        for (let k = 0; k < n; k++) ee.emit(EVENT, PAYLOAD);
      };
    },
  }),
  primer(fns) {
    const ee = new EventEmitter3();
    for (const fn of fns) ee.on(EVENT, fn);
    return (payload) => void ee.emit(EVENT, payload);
  },
};

const mittKit: PeerKit = {
  name: 'mitt',
  role: 'peer',
  emitCandidate: (count) => ({
    name: 'mitt',
    role: 'peer',
    setup(): Body {
      const emitter = mitt<{ e: Payload }>();
      for (const fn of listeners(count)) emitter.on(EVENT, fn);
      return (n) => {
        for (let k = 0; k < n; k++) emitter.emit(EVENT, PAYLOAD);
      };
    },
  }),
  primer(fns) {
    const emitter = mitt<{ e: unknown }>();
    for (const fn of fns) emitter.on(EVENT, fn);
    return (payload) => emitter.emit(EVENT, payload);
  },
};

const nanoevents: PeerKit = {
  name: 'nanoevents',
  role: 'peer',
  emitCandidate: (count) => ({
    name: 'nanoevents',
    role: 'peer',
    setup(): Body {
      const emitter = createNanoEvents<{ e: (payload: Payload) => void }>();
      for (const fn of listeners(count)) emitter.on(EVENT, fn);
      return (n) => {
        for (let k = 0; k < n; k++) emitter.emit(EVENT, PAYLOAD);
      };
    },
  }),
  primer(fns) {
    const emitter = createNanoEvents<{ e: AnyListener }>();
    for (const fn of fns) emitter.on(EVENT, fn);
    return (payload) => emitter.emit(EVENT, payload);
  },
};

const nodeEvents: PeerKit = {
  name: 'node:events',
  role: 'peer',
  emitCandidate: (count) => ({
    name: 'node:events',
    role: 'peer',
    setup(): Body {
      const ee = new NodeEmitter();
      ee.setMaxListeners(0);
      for (const fn of listeners(count)) ee.on(EVENT, fn);
      return (n) => {
        for (let k = 0; k < n; k++) ee.emit(EVENT, PAYLOAD);
      };
    },
  }),
  primer(fns) {
    const ee = new NodeEmitter();
    ee.setMaxListeners(0);
    for (const fn of fns) ee.on(EVENT, fn);
    return (payload) => void ee.emit(EVENT, payload);
  },
};

/** `EventTarget` dispatching one reused `CustomEvent` (its payload in `detail`). */
const eventTarget: PeerKit = {
  name: 'EventTarget',
  role: 'peer',
  emitCandidate: (count) => ({
    name: 'EventTarget',
    role: 'peer',
    setup(): Body {
      const target = new EventTarget();
      setMaxListeners(0, target);
      for (const fn of domListeners(count)) target.addEventListener(EVENT, fn);
      const event = new CustomEvent<Payload>(EVENT, { detail: PAYLOAD });
      return (n) => {
        for (let k = 0; k < n; k++) target.dispatchEvent(event);
      };
    },
  }),
  primer(fns) {
    const target = new EventTarget();
    setMaxListeners(0, target);
    for (const fn of fns) target.addEventListener(EVENT, (e) => fn((e as CustomEvent<unknown>).detail));
    return (payload) => void target.dispatchEvent(new CustomEvent(EVENT, { detail: payload }));
  },
};

/** tseep compiles each listener list into a function with `new Function`. */
const tseep: PeerKit = {
  name: 'tseep',
  role: 'peer-codegen',
  emitCandidate: (count) => ({
    name: 'tseep',
    role: 'peer-codegen',
    setup(): Body {
      const ee = new Tseep<{ e: (payload: Payload) => void }>();
      for (const fn of listeners(count)) ee.on(EVENT, fn);
      return (n) => {
        for (let k = 0; k < n; k++) ee.emit(EVENT, PAYLOAD);
      };
    },
  }),
  primer(fns) {
    const ee = new Tseep<{ e: AnyListener }>();
    for (const fn of fns) ee.on(EVENT, fn);
    return (payload) => void ee.emit(EVENT, payload);
  },
};

/** Every peer, in table order (tseep last: it is reported apart). */
export const PEERS: readonly PeerKit[] = [eventemitter3, mittKit, nanoevents, nodeEvents, eventTarget, tseep];
