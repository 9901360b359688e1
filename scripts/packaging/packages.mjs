/**
 * The publishable packages of the workspace, their size budgets, and the entry points
 * their `exports` declare.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Budgets in bytes for the main entry, minified + gzipped, own code only (1 KB = 1024 bytes).
 * @type {Record<string, number>}
 */
export const BUDGETS = {
  '@mesh/signals': 4 * 1024, // 3 KB until `signal.wait`, `TimeoutError` (rule 13) and the shared abort listeners (rule 14)
  '@mesh/bus': 11 * 1024, // 10.5 KB until the hub's direct subscriber lists (10.42 KB before, 10.86 KB after: plain handlers called with no signal in between)
  '@mesh/scoped': 2 * 1024,
  '@mesh/http': 5.5 * 1024, // was 4 KB: resume across restarts (epochs), paged history replay, two-list client queues, URL and Host checks
  '@mesh/redis': 5.5 * 1024, // 5 KB until rules 5-7 (conflicts, other producers, close under a stopped Redis) and the JSON guard's hostile-payload checks
  '@mesh/otel': 2.25 * 1024, // 2.01 KB at first release; @opentelemetry/api is a peer and not counted
  '@mesh/agui': 4 * 1024, // 3.8 KB measured: the table of 31 AG-UI schemas, the order guard, the bounded feed, input checks, the body limit
};

/**
 * Packages that run on Node.js only (they import Node built-ins): measured with esbuild's node
 * platform, and left out of the smoke test's browser bundle (their Node ESM import and tsc
 * node16/bundler checks still run).
 * @type {ReadonlySet<string>}
 */
export const NODE_ONLY = new Set(['@mesh/http', '@mesh/redis']);

/** Reads `dir/package.json`. */
export function readManifest(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** The directories of the non-private packages under `packages/`, dependencies before dependents. */
export function publishableDirs(root = ROOT) {
  const base = path.join(root, 'packages');
  const dirs = fs
    .readdirSync(base)
    .sort()
    .map((name) => path.join(base, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')) && !readManifest(dir).private);
  const byName = new Map(dirs.map((dir) => [readManifest(dir).name, dir]));
  const sorted = [];
  const visit = (name) => {
    const dir = byName.get(name);
    if (dir === undefined || sorted.includes(dir)) return;
    byName.delete(name); // guards against cycles
    for (const dep of externals(readManifest(dir))) visit(dep);
    sorted.push(dir);
  };
  for (const name of [...byName.keys()]) visit(name);
  return sorted;
}

/** Every dependency and peer a bundle of this package must leave out. */
export function externals(manifest) {
  return Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies });
}

/**
 * The code entries of `exports`: subpath, import target and types target. A string export
 * counts as the import target; `./package.json` is skipped.
 */
export function exportEntries(manifest) {
  const exp = manifest.exports;
  if (exp == null) return [];
  const map = typeof exp === 'string' || !Object.keys(exp).every((k) => k.startsWith('.')) ? { '.': exp } : exp;
  return Object.entries(map)
    .filter(([subpath]) => !subpath.endsWith('.json'))
    .map(([subpath, target]) => ({
      subpath,
      import: typeof target === 'string' ? target : (target?.import ?? target?.default ?? null),
      types: typeof target === 'string' ? null : (target?.types ?? null),
    }));
}

/** Every string target anywhere in `exports` (conditions nested at any depth). */
export function exportTargets(exp, subpath = '.') {
  if (typeof exp === 'string') return [{ subpath, target: exp }];
  if (exp == null || typeof exp !== 'object') return [];
  return Object.entries(exp).flatMap(([key, value]) => exportTargets(value, key.startsWith('.') ? key : subpath));
}
