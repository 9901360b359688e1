import type { Event } from './event.js';
import type { TreeSettings } from './level.js';
import type { EventBusOptions } from './options.js';
import type { WriterLimits } from './writer/writer.js';

/** A tree's settings from its root's options, defaults filled in. */
export function settingsOf(options: EventBusOptions): TreeSettings {
  return { historyLimit: options.historyLimit ?? 1000, onError: options.onError ?? logFailure };
}

/** A tree's limits from its root's options, defaults filled in. */
export function limitsOf(options: EventBusOptions): WriterLimits {
  return { maxPublishDepth: options.maxPublishDepth ?? 64, maxPayloadDepth: options.maxPayloadDepth ?? 512, middlewareTimeoutMs: options.middlewareTimeoutMs ?? 30_000 };
}

/** The default `onError`: what failed, where, and the error with its stack. */
function logFailure(error: unknown, context: { event?: Event; handler?: Function }): void {
  const what = context.event === undefined ? 'a failure' : `${context.handler === undefined ? 'a failure with' : 'a handler of'} ${context.event.type} (event ${context.event.id})`;
  console.error(`@mesh/bus: ${what}:`, error);
}
