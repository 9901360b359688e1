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
  /**
   * More host names the server answers to (say the name of the machine, behind
   * a tunnel). Without them it answers only requests whose `Host` is its own
   * address, a loopback address or `localhost`, and 403 to others, so a page on
   * another origin cannot read it through DNS rebinding.
   */
  allowedHosts?: readonly string[];
}

/** The options of a devtools server, checked and with their defaults. */
export interface DevtoolsSettings {
  readonly port: number;
  readonly host: string;
  readonly visibility: Visibility;
  /** The host names (as `URL.hostname` writes them) the server answers to. */
  readonly allowedHosts: ReadonlySet<string>;
}

/** Checks {@link DevtoolsOptions}: a `TypeError` or `RangeError` naming the bad option. */
export function checkDevtoolsOptions(options: unknown, where: string): DevtoolsSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  const { port = 0, host = '127.0.0.1', visibility = 'debug', allowedHosts = [] } = options as DevtoolsOptions;
  if (typeof port !== 'number') throw new TypeError(`${where}: port must be a number, got ${describeValue(port)}`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`${where}: port must be an integer from 0 to 65535, got ${describeValue(port)}`);
  if (typeof host !== 'string' || host === '') throw new TypeError(`${where}: host must be a non-empty string, got ${describeValue(host)}`);
  levelOf(visibility, where);
  if (!Array.isArray(allowedHosts)) throw new TypeError(`${where}: allowedHosts must be an array of host names, got ${describeValue(allowedHosts)}`);
  // Its own address, the loopback addresses and localhost: what a browser on this machine sends.
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const own = hostnameOf(host);
  if (own !== undefined) names.add(own);
  for (const name of allowedHosts as unknown[]) {
    const hostname = typeof name === 'string' ? hostnameOf(name) : undefined;
    if (hostname === undefined) throw new TypeError(`${where}: allowedHosts must hold host names without a port (like 'devbox.local'), got ${describeValue(name)}`);
    names.add(hostname);
  }
  return { port, host, visibility, allowedHosts: names };
}

/** A host name or address as `URL.hostname` writes it (lower case, IPv6 in brackets); `undefined` when it is not one. */
function hostnameOf(name: string): string | undefined {
  const literal = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  try {
    const url = new URL(`http://${literal}/`);
    return url.host === url.hostname && url.pathname === '/' && url.hostname !== '' && !/[/?#@\\\s]/.test(name) ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}
