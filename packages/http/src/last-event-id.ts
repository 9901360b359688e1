/** Where a client asks to start: live only, after a seq, or a malformed id (treated as live only). */
export type ResumePoint =
  | { readonly kind: 'live' }
  | { readonly kind: 'after'; readonly seq: number }
  | { readonly kind: 'malformed'; readonly raw: string };

const DIGITS = /^\d{1,16}$/;

/**
 * The resume point of a request: the `Last-Event-ID` header (what `EventSource`
 * sends when it reconnects), else the `lastEventId` query parameter (for a
 * first connection that wants history). An id is a seq: digits only, a safe
 * integer; anything else is malformed.
 */
export function resumePointOf(request: Request): ResumePoint {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  if (raw === null || raw === '') return { kind: 'live' };
  const trimmed = raw.trim();
  if (!DIGITS.test(trimmed)) return { kind: 'malformed', raw };
  const seq = Number(trimmed);
  return Number.isSafeInteger(seq) ? { kind: 'after', seq } : { kind: 'malformed', raw };
}
