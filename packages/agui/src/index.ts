/**
 * Serve an agent written on `@mesh` buses to every AG-UI frontend: the AG-UI
 * event types as an `@mesh` registry checked by `@ag-ui/core`'s schemas, and a
 * Fetch API handler that runs the agent on a child bus per run and streams
 * its events in AG-UI's wire format.
 *
 * @packageDocumentation
 */
export { AgUiEvents, type AgUiEventMap, type AgUiEventType, type AgUiPayload } from './events.js';
export { aguiHandler } from './handler.js';
export type { AguiOptions } from './options.js';
