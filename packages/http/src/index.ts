/**
 * A bus in the browser: Server-Sent Events with `Last-Event-ID` resume,
 * bounded per-client queues and public-only defaults, Node's `http` through
 * {@link toNodeListener}, and a live devtools timeline page.
 *
 * @packageDocumentation
 */
export { sseHandler } from './sse.js';
export type { SseOptions } from './options.js';
export { toNodeListener } from './node.js';
export type { StreamableBus } from './target.js';
export { serveDevtools, type DevtoolsOptions, type DevtoolsServer } from './devtools/server.js';
