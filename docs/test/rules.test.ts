import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { docsDir } from './guide-code.js';

const root = join(docsDir, '..');
const PACKAGES = ['signals', 'bus', 'scoped', 'redis', 'http', 'otel', 'agui'] as const;

/** How many rules the numbered list under `## Rules` in a package's README holds (checked to run 1, 2, 3…). */
function ruleCount(pkg: string): number {
  const readme = readFileSync(join(root, 'packages', pkg, 'README.md'), 'utf8');
  const section = readme.split(/^## Rules\n/m)[1]?.split(/^## /m)[0] ?? '';
  const numbers = [...section.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
  expect(numbers, `${pkg}: its README's rules are numbered 1, 2, 3…`).toEqual(numbers.map((_, i) => i + 1));
  return numbers.length;
}

/** The test files of a directory (recursively), as [path, source]. */
function testFiles(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.test(-d)?\.ts$/.test(file))
    .map((file): [string, string] => [join(dir, file), readFileSync(join(dir, file), 'utf8')]);
}

/** The titles of a test file's `describe`, `test` and `it` calls. */
function titles(source: string): string[] {
  return [...source.matchAll(/\b(?:describe|test|it)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!);
}

/** Every rule a title cites, as [package, number]: `rule 3`, `rules 2-4, 6`, `bus rule 13`, `@mesh/scoped rule 6`. */
function citations(title: string, own: string): Array<[string, number]> {
  const found: Array<[string, number]> = [];
  for (const m of title.matchAll(/(?:(?:@mesh\/)?(signals|bus|scoped|redis|http|otel|agui)\s+)?\brules?\s+(\d+(?:\s*(?:,|and|-|–)\s*\d+)*)/gi)) {
    for (const n of m[2]!.split(/\s*(?:,|and|-|–)\s*/)) found.push([m[1]?.toLowerCase() ?? own, Number(n)]);
  }
  return found;
}

describe("each package README holds the one numbered list of its rules, and tests are named by it", () => {
  const counts = Object.fromEntries(PACKAGES.map((pkg) => [pkg, ruleCount(pkg)]));

  test.each(PACKAGES)('every rule a test of %s cites is in the README it names', (pkg) => {
    const cited = testFiles(join(root, 'packages', pkg, 'test')).flatMap(([file, source]) =>
      titles(source).flatMap((title) => citations(title, pkg).map(([of, n]) => ({ file: file.slice(root.length + 1), title, of, n }))),
    );
    expect(cited.length).toBeGreaterThan(0);
    const missing = cited.filter(({ of, n }) => !(n >= 1 && n <= counts[of]!));
    expect(missing).toEqual([]);
  });

  test('no test points to a contract file outside the repository', () => {
    const dirs = [...PACKAGES.map((pkg) => join(root, 'packages', pkg, 'test')), join(root, 'docs', 'test')];
    const self = join(docsDir, 'test', 'rules.test.ts'); // this file names them to look for them
    const outside = dirs.flatMap(testFiles).filter(([file, source]) => file !== self && /API\.md|\.\.\/shared/.test(source));
    expect(outside.map(([file]) => file.slice(root.length + 1))).toEqual([]);
  });
});
