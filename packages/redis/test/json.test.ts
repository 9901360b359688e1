import { whyNotJson } from '@mesh/redis';
import { describe, expect, test } from 'vitest';

describe('whyNotJson: which payloads cross as JSON unchanged', () => {
  test('JSON values pass, and undefined where JSON leaves it out', () => {
    for (const value of [null, true, 'x', 0, -1.5, [], {}, [1, 'a', null, [{}]], { a: { b: [1, { c: 'd' }] } }, Object.create(null), undefined, { gone: undefined }]) {
      expect(whyNotJson(value)).toBeUndefined();
    }
    const shared = { id: 1 };
    expect(whyNotJson({ a: shared, b: shared })).toBeUndefined(); // shared, not cyclic
  });

  test('everything JSON would change or refuse is named with its path', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const cycle: unknown[] = [];
    cycle.push({ back: cycle });
    const cases: [unknown, string][] = [
      [() => 1, 'data is a function'],
      [{ a: [1, 2n] }, 'data.a[1] is a bigint'],
      [{ s: Symbol('s') }, 'data.s is a symbol'],
      [[1, undefined], 'data[1] is undefined'],
      [{ n: Infinity }, 'data.n is Infinity, which JSON turns into null'],
      [{ at: new Date(0) }, 'data.at is a Date, not a plain object'],
      [{ s: new Set() }, 'data.s is a Set, not a plain object'],
      [{ m: new Money(5) }, 'data.m is a Money, not a plain object'],
      [{ bytes: new Uint8Array(2) }, 'data.bytes is a Uint8Array, not a plain object'],
      [cycle, 'data[0].back is a cycle (it contains itself)'],
    ];
    for (const [value, reason] of cases) expect(whyNotJson(value)).toBe(reason);
  });
});
