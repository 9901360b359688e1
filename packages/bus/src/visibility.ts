import { describeValue } from '@mesh/signals/internal';

/** Who may see an event, in increasing order: `public` < `internal` < `debug`. */
export type Visibility = 'public' | 'internal' | 'debug';

const LEVELS: ReadonlyMap<unknown, number> = new Map<Visibility, number>([
  ['public', 0],
  ['internal', 1],
  ['debug', 2],
]);

/** The rank of a visibility (0 for public); throws a `TypeError` for anything else. */
export function levelOf(visibility: unknown, where: string): number {
  const level = LEVELS.get(visibility);
  if (level === undefined) {
    throw new TypeError(`${where}: visibility must be 'public', 'internal' or 'debug', got ${describeValue(visibility)}`);
  }
  return level;
}

/** The rank of a visibility already checked. */
export function rankOf(visibility: Visibility): number {
  return LEVELS.get(visibility)!;
}
