import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { requireFunction } from '@mesh/signals/internal';

/**
 * Serves a Fetch API handler with Node's own `http` module:
 * `http.createServer(toNodeListener(sseHandler(bus)))`. The response body is
 * written as the handler's stream yields it, respecting the socket's
 * backpressure; when the client goes away the request's `signal` aborts and
 * the body is cancelled, so a handler frees what it holds at once. A handler
 * that throws gets a 500 and the error is logged.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  requireFunction(handler, 'toNodeListener', 'handler');
  return (req, res) => {
    void respond(handler, req, res);
  };
}

async function respond(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  let response: Response;
  try {
    response = await handler(requestOf(req, gone.signal));
  } catch (error) {
    console.error('@mesh/http: the handler failed:', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal Server Error\n');
    return;
  }
  res.writeHead(response.status, response.statusText, headersOf(response.headers));
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

/** A Fetch `Request` for a Node request: its URL, method, headers and (unless GET/HEAD) body. */
function requestOf(req: IncomingMessage, signal: AbortSignal): Request {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
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
