/**
 * The parent/child protocol. The parent forks `child.js` with
 * `<scenario id> <round> <quick|full>`; the child runs that scenario once and
 * sends one {@link ChildMessage} over the IPC channel, then exits.
 */
import type { RoundResult } from './types.js';

export type Mode = 'quick' | 'full';

/** What a child sends back. */
export type ChildMessage = { readonly type: 'result'; readonly result: RoundResult } | { readonly type: 'error'; readonly message: string };

/** The child's command-line arguments. */
export function childArgs(scenario: string, round: number, mode: Mode): string[] {
  return [scenario, String(round), mode];
}

/**
 * Parses the child's command-line arguments. A fourth argument, given only
 * by hand when profiling, restricts the run to candidates whose name contains it.
 */
export function parseChildArgs(argv: readonly string[]): { scenario: string; round: number; mode: Mode; only?: string } {
  const [scenario, round, mode, only] = argv;
  if (scenario === undefined || round === undefined || !/^\d+$/.test(round) || (mode !== 'quick' && mode !== 'full')) {
    throw new Error('usage: node --expose-gc child.js <scenario id> <round> <quick|full> [candidate name part]');
  }
  return { scenario, round: Number(round), mode, ...(only === undefined ? {} : { only }) };
}

/** Narrows a message received from a child. */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  return (value.type === 'result' && 'result' in value) || (value.type === 'error' && 'message' in value);
}
