import type { Instrumentation } from '../instrumentation.js';
import type { PluginScope } from '../options.js';
import type { Guard } from './guards.js';
import type { Middleware } from './middleware.js';

/** A guard, middleware or instrumentation as one bus holds it: the function, and whether descendants get it too. */
export interface Plugin<F> {
  readonly fn: F;
  readonly scope: PluginScope;
}

/** The guards and middleware an event runs, in order: every level's, root first. */
export interface Chains {
  readonly guards: readonly Guard[];
  readonly middleware: readonly Middleware[];
}

/** The chains of a level with no plugin on its way to the root. */
export const NO_CHAINS: Chains = Object.freeze({ guards: Object.freeze([]), middleware: Object.freeze([]) });

/** Which list of a {@link PluginSet} changed. */
export type PluginKind = 'chains' | 'instrumentations';

/**
 * The guards, middleware and instrumentations added on one bus, in the order
 * added. Lists are replaced, never changed in place, so a chain handed out
 * stays as it was. Every change is told to `changed`: for guards and
 * middleware the tree's version is bumped, which tells cached chains they are stale.
 */
export class PluginSet {
  guards: readonly Plugin<Guard>[] = [];
  middleware: readonly Plugin<Middleware>[] = [];
  instrumentations: readonly Plugin<Instrumentation>[] = [];

  constructor(private readonly changed: (kind: PluginKind) => void) {}

  /** Adds a guard; returns its remover (a second call does nothing). */
  addGuard(fn: Guard, scope: PluginScope): () => void {
    return this.#add(fn, scope, 'chains', () => this.guards, (list) => (this.guards = list));
  }

  /** Adds a middleware; returns its remover (a second call does nothing). */
  addMiddleware(fn: Middleware, scope: PluginScope): () => void {
    return this.#add(fn, scope, 'chains', () => this.middleware, (list) => (this.middleware = list));
  }

  /** Adds an instrumentation; returns its remover (a second call does nothing). */
  addInstrumentation(fn: Instrumentation, scope: PluginScope): () => void {
    return this.#add(fn, scope, 'instrumentations', () => this.instrumentations, (list) => (this.instrumentations = list));
  }

  #add<F>(fn: F, scope: PluginScope, kind: PluginKind, read: () => readonly Plugin<F>[], write: (list: readonly Plugin<F>[]) => void): () => void {
    const plugin = { fn, scope };
    write([...read(), plugin]);
    this.changed(kind);
    return once(() => {
      write(read().filter((p) => p !== plugin));
      this.changed(kind);
    });
  }
}

/**
 * The chains of an event published on `levels[0]` (its origin), given the
 * levels that know its type from the origin up: each level's plugins, root
 * first; an ancestor's `'local'` plugins are left out.
 */
export function chainsOf(levels: readonly PluginSet[]): Chains {
  const guards: Guard[] = [];
  const middleware: Middleware[] = [];
  for (let at = levels.length - 1; at >= 0; at--) {
    const set = levels[at]!;
    for (const plugin of set.guards) if (at === 0 || plugin.scope === 'subtree') guards.push(plugin.fn);
    for (const plugin of set.middleware) if (at === 0 || plugin.scope === 'subtree') middleware.push(plugin.fn);
  }
  return guards.length === 0 && middleware.length === 0 ? NO_CHAINS : { guards, middleware };
}

/** `fn`, callable once (later calls do nothing). */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
