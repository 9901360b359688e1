/**
 * What the other @mesh packages build on: trees of buses (for
 * `@mesh/scoped`), visibility ranks, and the fields of an event. Not part of
 * the public API: it may change in any release.
 *
 * @internal
 * @packageDocumentation
 */
export { createChildBus, createRootBus, feedEvents, scopedStream, scopedWait, type TreeRootOptions } from './tree.js';
export { CROSSING_FIELDS, EVENT_FIELDS } from './event.js';
export { levelOf, rankOf } from './visibility.js';
