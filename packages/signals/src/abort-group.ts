/**
 * One `abort` listener per `AbortSignal`, however many callbacks wait on it:
 * adding and removing a callback is O(1), and aborting runs N callbacks in
 * O(N). (Node's `EventTarget` walks its listener list on each add and
 * remove, so N listeners of their own would cost O(N²), and warn past 10.)
 */
interface AbortGroup {
  /** The callbacks, in registration order (each registration its own entry). */
  readonly callbacks: Set<() => void>;
  /** The group's one listener on the signal. */
  readonly listener: () => void;
}

const groups = new WeakMap<AbortSignal, AbortGroup>();

/** Calls `callback` once when `signal` aborts; returns what cancels that. The signal must not have aborted yet. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let group = groups.get(signal);
  if (!group) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      groups.delete(signal);
      for (const run of [...callbacks]) run();
    };
    group = { callbacks, listener };
    groups.set(signal, group);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { callbacks, listener } = group;
  const entry = (): void => callback();
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size !== 0 || groups.get(signal) !== group) return;
    groups.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}
