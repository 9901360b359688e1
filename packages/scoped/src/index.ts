/**
 * Hierarchical event buses: one child bus per workflow, events propagating
 * to ancestors, middleware and guards reaching descendants, one ordered log
 * per tree.
 *
 * @packageDocumentation
 */
export { ScopedEventBus, type AnyScopedEventBus, type ScopedRootOptions, type ScopedStreamFilter, type ScopedSubscribeOptions, type ScopedWaitForOptions } from './scoped-bus.js';
export type { ScopeSelector } from './scope.js';
export { compileScopeGlob } from './scope-glob.js';
