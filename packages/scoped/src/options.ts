import type { EventBusOptions, StreamFilter, SubscribeOptions, WaitForOptions } from '@mesh/bus';
import type { ScopeSelector } from './scope.js';

/** Subscribe options of a scoped bus: the bus's, plus `scope`. */
export interface ScopedSubscribeOptions<T> extends SubscribeOptions<T> {
  /** `'local'`: events published on this bus; `'subtree'` (default): also its descendants'; a glob such as `'root/workflow-*\/**'` filters by origin path. */
  scope?: ScopeSelector;
}

/** A stream filter of a scoped bus: the bus's, plus `scope` (as in {@link ScopedSubscribeOptions}). */
export interface ScopedStreamFilter<K extends string = string> extends StreamFilter<K> {
  /** Which origins the stream carries: `'local'`, `'subtree'` (default) or a glob of origin paths. */
  scope?: ScopeSelector;
}

/** `waitFor` options of a scoped bus: the bus's, plus `scope` (as in {@link ScopedSubscribeOptions}). */
export interface ScopedWaitForOptions<T> extends WaitForOptions<T> {
  /** Which origins the wait accepts: `'local'`, `'subtree'` (default) or a glob of origin paths. */
  scope?: ScopeSelector;
}

/**
 * Options of {@link ScopedEventBus.root}: the tree's name, and the `EventBus`
 * options, which hold for every bus of the tree (`historyLimit` per bus,
 * `onError`, `maxPublishDepth`, `maxPayloadDepth`, `middlewareTimeoutMs`).
 */
export interface ScopedRootOptions extends EventBusOptions {
  /** The root's name, the first segment of every path. Default `'root'`. */
  name?: string;
}
