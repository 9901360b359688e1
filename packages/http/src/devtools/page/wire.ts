import type { Event, Visibility } from '@mesh/bus';

/** An event as the stream carries it: the bus's `Event`, as JSON. */
export type WireEvent = Event;

export type { Visibility };

/** An event type as `GET /types` describes it. */
export interface TypeInfo {
  readonly name: string;
  readonly terminal: boolean;
  readonly visibility: Visibility;
  readonly doc: string | null;
}

/** The visibilities, in increasing order. */
export const VISIBILITIES: readonly Visibility[] = ['public', 'internal', 'debug'];

/** The rank of a visibility: public 0, internal 1, debug 2. */
export function rankOf(visibility: Visibility): number {
  return VISIBILITIES.indexOf(visibility);
}

/** Reads `GET /types` (relative to the page). */
export async function fetchTypes(): Promise<ReadonlyMap<string, TypeInfo>> {
  const response = await fetch('types', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET types answered ${response.status}`);
  const list = (await response.json()) as TypeInfo[];
  return new Map(list.map((info) => [info.name, info]));
}
