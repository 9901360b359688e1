/**
 * Where a client asks to start: live only, after a seq of this epoch, from
 * the start because its id is of another epoch (the server restarted, or is
 * another instance), or a malformed id (treated as live only).
 */
export type ResumePoint =
  | { readonly kind: 'live' }
  | { readonly kind: 'after'; readonly seq: number }
  | { readonly kind: 'reset'; readonly epoch: string }
  | { readonly kind: 'malformed'; readonly raw: string };

/** `<seq>` (this epoch) or `<epoch>-<seq>`. */
const ID = /^(?:([0-9A-Za-z_]{1,64})-)?(\d{1,16})$/;

/**
 * The resume point of a request: the `Last-Event-ID` header (what `EventSource`
 * sends when it reconnects), else the `lastEventId` query parameter (for a
 * first connection that wants history). An id is `<epoch>-<seq>`, as this
 * package sends them, or a plain `<seq>`, meaning this epoch; `seq` is a safe
 * integer. Anything else is malformed.
 */
export function resumePointOf(request: Request, epoch: string): ResumePoint {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  if (raw === null || raw === '') return { kind: 'live' };
  const match = ID.exec(raw.trim());
  const seq = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(seq)) return { kind: 'malformed', raw };
  const of = match[1];
  if (of !== undefined && of !== epoch) return { kind: 'reset', epoch: of };
  return { kind: 'after', seq };
}
