/**
 * The two EventEmitters the emitter tests run every scenario against: Node's
 * own, and the drop-in. A test asserts what the documentation says happens,
 * and passes for both, so the drop-in is shown to behave as Node does.
 */
import { EventEmitter as NodeEventEmitter } from 'node:events';
import { EventEmitter as MeshEventEmitter } from '../src/emitter.js';

/** Node's constructor type, which both implementations satisfy at run time. */
export type EmitterClass = typeof NodeEventEmitter;

/** `[label, constructor]` pairs for `describe.each`. */
export const IMPLEMENTATIONS: ReadonlyArray<readonly [string, EmitterClass]> = [
  ['node:events', NodeEventEmitter],
  ['@mesh/signals/emitter', MeshEventEmitter as unknown as EmitterClass],
];

/** Runs `scenario` with each implementation and returns both results, Node's first. */
export function both<T>(scenario: (EventEmitter: EmitterClass) => T): [node: T, mesh: T] {
  return [scenario(IMPLEMENTATIONS[0]![1]), scenario(IMPLEMENTATIONS[1]![1])];
}

/** The error `run` throws (fails the test when it throws nothing). */
export function thrown(run: () => unknown): Error & { code?: string; context?: unknown } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a throw');
}
