import type { IncomingMessage } from 'node:http';

/** A `Host` header: a name or IPv4 address, or a bracketed IPv6 address, and an optional port; nothing else. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[^\s/?#@\\[\]:]+)(?::\d{1,5})?$/;

/**
 * The URL of a Node request: its target (origin form `/path?query`, or
 * absolute form `http://host/path`) on its `Host` (`localhost` when an
 * HTTP/1.0 client sent none). `undefined` when the target or the Host cannot
 * be parsed, so the caller answers 400 instead of throwing.
 */
export function urlOf(req: IncomingMessage): URL | undefined {
  const host = req.headers.host ?? 'localhost';
  const target = req.url ?? '/';
  if (!HOST.test(host)) return undefined;
  try {
    return target.startsWith('/') ? new URL(`http://${host}${target}`) : new URL(target);
  } catch {
    return undefined;
  }
}

/** The host name of a request's `Host` header (as `URL.hostname` writes it); `undefined` when it has none or it cannot be parsed. */
export function hostnameOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (host === undefined || !HOST.test(host)) return undefined;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}
