import { expect, test } from 'vitest';

const cyclic: Record<string, unknown> = { name: 'cycle' };
cyclic.self = cyclic;

/** Values of every kind, each labelled: fed to calls that take a value of one definite kind. */
export const BAD_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a string', 'text'],
  ['an empty string', ''],
  ['a plain object', { any: 'thing' }],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['a frozen object', Object.freeze({ frozen: true })],
  ['a cyclic object', cyclic],
  ['an array', [1, 2]],
  ['a symbol', Symbol('s')],
];

/** Options objects: any plain object is accepted (unknown keys are ignored); anything else is not. */
export const isOptions = (v: unknown): boolean => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));

/** A call that takes a value of a definite kind: its label, the call on a fresh world, and which values it accepts. */
export type Call<W> = readonly [string, (w: W, value: unknown) => unknown, (value: unknown) => boolean];

/**
 * One test per call and refused value: the call throws an error of a kind
 * `refused` accepts (TypeError or RangeError unless told), with a message
 * that says something, and the world's snapshot is as before.
 */
export function testRefusals<W extends { snapshot(): unknown }>(
  world: () => W,
  calls: ReadonlyArray<Call<W>>,
  refused: (error: unknown) => boolean = (error) => error instanceof TypeError || error instanceof RangeError,
): void {
  for (const [name, call, accepts] of calls) {
    test.each(BAD_VALUES.filter(([, value]) => !accepts(value)))(`${name} with %s: a clear error, nothing changed`, (_label, value) => {
      const w = world();
      const before = w.snapshot();
      let error: unknown;
      try {
        call(w, value);
      } catch (caught) {
        error = caught;
      }
      expect(refused(error)).toBe(true);
      expect((error as Error).message.length).toBeGreaterThan(10);
      expect(w.snapshot()).toEqual(before);
    });
  }
}
