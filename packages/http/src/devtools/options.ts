import type { Visibility } from '@mesh/bus';
import { levelOf } from '@mesh/bus/internal';
import { describeValue } from '@mesh/signals/internal';

/** Options of {@link serveDevtools}. */
export interface DevtoolsOptions {
  /** The port to listen on. Default 0: a free port, chosen by the system. */
  port?: number;
  /** The address to listen on. Default `'127.0.0.1'`: this machine only. */
  host?: string;
  /** The highest visibility the page gets. Default `'debug'`: everything, as befits a developer's tool. */
  visibility?: Visibility;
}

/** The options of a devtools server, checked and with their defaults. */
export interface DevtoolsSettings {
  readonly port: number;
  readonly host: string;
  readonly visibility: Visibility;
}

/** Checks {@link DevtoolsOptions}: a `TypeError` or `RangeError` naming the bad option. */
export function checkDevtoolsOptions(options: unknown, where: string): DevtoolsSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  const { port = 0, host = '127.0.0.1', visibility = 'debug' } = options as DevtoolsOptions;
  if (typeof port !== 'number') throw new TypeError(`${where}: port must be a number, got ${describeValue(port)}`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`${where}: port must be an integer from 0 to 65535, got ${describeValue(port)}`);
  if (typeof host !== 'string' || host === '') throw new TypeError(`${where}: host must be a non-empty string, got ${describeValue(host)}`);
  levelOf(visibility, where);
  return { port, host, visibility };
}
