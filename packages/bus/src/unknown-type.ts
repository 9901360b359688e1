import { describeValue } from '@mesh/signals/internal';

/** How many known types an error lists before it says how many more there are. */
const LISTED = 8;

/**
 * The message of an `UnknownEventTypeError`: the type asked for, the types
 * the registry holds (the first few, then a count), and the nearest one when
 * it is close enough to be a typo.
 */
export function unknownTypeMessage(where: string, type: unknown, known: readonly string[]): string {
  if (typeof type !== 'string') return `${where}: an event type is a type name (a string), got ${describeValue(type)}`;
  const listed = known.slice(0, LISTED).map((name) => JSON.stringify(name)).join(', ');
  const more = known.length > LISTED ? ` and ${known.length - LISTED} more` : '';
  const nearest = nearestName(type, known);
  const hint = nearest === undefined ? '' : `; did you mean ${JSON.stringify(nearest)}?`;
  return `${where}: unknown event type ${JSON.stringify(type)} (this bus knows ${listed}${more})${hint}`;
}

/** The known name closest to `name` (case-insensitive edit distance), if at most a third of its length away. */
function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
