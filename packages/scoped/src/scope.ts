import type { Event } from '@mesh/bus';
import { describeValue } from '@mesh/signals/internal';
import { compileScopeGlob } from './scope-glob.js';

/** Which events a scoped subscription sees, by origin: `'local'`, `'subtree'` (the default) or a glob of origin paths. */
export type ScopeSelector = 'local' | 'subtree' | (string & {});

/**
 * The test for events a `scope` admits on the bus at `path`, or `undefined`
 * for `'subtree'` (everything the bus delivers: its own and its descendants'
 * events). `TypeError` for anything that is not a selector.
 */
export function scopeTest(scope: unknown, path: string, where: string): ((event: Event) => boolean) | undefined {
  if (scope === undefined || scope === 'subtree') return undefined;
  if (scope === 'local') return (event) => event.scope === path;
  if (typeof scope !== 'string') throw new TypeError(`${where}: scope must be 'local', 'subtree' or a glob of paths, got ${describeValue(scope)}`);
  const matches = compileScopeGlob(scope, where);
  return (event) => event.scope !== undefined && matches(event.scope);
}

/** `filter` narrowed by a scope test (either may be missing). */
export function narrowed<E extends Event>(filter: ((event: E) => boolean) | undefined, inScope: ((event: Event) => boolean) | undefined): ((event: E) => boolean) | undefined {
  if (inScope === undefined) return filter;
  if (filter === undefined) return inScope;
  return (event) => inScope(event) && filter(event);
}
