/**
 * Helpers the other @mesh packages share: argument checks, value names for
 * error messages, and subscription tokens. Not part of the public API: it
 * may change in any release.
 *
 * @internal
 * @packageDocumentation
 */
export { checkConnectOptions } from './options.js';
export { type Link, subscriptionFor } from './subscription.js';
export { describe as describeValue, requireFunction } from './validate.js';
export { type WaitSource, checkWaitOptions, waitFor } from './wait.js';
