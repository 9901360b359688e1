/** Number and label formatting shared by the console, Markdown and SVG reports. */
import type { Role, Scenario } from './types.js';

/** `12.3 M`, `845 k`, `1.23 G`: three significant digits with an SI prefix. */
export function si(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const units: Array<[number, string]> = [
    [1e9, ' G'],
    [1e6, ' M'],
    [1e3, ' k'],
  ];
  for (const [scale, suffix] of units) if (Math.abs(value) >= scale) return `${(value / scale).toPrecision(3)}${suffix}`;
  return value.toPrecision(3);
}

/** Nanoseconds per op from ops/s, three significant digits. */
export function nsPerOp(opsPerSec: number): string {
  if (!Number.isFinite(opsPerSec) || opsPerSec <= 0) return '—';
  const ns = 1e9 / opsPerSec;
  if (ns >= 1e6) return `${(ns / 1e6).toPrecision(3)} ms`;
  return ns >= 1000 ? `${(ns / 1000).toPrecision(3)} µs` : `${ns.toPrecision(3)} ns`;
}

/** `1.23×`, `45.6×`, `8844×`. */
export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${Math.abs(ratio) >= 100 ? ratio.toFixed(0) : Math.abs(ratio) >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** The spread of rounds around their median, as `±4%` (half the range over the median). */
export function plusMinus(median: number, min: number, max: number): string {
  if (!Number.isFinite(median) || median === 0) return '—';
  return `±${(((max - min) / 2 / median) * 100).toFixed(0)}%`;
}

/** How a role reads in tables. */
export function roleLabel(role: Role): string {
  switch (role) {
    case 'subject':
      return 'subject';
    case 'floor':
      return 'floor';
    case 'peer':
      return 'peer';
    case 'peer-codegen':
      return 'peer † (new Function)';
  }
}

/** Table order of roles: the subject, then floors, then peers, then code-generating peers. */
export function roleRank(role: Role): number {
  return ['subject', 'floor', 'peer', 'peer-codegen'].indexOf(role);
}

/** What a heap scenario's bytes are counted per: `subscription` unless the scenario says otherwise. */
export function heapPer(scenario: Pick<Scenario, 'per'>): string {
  return scenario.per ?? 'subscription';
}

/** `1k`, `100k`, `1M`. */
export function sizeLabel(size: number): string {
  if (size >= 1e6 && size % 1e6 === 0) return `${size / 1e6}M`;
  return size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size);
}
