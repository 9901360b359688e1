import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { requireFunction } from '@mesh/signals/internal';
import { urlOf } from './request-url.js';

/**
 * Serves a Fetch API handler with Node's own `http` module:
 * `http.createServer(toNodeListener(sseHandler(bus)))`. The response body is
 * written as the handler's stream yields it, respecting the socket's
 * backpressure; when the client goes away the request's `signal` aborts and
 * the body is cancelled, so a handler frees what it holds at once. A request
 * whose URL or Host cannot be parsed gets 400; a handler that throws gets a
 * 500 and the error is logged. Status lines carry their reason phrase. Nothing
 * a client sends throws out of the listener.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  requireFunction(handler, 'toNodeListener', 'handler');
  return (req, res) => {
    respond(handler, req, res).catch((error: unknown) => {
      console.error('@mesh/http: toNodeListener could not answer:', error);
      if (!res.headersSent) plain(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}

/** A short plain-text answer: `<status> <reason>`, and the reason (and detail) as the body. */
export function plain(res: ServerResponse, status: number, detail?: string, headers: Record<string, string> = {}): void {
  const reason = STATUS_CODES[status] ?? '';
  res.writeHead(status, reason, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${reason}${detail === undefined ? '' : `: ${detail}`}\n`);
}

async function respond(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const url = urlOf(req);
  let request: Request;
  try {
    if (url === undefined) throw new TypeError('the URL or Host cannot be parsed');
    request = requestOf(req, url, gone.signal);
  } catch (error) {
    plain(res, 400, error instanceof Error ? error.message : 'the request cannot be read');
    return;
  }
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    console.error('@mesh/http: the handler failed:', error);
    if (!res.headersSent) plain(res, 500);
    else res.end();
    return;
  }
  res.writeHead(response.status, response.statusText || STATUS_CODES[response.status] || '', headersOf(response.headers));
  if (response.body === null || gone.signal.aborted) {
    res.end();
    await response.body?.cancel();
    return;
  }
  res.flushHeaders();
  await pipeBody(response.body, res, gone.signal);
}

/** Copies a web stream into the response, waiting for `drain` when the socket is full; cancels it when the client goes. */
async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse, gone: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const cancel = (): void => void reader.cancel().catch(() => undefined);
  gone.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drainOrClose(res);
      if (gone.aborted) return;
    }
    res.end();
  } catch (error) {
    if (!gone.aborted) console.error('@mesh/http: the response body failed:', error);
    res.destroy();
  } finally {
    gone.removeEventListener('abort', cancel);
  }
}

/** Resolves when the socket can take more, or is gone. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A Fetch `Request` for a Node request: its URL, method, headers and (unless GET/HEAD) body; throws for what Fetch refuses (a `TRACE`). */
function requestOf(req: IncomingMessage, url: URL, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Response headers for `writeHead`, keeping several `set-cookie` values apart. */
function headersOf(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}
