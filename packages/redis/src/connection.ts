import { createClient, ErrorReply } from 'redis';
import { RedisUnreachableError } from './errors.js';
import { maskUrl } from './options.js';

/** A node-redis client as the bridge uses it. */
export type Client = ReturnType<typeof createClient>;

/** The bridge's two connections: one for writes and acks, one for blocking reads. */
export interface Clients {
  readonly writer: Client;
  readonly reader: Client;
}

/**
 * Connects both clients within `timeoutMs`, or destroys them and rejects with
 * a `RedisUnreachableError` naming the URL (password masked). After that,
 * the clients reconnect on their own (up to 1 s apart) whenever the link
 * drops; `onLinkError` hears every error of either client from then on.
 */
export async function connectClients(url: string, timeoutMs: number, onLinkError: (error: Error) => void): Promise<Clients> {
  const make = (): Client =>
    createClient({
      url,
      // Commands fail at once while disconnected: the bridge keeps its own bounded buffer.
      disableOfflineQueue: true,
      socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000) },
    });
  const writer = make();
  const reader = make();
  let lastError: Error | undefined;
  let connected = false;
  for (const client of [writer, reader]) {
    client.on('error', (error: Error) => (connected ? onLinkError(error) : (lastError = error)));
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnreachableError(maskUrl(url), timeoutMs, { cause: lastError })), timeoutMs);
  });
  const connecting = Promise.all([writer.connect(), reader.connect()]);
  try {
    await Promise.race([connecting, deadline]);
    connected = true;
    return { writer, reader };
  } catch (error) {
    connecting.catch(() => undefined); // settles after destroy(); nobody waits for it
    for (const client of [writer, reader]) if (client.isOpen) client.destroy();
    throw error instanceof RedisUnreachableError ? error : new RedisUnreachableError(maskUrl(url), timeoutMs, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `error` is Redis refusing one command (an error reply), rather than the link failing. */
export function isRefusal(error: unknown): error is ErrorReply {
  return error instanceof ErrorReply && !isTransient(error);
}

/** Error replies that pass on their own: Redis still loading its data after a restart, or busy. */
function isTransient(error: ErrorReply): boolean {
  return /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN)\b/.test(error.message);
}

/**
 * Resolves once `client` is ready (at once if it is), or when `signal`
 * aborts. Transient refusals (Redis still loading) wait `retryMs` too.
 */
export function whenReady(client: Client, signal: AbortSignal, retryMs = 0): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    let timer: NodeJS.Timeout | undefined;
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', done);
    if (client.isReady) timer = setTimeout(done, retryMs);
    else client.on('ready', done);
  });
}

/**
 * Whether `promise` settles before `deadline` (a `Date.now()` time); never
 * rejects. The bridge uses it to keep `closeTimeoutMs` when Redis stops
 * answering (a paused server keeps the connection open and replies to nothing).
 */
export function settlesBy(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), false)));
  return Promise.race([promise.then(() => true, () => true), late]).finally(() => clearTimeout(timer));
}

/** Closes `client` once its commands are answered, or destroys it at `deadline` (their callers get an error). */
export async function closeBy(client: Client, deadline: number): Promise<void> {
  if (client.isOpen && !(await settlesBy(client.close(), deadline))) client.destroy();
}
