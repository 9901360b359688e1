/**
 * Named, typed signals with Blinker semantics.
 *
 * @packageDocumentation
 */
export { ANY, type ConnectOptions, type Receiver, type Subscription } from './types.js';
export { Signal, type AnySignal, type ReceiverConnectedPayload, type ReceiverDisconnectedPayload } from './signal.js';
export { NamedSignal, Namespace, defaultNamespace, signal } from './namespace.js';
export { TimeoutError, type WaitOptions } from './wait.js';
