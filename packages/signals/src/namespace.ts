import { Signal } from './signal.js';
import { requireName, requireOptionalDoc } from './validate.js';

/** A signal with a name, as {@link Namespace.signal} and {@link signal} make them. */
export class NamedSignal<P = void, S = unknown, R = unknown> extends Signal<P, S, R> {
  /** The name it is registered under. */
  readonly name: string;

  /** Creates a named signal outside any namespace (namespaces make them for you). */
  constructor(name: string, doc?: string) {
    requireName(name, 'NamedSignal');
    super(doc);
    this.name = name;
  }

  /** `NamedSignal(name)`, for logs. */
  override toString(): string {
    return `NamedSignal(${JSON.stringify(this.name)})`;
  }
}

/**
 * A registry of named signals: asking for a name twice gives the same signal.
 * Typed by an event map, `{ name: payload }`, so `ns.signal('saved')` carries
 * the payload type of `saved`. Signals are held strongly, as in Blinker's
 * `Namespace`.
 */
export class Namespace<M extends Record<string, unknown> = Record<string, unknown>> {
  readonly #signals = new Map<string, NamedSignal<unknown>>();

  /** The signal called `name`, created (with `doc`) on first use. */
  signal<K extends keyof M & string>(name: K, doc?: string): NamedSignal<M[K]> {
    requireName(name, 'Namespace.signal');
    requireOptionalDoc(doc, 'Namespace.signal');
    let found = this.#signals.get(name);
    if (!found) this.#signals.set(name, (found = new NamedSignal<unknown>(name, doc)));
    return found as NamedSignal<M[K]>;
  }

  /** `true` if a signal called `name` exists. */
  has(name: string): boolean {
    requireName(name, 'Namespace.has');
    return this.#signals.has(name);
  }

  /** The signal called `name`, or `undefined` without creating it. */
  get<K extends keyof M & string>(name: K): NamedSignal<M[K]> | undefined {
    requireName(name, 'Namespace.get');
    return this.#signals.get(name) as NamedSignal<M[K]> | undefined;
  }

  /** The names of every signal made so far, in creation order. */
  names(): string[] {
    return [...this.#signals.keys()];
  }
}

/** The namespace behind {@link signal}. */
export const defaultNamespace: Namespace = new Namespace();

/** The named signal `name` of {@link defaultNamespace}: the same instance for the same name. */
export function signal<P = unknown>(name: string, doc?: string): NamedSignal<P> {
  return defaultNamespace.signal(name, doc) as NamedSignal<P>;
}
