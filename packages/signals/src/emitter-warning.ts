/**
 * The `MaxListenersExceededWarning` of the EventEmitter drop-in: an `Error`
 * named so, with `emitter`, `type` and `count`, given to
 * `process.emitWarning` where there is one (Node, Deno, Bun) and to
 * `console.warn` elsewhere (browsers).
 */
import type { Key, State } from './emitter-state.js';
import { constructorName } from './inspect.js';

/** The warning Node gives when `count` listeners of `name` pass the limit, with its fields. */
export type LeakWarning = Error & { emitter: State; type: Key; count: number };

/** Emits the leak warning for `target`'s listeners of `name`. */
export function warnLeak(target: State, name: Key, count: number, limit: number): void {
  const owner = constructorName(target);
  const warning = new Error(
    `Possible EventEmitter memory leak detected. ${count} ${String(name)} listeners added to ${owner === null ? '[Object: null prototype]' : `[${owner}]`}. ` +
      `MaxListeners is ${limit}. Use emitter.setMaxListeners() to increase limit`,
  ) as LeakWarning;
  warning.name = 'MaxListenersExceededWarning';
  warning.emitter = target;
  warning.type = name;
  warning.count = count;
  const host = (globalThis as { process?: { emitWarning?: (warning: Error) => void } }).process;
  if (typeof host?.emitWarning === 'function') host.emitWarning(warning);
  else console.warn(warning);
}
