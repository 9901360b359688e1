import { compileScopeGlob } from '@mesh/scoped';
import { rankOf, type Visibility, type WireEvent } from './wire.js';

/** What the timeline shows: a type (or all), a highest visibility, a scope glob, a run (or all). */
export interface Filter {
  readonly type: string;
  readonly visibility: Visibility;
  readonly scope: ((path: string) => boolean) | undefined;
  readonly run: string;
}

/** The filter that shows everything. */
export const SHOW_ALL: Filter = { type: '', visibility: 'debug', scope: undefined, run: '' };

/** A scope glob's test, `undefined` for an empty glob; throws a `TypeError` for a malformed one. */
export function scopeTest(glob: string): ((path: string) => boolean) | undefined {
  const trimmed = glob.trim();
  return trimmed === '' ? undefined : compileScopeGlob(trimmed, 'scope filter');
}

/** Whether the filter lets the event through. An event without a scope never matches a scope glob. */
export function matches(filter: Filter, event: WireEvent): boolean {
  if (filter.type !== '' && event.type !== filter.type) return false;
  if (rankOf(event.visibility) > rankOf(filter.visibility)) return false;
  if (filter.run !== '' && event.runId !== filter.run) return false;
  if (filter.scope !== undefined && (event.scope === undefined || !filter.scope(event.scope))) return false;
  return true;
}
