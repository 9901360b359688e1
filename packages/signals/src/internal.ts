/**
 * Helpers the other @mesh packages share: argument checks and value names for
 * error messages. Not part of the public API: it may change in any release.
 *
 * @internal
 * @packageDocumentation
 */
export { checkConnectOptions } from './options.js';
export { describe as describeValue, requireFunction } from './validate.js';
export { type WaitSource, checkWaitOptions, waitFor } from './wait.js';
