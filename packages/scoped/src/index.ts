/**
 * Hierarchical event buses: one child bus per workflow, events propagating
 * to ancestors, one ordered log per tree.
 *
 * @packageDocumentation
 */
export { ScopedEventBus, type AnyScopedEventBus, type ScopeSelector, type ScopedRootOptions, type ScopedSubscribeOptions } from './scoped-bus.js';
export { compileScopeGlob } from './scope-glob.js';
