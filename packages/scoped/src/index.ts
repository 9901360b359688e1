/**
 * Hierarchical event buses: one child bus per workflow, events propagating
 * to ancestors, middleware and guards reaching descendants, one ordered log
 * per tree.
 *
 * @packageDocumentation
 */
export { ScopedEventBus, type AnyScopedEventBus } from './scoped-bus.js';
export type { ScopedRootOptions, ScopedStreamFilter, ScopedSubscribeOptions, ScopedWaitForOptions } from './options.js';
export type { ScopeSelector } from './scope.js';
export { compileScopeGlob } from './scope-glob.js';
