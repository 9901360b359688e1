import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBus } from '@mesh/bus';
import { plain, toNodeListener } from '../node.js';
import { hostnameOf, urlOf } from '../request-url.js';
import { sseHandler } from '../sse.js';
import { busOf, type StreamableBus } from '../target.js';
import { loadPage, type Asset } from './assets.js';
import { checkDevtoolsOptions, type DevtoolsOptions, type DevtoolsSettings } from './options.js';

export type { DevtoolsOptions } from './options.js';

/** A running devtools server, from {@link serveDevtools}. */
export interface DevtoolsServer {
  /** The page: open it in a browser. */
  readonly url: string;
  /** The page's Server-Sent Events stream (`?lastEventId=0` for everything history holds, then live). */
  readonly eventsUrl: string;
  /** Ends the open event streams (freeing their bus subscriptions) and stops the server. */
  close(): Promise<void>;
}

/** What every page response carries: nothing loads from elsewhere, nothing runs inline, nothing is cached. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Serves the devtools timeline page for a bus with Node's `http`: `GET /` is
 * the page, `GET /events` its Server-Sent Events stream (every event up to
 * `visibility`, history first), `GET /types` the bus's event types as JSON.
 * The page is self-contained: nothing is fetched from elsewhere. It answers
 * only requests whose `Host` is its own address, a loopback address,
 * `localhost` or one of `allowedHosts` (others get 403, so no page of another
 * origin reads it through DNS rebinding), and 400 to a request whose URL or
 * Host cannot be parsed.
 *
 * ```ts
 * const devtools = await serveDevtools(bus);
 * console.log(`devtools: ${devtools.url}`);
 * // ...
 * await devtools.close();
 * ```
 */
export async function serveDevtools<M>(bus: StreamableBus<M>, options: DevtoolsOptions = {}): Promise<DevtoolsServer> {
  const where = 'serveDevtools';
  const source = busOf(bus, where);
  const settings = checkDevtoolsOptions(options, where);
  // A developer's page reconnects within a second of a restart.
  const events = toNodeListener(sseHandler(source, { filter: { visibility: settings.visibility }, retryMs: 1000 }));
  const page = await loadPage(where);
  const types: Asset = { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(typesOf(source))) };
  const server = createServer((req, res) => {
    try {
      const url = urlOf(req);
      const host = hostnameOf(req);
      if (url === undefined) plain(res, 400, 'the URL or Host cannot be parsed');
      else if (host === undefined || !settings.allowedHosts.has(host) || !settings.allowedHosts.has(url.hostname)) plain(res, 403, 'this devtools server answers only its own host names (see the allowedHosts option)');
      else if (url.pathname === '/events') events(req, res);
      else send(req, res, url.pathname === '/types' ? types : page.get(url.pathname));
    } catch (error) {
      console.error('serveDevtools: could not answer a request:', error);
      if (!res.headersSent) plain(res, 500);
      else res.destroy();
    }
  });
  const address = await listen(server, settings);
  const host = address.family === 'IPv6' ? `[${settings.host}]` : settings.host;
  const url = `http://${host}:${address.port}/`;
  let closing: Promise<void> | undefined;
  return {
    url,
    eventsUrl: `${url}events`,
    close: () => (closing ??= stop(server)),
  };
}

/** The bus's event types, for the page: name, terminal, visibility, doc. */
function typesOf(bus: EventBus<Record<string, unknown>>): Array<{ name: string; terminal: boolean; visibility: string; doc: string | null }> {
  return [...bus.eventTypes].map(([name, spec]) => ({ name, terminal: spec.terminal, visibility: spec.visibility, doc: spec.doc ?? null }));
}

/** Answers with a file (GET or HEAD), 405 for other methods, 404 when there is none. */
function send(req: IncomingMessage, res: ServerResponse, asset: Asset | undefined): void {
  if (asset === undefined) {
    plain(res, 404);
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    plain(res, 405, undefined, { allow: 'GET, HEAD' });
  } else {
    res.writeHead(200, 'OK', { ...PAGE_HEADERS, 'content-type': asset.contentType, 'content-length': asset.body.length });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  }
}

/** Starts listening; rejects when the port cannot be had. */
function listen(server: Server, settings: DevtoolsSettings): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting connections and ends the open ones (event streams included). */
function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
