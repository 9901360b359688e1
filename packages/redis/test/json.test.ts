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
      [{ failure: new Error('x') }, 'data.failure is an Error, not a plain object'],
      [{ buffer: new ArrayBuffer(2) }, 'data.buffer is an ArrayBuffer, not a plain object'],
      [cycle, 'data[0].back is a cycle (it contains itself)'],
    ];
    for (const [value, reason] of cases) expect(whyNotJson(value)).toBe(reason);
  });
});

/** `{ a: { a: ... { a: leaf } } }`, `levels` objects deep. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('whyNotJson against hostile payloads (issue 24: deep, sparse, symbol-keyed, getter, toJSON, top-frozen)', () => {
  test('a payload nested deeper than 512 levels gets a clear reason, never a RangeError; 512 levels pass', () => {
    expect(whyNotJson(nested(512))).toBeUndefined();
    expect(whyNotJson(nested(513))).toBe(`data${'.a'.repeat(28)}… is nested deeper than 512 levels`);
    expect(whyNotJson(nested(100_000))).toBe(`data${'.a'.repeat(28)}… is nested deeper than 512 levels`);
    let list: unknown = [];
    for (let i = 0; i < 100_000; i++) list = [list];
    expect(whyNotJson(list)).toMatch(/^data\[0\]\[0\].*… is nested deeper than 512 levels$/);
  });

  test("a sparse array is refused at its first hole, at the cost of its elements, not of its length", () => {
    const sparse: unknown[] = [];
    sparse[2 ** 32 - 2] = 'x'; // length 2**32 - 1
    const started = performance.now();
    expect(whyNotJson({ list: sparse })).toBe('data.list[0] is a hole (a sparse array), which JSON turns into null');
    expect(whyNotJson([1, , 3])).toBe('data[1] is a hole (a sparse array), which JSON turns into null');
    expect(performance.now() - started).toBeLessThan(100); // the length was never walked (it took 89 s through a publish)
    expect(whyNotJson([1, undefined])).toBe('data[1] is undefined'); // an undefined element is not a hole
  });

  test('an enumerable symbol key is refused (JSON leaves it out); a hidden one is not data', () => {
    const secret = Symbol('secret');
    expect(whyNotJson({ a: { [secret]: 'hidden reasoning' } })).toBe('data.a has a symbol key Symbol(secret), which JSON leaves out');
    const tagged = Object.defineProperty({ n: 1 }, secret, { value: 'tag', enumerable: false });
    expect(whyNotJson(tagged)).toBeUndefined();
  });

  test('a getter is refused without being called: what it returns may change after the check', () => {
    let calls = 0;
    const sneaky = {
      note: 'x',
      get total(): number {
        calls++;
        return calls > 1 ? Number.NaN : 1;
      },
    };
    expect(whyNotJson({ order: sneaky })).toBe('data.order.total is a getter (what it returns may change after this check)');
    expect(calls).toBe(0);
    expect(whyNotJson(Object.defineProperty({}, 'w', { set: () => undefined, enumerable: true }))).toBe('data.w is a getter (what it returns may change after this check)');
  });

  test('a toJSON method is refused: JSON would send what it returns, which nothing checked', () => {
    const payload = { order: { id: 'A', toJSON: () => ({ chain_of_thought: 'leaked' }) } };
    expect(whyNotJson(payload)).toBe('data.order has a toJSON method, which JSON would send instead of it');
    expect(whyNotJson({ toJSON: 5 })).toBeUndefined(); // not a method: JSON sends it as a value
  });

  test('a payload frozen only at its top is checked all the way down', () => {
    expect(whyNotJson(Object.freeze({ a: { b: [1, () => 2] } }))).toBe('data.a.b[1] is a function');
    expect(whyNotJson(Object.freeze({ a: Object.freeze({ b: 1 }) }))).toBeUndefined();
  });
});
