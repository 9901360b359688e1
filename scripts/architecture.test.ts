/**
 * The shape of the sources: every package's `src` has small files and no
 * import cycles between them (type-only imports count: they tie files
 * together for a reader as much as value imports do).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 300;

/** Every `.ts` file under `dir`, recursively. */
function sourcesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourcesUnder(path));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** The files of the same package a source imports (relative specifiers, `.js` mapped to `.ts`). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)) {
    found.push(resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
  }
  return found;
}

/** One import cycle in the graph, as a list of files, or `undefined`. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

const packages = readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('package sources', () => {
  it('finds the packages', () => {
    expect(packages).toEqual(expect.arrayContaining(['signals', 'bus', 'scoped', 'redis', 'http']));
  });

  for (const name of packages) {
    const files = sourcesUnder(join(ROOT, 'packages', name, 'src'));

    it(`${name}: no source file is over ${MAX_LINES} lines`, () => {
      const long = files
        .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
        .filter(({ lines }) => lines > MAX_LINES);
      expect(long).toEqual([]);
    });

    it(`${name}: no import cycle between its files`, () => {
      const graph = new Map(files.map((file) => [file, relativeImports(file)] as const));
      expect(graph.size).toBeGreaterThan(0);
      expect(findCycle(graph)?.map((file) => relative(ROOT, file))).toBeUndefined();
    });
  }
});

describe('the cycle finder', () => {
  it('finds a cycle, and none in a chain', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toBeUndefined();
  });
});
